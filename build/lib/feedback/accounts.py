"""Staff accounts: creation, password hashing (argon2) and login with a lockout.

Hashing and verifying take tens of milliseconds of CPU each, by design: they run in a worker
thread, so that a burst of logins does not stall every other request on the event loop.
"""

import asyncio
from datetime import timedelta
from functools import cache
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import Role, User
from routing.text import nfc

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so that both cases take the same time."""
    return _hasher.hash("not a password anyone has")


# Officers and heads act for one department; the other roles work across departments.
DEPARTMENT_ROLES = frozenset({Role.OFFICER, Role.HEAD})


class AccountError(ValueError):
    pass


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``. Without a hash (no such account) it is
    checked against a dummy one, to take the same time, and never matches."""
    try:
        _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    department_id: int | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> User:
    """Add a staff account; refuses a duplicate username, a short password or an officer without a department."""
    if len(password) < 12:
        raise AccountError("the password must have at least 12 characters")
    if role in DEPARTMENT_ROLES and department_id is None:
        raise AccountError(f"a {role} must belong to a department")
    username = username.strip().lower()
    if await session.scalar(select(User.id).where(User.username == username)):
        raise AccountError(f"the username {username!r} is taken")
    user = User(
        username=username,
        full_name=nfc(full_name.strip()),
        role=role,
        department_id=department_id,
        email=email,
        phone=phone,
        password_hash=await hash_password(password),
    )
    session.add(user)
    await session.flush()
    return user


# After this many wrong passwords in a row, the account refuses every password for LOCKOUT.
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


class LoginRefused(Exception):
    """Wrong username or password (not told apart), or too many failures: ``locked``."""

    def __init__(self, *, locked: bool) -> None:
        super().__init__("locked" if locked else "invalid")
        self.locked = locked


class AttemptCounter(Protocol):
    """Counts attempts per key in one atomic step (:mod:`feedback.web.stores` has one for Redis
    and one for embedded mode), so that parallel requests cannot all read the same count."""

    async def count_attempt(self, key: str, *, limit: int, window: timedelta) -> int:
        """Count one attempt and return the count, this one included. The count lives ``window``
        after the last attempt counted within ``limit``: attempts past it do not prolong it."""
        ...

    async def delete(self, key: str) -> None: ...


def failure_key(username: str) -> str:
    """Where the wrong attempts of an account are counted: its passwords and its second factor's codes."""
    return f"login-failures:{username.strip().lower()}"


async def authenticate(session: AsyncSession, failures: AttemptCounter, username: str, password: str) -> User:
    """The active account ``username`` if ``password`` is its password; :class:`LoginRefused` otherwise.

    ``failures`` counts attempts per username (in Redis in production, so every process shares
    it) until one succeeds. Each attempt is counted before its password is checked, so that of
    any number of parallel attempts at most :data:`MAX_FAILURES` are checked; after that many
    wrong ones the account is locked for :data:`LOCKOUT`, whatever is typed. An unknown
    username costs the same hashing time as a known one.
    """
    username = username.strip().lower()
    key = failure_key(username)
    attempt = await failures.count_attempt(key, limit=MAX_FAILURES, window=LOCKOUT)
    if attempt > MAX_FAILURES:
        raise LoginRefused(locked=True)
    user = await session.scalar(select(User).where(User.username == username, User.active))
    matches = await asyncio.to_thread(_verify, user.password_hash if user else None, password)
    if user is None or not matches:
        raise LoginRefused(locked=attempt == MAX_FAILURES)
    await failures.delete(key)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
    return user


async def list_users(session: AsyncSession) -> list[User]:
    return list(await session.scalars(select(User).order_by(User.department_id, User.role, User.username)))


async def update_user(
    session: AsyncSession, username: str, *, active: bool | None = None, password: str | None = None
) -> User:
    """Deactivate or reactivate an account (its sessions stop at the next request), or set a new password."""
    user = await session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise AccountError(f"no account {username!r}")
    if password is not None:
        if len(password) < 12:
            raise AccountError("the password must have at least 12 characters")
        user.password_hash = await hash_password(password)
    if active is not None:
        user.active = active
    return user

"""Staff accounts: creation, password hashing (argon2) and login with a lockout.

Hashing and verifying take tens of milliseconds of CPU each, by design: they run in a worker
thread, so that a burst of logins does not stall every other request on the event loop.
"""

import asyncio
import re
from datetime import timedelta
from functools import cache
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import AdminRefusal
from feedback.i18n import N_
from feedback.models import Role, User
from routing.text import plain_text_problem

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so that both cases take the same time."""
    return _hasher.hash("not a password anyone has")


# Officers and heads act for one department; the other roles work across departments.
DEPARTMENT_ROLES = frozenset({Role.OFFICER, Role.HEAD})


class AccountError(AdminRefusal):
    """An account change that cannot be made, said once for the command line and the admin pages."""


USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MIN_PASSWORD = 12
MAX_PASSWORD = 200


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


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            N_("the password must have at least {count} characters"), field="password", count=MIN_PASSWORD
        )
    if len(password) > MAX_PASSWORD:
        raise AccountError(
            N_("the password is too long: at most {count} characters"), field="password", count=MAX_PASSWORD
        )
    return password


def check_role(role: Role, department_id: int | None) -> None:
    """Officers and heads act for one department: they need one."""
    if role in DEPARTMENT_ROLES and department_id is None:
        raise AccountError(N_("an officer or a head must belong to a department"), field="department")


def _email(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise AccountError(N_("not an email address, e.g. an.nguyen@stc.gov.vn"), field="email") from None


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
    """Add a staff account; refuses a duplicate or malformed username, a short password or an officer without a department."""
    username = username.strip().lower()
    if not USERNAME.fullmatch(username):
        raise AccountError(
            N_("a username is 2 to 64 small letters, digits, '.', '-' or '_', e.g. an.nguyen"), field="username"
        )
    full_name, problem = plain_text_problem(full_name, 120, required=True)
    if problem:
        raise AccountError(N_("give the full name in plain text, at most 120 characters"), field="full_name")
    email = _email(email)
    check_role(role, department_id)
    check_password(password)
    if await session.scalar(select(User.id).where(User.username == username)):
        raise AccountError(N_("the username '{username}' is taken"), field="username", username=username)
    user = User(
        username=username,
        full_name=full_name,
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


async def account_named(session: AsyncSession, username: str) -> User:
    user = await session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise AccountError(N_("no account '{username}'"), field="username", username=username)
    return user


async def _is_last_admin(session: AsyncSession, user: User) -> bool:
    if user.role is not Role.ADMIN or not user.active:
        return False
    others = select(func.count()).where(User.role == Role.ADMIN, User.active, User.id != user.id)
    return not await session.scalar(others)


async def change_role(session: AsyncSession, user: User, *, role: Role, department_id: int | None) -> None:
    """Give ``user`` a new role and department; the last active admin stays an admin."""
    check_role(role, department_id)
    if role is not Role.ADMIN and await _is_last_admin(session, user):
        raise AccountError(N_("this is the last active admin: make another account admin first"), field="role")
    user.role = role
    user.department_id = department_id


async def set_active(session: AsyncSession, user: User, active: bool, *, actor_id: int | None) -> None:
    """Deactivate or reactivate an account: its sessions stop at their next request (the staff guard
    reads ``active``). No one deactivates themselves, nor the last active admin."""
    if not active and user.id == actor_id:
        raise AccountError(N_("you cannot deactivate your own account"), field="active")
    if not active and await _is_last_admin(session, user):
        raise AccountError(N_("this is the last active admin: make another account admin first"), field="active")
    user.active = active


async def set_password(user: User, password: str) -> None:
    user.password_hash = await hash_password(check_password(password))


async def update_user(
    session: AsyncSession, username: str, *, active: bool | None = None, password: str | None = None
) -> User:
    """Deactivate or reactivate an account (its sessions stop at the next request), or set a new password.

    Without an audit entry: the admin pages and ``caunoi user set`` go through
    :mod:`feedback.admin.accounts`, which records each change.
    """
    user = await account_named(session, username)
    if password is not None:
        await set_password(user, password)
    if active is not None:
        await set_active(session, user, active, actor_id=None)
    return user

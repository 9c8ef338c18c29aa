"""Staff accounts: creation, password hashing (argon2) and login with a lockout."""

from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from litestar.stores.base import Store
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


def hash_password(password: str) -> str:
    return _hasher.hash(password)


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
        password_hash=hash_password(password),
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


async def authenticate(session: AsyncSession, failures: Store, username: str, password: str) -> User:
    """The active account ``username`` if ``password`` is its password; :class:`LoginRefused` otherwise.

    ``failures`` counts wrong passwords per username (Redis in production, so every process
    shares it); after :data:`MAX_FAILURES` the account is locked for :data:`LOCKOUT`, whatever
    is typed. An unknown username costs the same hashing time as a known one.
    """
    username = username.strip().lower()
    key = f"login-failures:{username}"
    count = int(await failures.get(key) or 0)
    if count >= MAX_FAILURES:
        raise LoginRefused(locked=True)
    user = await session.scalar(select(User).where(User.username == username, User.active))
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None:
        await failures.set(key, str(count + 1), expires_in=int(LOCKOUT.total_seconds()))
        raise LoginRefused(locked=count + 1 >= MAX_FAILURES)
    await failures.delete(key)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
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
        user.password_hash = hash_password(password)
    if active is not None:
        user.active = active
    return user

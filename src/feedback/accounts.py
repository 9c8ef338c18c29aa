"""Staff accounts: creation and password hashing (argon2)."""

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import Role, User
from routing.text import nfc

_hasher = PasswordHasher()

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

"""Enrolment, checking codes, turning the second factor off and resetting it.

Codes are checked against the time steps before, at and after ``now`` (a phone's clock may be
off by up to 30 s); a step is claimed by a conditional UPDATE, so that a code, even typed in two
browsers at once, opens one session only. Recovery codes are claimed the same way.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime
from enum import StrEnum

import pyotp
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.accounts import LOCKOUT, MAX_FAILURES, AccountError, AttemptCounter, LoginRefused, failure_key
from feedback.audit.services import record
from feedback.models import Role, User
from feedback.twofactor.models import RecoveryCode, TwoFactor

ISSUER = "Cầu Nối"
STEP_SECONDS = 30
WINDOW = 1
"""Steps accepted either side of now."""
RECOVERY_CODE_COUNT = 10
REQUIRED_ROLES = frozenset({Role.ADMIN, Role.LEADER})

ENABLED = "two_factor:enabled"
DISABLED = "two_factor:disabled"
RESET = "two_factor:reset"
RECOVERY_CODE_USED = "two_factor:recovery_code_used"
REQUIREMENT_CHANGED = "two_factor:requirement_changed"


class SecondStep(StrEnum):
    """What follows a right password."""

    NONE = "none"
    CODE = "code"
    ENROL = "enrol"
    """The account must have a second factor and has none: enrol before anything else."""


class CodeRefused(Exception):
    """The code is wrong, expired, already used, or the member has no second factor."""


class TwoFactorError(Exception):
    """A change that cannot be made: ``reason`` is ``"required"``, ``"enrolled"`` or ``"not_enrolled"``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_required(user: User) -> bool:
    """Admins and leaders must have a second factor; others when an admin decided so for their account."""
    return user.role in REQUIRED_ROLES or user.two_factor_required


async def second_step(session: AsyncSession, user: User) -> SecondStep:
    if await is_enrolled(session, user.id or 0):
        return SecondStep.CODE
    return SecondStep.ENROL if is_required(user) else SecondStep.NONE


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _step_of(secret: str, code: str, now: datetime) -> int | None:
    """The time step within the window whose code ``code`` is, if any."""
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _digits(code: str) -> str:
    return "".join(code.split())


def _recovery_hash(code: str) -> str:
    normal = code.replace("-", "").replace(" ", "").lower()
    return hashlib.sha256(normal.encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 80 bits, 16 characters
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


async def is_enrolled(session: AsyncSession, user_id: int) -> bool:
    return await session.get(TwoFactor, user_id) is not None


async def recovery_codes_left(session: AsyncSession, user_id: int) -> int:
    query = select(func.count()).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))  # type: ignore[union-attr]
    return await session.scalar(query) or 0


async def enrol(session: AsyncSession, user: User, secret: str, code: str, *, now: datetime) -> list[str]:
    """Turn the second factor on with ``secret`` once ``code`` shows the app has it; returns the recovery codes.

    The codes are returned in clear this once; only their hashes are kept.
    """
    assert user.id is not None
    if await is_enrolled(session, user.id):
        raise TwoFactorError("enrolled")
    step = _step_of(secret, _digits(code), now)
    if step is None:
        raise CodeRefused()
    return await activate(session, user, secret, last_step=step, now=now)


async def activate(session: AsyncSession, user: User, secret: str, *, last_step: int = 0, now: datetime) -> list[str]:
    """Store ``secret`` and new recovery codes for ``user``, returned in clear this once.

    :func:`enrol` calls it once the app has shown it has the secret; the demo data calls it with
    the demo's published secret.
    """
    assert user.id is not None
    session.add(TwoFactor(user_id=user.id, secret=secret, last_step=last_step, enabled_at=now))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_recovery_hash(c)) for c in codes)
    await record(session, user.id, ENABLED, f"user:{user.id}", {"two_factor": False}, {"two_factor": True}, now)
    return codes


async def verify(session: AsyncSession, user: User, code: str, *, now: datetime) -> None:
    """Accept a current TOTP code not used before, or an unused recovery code; :class:`CodeRefused` otherwise."""
    factor = await session.get(TwoFactor, user.id)
    if factor is None:
        raise CodeRefused()
    digits = _digits(code)
    if digits.isdigit() and len(digits) == 6:
        step = _step_of(factor.secret, digits, now)
        if step is None:
            raise CodeRefused()
        claimed = await session.execute(
            update(TwoFactor)
            .where(TwoFactor.user_id == user.id, TwoFactor.last_step < step)  # type: ignore[arg-type]
            .values(last_step=step)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise CodeRefused()
        return
    used = await session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,  # type: ignore[arg-type]
            RecoveryCode.code_hash == _recovery_hash(code),  # type: ignore[arg-type]
            RecoveryCode.used_at.is_(None),  # type: ignore[union-attr]
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise CodeRefused()
    left = await recovery_codes_left(session, user.id or 0)
    await record(session, user.id, RECOVERY_CODE_USED, f"user:{user.id}", None, {"recovery_codes_left": left}, now)


async def _remove(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))  # type: ignore[arg-type]
    await session.execute(delete(TwoFactor).where(TwoFactor.user_id == user_id))  # type: ignore[arg-type]


async def disable(session: AsyncSession, user: User, code: str, *, now: datetime) -> None:
    """A member turns their own second factor off, with a current code, if their account does not require it."""
    if is_required(user):
        raise TwoFactorError("required")
    await verify(session, user, code, now=now)
    await _remove(session, user.id or 0)
    await record(session, user.id, DISABLED, f"user:{user.id}", {"two_factor": True}, {"two_factor": False}, now)


async def reset(session: AsyncSession, user: User, *, actor_id: int | None, now: datetime) -> None:
    """An admin (``actor_id``; ``None``: the command line) removes a member's second factor and recovery codes.

    A member who must have one enrols again at their next login.
    """
    if not await is_enrolled(session, user.id or 0):
        raise TwoFactorError("not_enrolled")
    await _remove(session, user.id or 0)
    await record(session, actor_id, RESET, f"user:{user.id}", {"two_factor": True}, {"two_factor": False}, now)


async def set_required(
    session: AsyncSession, user: User, required: bool, *, actor_id: int | None, now: datetime
) -> None:
    """Require (or stop requiring) a second factor of one account, whatever its role."""
    if user.two_factor_required == required:
        return
    before = {"two_factor_required": user.two_factor_required}
    user.two_factor_required = required
    session.add(user)
    await record(
        session, actor_id, REQUIREMENT_CHANGED, f"user:{user.id}", before, {"two_factor_required": required}, now
    )


async def _account(session: AsyncSession, username: str) -> User:
    user = await session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise AccountError(f"no account {username!r}")
    return user


async def reset_account(session: AsyncSession, username: str, *, now: datetime) -> None:
    """The command line's reset (no actor recorded: whoever runs it has the server)."""
    try:
        await reset(session, await _account(session, username), actor_id=None, now=now)
    except TwoFactorError:
        raise AccountError(f"{username!r} has no second factor") from None


async def require_account(session: AsyncSession, username: str, required: bool, *, now: datetime) -> None:
    await set_required(session, await _account(session, username), required, actor_id=None, now=now)


async def verify_counted(
    session: AsyncSession, failures: AttemptCounter, user: User, code: str, *, now: datetime
) -> None:
    """:func:`verify`, with each attempt counted against the login lockout of ``user`` (wrong passwords and
    wrong codes together); :class:`LoginRefused` once the account is locked."""
    key = failure_key(user.username)
    attempt = await failures.count_attempt(key, limit=MAX_FAILURES, window=LOCKOUT)
    if attempt > MAX_FAILURES:
        raise LoginRefused(locked=True)
    try:
        await verify(session, user, code, now=now)
    except CodeRefused:
        if attempt == MAX_FAILURES:
            raise LoginRefused(locked=True) from None
        raise
    await failures.delete(key)

"""Tables of the second factor: one TOTP secret per member who enrolled, and their recovery codes."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime


class TwoFactor(SQLModel, table=True):
    """A member's authenticator: the base32 secret, and the last time step whose code was accepted."""

    __tablename__ = "two_factor"

    user_id: int = Field(primary_key=True, foreign_key="staff_user.id")
    secret: str = Field(max_length=64)
    last_step: int = Field(default=0)
    """Codes of this step and earlier are refused: a code works once, even within its 30 s."""
    enabled_at: datetime = Field(sa_type=UTCDateTime)


class RecoveryCode(SQLModel, table=True):
    """A one-time code for a lost phone, kept as the SHA-256 of its 80 random bits (too many to guess)."""

    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="staff_user.id", index=True)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

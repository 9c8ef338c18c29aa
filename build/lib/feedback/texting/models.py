"""The texts already taken, by Twilio's message SID."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime


class SmsReceived(SQLModel, table=True):
    """A text the webhook has taken: Twilio may call it twice for one message (a timeout, a retry),
    and a second call must not make a second question."""

    __tablename__ = "sms_received"

    sid: str = Field(max_length=64, primary_key=True)
    """Twilio's ``MessageSid``."""
    at: datetime = Field(sa_type=UTCDateTime)

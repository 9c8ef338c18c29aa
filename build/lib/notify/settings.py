"""Settings of the delivery side: Redis for the job broker, SMTP and Twilio for the channels."""

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class NotifySettings(BaseSettings):
    """Read from ``CAUNOI_*`` variables; a channel left unset writes to the local outbox instead."""

    model_config = SettingsConfigDict(env_prefix="CAUNOI_", extra="ignore")

    redis_url: str | None = None

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_ca_file: str | None = None
    """A CA bundle for a relay with a private certificate (the system's CAs otherwise)."""
    mail_from: str = "Cổng hỏi đáp <no-reply@localhost>"
    mail_reply_to: str | None = None

    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_api_key_sid: str | None = None
    """An API key (``SK…``) and its secret may stand in for the account's auth token."""
    twilio_api_key_secret: SecretStr | None = None
    twilio_from: str | None = None
    twilio_messaging_service_sid: str | None = None
    twilio_api_url: str = "https://api.twilio.com"
    sms_without_diacritics: bool = False
    """Send SMS without Vietnamese diacritics: 160 characters a segment instead of 70."""

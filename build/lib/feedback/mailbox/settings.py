"""Settings of the office's mailbox, read over IMAP (``CAUNOI_IMAP_*``): without a host, nothing is read."""

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class MailboxSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAUNOI_IMAP_", extra="ignore")

    host: str | None = None
    port: int = 993
    username: str | None = None
    password: SecretStr | None = None
    security: Literal["none", "starttls", "tls"] = "tls"
    ca_file: str | None = None
    """A CA bundle for a server with a private certificate (the system's CAs otherwise)."""
    folder: str = "INBOX"
    address: str | None = None
    """The mailbox's own address (``hoidap@thanhhoa.gov.vn``): replies to our emails come back to it,
    to ``hoidap+<reference>.<signature>@…``; without it, emails carry no such reply address."""
    category: str = Field(default="khac", max_length=48)
    """The category of a question that came to no alias: its department is found by the routing rules,
    the coordinating office's triage otherwise."""
    aliases: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    """Address → category code: ``xaydung@so.gov.vn=giay-phep-xay-dung,dat@so.gov.vn=dat-dai``."""
    batch: int = Field(default=100, ge=1, le=1000)
    """Messages a reader takes at a time."""

    @field_validator("aliases", mode="before")
    @classmethod
    def _pairs(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        pairs = [item.partition("=") for item in value.split(",") if item.strip()]
        if any(not sep or not code.strip() for _, sep, code in pairs):
            raise ValueError("CAUNOI_IMAP_ALIASES: give address=category, separated by commas")
        return {address.strip().lower(): code.strip() for address, _, code in pairs}

    @property
    def enabled(self) -> bool:
        return bool(self.host)

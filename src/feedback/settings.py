"""All configuration, read once from ``CAUNOI_*`` environment variables (see the README's table)."""

from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from feedback.mailbox.settings import MailboxSettings
from notify.settings import NotifySettings

DEV_SECRET = "dev-only-insecure-secret-key-change-me-0000"  # noqa: S105  (refused outside development)
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAUNOI_", env_nested_delimiter="__", extra="ignore")

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("var")
    database_url: str = ""
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    base_url: str = ""
    upload_dir: Path | None = None
    rate_limit: int = Field(
        default=20,
        ge=1,
        description="questions accepted per minute per client address (every attempt counts towards five times that)",
    )
    follow_up_days: int = Field(
        default=30, ge=0, le=365, description="days after the answer during which the citizen may ask a follow-up"
    )
    open311_rate_limit: int = Field(
        default=60, ge=1, description="questions each Open311 client app may file per minute (each key its own)"
    )
    open311_jurisdiction: str = Field(
        default="", description="the jurisdiction_id Open311 clients may send (default: the host of CAUNOI_BASE_URL)"
    )
    open311_contact: str = Field(default="", description="who to contact about the Open311 endpoint (discovery)")
    sms_category: str = Field(
        default="khac",
        max_length=48,
        description="category code of questions sent by SMS (best one no department answers by default: they go to "
        "the coordinating office's triage)",
    )
    portal_name: str = "Cổng thông tin điện tử tỉnh Thanh Hóa"
    portal_name_en: str = "Thanh Hoa Provincial Web Portal"
    metrics_token: SecretStr | None = Field(
        default=None, description="bearer token /metrics requires (unset: open, so bind or firewall it)"
    )
    ready_max_tick_age: int = Field(
        default=300, ge=30, description="seconds without a scheduler tick after which /readyz fails"
    )
    ready_max_pending_age: int = Field(
        default=900, ge=60, description="seconds a notification may wait for its first try before /readyz fails"
    )
    notify: NotifySettings = Field(default_factory=NotifySettings)
    mailbox: MailboxSettings = Field(default_factory=MailboxSettings)

    @model_validator(mode="after")
    def _derive_defaults(self) -> "Settings":
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'caunoi.sqlite3'}"
        if not self.base_url:
            self.base_url = f"http://{self.host}:{self.port}"
        self.base_url = self.base_url.rstrip("/")
        if not self.open311_jurisdiction:
            self.open311_jurisdiction = urlsplit(self.base_url).hostname or ""
        if self.upload_dir is None:
            self.upload_dir = self.data_dir / "uploads"
        if self.environment == "production" and self.secret_key.get_secret_value() == DEV_SECRET:
            raise ValueError("CAUNOI_SECRET_KEY must be set to a long random value in production")
        if len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("CAUNOI_SECRET_KEY must be at least 32 characters")
        return self

    @property
    def uploads(self) -> Path:
        assert self.upload_dir is not None
        return self.upload_dir

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def embedded(self) -> bool:
        """No Redis: jobs run in-process, on a stub broker, next to the web server."""
        return self.notify.redis_url is None


@cache
def get_settings() -> Settings:
    return Settings()

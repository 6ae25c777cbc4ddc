"""CITYBOT_* settings from the environment; a missing or malformed one stops start-up by name."""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.parse import DEFAULT_MAX_BYTES

S = TypeVar("S", bound=BaseSettings)
HEARTBEAT_EVERY = 30.0  # seconds between the running bot's heartbeats; `python -m bot health` allows three missed


class Limits(BaseSettings):
    """What the CLI needs too, without a token: `import` obeys the bot's upload limit, `health` reads its heartbeat."""

    model_config = SettingsConfigDict(env_prefix="CITYBOT_", extra="ignore")

    max_upload_bytes: int = Field(DEFAULT_MAX_BYTES, ge=1, description="largest upload accepted, in bytes")
    heartbeat: Path | None = Field(None, description="a file the running bot touches while alive (`python -m bot health`)")


class Settings(Limits):
    token: SecretStr = Field(description="the bot's token from @BotFather")
    admins: Annotated[list[int], NoDecode] = Field(default_factory=list,
                                                   description="comma-separated Telegram user ids")
    db: Path | None = Field(None, description="the store file")
    api_url: str = Field("https://api.telegram.org/bot", description="Bot API base URL (token is appended)")
    file_url: str = Field("https://api.telegram.org/file/bot", description="file download base URL")
    webhook_url: AnyHttpUrl | None = Field(None, description="public HTTPS URL; set to use a webhook")
    port: int = Field(8443, ge=1, le=65535, description="port the webhook server listens on")
    listen: str = Field("0.0.0.0", description="address the webhook server binds")
    # Made up here when unset, not where the webhook starts: the log redaction is built from these settings,
    # and a secret it never saw would be written out by any log line (or traceback) that quotes it.
    webhook_secret: SecretStr = Field(default_factory=lambda: SecretStr(new_secret()),
                                      description="checked against Telegram's secret-token header")
    database_url: SecretStr | None = Field(None, description="postgresql://user:password@host/db: share one store among replicas")
    claim_lease: float = Field(60.0, gt=0, description="seconds a dead replica's claimed notifications wait for another")

    @field_validator("database_url")
    @classmethod
    def _postgres(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("must start with postgresql://")
        return value

    @field_validator("token")
    @classmethod
    def _token(cls, value: SecretStr) -> SecretStr:
        """Checked by shape only, so that an empty or pasted-wrong token fails here, and is never echoed."""
        if not re.fullmatch(r"\d+:[\w-]+", value.get_secret_value().strip()):
            raise ValueError("is not a bot token (it looks like 123456:ABC-DEF…, as @BotFather gives it)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admins", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("api_url", "file_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


def new_secret() -> str:
    """A strong secret for Telegram to send back (allowed characters: A-Z, a-z, 0-9, _ and -)."""
    return secrets.token_urlsafe(48)


def load_settings() -> Settings:
    """Settings, or SystemExit with one line per bad variable, named as the user sets it."""
    return _load(Settings)


class Redacting(logging.Formatter):
    """Log lines (tracebacks included) with the token and webhook secret replaced by their names."""

    def __init__(self, fmt: str, hidden: dict[str, str]) -> None:
        super().__init__(fmt)
        self.secrets = {value: f"<{name}>" for name, value in hidden.items() if value}

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for value, name in self.secrets.items():
            text = text.replace(value, name)
        return text


def configure_logging(settings: Settings) -> None:
    """INFO to stderr; no request URLs (the token is part of every Bot API URL), no secret in any line."""
    hidden = {"CITYBOT_TOKEN": settings.token.get_secret_value(),
              "CITYBOT_WEBHOOK_SECRET": settings.webhook_secret.get_secret_value()}
    handler = logging.StreamHandler()
    handler.setFormatter(Redacting("%(asctime)s %(levelname)s %(name)s: %(message)s", hidden))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Every failed request is raised to its caller, which reports it in one line; PTB's own log of a
    # non-JSON answer would repeat it as a traceback.
    logging.getLogger("telegram.request").setLevel(logging.CRITICAL)


def load_limits() -> Limits:
    return _load(Limits)


def _load(cls: type[S]) -> S:
    try:
        return cls()
    except ValidationError as e:
        lines = []
        for err in e.errors(include_url=False, include_input=False):
            name = "CITYBOT_" + str(err["loc"][0]).upper() if err["loc"] else "CITYBOT_*"
            msg = str(err["msg"]).removeprefix("Value error, ")
            problem = "is not set" if err["type"] == "missing" else f"is malformed: {msg}"
            lines.append(f"{name} {problem}")
        raise SystemExit("cannot start CityBot:\n  " + "\n  ".join(lines)) from None

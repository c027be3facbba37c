"""Settings: one frozen object, loaded from the environment and `.env`, validated once.

Every key is documented in `.env.example`. A bad or missing value stops start-up with one line
that names the key and says what is expected (`SettingsError`), never a traceback.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "SettingsError", "load_settings", "secret_values", "unknown_keys"]

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"

IdList = Annotated[tuple[int, ...], NoDecode]
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(Exception):
    """Start-up configuration is unusable; the message is one line meant for the operator."""


def _split_ids(value: Any) -> Any:
    """Accept "1, 2,3" (the .env style) as well as a real sequence."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",")]
        return tuple(int(p) for p in parts if p)
    if isinstance(value, int):
        return (value,)
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # "KEY=" in .env means not set, not an empty value
        extra="ignore",
        frozen=True,
        case_sensitive=False,
    )

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = TELEGRAM_API_URL
    telegram_file_base_url: str = TELEGRAM_FILE_URL
    bot_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: AnyHttpUrl | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Polling: how long start-up listens for another poller on the token (0: not at all).
    polling_probe_seconds: int = Field(default=3, ge=0, le=30)
    # GET /healthz and GET /metrics; off unless METRICS_PORT is set.
    metrics_listen: str = "127.0.0.1"
    metrics_port: int | None = Field(default=None, ge=1, le=65535)

    # Brand and content
    brand_name: str = Field(default="Example Exchange", min_length=1, max_length=64)
    help_center_base_url: AnyHttpUrl | None = None

    # Storage: DATABASE_URL (a file path, sqlite:///path or postgresql://...) wins over
    # DATABASE_PATH (a SQLite file), which stays for existing installs.
    database_path: Path = Path("data/beacon.db")
    database_url: str | None = None

    # People, by numeric Telegram user id (never by username: usernames can be changed).
    owner_user_ids: IdList = ()
    moderator_user_ids: IdList = ()
    staff_user_ids: IdList = ()
    staff_chat_id: int | None = None

    # Support desk hours, e.g. "09:00-21:00" in SUPPORT_TIMEZONE; "24/7" for always open.
    support_hours: str = "24/7"
    support_timezone: str = "UTC"
    first_response_minutes: int = Field(default=30, ge=1, le=10_080)

    # Privacy guard
    privacy_notice_ttl_seconds: int = Field(default=120, ge=0, le=86_400)
    # The exchange's own e-mail domains: support@ addresses there are public, not private data.
    official_email_domains: Annotated[tuple[str, ...], NoDecode] = ()
    # Images (OCR and QR codes): reader processes, and what one image may cost.
    privacy_image_workers: int = Field(default=1, ge=1, le=8)
    privacy_image_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    privacy_image_max_pixels: int = Field(default=40_000_000, ge=10_000)
    privacy_image_time_limit_seconds: float = Field(default=10.0, gt=0, le=120)
    privacy_image_backlog: int = Field(default=32, ge=1, le=1_000)

    # Anti-impersonation: the exchange's own web domains (links to look-alikes are removed)
    # and official Telegram accounts besides staff (announcement channel, the brand's account).
    official_domains: Annotated[tuple[str, ...], NoDecode] = ()
    official_handles: Annotated[tuple[str, ...], NoDecode] = ()

    # Public answers
    answer_chat_cooldown_seconds: int = Field(default=20, ge=0, le=3_600)
    answer_user_limit_per_hour: int = Field(default=6, ge=1, le=1_000)
    answer_repeat_window_seconds: int = Field(default=600, ge=0, le=86_400)
    answer_chat_replies_per_minute: int = Field(default=5, ge=0, le=60)

    # Announcement delivery. A worker's claim on a row, and the longer lease of a row whose
    # request is out, run this long unless the live worker renews them (every third of the
    # shorter one); a dead worker's rows are taken over once they run out. The send lease must
    # outlast the longest Telegram request (30 s of timeouts), or a slow send is sent twice.
    announcement_claim_lease_seconds: float = Field(default=30.0, ge=1.0, le=3_600.0)
    announcement_send_lease_seconds: float = Field(default=60.0, ge=1.0, le=3_600.0)
    # How often an idle worker looks for due rows and scheduled announcements.
    announcement_poll_seconds: float = Field(default=0.5, gt=0.0, le=60.0)

    # X (Twitter); the X channel is off unless all four user-context credentials are set.
    x_api_key: SecretStr | None = None
    x_api_secret: SecretStr | None = None
    x_access_token: SecretStr | None = None
    x_access_token_secret: SecretStr | None = None
    x_bearer_token: SecretStr | None = None
    x_api_base_url: str | None = None
    x_poll_seconds: int = Field(default=60, ge=5, le=3_600)
    # Which version of a bilingual announcement the X account posts.
    x_language: Literal["en", "zh"] = "en"
    # Per-user pause between two X replies (privacy warnings are never held back).
    x_reply_cooldown_seconds: int = Field(default=300, ge=0, le=86_400)

    # Testing and demos only: the bot's clock starts at this moment and runs from there.
    clock_start: datetime | None = None

    # Logs
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"

    @field_validator("owner_user_ids", "moderator_user_ids", "staff_user_ids", mode="before")
    @classmethod
    def _parse_id_list(cls, value: Any) -> Any:
        return _split_ids(value)

    @field_validator("official_email_domains", "official_domains", mode="before")
    @classmethod
    def _parse_domains(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(d.strip().lower().lstrip("@") for d in value.split(",") if d.strip())
        return value

    @field_validator("official_handles", mode="before")
    @classmethod
    def _parse_handles(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(h.strip().lstrip("@") for h in value.split(",") if h.strip())
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("support_hours")
    @classmethod
    def _check_hours(cls, value: str) -> str:
        parse_support_hours(value)
        return value

    @field_validator("support_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("an IANA time zone such as Asia/Shanghai or UTC") from exc
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        head, _, tail = value.get_secret_value().partition(":")
        if not head.isdigit() or not tail:
            raise ValueError("a BotFather token like 123456789:AA... (digits, a colon, a secret)")
        return value

    @field_validator("telegram_api_base_url", "telegram_file_base_url", "x_api_base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an http(s) URL like https://api.telegram.org/bot")
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from bot.storage.urls import parse_database_target

        try:
            parse_database_target(value)
        except ValueError:
            raise ValueError(
                "a file path, sqlite:///data/beacon.db or postgresql://user:password@host:5432/db"
            ) from None
        return value.strip()

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET.match(value.get_secret_value()):
            raise ValueError("1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _check_webhook(self) -> Settings:
        if self.bot_mode == "webhook":
            if self.webhook_url is None:
                raise ValueError("WEBHOOK_URL: required when BOT_MODE=webhook (a public https URL)")
            if self.webhook_secret is None:
                raise ValueError(
                    "WEBHOOK_SECRET: required when BOT_MODE=webhook "
                    "(1-256 characters of A-Z, a-z, 0-9, _ and -)"
                )
        return self

    @property
    def x_enabled(self) -> bool:
        return all(
            (self.x_api_key, self.x_api_secret, self.x_access_token, self.x_access_token_secret)
        )

    @property
    def database(self) -> Path | str:
        """Where the data lives: `Database.open(settings.database)`."""
        return self.database_url or self.database_path

    @property
    def database_key(self) -> str:
        """The setting that chose `database`, for messages about it."""
        return "DATABASE_URL" if self.database_url else "DATABASE_PATH"

    @property
    def token(self) -> str | None:
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None


def secret_values(settings: Settings) -> tuple[str, ...]:
    """Every secret in the settings, so the log formatter can blank them out."""
    values: list[str] = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr) and value.get_secret_value():
            secret = value.get_secret_value()
            values.append(secret)
            if name == "telegram_bot_token":
                values.append(secret.partition(":")[2])  # the part after the bot id
    if settings.database_url:
        password = urlsplit(settings.database_url).password
        if password:
            values.append(password)
    return tuple(values)


# Environment variables starting like this are meant for Beacon (the environment holds many
# other programs' variables, so only these are checked; every key in the .env file is).
_OUR_PREFIXES = (
    "TELEGRAM_",
    "BOT_",
    "WEBHOOK_",
    "X_",
    "BRAND_",
    "HELP_CENTER_",
    "OWNER_",
    "MODERATOR_",
    "STAFF_",
    "SUPPORT_",
    "PRIVACY_",
    "OFFICIAL_",
    "ANSWER_",
    "FIRST_RESPONSE",
    "DATABASE_",
    "METRICS_",
    "POLLING_",
)


def unknown_keys(env_file: str | Path | None, environ: Mapping[str, str]) -> list[str]:
    """One warning line per key that looks meant for Beacon but is not a setting (a typo such
    as BOT_MOD is otherwise silently ignored), with the closest real key when there is one."""
    from dotenv import dotenv_values

    known = sorted(name.upper() for name in Settings.model_fields)

    def closest(key: str, cutoff: float) -> str | None:
        match = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
        return match[0] if match else None

    # key -> where it was found; a .env file may also hold other tools' keys (docker compose),
    # so there too a key must start like ours or be close to one of ours.
    suspects: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        for key in dotenv_values(env_file, encoding="utf-8"):
            upper = key.upper()
            if upper.startswith(_OUR_PREFIXES) or closest(upper, 0.75):
                suspects.setdefault(upper, str(env_file))
    for key in environ:
        upper = key.upper()
        if upper.startswith(_OUR_PREFIXES) or closest(upper, 0.85):
            suspects.setdefault(upper, "the environment")
    warnings: list[str] = []
    for key, source in suspects.items():
        if key in known:
            continue
        match = closest(key, 0.7)
        hint = f"; did you mean {match}?" if match else " (.env.example lists every key)"
        warnings.append(f"{key} in {source} is not a Beacon setting and is ignored{hint}")
    return warnings


def parse_support_hours(value: str) -> tuple[int, int] | None:
    """Return (start, end) in minutes after midnight, or None for round-the-clock support."""
    text = value.strip()
    if text.lower() in {"24/7", "always", ""}:
        return None
    try:
        start_text, end_text = text.split("-")
        start = _minutes(start_text)
        end = _minutes(end_text)
    except ValueError as exc:
        raise ValueError('"24/7" or a daily range like "09:00-21:00"') from exc
    if start == end:
        raise ValueError('"24/7" or a daily range like "09:00-21:00" (start and end differ)')
    return start, end


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.strip().split(":")
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(hhmm)
    return h * 60 + m


_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "literal_error": None,  # pydantic's own text lists the allowed values
    "url_parsing": "a URL like https://example.com",
    "url_scheme": "an http(s) URL",
    "string_too_short": "a non-empty value",
    "greater_than_equal": None,
    "less_than_equal": None,
}


def _describe(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
    message = str(error.get("msg", "invalid value"))
    # Model-level checks name their key themselves ("WEBHOOK_URL: ...").
    if not loc:
        return message.removeprefix("Value error, ")
    key = loc[0].upper()
    expected = _EXPECTED.get(str(error.get("type")))
    if expected is None:
        expected = message.removeprefix("Value error, ").removeprefix("Input should be ")
        if error.get("type") == "value_error" and "invalid literal for int()" in expected:
            expected = "a comma-separated list of numeric Telegram user ids"
    got = error.get("input")
    shown = "" if isinstance(got, SecretStr) or "TOKEN" in key or "SECRET" in key else got
    if key == "DATABASE_URL" and isinstance(got, str):
        from bot.storage.urls import without_password

        shown = without_password(got)
    suffix = f' (got "{shown}")' if isinstance(shown, str | int) and shown != "" else ""
    return f"{key}: expected {expected}{suffix}"


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Load and validate settings; raise `SettingsError` with one line on any problem."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = [_describe(dict(e)) for e in exc.errors()]
        raise SettingsError("Invalid settings: " + "; ".join(problems)) from None
    except ValueError as exc:
        # e.g. a list of ids with a non-number in it, raised before field validation
        raise SettingsError(f"Invalid settings: {exc}") from None

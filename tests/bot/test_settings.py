"""Settings fail fast with one line that names the key and what is expected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings, parse_support_hours, unknown_keys

BAD_SETTINGS = [
    pytest.param({"BOT_MODE": "sometimes"}, "BOT_MODE: expected 'polling' or 'webhook'", id="mode"),
    pytest.param({"WEBHOOK_PORT": "eighty"}, "WEBHOOK_PORT: expected a whole number", id="port"),
    pytest.param({"WEBHOOK_PORT": "70000"}, "WEBHOOK_PORT: expected", id="port-range"),
    pytest.param(
        {"OWNER_USER_IDS": "12, @alice"},
        "OWNER_USER_IDS: expected a comma-separated list of numeric Telegram user ids",
        id="owner-ids",
    ),
    pytest.param({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN: expected", id="token"),
    pytest.param(
        {"BOT_MODE": "webhook"}, "WEBHOOK_URL: required when BOT_MODE=webhook", id="wh-url"
    ),
    pytest.param(
        {"BOT_MODE": "webhook", "WEBHOOK_URL": "https://bot.example.com/hook"},
        "WEBHOOK_SECRET: required",
        id="wh-secret",
    ),
    pytest.param(
        {"HELP_CENTER_BASE_URL": "help center"},
        "HELP_CENTER_BASE_URL: expected a URL",
        id="help-url",
    ),
    pytest.param(
        {"SUPPORT_TIMEZONE": "Mars/Olympus"}, "SUPPORT_TIMEZONE: expected an IANA", id="tz"
    ),
    pytest.param({"SUPPORT_HOURS": "9 to 5"}, "SUPPORT_HOURS: expected", id="hours"),
    pytest.param({"STAFF_CHAT_ID": "staff"}, "STAFF_CHAT_ID: expected a whole number", id="staff"),
    pytest.param({"LOG_LEVEL": "loud"}, "LOG_LEVEL: expected 'DEBUG', 'INFO'", id="log-level"),
    pytest.param(
        {"TELEGRAM_API_BASE_URL": "notaurl"},
        "TELEGRAM_API_BASE_URL: expected an http(s) URL like https://api.telegram.org/bot"
        ' (got "notaurl")',
        id="api-url",
    ),
    pytest.param(
        {"TELEGRAM_API_BASE_URL": "ftp://api.example/bot"},
        "TELEGRAM_API_BASE_URL: expected an http(s) URL",
        id="api-url-scheme",
    ),
    pytest.param(
        {"TELEGRAM_FILE_BASE_URL": "https://"},
        "TELEGRAM_FILE_BASE_URL: expected an http(s) URL",
        id="file-url",
    ),
    pytest.param(
        {"X_API_BASE_URL": "localhost:8080"}, "X_API_BASE_URL: expected an http(s) URL", id="x-url"
    ),
    pytest.param(
        {"ANSWER_CHAT_REPLIES_PER_MINUTE": "500"},
        "ANSWER_CHAT_REPLIES_PER_MINUTE: expected",
        id="chat-replies",
    ),
]


@pytest.mark.parametrize(("env", "expected"), BAD_SETTINGS)
def test_bad_setting_names_the_key(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(None)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_secret_values_are_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "secret-value-without-colon")
    with pytest.raises(SettingsError) as caught:
        load_settings(None)
    assert "secret-value-without-colon" not in str(caught.value)


def test_defaults_and_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("OWNER_USER_IDS=1, 2 ,3\nBRAND_NAME=Nova\n", encoding="utf-8")
    settings = load_settings(env_file)
    assert settings.owner_user_ids == (1, 2, 3)
    assert settings.brand_name == "Nova"
    assert settings.bot_mode == "polling"
    assert settings.token is None
    assert not settings.x_enabled


def test_environment_overrides_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BRAND_NAME=FromFile\n", encoding="utf-8")
    monkeypatch.setenv("BRAND_NAME", "FromEnv")
    assert load_settings(env_file).brand_name == "FromEnv"


def test_base_urls_accept_http_and_https(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("X_API_BASE_URL", "https://x.example")
    settings = load_settings(None)
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.x_api_base_url == "https://x.example"


UNKNOWN_KEYS = [
    pytest.param(
        "BOT_MOD=webhook\n",
        {},
        ["BOT_MOD in {env_file} is not a Beacon setting and is ignored; did you mean BOT_MODE?"],
        id="env-file-typo",
    ),
    pytest.param(
        "",
        {"BOT_MOD": "webhook"},
        [
            "BOT_MOD in the environment is not a Beacon setting and is ignored;"
            " did you mean BOT_MODE?"
        ],
        id="environment-typo",
    ),
    pytest.param(
        "",
        {"LOG_LEVL": "DEBUG", "DATABSE_PATH": "x.db"},
        [
            "LOG_LEVL in the environment is not a Beacon setting and is ignored;"
            " did you mean LOG_LEVEL?",
            "DATABSE_PATH in the environment is not a Beacon setting and is ignored;"
            " did you mean DATABASE_PATH?",
        ],
        id="environment-close-to-a-key",
    ),
    pytest.param(
        "TELEGRAM_PROXY_SOCKS=x\n",
        {},
        [
            "TELEGRAM_PROXY_SOCKS in {env_file} is not a Beacon setting and is ignored"
            " (.env.example lists every key)"
        ],
        id="our-prefix-no-close-key",
    ),
    pytest.param(
        "BOT_MODE=polling\nCOMPOSE_PROJECT_NAME=beacon\nPOSTGRES_PASSWORD=x\n",
        {"BOT_MODE": "polling", "PATH": "/bin", "DATABASE_URL": "x", "LOG_DIR": "/var/log"},
        [],
        id="known-and-other-programs-keys-are-quiet",
    ),
]


@pytest.mark.parametrize(("env_text", "environ", "expected"), UNKNOWN_KEYS)
def test_unknown_keys_are_named_with_the_closest_key(
    tmp_path: Path, env_text: str, environ: dict[str, str], expected: list[str]
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(env_text, encoding="utf-8")
    warnings = unknown_keys(env_file, environ)
    assert warnings == [line.format(env_file=env_file) for line in expected]
    assert all("\n" not in line for line in warnings)


def test_unknown_keys_without_an_env_file() -> None:
    assert unknown_keys(None, {}) == []
    assert unknown_keys("/nonexistent/.env", {"BOT_MODE": "polling"}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("24/7", None), ("09:00-21:00", (540, 1260)), ("22:00-06:00", (1320, 360))],
)
def test_support_hours(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_support_hours(text) == expected


def test_cli_prints_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={"PATH": "/usr/bin:/bin", "BOT_MODE": "webhook"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "WEBHOOK_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_token_points_to_the_sandbox(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={"PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "beacon sandbox" in result.stderr


def test_env_example_loads_and_documents_every_setting() -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    settings = load_settings(example)
    assert settings.help_center_base_url is None  # "KEY=" means not set
    assert settings.staff_chat_id is None
    documented = {
        line.split("=", 1)[0].strip()
        for line in example.read_text("utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    from bot.settings import Settings

    assert documented == {name.upper() for name in Settings.model_fields}

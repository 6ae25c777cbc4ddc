"""Start-up configuration: a missing or malformed variable stops the bot and names the variable."""

import pytest

from bot.config import load_settings


def test_missing_token_is_named(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CITYBOT_TOKEN", raising=False)
    with pytest.raises(SystemExit, match="CITYBOT_TOKEN is not set"):
        load_settings()


def test_malformed_admins_and_urls_are_named(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CITYBOT_TOKEN", "123:abc")
    monkeypatch.setenv("CITYBOT_ADMINS", "12, not-a-number")
    monkeypatch.setenv("CITYBOT_API_URL", "ftp://example")
    with pytest.raises(SystemExit) as e:
        load_settings()
    assert "CITYBOT_ADMINS is malformed" in str(e.value) and "CITYBOT_API_URL is malformed" in str(e.value)


def test_good_settings(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CITYBOT_TOKEN", "123:abc")
    monkeypatch.setenv("CITYBOT_ADMINS", "12, 34")
    monkeypatch.setenv("CITYBOT_WEBHOOK_URL", "https://bot.example.org/hook")
    s = load_settings()
    assert s.admins == [12, 34] and s.token.get_secret_value() == "123:abc"
    assert str(s.webhook_url) == "https://bot.example.org/hook" and s.api_url == "https://api.telegram.org/bot"


def test_run_without_token_exits_with_the_name(tmp_path):
    import subprocess
    import sys

    from .conftest import ROOT

    out = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env={"CITYBOT_DB": str(tmp_path / "d.json")},
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "CITYBOT_TOKEN is not set" in out.stderr

"""Settings fail loudly on bad values, DATABASE_URL picks the database, and every environment
variable that config/settings.py reads is documented in docs/configuration.md."""

from __future__ import annotations

import ast
import re
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings as live_settings
from config.settings import env_bool, env_int, env_list, env_secret, env_str

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "config" / "settings.py"
CONFIGURATION_DOC = ROOT / "docs" / "configuration.md"
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_secret"}


def load_settings(monkeypatch, **environ: str) -> dict:
    """Evaluate config/settings.py afresh under `environ`, as at start-up (not under pytest)."""
    for name in _names_read_by_settings() | {"PYTEST_VERSION"}:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


# ── the helpers ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("OV_FLAG", raw)
    assert env_bool("OV_FLAG") is expected


def test_env_bool_uses_the_default_only_when_unset(monkeypatch):
    monkeypatch.delenv("OV_FLAG", raising=False)
    assert env_bool("OV_FLAG", True) is True


@pytest.mark.parametrize("raw", ["2", "ja", "treu", "enabled"])
def test_env_bool_refuses_anything_else_and_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("OV_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="OV_FLAG"):
        env_bool("OV_FLAG")


def test_env_int_reads_whole_numbers_and_refuses_the_rest(monkeypatch):
    monkeypatch.setenv("OV_NUMBER", "42")
    assert env_int("OV_NUMBER", 0) == 42
    monkeypatch.setenv("OV_NUMBER", "4.2")
    with pytest.raises(ImproperlyConfigured, match=r"OV_NUMBER='4\.2': expected a whole number"):
        env_int("OV_NUMBER", 0)


def test_env_str_and_env_list(monkeypatch):
    monkeypatch.setenv("OV_HOSTS", " a.example , b.example,, ")
    assert env_list("OV_HOSTS") == ["a.example", "b.example"]
    assert env_str("OV_HOSTS") == " a.example , b.example,, "
    monkeypatch.delenv("OV_HOSTS")
    assert env_str("OV_HOSTS", "x") == "x"


def test_env_secret_reads_a_file_named_by_NAME_FILE(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("OV_SECRET", raising=False)
    monkeypatch.setenv("OV_SECRET_FILE", str(secret))
    assert env_secret("OV_SECRET") == "s3cret"


def test_env_secret_fails_on_a_missing_or_empty_file_or_on_both_forms(monkeypatch, tmp_path):
    monkeypatch.delenv("OV_SECRET", raising=False)
    monkeypatch.setenv("OV_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="OV_SECRET_FILE"):
        env_secret("OV_SECRET")
    (tmp_path / "empty").write_text("")
    monkeypatch.setenv("OV_SECRET_FILE", str(tmp_path / "empty"))
    with pytest.raises(ImproperlyConfigured, match="empty"):
        env_secret("OV_SECRET")
    monkeypatch.setenv("OV_SECRET", "inline")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("OV_SECRET")


# ── the settings as a whole ─────────────────────────────────────────────────────────────────


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch)
    assert (
        load_settings(monkeypatch, SECRET_KEY="k" * 50, MEDICAL_ENCRYPTION_KEY="a" * 43 + "=")[
            "DEBUG"
        ]
        is False
    )


def test_debug_has_a_development_key_and_local_hosts(monkeypatch):
    loaded = load_settings(monkeypatch, DEBUG="1")
    assert loaded["SECRET_KEY"].startswith("django-insecure-")
    assert "127.0.0.1" in loaded["ALLOWED_HOSTS"]


def test_a_bad_debug_value_stops_the_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        load_settings(monkeypatch, DEBUG="maybe")


def test_sqlite_in_the_project_folder_is_the_default_database(monkeypatch):
    database = load_settings(monkeypatch, DEBUG="1")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")


def test_database_url_selects_postgresql(monkeypatch):
    url = "postgres://ov:pw@db.internal:5433/openverzuim"
    database = load_settings(monkeypatch, DEBUG="1", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.internal",
        5433,
        "openverzuim",
        "ov",
    )


def test_an_unknown_database_scheme_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_settings(monkeypatch, DEBUG="1", DATABASE_URL="oracle-ish://x/y")


def test_dutch_is_the_default_language_and_english_the_other():
    assert live_settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in live_settings.LANGUAGES] == ["nl", "en"]
    assert "django.middleware.locale.LocaleMiddleware" in live_settings.MIDDLEWARE
    assert live_settings.TIME_ZONE == "Europe/Amsterdam"


# ── documentation ───────────────────────────────────────────────────────────────────────────


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _env_read(node: ast.AST) -> str | None:
    """The variable name if `node` reads the environment with a literal name, else None."""
    if isinstance(node, ast.Call) and node.args:
        name = ast.unparse(node.func)
        if name in ENV_HELPERS or name in {"os.environ.get", "os.getenv"}:
            return _constant(node.args[0])
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
        return _constant(node.slice)
    if isinstance(node, ast.Compare) and [ast.unparse(c) for c in node.comparators] == [
        "os.environ"
    ]:
        return _constant(node.left)
    return None


def _names_read_by_settings() -> set[str]:
    """Every environment variable name that config/settings.py reads, found in its syntax tree."""
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert defined >= ENV_HELPERS, "the env helpers were renamed: update this test"
    names = set()
    for node in ast.walk(tree):
        name = _env_read(node)
        if name:
            names.add(name)
            if ast.unparse(node).startswith("env_secret("):
                names.add(f"{name}_FILE")
    return names


def test_the_scan_finds_the_variables_settings_reads():
    assert {
        "DEBUG",
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "PYTEST_VERSION",
    } <= _names_read_by_settings()


def test_every_environment_variable_is_documented():
    documented = set(
        re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", CONFIGURATION_DOC.read_text(), re.MULTILINE)
    )
    missing = _names_read_by_settings() - documented
    assert not missing, f"add to docs/configuration.md: {', '.join(sorted(missing))}"

"""Production settings pass Django's deployment checks; no secret, no start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def _run(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AKUNTABEL_", "DJANGO_", "DEBUG", "SECRET_KEY"))}
    env.update({"PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "akuntabel.settings"},
               **env_extra)
    return subprocess.run([sys.executable, "-m", "django", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = _run({"SECRET_KEY": "x" * 30 + "production-secret-key-0123456789!@#$%^",
                   "ALLOWED_HOSTS": "akuntabel.example.go.id",
                   "AKUNTABEL_VAR_DIR": str(tmp_path)},
                  "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run({"AKUNTABEL_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# -- the `akuntabel` command under the environment the docs prescribe -------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "web.md"


def documented_environment() -> dict[str, str]:
    """The production environment written in docs/web.md ("Serving it"), as KEY=value lines of
    its first ``env`` block."""
    serving = DOCS.read_text(encoding="utf-8").split("## Serving it", 1)[1]
    block = serving.split("```env\n", 1)[1].split("```", 1)[0]
    pairs = (line.split("=", 1) for line in block.splitlines()
             if line.strip() and not line.lstrip().startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def _cli(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AKUNTABEL_", "DJANGO_", "DEBUG", "SECRET_KEY", "DATABASE_URL"))}
    env.update({"PYTHONPATH": str(SRC)}, **env_extra)
    return subprocess.run([sys.executable, "-m", "akuntabel.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("database", ["documented", "sqlite"],
                         ids=["the documented PostgreSQL server",
                              "SQLite in the var folder (no DATABASE_URL)"])
def test_akuntabel_manage_check_deploy_is_clean_under_the_documented_environment(
        tmp_path, database):
    env = documented_environment()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "AKUNTABEL_VAR_DIR"} <= env.keys()
    assert "DEBUG" not in env
    env.update(SECRET_KEY=secrets.token_urlsafe(50), AKUNTABEL_VAR_DIR=str(tmp_path))
    if database == "sqlite":
        env.pop("DATABASE_URL", None)
    result = _cli(env, "manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


REFUSED = {
    "manage check": (["manage", "check"], None),
    "manage migrate": (["manage", "migrate"], None),
    "manage shell": (["manage", "shell", "-c", "print('started')"], "0"),
    "load": (["load", str(SRC.parent / "data" / "demo" / "kota-metro-dinas-sosial.yaml")], None),
    "reviu": (["reviu", "--pemda", "kota-metro", "--opd", "dinas-sosial", "--tahun", "2023"],
              "0"),
    "demo with DEBUG=0": (["demo", "--no-serve"], "0"),
}


@pytest.mark.parametrize(("command", "debug"), REFUSED.values(), ids=REFUSED.keys())
def test_every_command_refuses_to_start_without_a_secret_key_when_debug_is_off(
        tmp_path, command, debug):
    env = {"AKUNTABEL_VAR_DIR": str(tmp_path / "var")}
    if debug is not None:
        env["DEBUG"] = debug
    result = _cli(env, *command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SECRET_KEY" in result.stderr and "DEBUG=1" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not list((tmp_path / "var").glob("*.sqlite3"))  # nothing was created


def test_the_demo_and_local_use_with_debug_on_need_no_secret_key(tmp_path):
    result = _cli({"AKUNTABEL_VAR_DIR": str(tmp_path), "DEBUG": "1"}, "manage", "check")
    assert result.returncode == 0, result.stdout + result.stderr

"""Production settings pass Django's deployment checks; no secret, no start."""

import os
import subprocess
import sys
from pathlib import Path

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

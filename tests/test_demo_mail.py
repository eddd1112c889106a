"""The demo's users can see the notices they would get: each has an e-mail address, the demo's
mail goes to files under var/mail/ (the README says so), and a rerun keeps an address a user
changed."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from akuntabel.cli import DEMO_USERS, main

README = Path(__file__).resolve().parents[1] / "README.md"


_final_asked: list = []  # the OPD the demo asked a final for, per call


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """``demo`` sets DEBUG, the mail backend and friends for the process; put them back."""
    for key in ("DEBUG", "AKUNTABEL_LOCAL", "AKUNTABEL_ALLOW_DEV_KEY", "EMAIL_BACKEND",
                "AKUNTABEL_SITE_URL"):
        if key in os.environ:
            monkeypatch.setenv(key, os.environ[key])
        else:
            monkeypatch.delenv(key, raising=False)
    # The demo's final LKjIP (a 75-page signed PDF) and LHE are tested in tests/portal/
    # (test_demo_final.py, test_demo_lhe.py); here they are only asked for, which costs nothing.
    _final_asked.clear()
    monkeypatch.setattr("akuntabel.reports.demo.terbitkan_final_demo", _final_asked.append)
    monkeypatch.setattr("akuntabel.reports.demo.terbitkan_lhe_demo", lambda opd: None)


@pytest.mark.django_db
def test_every_demo_user_has_its_own_address_and_a_rerun_keeps_a_changed_one(
        demo_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-serve"]) == 0
    names = [u[0] for u in DEMO_USERS]
    addresses = dict(User.objects.filter(username__in=names).values_list("username", "email"))
    assert sorted(addresses) == sorted(names)
    assert all(a.endswith(".example") for a in addresses.values()), addresses  # never delivered
    assert len(set(addresses.values())) == len(names)
    out = capsys.readouterr().out
    assert addresses["operator"] in out      # printed beside the user

    User.objects.filter(username="operator").update(email="operator@dinsos.metrokota.go.id")
    assert main(["demo", "--no-serve"]) == 0
    assert User.objects.get(username="operator").email == "operator@dinsos.metrokota.go.id"
    assert User.objects.get(username="admin").email == addresses["admin"]


def test_the_demo_writes_its_mail_to_files_and_the_readme_names_the_folder(
        demo_env: None) -> None:
    from akuntabel import cli

    os.environ.pop("EMAIL_BACKEND", None)
    cli._setup_django(demo=True)
    assert os.environ["EMAIL_BACKEND"] == "file"
    text = README.read_text(encoding="utf-8")
    assert "var/mail/" in text
    assert "e-mail address" in text and "demo.example" in text


@pytest.mark.django_db
def test_the_demos_mail_links_to_the_address_it_serves_on(demo_env: None) -> None:
    """A link in a demo mail (var/mail/) opens the demo: its host and port, not the
    localhost:8000 of the settings' default."""
    os.environ.pop("AKUNTABEL_SITE_URL", None)
    assert main(["demo", "--no-serve", "--port", "8123"]) == 0
    assert os.environ["AKUNTABEL_SITE_URL"] == "http://127.0.0.1:8123"

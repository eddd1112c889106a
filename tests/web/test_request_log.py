"""The request log: one line per request (its id, the user, method, path, status and time), and
an error's traceback in the log under the same id, never on the page."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

import akuntabel.urls as app_urls
from tests.builders import make_user

REPO = Path(__file__).resolve().parents[2]
LINE = re.compile(r"id=(?P<id>\S+) user=(?P<user>\S+) method=(?P<method>\S+) path=(?P<path>\S+) "
                  r"status=(?P<status>\d+) ms=(?P<ms>\d+)$")


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kaboom: password=hunter2 in a local variable")


# This module is also the URL configuration of the error tests: the app's pages and one that fails.
urlpatterns = [path("boom/", _boom), *app_urls.urlpatterns]
handler500 = getattr(app_urls, "handler500", "django.views.defaults.server_error")


def request_lines(caplog: pytest.LogCaptureFixture) -> list[re.Match[str]]:
    return [m for r in caplog.records if r.name == "akuntabel.request"
            and (m := LINE.search(r.getMessage()))]


@pytest.mark.django_db
def test_a_page_writes_one_line_with_its_id_user_method_path_status_and_time(demo_opd, caplog):
    user = make_user("operator_opd", opd=demo_opd)
    client = Client()
    client.force_login(user)
    url = reverse("opd_detail", args=[demo_opd.pk])
    with caplog.at_level(logging.INFO, logger="akuntabel.request"):
        response = client.get(url)
    assert response.status_code == 200
    [line] = request_lines(caplog)
    assert line["id"] == response["X-Request-ID"]
    assert (line["user"], line["method"], line["path"], line["status"]) == (
        str(user.pk), "GET", url, "200")
    assert int(line["ms"]) >= 0


@pytest.mark.django_db
def test_an_anonymous_request_is_logged_with_a_dash_and_without_its_query(caplog):
    with caplog.at_level(logging.INFO, logger="akuntabel.request"):
        response = Client().get("/login/?next=/opd/1/&token=s3cret-value")
    [line] = request_lines(caplog)
    assert (line["user"], line["path"], line["status"]) == ("-", "/login/", "200")
    assert "s3cret" not in caplog.text
    assert line["id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_every_request_gets_its_own_id(caplog):
    client = Client()
    with caplog.at_level(logging.INFO, logger="akuntabel.request"):
        ids = {client.get("/login/")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    assert {m["id"] for m in request_lines(caplog)} == ids


@pytest.mark.django_db
@pytest.mark.parametrize(("sent", "kept"), [
    ("nginx-4f2a9c1e0b", True),
    ("bad id\nuser=1 forged line", False),
    ("x" * 200, False),
], ids=["a proxy's id is kept", "an id with spaces or newlines is replaced",
        "an overlong id is replaced"])
def test_an_id_sent_by_the_reverse_proxy_is_kept_only_when_it_is_plain(sent, kept, caplog):
    with caplog.at_level(logging.INFO, logger="akuntabel.request"):
        response = Client().get("/login/", headers={"X-Request-ID": sent})
    assert (response["X-Request-ID"] == sent) is kept
    [line] = request_lines(caplog)
    assert line["id"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_failing_page_shows_its_id_not_its_traceback_and_logs_the_traceback(settings, caplog):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get("/boom/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    page = response.content.decode()
    assert request_id in page
    for leak in ("Traceback", "kaboom", "hunter2", "RuntimeError"):
        assert leak not in page
    [error] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.exc_info is not None and error.exc_info[0] is RuntimeError
    assert getattr(error, "request_id", None) == request_id
    [line] = request_lines(caplog)
    assert (line["id"], line["status"]) == (request_id, "500")


# -- the log file, with the settings a server uses ---------------------------------------------

SCRIPT = """
import django
from django.test import Client
django.setup()
client = Client(raise_request_exception=False)
for url in ("/boom/", "/halaman-yang-tidak-ada/"):
    r = client.get(url)
    print(r.status_code, r["X-Request-ID"])
"""


def _serve_two_requests(tmp_path: Path, **env_extra: str) -> list[tuple[str, str]]:
    """Two requests (a failing page, a missing page) under production settings with this
    module as URL configuration; (status, request id) of each."""
    (tmp_path / "boom_settings.py").write_text(
        "from akuntabel.settings import *  # noqa\nROOT_URLCONF = 'tests.web.test_request_log'\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AKUNTABEL_", "DJANGO_", "DEBUG", "SECRET_KEY", "DATABASE_URL"))}
    env.update({"PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO), str(REPO / "src")]),
                "DJANGO_SETTINGS_MODULE": "boom_settings", "SECRET_KEY": "k" * 60,
                "AKUNTABEL_LOCAL": "1", **env_extra})
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [tuple(line.split()) for line in result.stdout.splitlines()]


def test_a_server_writes_requests_and_tracebacks_to_a_log_file_in_the_var_folder(tmp_path):
    var = tmp_path / "var"
    (boom_status, boom_id), (missing_status, missing_id) = _serve_two_requests(
        tmp_path, AKUNTABEL_VAR_DIR=str(var))
    assert (boom_status, missing_status) == ("500", "404")
    log = (var / "akuntabel.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: kaboom" in log
    assert f"[{boom_id}] " in log.split("Traceback")[0].splitlines()[-1]  # the error's own line
    assert f"id={boom_id} user=- method=GET path=/boom/ status=500 ms=" in log
    assert f"id={missing_id} user=- method=GET path=/halaman-yang-tidak-ada/ status=404" in log


def test_the_log_file_can_be_moved_or_turned_off(tmp_path):
    var, elsewhere = tmp_path / "var", tmp_path / "logs" / "app.log"
    _serve_two_requests(tmp_path, AKUNTABEL_VAR_DIR=str(var), AKUNTABEL_LOG_FILE=str(elsewhere))
    assert "RuntimeError: kaboom" in elsewhere.read_text(encoding="utf-8")
    assert not (var / "akuntabel.log").exists()
    _serve_two_requests(tmp_path, AKUNTABEL_VAR_DIR=str(var), AKUNTABEL_LOG_FILE="")
    assert not (var / "akuntabel.log").exists()

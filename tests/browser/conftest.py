"""Browser tests: the live Django server driven by Debian's headless chromium (Playwright).

How the database is kept for the rest of the suite: a live server needs data committed
outside the test's transaction, so these tests use ``transactional_db`` (pytest-django adds
it for ``live_server``), and after each of them Django FLUSHES every table, the Kota Metro
demo included. pytest-django already runs transactional tests after the others, but so that
any test after a browser test still finds the demo (whatever the order, SQLite or
PostgreSQL), the demo is loaded again after each browser test's flush
(``pytest_runtest_teardown`` in tests/conftest.py, for every transactional test). The demo's
primary keys change on reload: tests look objects up by code, never by a remembered pk.

Screenshots of the main screens go to ``var/artefacts/screenshots/<test>[-<step>].png`` (full
page), plus ``<test>-failure.png`` when a test fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; the test's own ORM calls are
# plain synchronous code and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "artefacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by scripts/bootstrap.sh
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PASSWORD = "sandi-uji-yang-panjang"  # tests.builders.make_user's password
TIMEOUT_MS = 10_000

_failed_key = pytest.StashKey[bool]()  # whether the test's call failed (for its screenshot)


def _artefact_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node_name).strip("_")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_failed_key] = report.failed


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run the tests through scripts/test.sh, which "
                    "installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, request) -> Iterator[Page]:
    """A fresh browser context (no cookies) on the live server, Indonesian first. The cache
    (login throttle counts) is emptied: the live server runs in this process, so counts left
    by earlier tests from 127.0.0.1 would otherwise carry over."""
    from django.core.cache import cache

    cache.clear()
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if request.node.stash.get(_failed_key, False):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = _artefact_name(request.node.name)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-failure.png"), full_page=True)
        except Exception:  # a failure screenshot must never hide the failure itself
            pass
    context.close()


@pytest.fixture
def new_page(browser: Browser, live_server) -> Iterator[Callable[[], Page]]:
    """Another person's browser (its own cookies), e.g. the verifikator after the operator."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                      accept_downloads=True,
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request) -> Callable[..., Path]:
    """``screenshot(page, "step")`` saves var/artefacts/screenshots/<test>-step.png."""

    def shoot(page: Page, step: str = "") -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = _artefact_name(request.node.name) + (f"-{step}" if step else "")
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot


@pytest.fixture
def login() -> Callable[..., None]:
    """``login(page, username)``: through the real form, as a person does (correct password
    unless given: the login throttle counts failures)."""

    def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("form.login button[type=submit]")

    return log_in


@pytest.fixture
def demo_opd_live(live_server):
    """The demo OPD, read in the test (committed data, visible to the live server)."""
    from akuntabel.organizations.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")

"""Shared fixtures: the Kota Metro demo dataset is loaded once into the test database."""

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import read_dataset
from akuntabel.cli import DEMO_FILE


@pytest.fixture(scope="session")
def demo_dataset():
    return read_dataset(DEMO_FILE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_dataset):
    with django_db_blocker.unblock():
        load_dataset(demo_dataset)
    _state["blocker"], _state["dataset"] = django_db_blocker, demo_dataset
    yield
    with django_db_blocker.unblock():
        _close_other_sessions()


_state: dict = {}  # what the reload after a flush needs (hooks get no fixtures)


def _flushes_tables(item) -> bool:
    """Whether the test runs outside a transaction: Django then FLUSHES every table after it,
    the session's demo dataset included (live-server browser tests, ``transaction=True``)."""
    marker = item.get_closest_marker("django_db")
    return ("live_server" in item.fixturenames or "transactional_db" in item.fixturenames
            or bool(marker and marker.kwargs.get("transaction")))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Load the demo again after a flush, so that a test after a transactional one still finds
    it whatever the order and whichever worker runs it (pytest-xdist)."""
    yield  # the test's fixtures are finalized here: the flush has happened
    if nextitem is None or "blocker" not in _state or not _flushes_tables(item):
        return
    from akuntabel.organizations.models import PerangkatDaerah

    dataset = _state["dataset"]
    with _state["blocker"].unblock():
        if not PerangkatDaerah.objects.filter(pemda__kode=dataset.pemda["kode"],
                                              kode=dataset.opd["kode"]).exists():
            load_dataset(dataset)


def _close_other_sessions() -> None:
    """Connections opened by the live server's request threads end with their threads but not
    always on PostgreSQL's side; end them so that the test database can be dropped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture
def demo_opd(db):
    from akuntabel.organizations.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")


@pytest.fixture
def demo_reviu_data(demo_opd):
    """The seed's plain reviu data for 2023 (akuntabel.core.reviu.ReviuData)."""
    from akuntabel.reviews.context import build_reviu_data

    return build_reviu_data(demo_opd, 2023)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so that login throttling counted in one test never
    locks out another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

"""Login throttling counts failures across the server's worker processes."""

from django.conf import settings


def test_the_production_cache_is_shared_by_the_worker_processes():
    import importlib

    import akuntabel.settings as production

    importlib.reload(production)
    backend = production.CACHES["default"]["BACKEND"]
    assert backend != "django.core.cache.backends.locmem.LocMemCache"  # per process
    assert settings.CACHES  # the test settings keep their own, cleared before each test

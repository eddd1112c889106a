"""Settings for the test suite: the production settings with a development key, no HTTPS and
no log file."""

import os

os.environ.setdefault("AKUNTABEL_ALLOW_DEV_KEY", "1")
os.environ.setdefault("AKUNTABEL_LOCAL", "1")
os.environ.setdefault("AKUNTABEL_LOG_FILE", "")  # the console only (captured by pytest)

from akuntabel.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "akuntabel-test"}}  # one process; cleared before each test
# Browser tests serve requests from short-lived threads: a connection kept for reuse would
# outlive its thread and hold the test database open at teardown.
for _db in DATABASES.values():  # noqa: F405
    _db["CONN_MAX_AGE"] = 0
    # Each pytest-xdist worker then keeps its own in-memory database (pytest-django leaves an
    # in-memory test database alone, but only recognises Django's own SQLite engine name).
    if _db["ENGINE"] == "akuntabel.sqlite":
        _db.setdefault("TEST", {})["NAME"] = ":memory:"

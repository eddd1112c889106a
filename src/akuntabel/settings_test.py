"""Settings for the test suite: the production settings with a development key and no HTTPS."""

import os

os.environ.setdefault("AKUNTABEL_ALLOW_DEV_KEY", "1")
os.environ.setdefault("AKUNTABEL_LOCAL", "1")

from akuntabel.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "akuntabel-test"}}  # one process; cleared before each test

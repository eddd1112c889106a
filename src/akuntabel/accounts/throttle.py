"""Login throttling: after ``AKUNTABEL_LOGIN_MAX_GAGAL`` failed logins for one username or from
one IP address within ``AKUNTABEL_LOGIN_KUNCI_DETIK`` seconds, further attempts for that name or
from that address are refused for the same number of seconds, whatever the password.

Counts live in Django's cache. The refusal says the same thing whether the account exists or
not. A successful login clears the counts of its username and address.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

_PREFIX = "akuntabel:login"


def max_gagal() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_MAX_GAGAL", 5))


def kunci_detik() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_KUNCI_DETIK", 900))


def _keys(username: str, ip: str) -> list[str]:
    keys = []
    name = (username or "").strip().lower()
    if name:
        keys.append("u:" + hashlib.sha256(name.encode()).hexdigest())
    if ip:
        keys.append("ip:" + hashlib.sha256(ip.encode()).hexdigest())
    return keys


def is_locked(username: str, ip: str) -> bool:
    """Whether attempts for this username or from this address are refused now."""
    keys = [f"{_PREFIX}:kunci:{k}" for k in _keys(username, ip)]
    return bool(keys) and bool(cache.get_many(keys))


def record_failure(username: str, ip: str) -> bool:
    """Count one failed attempt; lock the name or address that reached the limit. Returns
    whether a lock is now in force."""
    locked = False
    for k in _keys(username, ip):
        count_key = f"{_PREFIX}:gagal:{k}"
        cache.add(count_key, 0, timeout=kunci_detik())  # the window starts at the first failure
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, timeout=kunci_detik())
            count = 1
        if count >= max_gagal():
            cache.set(f"{_PREFIX}:kunci:{k}", True, timeout=kunci_detik())
            cache.delete(count_key)
            locked = True
    return locked


def reset(username: str, ip: str) -> None:
    """Forget the failures of this username and address (after a successful login)."""
    cache.delete_many([f"{_PREFIX}:{kind}:{k}" for k in _keys(username, ip)
                       for kind in ("gagal", "kunci")])


def client_ip(request: object) -> str:
    """The address the request came from. ``REMOTE_ADDR`` only: a forwarded-for header can be
    forged by the client, so a proxy in front must set ``REMOTE_ADDR`` itself."""
    return str(getattr(request, "META", {}).get("REMOTE_ADDR", "") or "")

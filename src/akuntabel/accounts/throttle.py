"""Login throttling that slows an attacker without locking the owner out (issue 12; project
convention, after OWASP's authentication cheat sheet).

- Failures are counted per pair: the name tried (lower case, without surrounding spaces) and the
  client's address together. After ``AKUNTABEL_LOGIN_MAX_GAGAL`` failures a pair waits
  ``AKUNTABEL_LOGIN_TUNDA_DETIK`` seconds, doubling with each further failure, at most
  ``AKUNTABEL_LOGIN_KUNCI_DETIK`` (``tunda_detik``). An attempt during the wait is refused
  without checking the password and is not counted. A pair's failures are forgotten
  ``AKUNTABEL_LOGIN_KUNCI_DETIK`` after its last failure, or at its successful login.
- Failures from one address at any name are counted as well. Once they pass
  ``AKUNTABEL_LOGIN_MAX_GAGAL_ALAMAT`` (remembered as long), every pair from that address waits
  after its first failure instead of its fifth: a spray of names from one address is slowed.
  A pair that has not failed is never refused, so a correct password of an account nobody
  attacked from that address always logs in, whatever was tried at other names.
- Nothing here looks up whether the name exists: a name of no account is counted, answered and
  timed like a real one (Django's backend hashes for a name of no account too).

So failures from another address, or at another name, never refuse a correct password; someone
failing at your name from your own address (the same office behind one NAT) makes you wait at
most the pair's wait. Counts live in Django's cache (a folder shared by the server's workers,
settings.CACHES); read and write are not one atomic step, so parallel attempts of one pair may
be undercounted by a few.

Why not django-axes: its lockout is a count and a fixed cool-off (a growing wait needs a
callable of our own anyway), it brings its own middleware, authentication backend and two
tables written on every attempt, and its failure log would still leave the access denials to
us (``SecurityEvent``). This module is about as long as its configuration would be, on the
cache the project already runs.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

_PREFIX = "akuntabel:login"


def _now() -> float:
    return time.time()


def max_gagal() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_MAX_GAGAL", 5))


def tunda_awal() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_TUNDA_DETIK", 30))


def kunci_detik() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_KUNCI_DETIK", 900))


def max_gagal_alamat() -> int:
    return int(getattr(settings, "AKUNTABEL_LOGIN_MAX_GAGAL_ALAMAT", 50))


def tunda_detik(gagal: int, *, bebas: int, awal: int, batas: int) -> int:
    """Seconds a pair waits after ``gagal`` failures: none for the first ``bebas`` - 1, then
    ``awal`` doubling with each further failure, at most ``batas``."""
    if gagal < bebas:
        return 0
    lebih = gagal - bebas
    if lebih >= batas.bit_length():  # 2**lebih would pass any batas: no huge integers
        return batas
    return min(batas, awal * 2 ** lebih)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _pair_key(username: str, ip: str) -> str:
    name = (username or "").strip().lower()
    return f"{_PREFIX}:pasangan:{_hash(name + chr(0) + ip)}"


def _address_key(ip: str) -> str:
    return f"{_PREFIX}:alamat:{_hash(ip)}"


def _read(key: str, now: float) -> tuple[int, float]:
    """(failures, time of the last) of a counter; (0, 0) once forgotten."""
    value = cache.get(key)
    if not value:
        return 0, 0.0
    count, last = value
    if now - last >= kunci_detik():
        return 0, 0.0
    return int(count), float(last)


def _bump(key: str, now: float) -> int:
    count, _last = _read(key, now)
    count += 1
    # Kept in the cache twice as long as the logic needs it: the times inside decide.
    cache.set(key, (count, now), timeout=2 * kunci_detik())
    return count


def _wait(pair: int, address: int) -> int:
    bebas = 1 if address > max_gagal_alamat() else max_gagal()
    return tunda_detik(pair, bebas=bebas, awal=tunda_awal(), batas=kunci_detik())


def wait_seconds(username: str, ip: str) -> int:
    """Seconds before this name may be tried again from this address (0: now)."""
    now = _now()
    pair, last = _read(_pair_key(username, ip), now)
    if not pair:
        return 0
    address, _ = _read(_address_key(ip), now)
    remaining = last + _wait(pair, address) - now
    return max(0, int(-(-remaining // 1)))  # whole seconds, rounded up


def record_failure(username: str, ip: str) -> int:
    """Count one failed attempt of this name from this address; the seconds the pair must now
    wait (0: it may try again at once)."""
    now = _now()
    pair = _bump(_pair_key(username, ip), now)
    address = _bump(_address_key(ip), now)
    return _wait(pair, address)


def reset(username: str, ip: str) -> None:
    """Forget the failures of this name from this address (after a successful login). The
    address's own count stays: one success does not excuse a spray."""
    cache.delete(_pair_key(username, ip))


def _code_key(user_pk: int) -> str:
    return f"{_PREFIX}:kode:{int(user_pk)}"


def wait_code_seconds(user_pk: int) -> int:
    """Seconds before a second-factor code of this account may be tried again, from any
    address (accounts.dua_faktor): someone who has the password cannot spread code guesses
    over many addresses. Only that someone can make the owner wait, and at most as long as a
    pair waits."""
    now = _now()
    count, last = _read(_code_key(user_pk), now)
    if not count:
        return 0
    wait = tunda_detik(count, bebas=max_gagal(), awal=tunda_awal(), batas=kunci_detik())
    return max(0, int(-(-(last + wait - now) // 1)))


def record_code_failure(user_pk: int) -> int:
    """Count one wrong second-factor code of this account; the seconds it must now wait."""
    count = _bump(_code_key(user_pk), _now())
    return tunda_detik(count, bebas=max_gagal(), awal=tunda_awal(), batas=kunci_detik())


def reset_code(user_pk: int) -> None:
    cache.delete(_code_key(user_pk))


def trusted_proxies() -> set[str]:
    return set(getattr(settings, "AKUNTABEL_TRUSTED_PROXIES", []))


def client_ip(request: object) -> str:
    """The address the request came from: ``REMOTE_ADDR``, unless that is one of the reverse
    proxies named in ``AKUNTABEL_TRUSTED_PROXIES`` (docs/web.md, "Serving it"); then the
    right-most address of ``X-Forwarded-For`` that is not a trusted proxy, i.e. the one the
    proxy saw (the entries to its left are whatever the client sent and can be forged)."""
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR", "") or "")
    proxies = trusted_proxies()
    if remote not in proxies:
        return remote
    for entry in reversed(str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")):
        entry = entry.strip()
        try:
            ipaddress.ip_address(entry)
        except ValueError:
            return remote
        if entry not in proxies:
            return entry
    return remote

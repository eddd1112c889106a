"""The values a URL may carry: a year and a database id, bounded so that a crafted URL (year 0
or 99999, a 25-digit id) is "not found" instead of an error deep in a view.

Registered once here (imported by the root URLconf before any ``include``); every URL of the
project writes ``<tahun:tahun>`` for a year and ``<id:pk>`` for an id.

* A year has four digits and lies in ``TAHUN_MIN``–``TAHUN_MAX``, the years a dataset may hold
  (``adapters.dataset.reader``: 1900–2200); anything else matches no URL.
* An id has at most 18 digits: every such number is below 2^63, the largest id the database
  holds (a 64-bit signed integer on PostgreSQL and SQLite), so a longer one can exist nowhere.

``parse_tahun`` reads a year from a query string (``?tahun=``) by the same rule.
Project convention, not a regulation.
"""

from __future__ import annotations

from django.urls import register_converter

TAHUN_MIN = 1900
TAHUN_MAX = 2200


def parse_tahun(teks: str | None) -> int | None:
    """The year written in ``teks`` (four digits within the bounds), else None."""
    teks = (teks or "").strip()
    if len(teks) != 4 or not teks.isascii() or not teks.isdigit():
        return None
    tahun = int(teks)
    return tahun if TAHUN_MIN <= tahun <= TAHUN_MAX else None


class TahunConverter:
    """``<tahun:name>``: a year of four digits within ``TAHUN_MIN``–``TAHUN_MAX``."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        tahun = parse_tahun(value)
        if tahun is None:
            raise ValueError(value)  # the URL does not match: 404
        return tahun

    def to_url(self, value: int) -> str:
        return str(value)


class IdConverter:
    """``<id:name>``: a database id, 1 to 18 digits (always below 2^63)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(TahunConverter, "tahun")
register_converter(IdConverter, "id")

"""One way to name a moment in a message to a user: "29 November 2026 14.30" in the local time
zone, the month in the active language."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format


def format_waktu(moment: datetime | None) -> str:
    """The moment as people read it; "" when unknown."""
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "j F Y H.i")

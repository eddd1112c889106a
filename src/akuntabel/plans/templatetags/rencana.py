"""Template filters of the plan pages."""

from decimal import Decimal

from django import template

from akuntabel.core.angka import TANPA_NILAI, format_angka

register = template.Library()


@register.filter
def ukuran(value: Decimal | None, satuan: str = "") -> str:
    """A measure with its unit, the Indonesian way: 92.7731 "%" → "92,77%",
    9205 "Orang" → "9.205 Orang"; None → "–"."""
    if value is None:
        return TANPA_NILAI
    teks = format_angka(value)
    satuan = (satuan or "").strip()
    if not satuan:
        return teks
    return f"{teks}%" if satuan == "%" else f"{teks} {satuan}"

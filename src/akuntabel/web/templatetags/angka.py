"""Template filters for Indonesian number formats: one place, calling ``akuntabel.core``."""

from decimal import Decimal

from django import template

from akuntabel.core.angka import format_angka, format_persen, format_rupiah

register = template.Library()


@register.filter
def rupiah(value: Decimal | None) -> str:
    return format_rupiah(value)


@register.filter
def persen(value: Decimal | None) -> str:
    return format_persen(value)


@register.filter
def angka(value: Decimal | None) -> str:
    """A measure with only its significant decimals: 13415.0000 → "13.415", 91.50 → "91,5"."""
    return format_angka(value)

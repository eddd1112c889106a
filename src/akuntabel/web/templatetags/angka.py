"""Template filters for Indonesian number formats: one place, calling ``akuntabel.core``.

The texts they return hold only digits, ``.``, ``,``, ``-``, ``%``, ``Rp `` and ``–``, which
HTML escaping leaves as they are; they are marked safe so that pages showing thousands of
numbers do not escape each one for nothing.
"""

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from akuntabel.core.angka import format_angka, format_persen, format_rupiah

register = template.Library()


@register.filter
def rupiah(value: Decimal | None) -> str:
    return SafeString(format_rupiah(value))


@register.filter
def persen(value: Decimal | None) -> str:
    return SafeString(format_persen(value))


@register.filter
def angka(value: Decimal | None) -> str:
    """A measure with only its significant decimals: 13415.0000 → "13.415", 91.50 → "91,5"."""
    return SafeString(format_angka(value))

"""Password rules beyond Django's own (settings.AUTH_PASSWORD_VALIDATORS lists them all).

- ``CommonPasswordValidator``: Django's list of 20,000 common passwords plus a list of common
  Indonesian passwords and words shipped here (``data/sandi-umum-id.txt``), looked up with the
  digits and symbols around the password removed, so that "Bismillah2024!" is refused as
  "bismillah" is.
- ``NamaTempatValidator``: no password containing the name, abbreviation or key of the pemda or
  OPD its user works in ("kotametro", "Dinsos123"): the first words an attacker tries.

Project convention, following the password guidance of BSSN and NIST SP 800-63B §5.1.1.2
(refuse passwords from lists of commonly used or context-specific words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DAFTAR_ID = Path(__file__).resolve().parent / "data" / "sandi-umum-id.txt"

# Words of official names too general to identify a place (and shorter words are ignored).
UMUM = {"kota", "kabupaten", "provinsi", "pemerintah", "daerah", "dinas", "badan", "kantor",
        "sekretariat", "bagian", "satuan", "unit", "pelaksana", "teknis", "urusan", "perangkat",
        "kecamatan", "kelurahan", "umum", "dan", "serta", "bidang", "pusat", "rumah", "sakit"}
MIN_KATA = 4


def _letters(text: str) -> str:
    """``text`` in lower case without spaces, digits or symbols: "Kota Metro 2" -> "kotametro"."""
    return re.sub(r"[\W\d_]+", "", text.lower())


def _stem(password: str) -> str:
    """The password without the digits and symbols around it: " Sayang123!" -> "sayang"."""
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", password.lower().strip())


@cache
def _common_passwords() -> frozenset[str]:
    django_list = password_validation.CommonPasswordValidator().passwords
    with DAFTAR_ID.open(encoding="utf-8") as f:
        ours = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return frozenset(django_list) | frozenset(ours)


class CommonPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        candidates = {password.lower().strip(), _stem(password),
                      _stem(password).replace(" ", "")}
        if candidates & _common_passwords():
            raise ValidationError(
                _("This password is too common. It is a common password or word, with or without "
                  "numbers; choose a less predictable one, e.g. a few unrelated words."),
                code="password_too_common")

    def get_help_text(self) -> str:
        return _("Your password cannot be a commonly used password or Indonesian word, with or "
                 "without numbers.")


def place_words(places: Iterable[Any]) -> set[str]:
    """What identifies each pemda or OPD in ``places``: its whole name, its key and its
    abbreviation, and each distinctive word of its name, in lower-case letters only."""
    words: set[str] = set()
    for place in places:
        if place is None:
            continue
        for text in (place.nama, place.kode, getattr(place, "singkatan", "")):
            words.add(_letters(text or ""))
        words.update(_letters(w) for w in re.split(r"[\s\-_/.,()]+", place.nama or "")
                     if _letters(w) not in UMUM)
    return {w for w in words if len(w) >= MIN_KATA}


def validate_not_place_name(password: str, places: Iterable[Any]) -> None:
    """Refuse a password containing what names one of ``places`` (pemda or OPD), ignoring case,
    spaces, digits and symbols."""
    letters = _letters(password)
    found = sorted(w for w in place_words(places) if w and w in letters)
    if found:
        raise ValidationError(
            _("The password may not contain the name of your region or agency (%(kata)s).")
            % {"kata": found[0]}, code="password_place_name")


def user_places(user: Any) -> list[Any]:
    """The pemda and OPD ``user`` holds a role in (none for an unsaved user)."""
    if user is None or getattr(user, "pk", None) is None:
        return []
    from akuntabel.accounts.models import Membership

    places: list[Any] = []
    for m in Membership.objects.filter(user=user).select_related("pemda", "perangkat_daerah"):
        places += [m.pemda, m.perangkat_daerah]
    return places


class NamaTempatValidator:
    """The configured form of ``validate_not_place_name``: the places of the user's roles. A
    form creating a user calls ``validate_not_place_name`` with the places it gives."""

    def validate(self, password: str, user: Any = None) -> None:
        validate_not_place_name(password, user_places(user))

    def get_help_text(self) -> str:
        return _("Your password cannot contain the name of your region or agency.")

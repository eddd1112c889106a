"""Creating, revoking and checking API tokens: the one place their secret is made and read.

A token is ``akt_`` followed by 32 random bytes (URL-safe base64); only its SHA-256 is stored,
so a stolen database gives no usable token. The secret has the full entropy of a key, so a
plain hash (no salt, no stretching) is enough, and lets a request find its token by one
indexed look-up.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from akuntabel.api.models import TokenApi
from akuntabel.organizations.models import PerangkatDaerah

AWALAN = "akt_"


def _hash(rahasia: str) -> str:
    return hashlib.sha256(rahasia.encode()).hexdigest()


def buat_token(user: Any, nama: str, lingkup: str,
               opd: PerangkatDaerah | None = None) -> tuple[TokenApi, str]:
    """A new token of ``user`` and its secret, to be shown once and never again."""
    rahasia = AWALAN + secrets.token_urlsafe(32)
    token = TokenApi.objects.create(user=user, nama=nama.strip(), awalan=rahasia[:10],
                                    hash=_hash(rahasia), lingkup=lingkup,
                                    perangkat_daerah=opd)
    return token, rahasia


def cabut_token(user: Any, pk: int) -> bool:
    """Revoke the user's token ``pk``; False when it is not theirs or already revoked."""
    return bool(TokenApi.objects.filter(pk=pk, user=user, dicabut_at__isnull=True)
                .update(dicabut_at=timezone.now()))


def token_dari(rahasia: str) -> TokenApi | None:
    """The live token with this secret (its user active), marked as used; None otherwise."""
    if not rahasia.startswith(AWALAN) or len(rahasia) > 100:
        return None
    token = (TokenApi.objects.select_related("user", "perangkat_daerah")
             .filter(hash=_hash(rahasia), dicabut_at__isnull=True, user__is_active=True)
             .first())
    if token is None:
        return None
    now = timezone.now()
    # At most one write a minute per token: the list of tokens says roughly when it was used.
    TokenApi.objects.filter(Q(digunakan_at__isnull=True)
                            | Q(digunakan_at__lt=now - timedelta(minutes=1)),
                            pk=token.pk).update(digunakan_at=now)
    return token

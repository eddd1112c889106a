"""A table wider than a phone scrolls inside its own box (``div.gulir``); a keyboard user must
reach that box to scroll it, and a screen reader must hear its name (axe-core's
scrollable-region-focusable: a serious violation). Checked on every portal page that has one,
whether or not the demo's tables happen to overflow at 375 px."""

import re

import pytest
from django.urls import reverse

from akuntabel.plans.demo import tetapkan_renstra_demo

pytestmark = pytest.mark.django_db


def test_every_scrolling_table_box_is_reachable_and_named(client, demo_opd):
    pemda = demo_opd.pemda_id
    [renstra] = tetapkan_renstra_demo(demo_opd)
    urls = [reverse("portal:beranda", args=[pemda]) + "?tahun=2023",
            reverse("portal:opd", args=[pemda, demo_opd.pk]) + "?tahun=2023",
            reverse("portal:anggaran", args=[pemda]) + "?tahun=2023",
            reverse("portal:renstra", args=[pemda, renstra.pk])]
    kotak = 0
    for url in urls:
        body = client.get(url).content.decode()
        for div in re.findall(r'<div class="gulir"[^>]*>', body):
            kotak += 1
            assert 'tabindex="0"' in div and 'role="region"' in div, (url, div)
            nama = re.search(r'aria-labelledby="([^"]+)"', div)
            assert nama or re.search(r'aria-label="[^"]+"', div), (url, div)
            if nama:
                assert f'id="{nama.group(1)}"' in body, (url, div)
    assert kotak >= 5

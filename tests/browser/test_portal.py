"""The public portal on a phone-sized screen, anonymous: the demo pemda's home and its OPD's
page, the pohon kinerja, the budget and the established Renstra are readable (no horizontal
scroll of the page), every chart has an accessible name, and
axe-core (bundled by axe-playwright-python, no download) reports no serious or critical
violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser, live_server):
    from django.core.cache import cache

    cache.clear()
    # bypass_csp: axe is injected by page.evaluate; the site's policy forbids inline scripts
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, bypass_csp=True)
    yield context.new_page()
    context.close()


def serious(results) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{[n['target'] for n in v['nodes'][:3]]})"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def test_the_portal_on_a_phone_is_accessible(phone, screenshot, demo_opd_live):
    pemda = demo_opd_live.pemda
    for step, url in (("beranda", reverse("portal:beranda", args=[pemda.pk])),
                      ("opd", reverse("portal:opd", args=[pemda.pk, demo_opd_live.pk]))):
        response = phone.goto(url)
        assert response.status == 200, url
        assert phone.locator("h1").count() == 1
        if step == "opd":   # the home shows every agency's IKU in one table
            assert phone.locator("svg[role=img]").count() > 0, "no chart on " + step
        for svg in phone.locator("svg[role=img]").all():
            assert svg.get_attribute("aria-labelledby")
        lebar = phone.evaluate("document.documentElement.scrollWidth")
        assert lebar <= PHONE["width"] + 1, (step, lebar)
        screenshot(phone, step)
        assert serious(Axe().run(phone)) == [], step


def test_the_pohon_budget_and_renstra_pages_on_a_phone_are_accessible(phone, screenshot,
                                                                      demo_opd_live):
    from akuntabel.plans.demo import tetapkan_renstra_demo

    pemda = demo_opd_live.pemda
    [renstra] = tetapkan_renstra_demo(demo_opd_live)   # as the demo command does
    for step, url in (("pohon", reverse("portal:pohon", args=[pemda.pk])
                       + "?tahun=2023&kegiatan=1"),
                      ("anggaran", reverse("portal:anggaran", args=[pemda.pk]) + "?tahun=2023"),
                      ("renstra", reverse("portal:renstra", args=[pemda.pk, renstra.pk]))):
        response = phone.goto(url)
        assert response.status == 200, url
        assert phone.locator("h1").count() == 1
        for svg in phone.locator("svg[role=img]").all():
            assert svg.get_attribute("aria-labelledby")
        lebar = phone.evaluate("document.documentElement.scrollWidth")
        assert lebar <= PHONE["width"] + 1, (step, lebar)
        assert phone.locator("li .simpul, table caption").count() > 0, step   # not empty
        screenshot(phone, step)
        assert serious(Axe().run(phone)) == [], step

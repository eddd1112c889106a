"""The realisasi grid as stored comes from the cache of computed data (``reports.tembolok``)
while the OPD's data did not change: a second request computes nothing, each request carries
its own CSRF token in the evidence forms, and a value written through ``results.writes``
shows on the very next request."""

import re
from decimal import Decimal

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, Template
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.results import views
from akuntabel.results.grid import RealisasiBaris
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import NilaiRealisasi, write_realisasi
from tests.builders import make_user
from tests.results.helpers import TAHUN, indikator_of, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db


def tulis(opd, ind, teks, user):
    lama = Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=1).first()
    baris = RealisasiBaris(lama.pk, lama.teks, lama.nilai, lama.catatan, lama.versi) \
        if lama else None
    write_realisasi(opd, TAHUN, [NilaiRealisasi(ind.pk, 1, baris, lama.versi if lama else 0,
                                                teks, Decimal(teks), "")],
                    user=user, sumber="uji")


@pytest.fixture
def opd(django_capture_on_commit_callbacks):
    """An OPD with three indicators, the first with a TW I value of 41, as if committed (a page
    computed inside an open write is never cached)."""
    with django_capture_on_commit_callbacks(execute=True):
        opd = make_grid_opd(3)
        tulis(opd, indikator_of(opd)[1], "41", operator_of(opd))
    return opd


def get(client, opd):
    response = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 1]))
    assert response.status_code == 200
    return response.content.decode()


def gagal(*args, **kwargs):
    raise AssertionError("computed again although no data changed")


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.VERIFIKATOR],
                         ids=["the operator, who may enter values", "the verifikator, who reads"])
def test_a_second_request_computes_nothing(client, opd, monkeypatch, peran):
    client.force_login(make_user(peran, opd=opd, pemda=opd.pemda))
    first = get(client, opd)
    monkeypatch.setattr(views, "build_realisasi_grid", gagal)
    again = get(client, opd)
    token = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')
    assert token.sub("", again) == token.sub("", first)
    assert ('name="nilai-' in again) == (peran == Peran.OPERATOR_OPD)


def test_the_evidence_forms_carry_the_requests_own_token(client, opd):
    client.force_login(operator_of(opd))
    get(client, opd)
    body = get(client, opd)  # from the cache
    assert views.TEMPAT_TOKEN not in body
    forms = re.findall(r'<form id="bukti-\d+"[^>]*hidden><input type="hidden" '
                       r'name="csrfmiddlewaretoken" value="(\w+)">', body)
    assert len(forms) == 1  # the one line with a value
    assert _unmask_cipher_token(forms[0]) == client.cookies["csrftoken"].value


def test_a_value_written_through_the_service_shows_right_after(client, opd):
    operator = operator_of(opd)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert "77" not in re.sub(r"\d{3,}", "", get(client, opd))
    tulis(opd, indikator_of(opd)[2], "77", operator)
    assert re.search(r">77<", get(client, opd))


# The warning list as the template wrote it before it was written in Python (kept in the cache).
TEMPLATE_LAMA = (
    '{% load i18n %}{% for l in lines %}{% if l.peringatan %}<li{% if l.perlu_catatan %} '
    'class="perlu-catatan"{% endif %}><a href="#{% if editable %}catatan-{{ l.pk }}{% else %}'
    'warn-nilai-{{ l.pk }}{% endif %}">{% translate "Row" %} {{ l.nomor }}</a>: '
    '{{ l.peringatan|join:" " }}{% if l.catatan %} <em>{% translate "Note" %}: {{ l.catatan }}'
    '</em>{% endif %}</li>{% endif %}{% endfor %}')


@pytest.mark.parametrize("editable", [True, False], ids=["editable", "read only"])
def test_the_warning_list_is_what_the_template_wrote(editable):
    lines = [
        {"pk": 7, "nomor": 1, "peringatan": ["Jauh <di atas> target.", "Naik 10×."],
         "perlu_catatan": True, "catatan": ""},
        {"pk": 8, "nomor": 2, "peringatan": [], "perlu_catatan": False, "catatan": "x"},
        {"pk": 9, "nomor": 1234, "peringatan": ["A & B"], "perlu_catatan": False,
         "catatan": 'Sudah "dicek" <b>'},
    ]
    lama = Template(TEMPLATE_LAMA).render(Context({"lines": lines, "editable": editable}))
    assert views._peringatan_html(lines, editable) == lama

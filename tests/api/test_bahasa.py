"""The API's messages are Indonesian by default and English with ``Accept-Language: en``
(gettext: English msgids, the Indonesian catalogue), for every error a client meets: 422
(a value the grid refuses, a request the schema refuses), 409, 403, 404, 401 and 429."""

import pytest
from django.test import override_settings

from akuntabel.api.models import TokenApi
from tests.api.helpers import TAHUN, bearer, operator_token
from tests.results.helpers import indikator_of, make_grid_opd

pytestmark = pytest.mark.django_db

BAHASA = {"id": {}, "en": {"HTTP_ACCEPT_LANGUAGE": "en"}}


@pytest.fixture
def opd():
    return make_grid_opd(2)


def tulis(client, opd, nilai, versi, token, lang):
    ind = indikator_of(opd)[1]
    return client.post(f"/api/v1/opd/{opd.pk}/realisasi", {
        "tahun": TAHUN, "triwulan": 2,
        "nilai": [{"indikator": ind.pk, "nilai": nilai, "catatan": "", "versi": versi}]},
        content_type="application/json", **bearer(token), **BAHASA[lang])


def _409(client, opd, lang):
    token = operator_token(opd)
    assert tulis(client, opd, "40", 0, token, lang).status_code == 200
    return tulis(client, opd, "41", 0, token, lang)


CASES = {  # what -> (request, status, Indonesian, English)
    "422 grid": (lambda c, o, lang: tulis(c, o, "empat puluh", 0, operator_token(o), lang),
                 422, "Tidak ada yang disimpan", "Nothing was saved"),
    "422 schema": (lambda c, o, lang: c.get("/api/v1/pemda?limit=0", **BAHASA[lang]),
                   422, "paling sedikit 1", "at least 1"),
    "409": (_409, 409, "Diubah orang lain sejak dibaca", "Changed by someone else since"),
    "403": (lambda c, o, lang: tulis(c, o, "40", 0, operator_token(
        o, lingkup=TokenApi.Lingkup.BACA), lang), 403, "tidak boleh mengubah", "may not change"),
    "404": (lambda c, o, lang: c.get("/api/v1/pemda/999999/iku?tahun=2026", **BAHASA[lang]),
            404, "Tidak ada", "Nothing"),
    "401": (lambda c, o, lang: c.get("/api/v1/pemda", **bearer("akt_salah"), **BAHASA[lang]),
            401, "Token salah", "The token is wrong"),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("what", list(CASES))
def test_every_error_speaks_the_clients_language(client, opd, what, lang):
    request, status, indonesian, english = CASES[what]
    response = request(client, opd, lang)
    assert response.status_code == status
    body = response.content.decode()
    assert (indonesian if lang == "id" else english) in body, body
    assert (english if lang == "id" else indonesian) not in body
    assert response["Content-Language"] == lang


@pytest.mark.parametrize("lang,text", [("id", "Terlalu banyak permintaan"),
                                       ("en", "Too many requests")])
@override_settings(AKUNTABEL_API_BATAS_ALAMAT="1/min")
def test_429_speaks_the_clients_language(client, lang, text):
    client.get("/api/v1/pemda", **BAHASA[lang])
    response = client.get("/api/v1/pemda", **BAHASA[lang])
    assert response.status_code == 429 and text in response.json()["detail"]


def test_a_browsers_preferences_are_read_with_their_weights(client):
    prefer_en = client.get("/api/v1/pemda/999999/iku?tahun=2026",
                           HTTP_ACCEPT_LANGUAGE="fr;q=1, en;q=0.8, id;q=0.5")
    assert prefer_en["Content-Language"] == "en"
    prefer_id = client.get("/api/v1/pemda/999999/iku?tahun=2026",
                           HTTP_ACCEPT_LANGUAGE="en;q=0.3, id-ID;q=0.9")
    assert prefer_id["Content-Language"] == "id"
    assert client.get("/api/v1/pemda", HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "id"


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "Baris 2 ({kode}): Capaian 100.000,00% jauh di atas target (lebih dari 200%): "
           "periksa nilainya, atau jelaskan dalam catatan."),
    ("en", "Row 2 ({kode}): Capaian 100.000,00% far above the target (more than 200%): "
           "check the value, or explain it in the note."),
])
def test_a_plausibility_warning_speaks_the_clients_language(client, opd, lang, said):
    ind = indikator_of(opd)[1]  # target 100
    response = client.post(f"/api/v1/opd/{opd.pk}/realisasi", {
        "tahun": TAHUN, "triwulan": 4,
        "nilai": [{"indikator": ind.pk, "nilai": "100000", "catatan": "", "versi": 0}]},
        content_type="application/json", **bearer(operator_token(opd)), **BAHASA[lang])
    assert response.status_code == 200
    assert response.json()["peringatan"] == [said.format(kode=ind.kode or ind.pk)]

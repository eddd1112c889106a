"""Large documents are also kept in the process that read them (``reports.tembolok._dekat``):
read again without decompressing the shared entry, and only while that entry exists, so
emptying the cache or a write computes them again."""

import pytest

from akuntabel.organizations.models import Pemda
from akuntabel.reports import tembolok
from tests.builders import make_opd, make_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda(django_capture_on_commit_callbacks):
    """A pemda, as if committed (a document computed inside an open write is never kept)."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_pemda()


def dokumen(pemda, dibuat):
    return tembolok.dokumen_pemda(pemda, 2023, "uji", "html",
                                  lambda: dibuat.append(1) or f"dokumen {len(dibuat)}")


def test_a_document_read_again_is_the_process_copy(pemda, monkeypatch):
    dibuat = []
    assert dokumen(pemda, dibuat) == "dokumen 1"
    monkeypatch.setattr(tembolok.django_cache, "get", lambda *a: pytest.fail("read again"))
    assert dokumen(pemda, dibuat) == "dokumen 1"
    assert dibuat == [1]


def test_emptying_the_cache_empties_the_process_copies_too(pemda):
    dibuat = []
    dokumen(pemda, dibuat)
    tembolok.django_cache.clear()
    assert dokumen(pemda, dibuat) == "dokumen 2"


def test_a_write_to_the_data_computes_the_document_again(pemda):
    dibuat = []
    dokumen(pemda, dibuat)
    make_opd(pemda=Pemda.objects.get(pk=pemda.pk))  # a write the net catches
    assert dokumen(pemda, dibuat) == "dokumen 2"


def test_the_process_keeps_a_few_documents_only(pemda):
    for n in range(tembolok.DEKAT_MAKS + 3):
        tembolok.dokumen_pemda(pemda, 2000 + n, "uji", "html", lambda: "x")
    assert len(tembolok._dekat) <= tembolok.DEKAT_MAKS

"""A transactional test flushes every table when it ends, the session's demo dataset included;
tests/conftest.py loads the demo again so that any test after it still finds the demo, whichever
pytest-xdist worker runs it (the two tests below run in this order on one worker)."""

import pytest

from akuntabel.organizations.models import PerangkatDaerah


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_demo_and_its_end_flushes_it():
    assert PerangkatDaerah.objects.filter(pemda__kode="kota-metro", kode="dinas-sosial").exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_transactional_test_finds_the_demo_loaded_again():
    assert PerangkatDaerah.objects.filter(pemda__kode="kota-metro", kode="dinas-sosial").exists()

"""The named personas of the account and history tests, as fixtures: a pemda with its Dinas
Sosial and Dinas Kesehatan, the pemda's administrator and the Dinas Sosial's operator.
Directories that use them import them in their conftest.py."""

import pytest

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_pemda, make_user


@pytest.fixture
def pemda():
    return make_pemda()


@pytest.fixture
def dinsos(pemda):
    return make_opd(pemda=pemda, nama="Dinas Sosial")


@pytest.fixture
def dinkes(pemda):
    return make_opd(pemda=pemda, nama="Dinas Kesehatan")


@pytest.fixture
def admin_pemda(pemda):
    return make_user(Peran.ADMIN_PEMDA, pemda=pemda, username="admin-metro")


@pytest.fixture
def operator_dinsos(dinsos):
    return make_user(Peran.OPERATOR_OPD, opd=dinsos, username="operator-dinsos",
                     first_name="Sri", last_name="Wahyuni")

"""Fixtures of this directory: the agency whose plan the editor and service tests write
(Dinas Kesehatan), its operator, and its operator with a name (``user``, for the tests that
read the name in the history). A test file with an agency of its own defines ``opd`` (and
``operator``) itself."""

import pytest

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_user


@pytest.fixture
def opd():
    return make_opd(nama="Dinas Kesehatan")


@pytest.fixture
def operator(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd)


@pytest.fixture
def user(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd, first_name="Sri", last_name="Wahyuni")

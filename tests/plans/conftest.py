"""Fixtures of this directory: the agency whose plan the editor tests write (Dinas Kesehatan)
and its operator. A test file with an agency of its own defines ``opd`` (and ``operator``)
itself."""

import pytest

from akuntabel.accounts.models import Peran
from tests.builders import make_opd, make_user


@pytest.fixture
def opd():
    return make_opd(nama="Dinas Kesehatan")


@pytest.fixture
def operator(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd)

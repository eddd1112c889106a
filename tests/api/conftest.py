"""The public portal's world (tests/portal/conftest.py: verified and unverified quarters, a
hidden indicator, an unpublished final) for the API's open data tests."""

from tests.portal.conftest import (  # noqa: F401 (fixtures)
    admin_pemda,
    dinkes,
    dinsos,
    iku,
    iku_data,
    operator_dinkes,
    operator_dinsos,
    pemda,
    perkada,
    portal,
    rpjmd,
    sasaran_daerah,
    verifikator,
)

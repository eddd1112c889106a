"""The package docstring is the library's documentation: its example must run."""

import doctest
import inspect

import pytest

import akuntabel.core


def test_package_documentation_example_runs() -> None:
    hasil = doctest.testmod(akuntabel.core, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert hasil.attempted > 0
    assert hasil.failed == 0


@pytest.mark.parametrize("nama", akuntabel.core.__all__)
def test_every_public_name_is_documented(nama: str) -> None:
    objek = getattr(akuntabel.core, nama)
    if inspect.isfunction(objek) or inspect.isclass(objek):
        assert inspect.getdoc(objek), f"{nama} has no docstring"

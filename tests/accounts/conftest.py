"""Fixtures of this directory: the shared personas (tests/personas.py)."""

from tests.personas import admin_pemda, dinkes, dinsos, operator_dinsos, pemda

__all__ = ["admin_pemda", "dinkes", "dinsos", "operator_dinsos", "pemda"]

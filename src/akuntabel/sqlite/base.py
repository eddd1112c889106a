"""Django's SQLite backend with one change: a stored decimal that does not fit its field is
read as stored instead of failing the query.

SQLite keeps a decimal as a float of 15 significant digits, and Django's reader rounds it to
the field's decimal places within the field's digits (``max_digits``). A value beyond them
(stored before the entry paths checked ``core.batas``, by raw SQL, or rounded up by the float:
``999999999999999999.99`` becomes 10^18, one digit more than a Rupiah field holds) made the
reader raise ``decimal.InvalidOperation``, and with it every page that read the row. Such a
value is now read unrounded, as SQLite holds it; the pages show it as out of bounds
(``core.batas``) for someone to correct. PostgreSQL refuses such values when they are
written, so it needs no such reader.
"""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation
from typing import Any

from django.db.backends.sqlite3 import base, operations

_AS_STORED = Context(prec=15).create_decimal_from_float  # Django's own reading, unrounded


class DatabaseOperations(operations.DatabaseOperations):
    def get_decimalfield_converter(self, expression: Any) -> Any:
        converter = super().get_decimalfield_converter(expression)

        def read(value: Any, expression: Any, connection: Any) -> Decimal | None:
            try:
                return converter(value, expression, connection)
            except InvalidOperation:  # more digits than the field holds
                return _AS_STORED(value)

        return read


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

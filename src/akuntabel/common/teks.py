"""Text that can be stored: what every free text typed or loaded must be, so that no stored text
can make a page or a document fail.

A control character (C0 and DEL, except tab, line feed and carriage return) is invisible, and
no spreadsheet (openpyxl refuses it) or Word document (XML 1.0 cannot hold it) can carry it: a
narrative, a note or a dataset value pasted with one (a PDF's form feed, a stray U+001F) once
stored made the LKjIP's Word and Excel downloads fail. Every way in refuses it, naming it.
"""

from __future__ import annotations

import re

__all__ = ["KENDALI", "karakter_kendali"]

KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def karakter_kendali(teks: str) -> str | None:
    """The first control character of ``teks`` written as ``U+001F``; None when it has none."""
    found = KENDALI.search(teks)
    return f"U+{ord(found.group()):04X}" if found else None

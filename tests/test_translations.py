"""Every UI string has an Indonesian translation, and the compiled catalogue is current."""

import gettext
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "akuntabel"
PO = SRC / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


PLURALS: dict[str, str] = {}  # msgid -> msgid_plural, filled by _po_entries


def _unescape(text: str) -> str:
    """A .po string literal's content as the text it stands for (\\", \\n, non-ASCII)."""
    return text.encode().decode("unicode_escape").encode("latin-1").decode()


def _po_entries() -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plurals) from the .po file: a small parser, enough for
    Django's output."""
    entries: dict[str, str] = {}
    msgid = msgstr = plural = None
    current = None
    fuzzy = False
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, current = line[7:-1], "id"
        elif line.startswith("msgid_plural "):
            plural, current = line[14:-1], "plural"
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, current = line.partition(" ")[2][1:-1], "str"
        elif line.startswith("msgstr["):
            current = "other"
        elif line.startswith('"') and current == "id":
            msgid += line[1:-1]
        elif line.startswith('"') and current == "str":
            msgstr += line[1:-1]
        elif not line.strip() and msgid is not None:
            if msgid:
                key = _unescape(msgid)
                entries[key] = "" if fuzzy else _unescape(msgstr)
                if plural:
                    PLURALS[key] = plural
            msgid = msgstr = plural = current = None
            fuzzy = False
    return entries


TEMPLATE_STRING = re.compile(r"""\{%\s*translate\s+(["'])(.+?)\1""")
PYTHON_STRING = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*\)""")


def _source_strings() -> set[str]:
    found = set()
    for path in SRC.rglob("*.html"):
        found |= {m.group(2) for m in TEMPLATE_STRING.finditer(path.read_text(encoding="utf-8"))}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or "core" in path.parts:
            continue
        found |= {m.group(2) for m in PYTHON_STRING.finditer(path.read_text(encoding="utf-8"))}
    return found


def test_every_entry_of_the_catalogue_is_translated():
    untranslated = [msgid for msgid, msgstr in _po_entries().items() if not msgstr]
    assert untranslated == []


def test_every_ui_string_in_the_source_is_in_the_catalogue():
    missing = sorted(_source_strings() - set(_po_entries()))
    assert missing == [], "run makemessages -l id and translate: " + repr(missing)


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    entries = _po_entries()
    stale = [m for m, s in entries.items()
             if (catalogue.ngettext(m, PLURALS[m], 1) if m in PLURALS else catalogue.gettext(m))
             != s]
    assert stale == [], "run compilemessages: " + repr(stale[:5])

"""Developer tool: add Indonesian translations to the catalogue and recompile it.

    .venv/bin/python scripts/i18n_add.py strings.json

``strings.json`` maps English msgids to Indonesian msgstrs. Existing entries are updated, new
ones appended; the .mo file is recompiled. Run under ``flock /tmp/akuntabel-po.lock`` when
several people edit at once.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "src/akuntabel/locale/id/LC_MESSAGES/django.po"


def main(paths: list[str]) -> None:
    po = polib.pofile(str(PO), wrapwidth=0)
    index = {e.msgid: e for e in po}
    added = updated = 0
    for path in paths:
        for msgid, msgstr in json.loads(Path(path).read_text(encoding="utf-8")).items():
            entry = index.get(msgid)
            if entry is None:
                entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
                po.append(entry)
                index[msgid] = entry
                added += 1
            elif entry.msgstr != msgstr or "fuzzy" in entry.flags:
                entry.msgstr = msgstr
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                updated += 1
    po.save(str(PO))
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{added} added, {updated} updated")


if __name__ == "__main__":
    main(sys.argv[1:])

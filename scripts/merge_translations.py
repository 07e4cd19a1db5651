#!/usr/bin/env python
"""Fill the English catalogue from the fragments in ``locale/en/extra/*.po``.

Each feature keeps the English of its new strings in a fragment of its own (parallel work
never edits the one big ``django.po`` at the same time); ``make messages`` extracts the
strings and then runs this script, which copies a fragment's translation into every entry of
``locale/en/LC_MESSAGES/django.po`` that is still empty or fuzzy. Translations already in the
catalogue win: a fragment never overwrites a reviewed entry. Prints what is still missing."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale/en/LC_MESSAGES/django.po"


def fragments():
    known = {}
    for path in sorted((ROOT / "locale/en/extra").glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgid and (entry.msgstr or entry.msgstr_plural):
                known[(entry.msgctxt, entry.msgid)] = entry
    return known


def main() -> int:
    known = fragments()
    catalogue = polib.pofile(str(CATALOGUE))
    filled = 0
    for entry in catalogue:
        empty = not (entry.msgstr or any(entry.msgstr_plural.values()))
        if not (empty or entry.fuzzy):
            continue
        source = known.get((entry.msgctxt, entry.msgid))
        if source is None:
            continue
        if entry.msgid_plural:
            plural = source.msgstr_plural or {0: source.msgstr, 1: source.msgstr}
            entry.msgstr_plural = {int(k): v for k, v in plural.items()}
        else:
            entry.msgstr = source.msgstr or source.msgstr_plural.get(0, "")
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        filled += 1
    catalogue.save(str(CATALOGUE))
    missing = [e.msgid for e in catalogue
               if e.msgid and not e.obsolete and (e.fuzzy or not (e.msgstr or any(e.msgstr_plural.values())))]
    print(f"filled {filled} entries from locale/en/extra; {len(missing)} still without English")
    for msgid in missing[:50]:
        print(f"  missing: {msgid[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate ``customer_service.pot`` and ``zh_CN.po`` from a database.

``./dev i18n [extra.po ...]`` exports every term of the installed addon, keeps
the Chinese translations already in ``zh_CN.po``, takes new ones from the extra
PO files given (msgid/msgstr pairs, comments not needed; white space in msgids
does not matter), and lists the terms still untranslated. Exit status 1 when
any is left.
"""

import argparse
import io
import sys
from pathlib import Path

import polib

import odoo
from odoo.modules.registry import Registry
from odoo.tools.translate import trans_export

MODULE = "customer_service"
I18N = Path(__file__).resolve().parent.parent / MODULE / "i18n"


def normalize(text):
    """Terms of views keep the line breaks of their XML: match them without."""
    return " ".join(text.split())


def translations(paths):
    known = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                known[normalize(entry.msgid)] = entry.msgstr
    return known


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("extra", nargs="*", type=Path)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    with Registry(args.database).cursor() as cr:
        buffer = io.BytesIO()
        trans_export(None, [MODULE], buffer, "po", cr)
    # Sorted by msgid, as OCA's oca-checks-po expects of a pretty PO file.
    pot = polib.pofile(buffer.getvalue().decode())
    pot.sort(key=lambda entry: entry.msgid)
    pot.save(str(I18N / f"{MODULE}.pot"))

    known = translations([I18N / "zh_CN.po", *args.extra])
    po = polib.pofile(buffer.getvalue().decode())
    po.sort(key=lambda entry: entry.msgid)
    po.metadata["Language"] = "zh_CN"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    missing = []
    for entry in po:
        entry.msgstr = known.get(normalize(entry.msgid), "")
        if not entry.msgstr:
            missing.append(entry.msgid)
    po.save(str(I18N / "zh_CN.po"))
    print(f"{len(po)} terms, {len(missing)} untranslated")
    for msgid in missing:
        print(f"  {msgid!r}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()

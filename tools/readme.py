"""Generate the addon's README.rst from its manifest and ``readme/`` fragments.

The layout is the one OCA's ``oca-gen-addon-readme`` writes (title, generated
banner with the fragments' digest, summary, description, table of contents,
Configuration, Usage, Bug Tracker, Credits), so the addon reads like any OCA
addon on a code host or in Odoo's Apps. ``--check`` exits non-zero when the
file is missing or no longer matches its fragments; ``./dev lint`` runs it.

Usage: python tools/readme.py ADDON_DIR [--check]
"""

import ast
import hashlib
import sys
from pathlib import Path

import docutils.core
import docutils.utils

# Fragment file, section title; DESCRIPTION has no title of its own.
SECTIONS = [
    ("DESCRIPTION", None),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]
CREDIT_SECTIONS = [("CONTRIBUTORS", "Contributors"), ("CREDITS", "Other credits")]

BANNER = """\
..
   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
   !! This file is generated from readme/ by        !!
   !! tools/readme.py: changes will be overwritten.  !!
   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
   !! source digest: sha256:{digest}
   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


def heading(title, underline):
    return f"{title}\n{underline * len(title)}\n"


def fragments(addon):
    readme = addon / "readme"
    return {
        path.stem: path.read_text(encoding="utf-8").strip() + "\n"
        for path in sorted(readme.glob("*.rst"))
    }


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    parts = fragments(addon)
    shown = [manifest[key] for key in ("name", "summary", "license", "version")]
    digest = hashlib.sha256(
        repr((shown, manifest["author"], sorted(parts.items()))).encode(),
    ).hexdigest()
    title = manifest["name"]
    out = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        BANNER.format(digest=digest),
        f"**License:** {manifest['license']} · **Version:** {manifest['version']}",
        "",
        manifest["summary"],
        "",
    ]
    body = []
    for name, section in SECTIONS:
        if name not in parts:
            continue
        if section:
            body.append(heading(section, "="))
        body.append(parts[name])
    out += [body[0], "**Table of contents**", "", ".. contents::", "   :local:", ""]
    out += body[1:]
    out.append(heading("Bug Tracker", "="))
    out.append(
        "Bugs are tracked in the project's issue tracker. In case of trouble, "
        "please check there if your issue has already been reported.\n"
    )
    out.append(heading("Credits", "="))
    out.append(heading("Authors", "-"))
    authors = manifest["author"].split(",")
    out.append("".join(f"* {author.strip()}\n" for author in authors))
    for name, section in CREDIT_SECTIONS:
        if name in parts:
            out.append(heading(section, "-"))
            out.append(parts[name])
    return "\n".join(out).rstrip() + "\n"


def check_syntax(text, source):
    """Fail on reStructuredText the renderers would show as an error."""
    try:
        docutils.core.publish_doctree(
            text,
            source_path=source,
            settings_overrides={
                "halt_level": docutils.utils.Reporter.WARNING_LEVEL,
                "report_level": docutils.utils.Reporter.SEVERE_LEVEL + 1,
            },
        )
    except docutils.utils.SystemMessage as error:
        sys.exit(f"readme/ fragments are not valid reStructuredText: {error}")


def main():
    addon = Path(sys.argv[1])
    check = "--check" in sys.argv[2:]
    target = addon / "README.rst"
    text = render(addon)
    check_syntax(text, str(target))
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            sys.exit(f"{target} is out of date with readme/: run ./dev readme")
        return
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}")


if __name__ == "__main__":
    main()

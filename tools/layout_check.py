"""Checks that the addon's packages keep to the layout of the README.

``models/``, ``wizard/`` and ``report/`` of the addon hold the shared engines and
one package per area, ``controllers/`` one module per area; each area is a
future addon. This check holds every area to what an addon of its own would be
held to:

- it imports (Python) and names (``env["..."]``, relational fields, ``_inherit``)
  only its own models, Odoo's, and those of the packages it depends on;
- it extends another model with one class at most: pylint-odoo's
  ``consider-merging-classes-inherited`` at the level of the package, since
  pylint-odoo sees one addon where the layout has several future ones.

Usage: ``python tools/layout_check.py customer_service``; exits 1 with one line
per finding.
"""

import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

# Which packages each package may use, besides itself and Odoo.
DEPENDS = {
    "engine": set(),
    "archive": {"engine"},
    "visit": {"engine", "archive"},
    "survey": {"engine", "archive", "visit"},
    "complaint": {"engine", "archive", "visit", "survey"},
    "credit": {"engine", "archive"},
    "app": {"engine", "archive", "visit", "survey", "complaint", "credit"},
}
MODEL_NAME = re.compile(r"""["'](customer_service\.[a-z_.]+)["']""")


def _class_models(tree):
    """(class node, _name, [_inherit]) of each Odoo model class of a module."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        name, inherit = None, []
        for stmt in node.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
                continue
            target = getattr(stmt.targets[0], "id", None)
            if target == "_name" and isinstance(stmt.value, ast.Constant):
                name = stmt.value.value
            elif target == "_inherit":
                value = stmt.value
                items = value.elts if isinstance(value, ast.List) else [value]
                inherit = [i.value for i in items if isinstance(i, ast.Constant)]
        if name or inherit:
            yield node, name, inherit


def _area_files(addon):
    """(area, path) of every Python file of the areas: models/, wizard/ and
    report/ have one package per area, controllers/ one module per area."""
    addon = Path(addon)
    for top in ("models", "wizard", "report"):
        for package in sorted((addon / top).iterdir()):
            if (package / "__init__.py").exists():
                for path in sorted(package.glob("*.py")):
                    yield package.name, path
    for path in sorted((addon / "controllers").glob("*.py")):
        if path.stem != "__init__":
            yield path.stem, path


def _imported_area(node):
    """The area a relative import reaches into, if any."""
    if not (isinstance(node, ast.ImportFrom) and node.module and node.level >= 2):
        return None
    parts = node.module.split(".")
    if node.level == 2:  # from ..complaint.x (models/) or ..models.x (wizard/)
        return parts[1] if parts[0] == "models" and len(parts) > 1 else parts[0]
    return parts[1] if parts[0] == "models" and len(parts) > 1 else None


def _model_owners(trees):
    return {
        name: area
        for (area, _path), tree in trees.items()
        for _node, name, inherit in _class_models(tree)
        if name and name not in inherit
    }


def _dependency_findings(trees, owners):
    findings = []
    for (area, path), tree in trees.items():
        allowed = DEPENDS.get(area, set()) | {area}
        for node in ast.walk(tree):
            target = _imported_area(node)
            if target in DEPENDS and target not in allowed:
                findings.append(
                    f"{path}:{node.lineno}: imports from {target}, "
                    f"which {area} does not depend on"
                )
        for lineno, line in enumerate(path.read_text().splitlines(), 1):
            for model in MODEL_NAME.findall(line):
                owner = owners.get(model)
                if owner and owner not in allowed:
                    findings.append(
                        f"{path}:{lineno}: uses {model} of {owner}, "
                        f"which {area} does not depend on"
                    )
    return findings


def _merge_findings(trees):
    extended = defaultdict(list)
    for (area, path), tree in trees.items():
        for node, name, inherit in _class_models(tree):
            for model in inherit:
                if name in (None, model):
                    extended[area, model].append(f"{path}:{node.lineno}")
    return [
        f"{places[0]}: {area} extends {model} in {len(places)} classes "
        f"({', '.join(places[1:])}): merge them"
        for (area, model), places in sorted(extended.items())
        if len(places) > 1
    ]


def check(addon):
    files = list(_area_files(addon))
    findings = [
        f"{path}: area {area} is not in DEPENDS"
        for area, path in files
        if area not in DEPENDS
    ]
    trees = {
        (area, path): ast.parse(path.read_text(), str(path)) for area, path in files
    }
    findings += _dependency_findings(trees, _model_owners(trees))
    return findings + _merge_findings(trees)


def main():
    findings = check(sys.argv[1] if len(sys.argv) > 1 else "customer_service")
    for finding in findings:
        print(finding)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()

"""Tests a newcomer can find: every module with behaviour has tests/<app>/test_<module>.py.

A module has behaviour when it defines a function or a class. An app is a
folder beside manage.py with an apps.py. A module inside a package of its own
(core/postgresql/base.py) may be tested under the package's name
(test_postgresql.py); management commands and template tag libraries are
tested under their own names (test_backup.py, test_news_tags.py).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NO_BEHAVIOUR_OF_THEIR_OWN = {"__init__.py", "apps.py", "urls.py", "wsgi.py", "translation.py"}
NAMED_FOR_THEMSELVES = {"management", "templatetags"}

# Modules whose classes only declare (fields, options, labels): Django runs them, and the tests of the
# pages and commands that use them show they are right. Each with where that is seen.
DECLARATIONS_ONLY = {
    "pagecache/models.py": "PendingBump's fields; tests/pagecache/test_store.py writes and applies them",
    "partners/admin.py": "list and search options; tests/balkan/test_admin.py opens every admin page",
    "search/forms.py": "the type field; tests/search/test_views.py refuses an unknown type with a 400",
    "staff/models.py": "AuditEntry's fields; tests/staff/test_audit.py reads the entries",
    "staff/third_party.py": "names for other apps' admin sections; tests/staff/test_japanese_admin.py reads them",
}


def apps():
    return sorted(path.parent for path in ROOT.glob("*/apps.py"))


def modules_with_behaviour(app):
    for path in sorted(app.rglob("*.py")):
        relative = path.relative_to(app)
        if "migrations" in relative.parts or path.name in NO_BEHAVIOUR_OF_THEIR_OWN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) for node in tree.body):
            yield path


def mirrored_names(app, path):
    """Return the test files that may hold the tests of the module at `path`."""
    relative = path.relative_to(app)
    names = [f"test_{path.stem}.py"]
    if len(relative.parts) > 1 and relative.parts[0] not in NAMED_FOR_THEMSELVES:
        names.append(f"test_{relative.parts[0]}.py")
    return [ROOT / "tests" / app.name / name for name in names]


def test_every_module_with_behaviour_has_its_mirrored_test_file():
    missing = []
    for app in apps():
        for path in modules_with_behaviour(app):
            module = path.relative_to(ROOT).as_posix()
            if module in DECLARATIONS_ONLY:
                continue
            candidates = mirrored_names(app, path)
            if not any(candidate.exists() for candidate in candidates):
                missing.append(f"{module} → {candidates[0].relative_to(ROOT).as_posix()}")
    assert not missing, "Modules without their tests/<app>/test_<module>.py:\n" + "\n".join(missing)


def test_the_list_of_declarations_names_modules_that_exist_and_have_no_behaviour():
    for module in DECLARATIONS_ONLY:
        path = ROOT / module
        assert path.exists(), f"{module} is gone: take it off DECLARATIONS_ONLY"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "__str__"
        ]
        assert not functions, f"{module} has behaviour now ({', '.join(functions)}): give it its test file"


def test_the_layout_knows_every_app():
    names = {app.name for app in apps()}
    assert {"core", "news", "countries", "chronology", "partners", "events"} <= names
    assert {"pagecache", "search", "staff", "workflow", "balkan"} <= names
    for app in names:
        assert (ROOT / "tests" / app).is_dir(), f"tests/{app}/ is missing"

"""``kam/`` is the core every app builds on: it never imports an app (DESIGN.md, "Shared
machinery"). Apps plug in through the registries (panels, exports, imports, demo, bench),
so a new app needs no edit in ``kam/`` beyond its URL include and beat schedule, which name
it by string."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

KAM = Path(settings.BASE_DIR) / "kam"


def project_apps() -> set[str]:
    """The packages of this project's own apps (directories of the checkout), but ``kam``."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base and config.name != "kam"
    }


def imported_apps(source: str, app_names: set[str]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found |= {module.split(".")[0] for module in modules} & app_names
    return found


def test_the_check_sees_every_form_of_import():
    names = {"accounts"}
    assert imported_apps("import accounts.selectors", names) == {"accounts"}
    assert imported_apps("from accounts.models import Account", names) == {"accounts"}
    assert imported_apps("def f():\n    from accounts import panels", names) == {"accounts"}
    assert imported_apps("from kam.panels import home_panels\nimport os", names) == set()


def test_kam_imports_no_app():
    app_names = project_apps()
    assert "accounts" in app_names
    offenders = {
        str(path.relative_to(KAM)): sorted(found)
        for path in sorted(KAM.rglob("*.py"))
        if "migrations" not in path.parts
        if (found := imported_apps(path.read_text(encoding="utf-8"), app_names))
    }
    assert offenders == {}

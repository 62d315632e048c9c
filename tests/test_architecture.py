"""The import contracts (.importlinter) cover a new app by default: adding one fails the check. And
test modules share helpers through tests/helpers.py and conftest.py, never by importing each other."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .servers import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The package and its contracts in a scratch folder, to add an app to without touching the tree."""
    shutil.copytree(ROOT / "lor_dashboard", tmp_path / "lor_dashboard",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(folder)},
                          capture_output=True, text=True, timeout=60)


def add_app(folder: Path, source: str) -> None:
    (folder / "lor_dashboard" / "newarea").mkdir()
    (folder / "lor_dashboard" / "newarea" / "__init__.py").write_text(source)


class NewAppTests:
    def test_the_copy_as_it_is_keeps_the_contracts(self, copy):
        # Without this, the failures below could come from the copy rather than the new app.
        result = lint(copy)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_a_new_app_not_placed_in_a_layer_fails_the_check(self, copy):
        add_app(copy, "")
        assert lint(copy).returncode != 0

    def test_the_failure_names_the_new_app(self, copy):
        add_app(copy, "")
        assert "lor_dashboard.newarea" in lint(copy).stdout

    def test_a_new_app_importing_the_sandbox_breaks_dashboard_apart(self, copy):
        add_app(copy, "import lor_dashboard.sandbox  # noqa: F401\n")
        assert "lor_dashboard.newarea is not allowed to import lor_dashboard.sandbox" in lint(copy).stdout

    def test_the_sandbox_importing_a_new_module_breaks_sandbox_apart(self, copy):
        (copy / "lor_dashboard" / "newthing.py").write_text("")
        (copy / "lor_dashboard" / "sandbox" / "probe.py").write_text("import lor_dashboard.newthing  # noqa: F401\n")
        assert "lor_dashboard.sandbox is not allowed to import lor_dashboard.newthing" in lint(copy).stdout


def test_every_folder_of_python_files_is_a_regular_package():
    # import-linter does not see a folder without __init__.py (a namespace package): an app there
    # would be outside every contract without a word.
    folders = {path.parent for path in (ROOT / "lor_dashboard").rglob("*.py")}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()) == []


def imported_test_modules(source: str, package: str = "tests") -> set[str]:
    """The test_*.py modules ``source`` imports, anywhere in it (in a function too), written any way."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names for part in name.split(".")[-2:] if part.startswith("test_")}
    return found


@pytest.mark.parametrize("source", [
    "from .test_views_favorites import favorite_ids",
    "from . import test_views_favorites",
    "import tests.test_views_favorites",
    "from tests.browser.test_every_page import TEACHER_PAGES",
    "def f():\n    from .test_views_updates import updates",
])
def test_an_import_of_a_test_module_is_seen(source):
    assert imported_test_modules(source)


@pytest.mark.parametrize("source", ["from .helpers import updates", "from .conftest import body", "import pytest"])
def test_an_import_of_a_helper_is_not_a_test_module(source):
    assert imported_test_modules(source) == set()


def test_no_test_module_imports_another():
    # A helper in a test module runs its module's imports and fixtures wherever it is used, and
    # moves when that module does: shared helpers live in tests/helpers.py, fixtures in conftest.py.
    imports = {str(path.relative_to(ROOT)): imported_test_modules(path.read_text())
               for path in (ROOT / "tests").rglob("test_*.py")}
    assert {path: found for path, found in imports.items() if found} == {}

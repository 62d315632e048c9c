"""The README says what is where: its "How it is built" names every module of the ground floor and
every app, and its Tests and Security tables every test file, so neither drifts from the code unnoticed."""
from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "lor_dashboard"
FRAMEWORK = {"__init__.py", "apps.py", "models.py"}  # every Django app has them: not worth a line


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


BUILT = section("How it is built")
NAMED_TESTS = set(re.findall(r"test_[A-Za-z0-9_*]+\.py", README))  # the Tests and Security tables


@pytest.mark.parametrize("app", sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()))
def test_every_app_has_a_line_in_how_it_is_built(app):
    assert re.search(rf"^  {app}/ ", BUILT, re.M)


@pytest.mark.parametrize("module", sorted(
    f"{floor}/{p.name}" for floor in ("core", "lor") for p in (PACKAGE / floor).glob("*.py") if p.name not in FRAMEWORK))
def test_every_ground_floor_module_is_named(module):
    assert f"`{module.split('/')[1]}`" in BUILT


@pytest.mark.parametrize("test_file", sorted(str(p.relative_to(ROOT / "tests")) for p in (ROOT / "tests").rglob("test_*.py")))
def test_every_test_file_is_named_in_the_readme(test_file):
    assert any(fnmatch(Path(test_file).name, named) for named in NAMED_TESTS)

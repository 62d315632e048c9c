"""The locks say what the hand-edited pins say: an .in file changed without `make lock` fails here
(make installs from the locks only, so the change would otherwise be silently not installed)."""
from __future__ import annotations

import re

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .servers import ROOT


def pins(path: str) -> dict[str, str]:
    """name -> version of every `name==version` line; continuation lines (hashes) and comments skipped."""
    found = {}
    for line in (ROOT / path).read_text().splitlines():
        line = re.sub(r"\s+#.*$|\\$", "", line).strip()
        if not line or line.startswith(("#", "-", "--")):
            continue
        requirement = Requirement(line)
        found[canonicalize_name(requirement.name)] = str(requirement.specifier).removeprefix("==")
    return found


@pytest.mark.parametrize("source, lock", [("requirements.in", "requirements.txt"),
                                          ("requirements.in", "requirements-dev.txt"),
                                          ("requirements-dev.in", "requirements-dev.txt")])
def test_every_hand_pin_is_in_the_lock_at_its_version(source, lock):
    locked = pins(lock)
    assert {name: version for name, version in pins(source).items() if locked.get(name) != version} == {}


def test_the_dev_lock_has_every_runtime_package_at_the_runtime_version():
    dev = pins("requirements-dev.txt")
    assert {name: version for name, version in pins("requirements.txt").items() if dev.get(name) != version} == {}

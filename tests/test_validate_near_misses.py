"""The near miss of each newer rule (tests/fixtures/validate/near/<CODE>/tree/, written by make_bad_fixtures.py):
something that looks like the bad case of that code but is right. Laid over the good tree, it must give no problem
at all, so a rule that reports too much fails here as surely as one that reports too little fails its bad fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.validate_helpers import BAD, FIXTURES, copy_good, validate

NEAR = FIXTURES / "near"
CASES = sorted(path.name for path in NEAR.iterdir() if path.is_dir())


def test_every_near_miss_belongs_to_a_rule_with_a_bad_fixture() -> None:
    assert CASES
    assert set(CASES) <= {path.name for path in BAD.iterdir() if path.is_dir()}


@pytest.mark.parametrize("case", CASES)
def test_near_miss_passes(case: str, tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.copytree(NEAR / case / "tree", tree, dirs_exist_ok=True)
    assert validate(tree) == []


def test_every_reviewed_safety_exception_is_listed_by_the_run(tmp_path: Path, capsys) -> None:
    """A `<!-- safety-reviewed: reason -->` marker excuses its finding, and `make validate` says so on every run."""
    from scripts.validate.__main__ import main

    tree = copy_good(tmp_path)
    shutil.copytree(NEAR / "SAFE003" / "tree", tree, dirs_exist_ok=True)
    assert main(["--root", str(tree)]) == 0
    listed = [line for line in capsys.readouterr().err.splitlines() if "reviewed safety exception" in line]
    assert listed == ["validate: reviewed safety exception at docs/en/guide/index.md:16: quotes a scam message"]

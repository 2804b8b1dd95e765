"""Helpers for tests/test_validate_*.py: copy a fixture tree and run `python -m scripts.validate` on it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.validate import Problem
from scripts.validate.__main__ import run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
LOCATION = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<code>[A-Z]+\d{3}) ")


def copy_good(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(GOOD, tree)
    return tree


def locations(problems: list[Problem], root: Path) -> list[str]:
    """`path:line: CODE` of each problem, as the runner prints them, sorted."""
    found = []
    for problem in problems:
        match = LOCATION.match(problem.format(root))
        assert match, f"not in the path:line: CODE format: {problem.format(root)}"
        found.append(f"{match['path']}:{match['line']}: {match['code']}")
    return sorted(found)


def validate(root: Path) -> list[str]:
    return locations(run(root), root.resolve())


def validate_command(root: Path, **env: str) -> subprocess.CompletedProcess:
    """`make validate`'s own command on `root` (exit code and printed lines), with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.validate", "--root", str(root)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )

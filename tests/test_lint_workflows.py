"""`make lint-workflows` at its own layer: zizmor, with the flags the Makefile gives it, on a fixture workflow. The
hardening rules it owns (actions pinned by full commit, no privileged trigger) are tested here, once; the
project's own rules on top of them (a version comment per pin, read-only permissions by default, …) are
tests/test_workflows.py's."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from scripts.project import ROOT

WORKFLOW = """name: Fixture
on:
  {trigger}:
permissions:
  contents: read
concurrency:
  group: ci-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
  test:
    name: make test
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
      - name: Check out
        uses: actions/checkout@{ref}
        with:
          persist-credentials: false
      - name: make test
        run: make test
"""
PINNED = "3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"


def zizmor_command() -> list[str]:
    """The zizmor command line of `make lint-workflows`, as make prints it, without the folder it audits."""
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "lint-workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    [line] = [line for line in result.stdout.splitlines() if re.search(r"\bzizmor ", line)]
    words = shlex.split(line)
    assert words[-1] == ".", f"the Makefile's zizmor no longer audits the project folder: {line}"
    return [str(ROOT / words[0]), *words[1:-1]]


def findings(tmp_path: Path, trigger: str, ref: str) -> set[str]:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text(WORKFLOW.format(trigger=trigger, ref=ref), encoding="utf-8")
    result = subprocess.run([*zizmor_command(), str(tmp_path)], capture_output=True, text=True, check=False)
    return set(re.findall(r"^(?:error|warning|help|info)\[([a-z-]+)\]", result.stdout, re.M))


def test_a_hardened_workflow_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, "pull_request", PINNED) == set()


def test_an_action_pinned_by_tag_fails(tmp_path: Path) -> None:
    assert findings(tmp_path, "pull_request", "v7") == {"unpinned-uses"}


@pytest.mark.parametrize("trigger", ["pull_request_target", "workflow_run"])
def test_a_privileged_trigger_fails(tmp_path: Path, trigger: str) -> None:
    assert "dangerous-triggers" in findings(tmp_path, trigger, PINNED)

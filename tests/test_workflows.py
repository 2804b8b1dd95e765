"""The GitHub side of contributing: workflows, hooks and templates.

The workflows must parse, run only Makefile targets that exist, keep to the hardening rules (each pin names its
release, read-only by default, nothing writable or secret on pull requests) and do the jobs issue 7 asks for.
`make lint-workflows` (jactionlint, zizmor) checks them as GitHub would, including pins by full commit and no
privileged trigger (tested in tests/test_lint_workflows.py); these tests check this project's rules on top.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

from scripts.project import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
WORKFLOW_IDS = [path.name for path in WORKFLOWS]
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")
SHELL_OPERATORS = {";", "&&", "||", "|", "&", "(", ")", ">", ">>", "<", "2>", "2>&1", "<<"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict) -> dict:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def make_targets(script: str) -> list[str]:
    """The targets of every `make` command in a shell script (options and VAR=value assignments left out)."""
    targets = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError:  # a quoted string that goes on over several lines: no command starts inside it
            assert not re.search(r"(^|[\s;&|(])make\s", line), f"cannot read this make command: {line}"
            continue
        for index, token in enumerate(tokens):
            if token != "make":
                continue
            for word in tokens[index + 1 :]:
                if word in SHELL_OPERATORS or set(word) <= set(";&|()<>") or word.isdigit():
                    break  # the command ends here (`2>&1` starts with the bare file descriptor)
                if not word.startswith("-") and "=" not in word:
                    targets.append(word)
    return targets


@cache
def target_exists(target: str) -> bool:
    """Asks make itself: a dry run fails with "No rule to make target" for a target the Makefile lacks."""
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True
    )
    return result.returncode == 0 and "No rule to make target" not in result.stderr


def test_the_three_workflows_and_dependabot_exist():
    assert {"ci.yml", "linkcheck-external.yml"} <= set(WORKFLOW_IDS)
    assert (GITHUB / "dependabot.yml").is_file()


@pytest.mark.parametrize("path", WORKFLOWS, ids=WORKFLOW_IDS)
def test_workflow_parses_with_name_triggers_and_jobs(path):
    workflow = load(path)
    assert workflow.get("name"), "give the workflow a name"
    assert triggers(workflow), "the workflow has no trigger"
    assert workflow.get("jobs"), "the workflow has no jobs"
    for job_id, job in workflow["jobs"].items():
        assert job.get("runs-on") == "ubuntu-24.04", f"{job_id}: pin the runner image, not ubuntu-latest"
        assert isinstance(job.get("timeout-minutes"), int), f"{job_id}: set timeout-minutes"


def test_make_target_extraction():
    # The parser the next test relies on, on the shapes of command the workflows use.
    assert make_targets("make test") == ["test"]
    assert make_targets("make --no-print-directory validate lint-markdown") == ["validate", "lint-markdown"]
    assert make_targets("make linkcheck-external > linkcheck.log 2>&1 || status=$?") == ["linkcheck-external"]
    assert make_targets("make translations MARK=reset/index.md") == ["translations"]
    assert make_targets("make build 2>&1 | tee log") == ["build"]
    assert make_targets("echo make-believe; cmake build") == []
    assert make_targets("python x.py \\\n  --flag\nmake build") == ["build"]


def test_target_lookup_can_say_no():
    assert target_exists("build")
    assert not target_exists("no-such-target-here")


def test_workflows_and_hooks_call_only_existing_make_targets():
    called: dict[str, list[str]] = {}
    for path in WORKFLOWS:
        for job_id, step in steps(load(path)):
            for target in make_targets(step.get("run", "")):
                called.setdefault(target, []).append(f"{path.name}:{job_id}")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    for repo in hooks["repos"]:
        for hook in repo["hooks"]:
            for target in make_targets(hook["entry"]):
                called.setdefault(target, []).append(f".pre-commit-config.yaml:{hook['id']}")
    assert {"test", "linkcheck-external", "validate", "lint-markdown", "lint-workflows"} <= set(called)
    missing = {target: where for target, where in called.items() if not target_exists(target)}
    assert not missing, f"make targets that the Makefile does not define: {missing}"


def test_make_test_runs_the_workflow_and_markdown_linters():
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "jactionlint" in result.stdout and "zizmor" in result.stdout
    assert "markdownlint-cli2" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=WORKFLOW_IDS)
def test_every_pinned_action_names_its_release(path):
    # That each action is pinned by a full commit SHA is zizmor's unpinned-uses (tests/test_lint_workflows.py).
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES.match(line)
        if not match:
            continue
        found += 1
        assert match["comment"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["comment"].strip()), (
            f"line {number}: say which release the commit is, as `# vX.Y.Z`"
        )
    assert found, "no `uses:` line found: the pattern no longer matches the file"


def test_one_action_release_is_pinned_to_one_commit_everywhere():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := USES.match(line):
                action, _, ref = match["ref"].partition("@")
                pins.setdefault(action, set()).add((ref, (match["comment"] or "").strip()))
    assert pins
    mixed = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not mixed, f"the same action pinned differently: {mixed}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=WORKFLOW_IDS)
def test_permissions_are_read_only_by_default(path):
    workflow = load(path)
    top = workflow.get("permissions")
    assert top is not None, "set workflow-level `permissions:` so no job inherits the repository default"
    assert isinstance(top, dict) and set(top.values()) <= {"read", "none"}, f"workflow-level permissions: {top}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=WORKFLOW_IDS)
def test_nothing_writable_or_secret_on_pull_requests(path):
    workflow = load(path)
    events = triggers(workflow)
    # pull_request_target and workflow_run are zizmor's dangerous-triggers (tests/test_lint_workflows.py).
    if "pull_request" not in events:
        return
    assert "secrets." not in path.read_text(encoding="utf-8"), "no secrets in a workflow that runs pull requests"
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions", workflow["permissions"])
        if "write" in set(granted.values()):
            # Only a job that never runs for a pull request may write (the deploy job: pushes to main only).
            condition = str(job.get("if", ""))
            assert "github.event_name == 'push'" in condition and "refs/heads/main" in condition, (
                f"{job_id} can write on a pull request: {granted}"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=WORKFLOW_IDS)
def test_checkout_keeps_no_credentials(path):
    for job_id, step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{job_id}: persist-credentials: false"


def test_ci_runs_make_test_on_pull_requests_and_pushes_and_keeps_artifacts():
    workflow = load(GITHUB / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= set(triggers(workflow))
    test_job = workflow["jobs"]["test"]
    runs = [step.get("run", "") for step in test_job["steps"]]
    assert any(make_targets(run) == ["test"] for run in runs)
    uploads = {
        step["with"]["path"]
        for step in test_job["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"site/", "test-results/"}


def test_deploy_runs_only_after_ci_passed_on_the_same_commit():
    """The deploy job is in the CI workflow and needs the test job: the site published is the one `make test` built
    and tested on that commit, and a commit that fails CI is never published. No other workflow deploys."""
    workflow = load(GITHUB / "workflows" / "ci.yml")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "push" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].partition("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    # The artifact comes from the test job, after `make test`, and only for main.
    test_steps = workflow["jobs"]["test"]["steps"]
    make_test = next(i for i, step in enumerate(test_steps) if make_targets(step.get("run", "")) == ["test"])
    upload = next(
        i for i, step in enumerate(test_steps) if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload > make_test and "refs/heads/main" in test_steps[upload]["if"]
    # A run on main is never cancelled by the next push (it may be deploying); pull request runs are.
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    others = [
        path.name
        for path in WORKFLOWS
        if path.name != "ci.yml" and "actions/deploy-pages" in path.read_text(encoding="utf-8")
    ]
    assert others == []


def test_external_link_check_is_weekly_and_reports_in_one_issue():
    workflow = load(GITHUB / "workflows" / "linkcheck-external.yml")
    events = triggers(workflow)
    assert "workflow_dispatch" in events
    (schedule,) = events["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "run once a week"
    jobs = workflow["jobs"]
    writers = {job_id for job_id, job in jobs.items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"report"}, "only the reporting job may write"
    assert jobs["report"]["permissions"] == {"issues": "write"}
    assert not any("run" in step and make_targets(step["run"]) for step in jobs["report"]["steps"])
    script = jobs["report"]["steps"][0]["run"]
    assert "gh issue list" in script and "gh issue edit" in script and "gh issue create" in script


def test_issue_forms_and_no_blank_issues():
    templates = GITHUB / "ISSUE_TEMPLATE"
    config = yaml.safe_load((templates / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    forms = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in templates.glob("*.yml")
        if path.name != "config.yml"
    }
    assert set(forms) == {"content-error", "translation", "site-bug"}
    for name, form in forms.items():
        assert form["name"] and form["description"] and form["body"], name
        required = [item for item in form["body"] if item.get("validations", {}).get("required")]
        assert required, f"{name}: at least one field must be required"


def test_pull_request_template_is_bilingual_and_asks_about_translations():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    for expected in ("変更内容", "What changed", "make translations MARK=", "TR002", "make test"):
        assert expected in text


def test_codeowners_assigns_each_language_folder():
    owners = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *teams = line.split()
            owners[pattern] = teams
    assert owners["/docs/ja/"] and owners["/docs/en/"]
    assert owners["/docs/ja/"] != owners["/docs/en/"]

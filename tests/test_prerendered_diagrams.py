"""Diagrams reach readers as stored drawings (scripts/extensions/prerendered_diagrams.py, a superfences fence
formatter that MkDocs and Zensical both run): a block with its drawing is inlined; a block without one fails the
strict build naming the file, the line and `make diagrams`, and outside strict mode stays a block the browser can
still draw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from scripts import diagram_preview
from scripts.diagram_store import FORMAT, diagram_key, mermaid_version
from scripts.project import ROOT
from tests.helpers import mkdocs_build

DIAGRAM = 'flowchart TD\n    A["Open the screen"] --> B["Enter the code"]\n'
PAGE = (
    "---\ntitle: Home\ndescription: A page.\n---\n\n# Home\n\n## Steps { #steps }\n\nThe diagram shows the "
    f"steps.\n\n```mermaid\n{DIAGRAM}```\n\nThe same steps in words: open the screen, enter the code.\n"
)
DRAWING = (
    '<svg id="diagram-{key}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    "<style>#diagram-{key} .node rect{{fill:var(--md-mermaid-node-bg-color);}}</style>"
    '<g class="node"><rect width="10" height="10"></rect><foreignObject width="10" height="10">'
    '<div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>Open the screen</p></span></div>'
    "</foreignObject></g></svg>\n"
)


def make_project(tmp_path: Path) -> Path:
    """A project laid out like this one (docs/en, docs/diagrams, package.json) that inherits the English config."""
    docs = tmp_path / "docs" / "en"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "diagrams").mkdir()
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"mermaid": mermaid_version(ROOT)}}))
    config = {
        "INHERIT": str(ROOT / "mkdocs.en.yml"),
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "en"},
        # The formatter comes with the inherited markdown_extensions; no hook is involved.
        "hooks": [],
        "nav": ["index.md"],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def store_drawing(project: Path) -> str:
    key = diagram_key(DIAGRAM, mermaid_version(ROOT))
    (project.parent / "docs" / "diagrams" / f"{key}.svg").write_text(DRAWING.format(key=key), encoding="utf-8")
    return key


def test_a_stored_drawing_is_inlined_and_not_indexed(tmp_path):
    # Search gets the drawing's labels (as it got the block's text from the hook this replaced), never its markup
    # or its styles.
    project = make_project(tmp_path)
    key = store_drawing(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # Inlined as `make diagrams` stored it: the build changes nothing in it.
    assert f'<div class="mermaid" data-diagram="{key}">{DRAWING.format(key=key).strip()}</div>' in page
    assert '<pre class="mermaid">' not in page
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Open the screen" in index and "<svg" not in index and "fill:var" not in index


def test_a_diagram_without_a_drawing_fails_the_strict_build_with_the_fix(tmp_path):
    project = make_project(tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    fence_line = PAGE.splitlines().index("```mermaid") + 1
    key = diagram_key(DIAGRAM, mermaid_version(ROOT))
    assert (
        f"docs/en/index.md:{fence_line}: this diagram has no drawing in docs/diagrams/ (expected {key}.svg)"
        in result.stderr
    )
    assert "run `make diagrams`" in result.stderr


def test_outside_strict_mode_the_preview_still_draws_it(tmp_path):
    """`make serve` (not strict) keeps the block, and scripts/diagram_preview gives that build, and only that one,
    the npm-pinned mermaid (the version in the drawings' keys) with its loader ahead of Material's bundle."""
    project = make_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", str(project), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    page_file = tmp_path / "site" / "index.html"
    assert '<pre class="mermaid"><code>flowchart TD' in page_file.read_text(encoding="utf-8")
    assert "mermaid-loader.js" not in page_file.read_text(encoding="utf-8")
    diagram_preview.add_to(tmp_path / "site")
    page = page_file.read_text(encoding="utf-8")
    assert page.index("assets/javascripts/mermaid-loader.js") < page.index("assets/javascripts/bundle.")
    installed = json.loads((ROOT / "node_modules/mermaid/package.json").read_text(encoding="utf-8"))["version"]
    assert installed == mermaid_version(ROOT), "node_modules has another mermaid than package.json pins: npm ci"
    assert (tmp_path / "site/assets/javascripts/vendor/mermaid.min.js").stat().st_size > 1_000_000


def test_the_key_ignores_what_no_drawing_shows():
    version = "1.0.0"
    plain = diagram_key(DIAGRAM, version)
    indented = "".join("    " + line + "\n" for line in DIAGRAM.splitlines())
    assert diagram_key(indented, version) == plain
    assert diagram_key(DIAGRAM.replace("\n", "\r\n") + "\n\n", version) == plain
    assert diagram_key(DIAGRAM.replace("screen", "screen "), version) != plain
    assert diagram_key(DIAGRAM, "1.0.1") != plain


FINISHED_BY_HAND = (
    '<div class="mermaid">'
    '<svg id="__mermaid_1" style="max-width: 100.123456px;" viewBox="0 0 100.123456 50" '
    'role="graphics-document document" aria-roledescription="flowchart-v2">'
    "<style>#__mermaid_1 .node rect{fill:#fff}#__mermaid_1 .actor{stroke:#000}:root{--x:1}"
    "#__mermaid_1 .edgeLabel:hover{color:#333}@keyframes dash{to{stroke-dashoffset:0}}</style>"
    '<marker id="__mermaid_1_flowchart-pointEnd"></marker><g id="__mermaid_10"></g>'
    '<g class="node"><rect x="1.234567" width="98.765432"></rect></g>'
    '<g class="edgeLabel"><text>3.14159 or 2.71828</text></g></svg></div>'
)


def test_a_drawing_from_an_older_make_diagrams_is_reported(tmp_path):
    """DIAG005 also when the stored drawing lacks the current FORMAT mark (it would reach readers unfinished)."""
    from scripts.validate.__main__ import run
    from tests.validate_helpers import copy_good

    tree = copy_good(tmp_path)
    drawing = sorted((tree / "docs" / "diagrams").glob("*.svg"))[0]
    drawing.write_text(drawing.read_text(encoding="utf-8").replace(f' {FORMAT}=""', ""), encoding="utf-8")
    problems = [p for p in run(tree) if p.code == "DIAG005"]
    assert len(problems) == 1 and "made by an older `make diagrams`" in problems[0].message

"""Translation status of every page pair, and marking a reviewed translation as up to date.

    make translations                     # each page's status; for a stale page, what changed in its original
    make translations MARK=reset/index.md # after bringing docs/en/reset/index.md up to date with its original
    python -m scripts.translations --mark-all   # once, when the translations are first imported

A translation records the hash (scripts/hashing.py) of its original's text as `translation_of`; when the original
changes, `make validate` reports TR002 and the built page shows a notice. The original's diff since the recorded
version (found in git history by its hash) shows a translator only what changed.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

from scripts.doctree import Site, Status, load_site, pair_status
from scripts.hashing import source_hash
from scripts.pagemodel import read_front_matter
from scripts.project import ROOT


def write_mark(path: Path, value: str) -> None:
    """Set `translation_of` in the page's front matter, leaving every other line as it is."""
    text = path.read_text(encoding="utf-8")
    fm = read_front_matter(text)
    if not fm.present or fm.error or not isinstance(fm.data, dict):
        raise SystemExit(f"{path}: the front matter must be valid before the page can be marked (run `make validate`)")
    lines = text.split("\n")
    if "translation_of" in fm.key_lines:
        lines[fm.key_lines["translation_of"] - 1] = f"translation_of: {value}"
    else:
        lines.insert(fm.end_line - 1, f"translation_of: {value}")
    updated = "\n".join(lines)
    check = read_front_matter(updated).data
    if not isinstance(check, dict) or check.get("translation_of") != value:
        raise SystemExit(f"{path}: could not record translation_of (is it written over several lines?)")
    path.write_text(updated, encoding="utf-8")


def _target(argument: str, site: Site) -> tuple[str, str]:
    """(translation language, rel) of `docs/en/reset/index.md`; `reset/index.md` or the original's path
    (`docs/ja/reset/index.md`) also do while there is one translation language."""
    path = (site.root / argument).resolve()
    rel = Path(argument).as_posix()
    for language, config in site.configs.items():
        if path.is_relative_to(config.docs_dir.resolve()):
            rel = path.relative_to(config.docs_dir.resolve()).as_posix()
            if language != site.original:
                return language, rel
    if len(site.translations) != 1:
        choices = ", ".join(site.shown(language, rel) for language in site.translations)
        raise SystemExit(f"{argument}: say which translation to mark ({choices})")
    return site.translations[0], rel


def mark(site: Site, rel: str, language: str) -> str:
    """Record the original page's current hash in its translation; returns what to print."""
    original, translation = site.pages[site.original].get(rel), site.pages[language].get(rel)
    if original is None or translation is None:
        missing = site.shown(site.original if original is None else language, rel)
        raise SystemExit(f"{rel}: there is no {missing} to mark")
    value = source_hash(original.text)
    write_mark(translation.path, value)
    return f"marked {site.shown(language, rel)} as the translation of {value}"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    ).stdout


def recorded_version(path: Path, recorded: str) -> tuple[str, str] | str:
    """(commit, text) of the newest committed version of the original file whose hash is `recorded`, or why not."""
    try:
        log = _git(path.parent, "log", "--follow", "--format=%x00%H", "--name-only", "--", path.name)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        return f"git history is not available ({' '.join(str(detail).split())[:120]})"
    for block in log.split("\0")[1:]:
        commit, *names = block.strip().split("\n")  # the commit, then the file's name (as it was then)
        try:
            text = _git(path.parent, "show", f"{commit}:{names[-1]}")  # the name is from the top of the repository
        except (IndexError, subprocess.SubprocessError):
            continue
        if source_hash(text) == recorded:
            return commit, text
    return "no committed version of the Japanese page has that hash"


def changes_since_translation(site: Site, rel: str, language: str) -> str:
    """What a translator needs for a stale page: the diff of the original page since the translated version."""
    ja, en = site.pages[site.original][rel], site.pages[language][rel]
    ja_shown, en_shown = site.shown(site.original, rel), site.shown(language, rel)
    recorded = str(en.front_matter.data.get("translation_of"))
    found = recorded_version(ja.path, recorded)
    if isinstance(found, str):
        return (
            f"{en_shown} records translation_of: {recorded}, but that version of {ja_shown} cannot be found: "
            f"{found}. Compare the whole Japanese page with the English one.\n"
        )
    commit, old = found
    diff = difflib.unified_diff(
        old.splitlines(),
        ja.text.splitlines(),
        lineterm="",
        n=2,
        fromfile=f"{ja_shown} @ {commit[:12]} (the version {en_shown} translates)",
        tofile=f"{ja_shown} (now)",
    )
    return "\n".join(diff) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Translation status; mark reviewed translations as up to date.")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--mark", metavar="PATH", action="append", help="record that the translated page PATH matches its original"
    )
    group.add_argument("--mark-all", action="store_true", help="mark every translated page (the initial import only)")
    args = parser.parse_args(argv)
    site = load_site(args.root)
    pairs = [
        (language, rel)
        for language in site.translations
        for rel in sorted(set(site.pages[site.original]) | set(site.pages[language]))
    ]
    if args.mark or args.mark_all:
        targets = (
            [_target(argument, site) for argument in args.mark]
            if args.mark
            else [(lang, rel) for lang, rel in pairs if rel in site.pages[site.original] and rel in site.pages[lang]]
        )
        for language, rel in targets:
            print(mark(site, rel, language))
        return 0
    rows = [
        (site.shown(lang, rel), lang, rel, pair_status(site.pages[site.original].get(rel), site.pages[lang].get(rel)))
        for lang, rel in pairs
    ]
    width = max((len(path) for path, *_ in rows), default=10)
    print(f"{'page':<{width}}  status")
    for path, *_, status in rows:
        print(f"{path:<{width}}  {status.value}")
    counts = {s: sum(1 for *_, status in rows if status is s) for s in Status}
    print(", ".join(f"{n} {s.value}" for s, n in counts.items() if n), file=sys.stderr)
    for path, language, rel, status in rows:
        if status is Status.STALE:
            since = "since this translation was last brought up to date"
            print(f"\n== {path}: what changed in {site.shown(site.original, rel)} {since}")
            print(changes_since_translation(site, rel, language), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

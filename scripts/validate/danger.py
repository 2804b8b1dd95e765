"""DANGER: warnings that mean something. A `danger` box is kept for the one action on a page that can lose the
reader their account, and it says which danger it is, so a reader who sees one knows it matters: a second one on a
page is DANGER001, one with a generic title (or none: the theme then shows its stock "Danger") is DANGER002."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.validate import Problem

# Compared after NFKC, case folding and trimming of spaces and closing punctuation.
GENERIC_JAPANESE = {"危険", "注意", "警告", "重要", "注意してください"}
GENERIC_ENGLISH = {"danger", "warning", "caution", "important", "attention", "note"}
FIX_SECOND = (
    "keep one `danger` box, next to the step that can lose the account; make this one a `warning` or a `note`, plain "
    "text, or a link to the section that is the home of this warning"
)
FIX_GENERIC = 'make the title say the danger, e.g. 「コードは誰にも教えない」 / "Never give anyone your code"'


def generic(title: str | None) -> bool:
    folded = unicodedata.normalize("NFKC", title or "").casefold().strip(" 　!！:：。.")
    return not folded or folded in GENERIC_JAPANESE | GENERIC_ENGLISH


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        boxes = [a for a in page.admonitions if a.kind == "danger"]
        for box in boxes[1:]:
            message = f"a second `danger` box on this page (the first is on line {boxes[0].line})"
            yield Problem(page.path, box.line, "DANGER001", message, FIX_SECOND)
        for box in boxes:
            if generic(box.title):
                shown = "no title" if box.title is None else f"the generic title “{box.title}”"
                yield Problem(page.path, box.line, "DANGER002", f"this `danger` box has {shown}", FIX_GENERIC)

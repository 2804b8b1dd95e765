"""REF: dated claims stay true. Each citation of the references page (a level-3 heading with an id such as a16) ends
with its date line, `- 確認日：2026-12-05 · 次回確認：2027-06-05` / `- Checked: 2026-12-05 · Review by: 2027-06-05`,
read by its shape whatever the labels' language. A passed review-by date fails and names the pages that cite the
source, so they are re-checked too; one due within 30 days is printed as a note (due_soon()). Review-by is the check
date + 6 or + 12 months (companies change their pages without notice, public authorities rarely): the reviewer picks,
this check enforces the outer bound. The about page's #last-reviewed section gives the newest check date.
"Today" is GUIDE_TODAY=YYYY-MM-DD when set (the tests' fixed dates).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem, resolve, section_end

REFERENCES = "references/index.md"
ABOUT = "about/index.md"
LAST_REVIEWED = "last-reviewed"
DUE_DAYS = 30
DATE = r"(\d{4}-\d{2}-\d{2})"
DATE_LINE = re.compile(rf"[^:：·]+[:：]\s*{DATE}\s*·\s*[^:：·]+[:：]\s*{DATE}")
CITATION_ID = re.compile(r"[a-z]+\d+")
FIX_DATE_LINE = "end the entry with `- <checked>: YYYY-MM-DD · <review by>: YYYY-MM-DD`, labelled as the others are"
FIX_BOUNDS = "review by the check date + 6 months (companies, secondary sources) or + 12 (public authorities)"
# How the about page writes a date: 2026年12月5日, December 5, 2026, 5 December 2026 or 2026-12-05.
WRITTEN_DATES = {
    r"\d{4}年\d{1,2}月\d{1,2}日": "%Y年%m月%d日",
    r"[A-Z][a-z]+ \d{1,2}, \d{4}": "%B %d, %Y",
    r"\d{1,2} [A-Z][a-z]+ \d{4}": "%d %B %Y",
    r"\d{4}-\d{2}-\d{2}": "%Y-%m-%d",
}


@dataclass(frozen=True)
class Dated:
    id: str  # the heading id: "a16"
    label: str  # as the heading names it: "A16"
    line: int  # of the date line
    checked: datetime.date
    review_by: datetime.date


def today() -> datetime.date:
    value = os.environ.get("GUIDE_TODAY")
    try:
        return datetime.date.fromisoformat(value) if value else datetime.date.today()
    except ValueError:
        raise SystemExit(f"validate: GUIDE_TODAY={value!r} is not a date (write YYYY-MM-DD)") from None


def a_year_after(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def entries(page: Page) -> tuple[list[Dated], list[Problem]]:
    """The citations of a references page with readable dates, and the REF002 problems of the others."""
    found, problems = [], []
    headings = page.headings
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if heading.level != 3 or not CITATION_ID.fullmatch(heading.id):
            continue
        end = following.line if following else len(page.lines) + 1
        label = heading.text.split()[0] if heading.text else heading.id.upper()
        item = next(
            (b for b in page.blocks if b.kind == "item" and heading.line < b.line < end and "·" in b.text), None
        )
        match = DATE_LINE.fullmatch(item.text.strip()) if item else None
        try:
            dates = [datetime.date.fromisoformat(date) for date in match.groups()] if match else None
        except ValueError:
            dates = None
        if dates:
            found.append(Dated(heading.id, label, item.line, *dates))
            continue
        what = f"the date line `{item.text.strip()}` is malformed" if item else "no date line"
        line = item.line if item else heading.line
        problems.append(Problem(page.path, line, "REF002", f"citation {label}: {what}", FIX_DATE_LINE))
    return found, problems


def used_on(site: Site, language: str, citation: str) -> str:
    """The pages of `language` that link to references/index.md#<citation>: "reset, two-step-verification"."""
    pages = sorted(
        page.rel.removesuffix("/index.md").removesuffix(".md")
        for page in site.pages[language].values()
        if page.rel != REFERENCES
        and any(resolve(page, link.url) == REFERENCES and link.url.partition("#")[2] == citation for link in page.links)
    )
    return ", ".join(pages) or "no page"


def check(site: Site, now: datetime.date | None = None) -> Iterator[Problem]:
    now = now or today()
    dated: dict[str, dict[str, Dated]] = {}
    for language in site.languages:
        page = site.pages[language].get(REFERENCES)
        if page is None:
            continue
        found, problems = entries(page)
        yield from problems
        dated[language] = {entry.id: entry for entry in found}
        for entry in found:
            source = dated.get(site.original, {}).get(entry.id, entry)  # the original is read first
            if (source.checked, source.review_by) != (entry.checked, entry.review_by):
                message = (
                    f"citation {entry.label}: {entry.checked} · {entry.review_by} differs from "
                    f"{site.shown(site.original, REFERENCES)}:{source.line} ({source.checked} · {source.review_by})"
                )
                yield Problem(page.path, entry.line, "REF003", message, "give both languages the same dates")
            if not entry.checked < entry.review_by <= a_year_after(entry.checked):
                bounds = f"review-by {entry.review_by} is not within 12 months after the check date {entry.checked}"
                yield Problem(page.path, entry.line, "REF004", f"citation {entry.label}: {bounds}", FIX_BOUNDS)
            elif entry.review_by < now:
                used = used_on(site, language, entry.id)
                message = f"citation {entry.label} review-by {entry.review_by} has passed; used on: {used}"
                fix = "re-check the source, then update the dates in both languages"
                yield Problem(page.path, entry.line, "REF001", message, fix)
    yield from _last_reviewed(site, dated)


def _last_reviewed(site: Site, dated: dict[str, dict[str, Dated]]) -> Iterator[Problem]:
    for language, found in dated.items():
        about = site.pages[language].get(ABOUT)
        if about is None or not found:
            continue
        newest = max(entry.checked for entry in found.values())
        heading = next((h for h in about.headings if h.id == LAST_REVIEWED), None)
        end = section_end(about, heading) if heading else 0
        text = "\n".join(b.text for b in about.blocks if heading and heading.line < b.line < end)
        written = set()
        for pattern, form in WRITTEN_DATES.items():
            for match in re.finditer(pattern, text):
                with contextlib.suppress(ValueError):
                    written.add(datetime.datetime.strptime(match[0], form).date())
        if newest not in written:
            where = f"the newest check date on {site.shown(language, REFERENCES)}"
            message = f"the about page's #{LAST_REVIEWED} section does not give {newest}, {where}"
            fix = f"say in the section #{LAST_REVIEWED} that the guide was last reviewed on that date (when it is true)"
            yield Problem(about.path, heading.line if heading else 1, "REF005", message, fix)


def due_soon(site: Site, now: datetime.date | None = None) -> list[str]:
    """Notes for the citations due within DUE_DAYS days (of the original: REF003 keeps the others the same)."""
    now = now or today()
    page = site.pages[site.original].get(REFERENCES)
    return [
        f"{site.shown(site.original, REFERENCES)}:{entry.line}: note: citation {entry.label} review-by "
        f"{entry.review_by} is due in {(entry.review_by - now).days} day(s); used on: "
        f"{used_on(site, site.original, entry.id)}"
        for entry in (entries(page)[0] if page else [])
        if now <= entry.review_by <= now + datetime.timedelta(days=DUE_DAYS)
    ]

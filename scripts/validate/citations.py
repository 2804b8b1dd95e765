"""REF: dated claims stay true. Every citation on the references page says when we last checked the source and by
when we check it again, as the last item of its entry, readable on a phone and by this check:

    - 確認日：2026-12-05 · 次回確認：2027-06-05        (docs/ja/references/index.md)
    - Checked: 2026-12-05 · Review by: 2027-06-05      (docs/en/references/index.md)

Review-by policy (the about page's "how we check" section says the same to readers): the check date plus 6 months
for Amazon's help pages, other companies' help pages (carriers, Google, Apple) and secondary sources (news, blogs,
copies), which change without notice; plus 12 months for documents of public authorities (NIST, ministries, the
police, local governments), which are dated and revised rarely. This check enforces the outer bound only (12
months): choosing 6 or 12 is the reviewer's call.

- REF001  a review-by date that has passed: the message names the citation and the pages that cite it (found from
          their links to references/index.md#<id>), so a contributor knows what to re-check.
- REF002  a citation without a date line, or with a malformed one (not `YYYY-MM-DD`, not a real date).
- REF003  a translation whose dates differ from the original's for the same citation.
- REF004  a review-by date that is not after the check date, or more than 12 months after it.
- REF005  the about page's last-reviewed section (about/index.md#last-reviewed) does not give the newest check date
          of the references page, so the page would claim a review older or newer than the sources say.

Citations whose review-by date falls within the next 30 days are listed as notes (not failures) by due_soon():
`make validate` prints them on every run.

"Today" is the date of the machine, or the environment variable GUIDE_TODAY=YYYY-MM-DD (the tests use it, so
fixtures have fixed dates). A tree without a references page (the small test fixtures) is not checked.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

REFERENCES = "references/index.md"
ABOUT = "about/index.md"
LAST_REVIEWED = "last-reviewed"
TODAY_VARIABLE = "GUIDE_TODAY"
DUE_DAYS = 30
MAX_MONTHS = 12
# The date line is read by its shape, whatever its labels' language (確認日：… · 次回確認：…, Checked: … · Review by:
# …): a new language writes its own labels and needs no entry here.
DATE_LINE = re.compile(r"[^:：·]+[:：]\s*(\S+)\s*·\s*[^:：·]+[:：]\s*(\S+)")
CITATION_ID = re.compile(r"[a-z]+\d+")
FIX_PASSED = "re-check the source, then update the dates in both languages"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# How the about page writes a date: 2026年12月5日, December 5, 2026, 5 December 2026 or 2026-12-05.
WRITTEN_DATE = re.compile(
    r"(?P<jy>\d{4})年(?P<jm>\d{1,2})月(?P<jd>\d{1,2})日"
    rf"|(?P<em>{'|'.join(MONTHS)}) (?P<ed>\d{{1,2}}), (?P<ey>\d{{4}})"
    rf"|(?P<bd>\d{{1,2}}) (?P<bm>{'|'.join(MONTHS)}) (?P<by>\d{{4}})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
)


@dataclass(frozen=True)
class Dated:
    id: str  # the heading id: "a16"
    label: str  # as the heading names it: "A16"
    line: int  # the date line (the heading's line when there is none)
    checked: datetime.date | None
    review_by: datetime.date | None


def today() -> datetime.date:
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"validate: {TODAY_VARIABLE}={value!r} is not a date (write YYYY-MM-DD)") from None


def add_months(date: datetime.date, months: int) -> datetime.date:
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return date.replace(year=year, month=month, day=min(date.day, last))


def _date(text: str) -> datetime.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def entries(page: Page) -> tuple[list[Dated], list[Problem]]:
    """The dated citations of a references page (level-3 headings with an id such as a16), and REF002 problems."""
    found: list[Dated] = []
    problems: list[Problem] = []
    headings = page.headings
    for index, heading in enumerate(headings):
        if heading.level != 3 or not CITATION_ID.fullmatch(heading.id):
            continue
        end = headings[index + 1].line if index + 1 < len(headings) else len(page.lines) + 1
        label = heading.text.split()[0] if heading.text else heading.id.upper()
        items = [b for b in page.blocks if b.kind == "item" and heading.line < b.line < end and "·" in b.text]
        if not items:
            problems.append(
                Problem(
                    page.path,
                    heading.line,
                    "REF002",
                    f"citation {label} has no date line",
                    "add the entry's last item `- <checked>: YYYY-MM-DD · <review by>: YYYY-MM-DD`, labelled as the "
                    "other entries of this page are",
                )
            )
            found.append(Dated(heading.id, label, heading.line, None, None))
            continue
        item = items[0]
        match = DATE_LINE.fullmatch(item.text.strip())
        checked, review_by = (_date(match[1]), _date(match[2])) if match else (None, None)
        if checked is None or review_by is None:
            problems.append(
                Problem(
                    page.path,
                    item.line,
                    "REF002",
                    f"citation {label}: the date line `{item.text.strip()}` is malformed",
                    "write `<checked>: YYYY-MM-DD · <review by>: YYYY-MM-DD` with real dates",
                )
            )
            found.append(Dated(heading.id, label, item.line, None, None))
            continue
        found.append(Dated(heading.id, label, item.line, checked, review_by))
    return found, problems


def used_on(site: Site, language: str, citation: str) -> list[str]:
    """The pages of `language` that link to references/index.md#<citation>, as "reset", "two-step-verification";
    the home page as "index"."""
    pages = []
    for page in site.pages[language].values():
        if page.rel == REFERENCES:
            continue
        for link in page.links:
            path, _, fragment = link.url.partition("#")
            if fragment != citation or "://" in path or not path:
                continue
            if posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path)) == REFERENCES:
                pages.append(page.rel.removesuffix("/index.md").removesuffix(".md"))
                break
    return sorted(pages)


def check(site: Site, now: datetime.date | None = None) -> Iterator[Problem]:
    now = now or today()
    dated: dict[str, dict[str, Dated]] = {}
    for language in site.languages:
        page = site.pages[language].get(REFERENCES)
        if page is None:
            continue
        found, problems = entries(page)
        yield from problems
        dated[language] = {d.id: d for d in found}
        for entry in found:
            if entry.checked is None or entry.review_by is None:
                continue
            if not entry.checked < entry.review_by <= add_months(entry.checked, MAX_MONTHS):
                yield Problem(
                    page.path,
                    entry.line,
                    "REF004",
                    f"citation {entry.label}: review-by {entry.review_by} is not within {MAX_MONTHS} "
                    f"months after the check date {entry.checked}",
                    "review by the check date + 6 months (Amazon, companies, secondary sources) or + 12 "
                    "months (public authorities)",
                )
            elif entry.review_by < now:
                pages = used_on(site, language, entry.id)
                yield Problem(
                    page.path,
                    entry.line,
                    "REF001",
                    f"citation {entry.label} review-by {entry.review_by} has passed; used on: "
                    f"{', '.join(pages) if pages else 'no page'}",
                    FIX_PASSED,
                )
    original = dated.get(site.original, {})
    for language in site.translations:
        for citation, entry in dated.get(language, {}).items():
            source = original.get(citation)
            if source is None or source.checked is None or entry.checked is None:
                continue
            if (source.checked, source.review_by) != (entry.checked, entry.review_by):
                yield Problem(
                    site.pages[language][REFERENCES].path,
                    entry.line,
                    "REF003",
                    f"citation {entry.label}: {entry.checked} · {entry.review_by} differs from "
                    f"{site.shown(site.original, REFERENCES)}:{source.line} ({source.checked} · "
                    f"{source.review_by})",
                    "give both languages the same dates",
                )
    yield from _last_reviewed(site, dated)


def _written_dates(text: str) -> set[datetime.date]:
    found = set()
    for m in WRITTEN_DATE.finditer(text):
        try:
            if m["jy"]:
                found.add(datetime.date(int(m["jy"]), int(m["jm"]), int(m["jd"])))
            elif m["ey"]:
                found.add(datetime.date(int(m["ey"]), MONTHS.index(m["em"]) + 1, int(m["ed"])))
            elif m["by"]:
                found.add(datetime.date(int(m["by"]), MONTHS.index(m["bm"]) + 1, int(m["bd"])))
            else:
                found.add(datetime.date(int(m["iy"]), int(m["im"]), int(m["id"])))
        except ValueError:
            continue
    return found


def _last_reviewed(site: Site, dated: dict[str, dict[str, Dated]]) -> Iterator[Problem]:
    for language, entries_ in dated.items():
        about = site.pages[language].get(ABOUT)
        checked = [d.checked for d in entries_.values() if d.checked]
        if about is None or not checked:
            continue
        newest = max(checked)
        heading = next((h for h in about.headings if h.id == LAST_REVIEWED), None)
        if heading is None:
            yield Problem(
                about.path,
                1,
                "REF005",
                f"the about page has no #{LAST_REVIEWED} section",
                f"add a section with that id that gives the newest check date of the references page ({newest})",
            )
            continue
        end = min(
            (h.line for h in about.headings if h.line > heading.line and h.level <= heading.level),
            default=len(about.lines) + 1,
        )
        text = "\n".join(b.text for b in about.blocks if heading.line < b.line < end)
        if newest not in _written_dates(text):
            yield Problem(
                about.path,
                heading.line,
                "REF005",
                f"the last-reviewed section does not give {newest}, the newest check date on "
                f"{site.shown(language, REFERENCES)}",
                "say when the guide was last reviewed with that date (and review the pages if it is not true yet)",
            )


def due_soon(site: Site, now: datetime.date | None = None) -> list[str]:
    """Notes for the citations whose review-by date falls within DUE_DAYS days (original language only: the dates
    agree across languages, REF003)."""
    now = now or today()
    notes = []
    page = site.pages[site.original].get(REFERENCES)
    if page is None:
        return notes
    found, _ = entries(page)
    for entry in found:
        if entry.review_by and now <= entry.review_by <= now + datetime.timedelta(days=DUE_DAYS):
            pages = used_on(site, site.original, entry.id)
            shown = site.shown(site.original, REFERENCES)
            notes.append(
                f"{shown}:{entry.line}: note: citation {entry.label} review-by {entry.review_by} is due "
                f"in {(entry.review_by - now).days} day(s); used on: {', '.join(pages) or 'no page'}"
            )
    return notes

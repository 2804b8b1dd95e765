"""`make bench`: figures, not assertions (see __main__.py)."""


def table(header: list[str], rows: list[list]) -> list[str]:
    """A Markdown table, one line per row (the summary is read in a terminal and as build/bench/summary.md)."""
    return ["| " + " | ".join(map(str, cells)) + " |" for cells in (header, ["---"] * len(header), *rows)]

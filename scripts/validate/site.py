"""Moved to scripts/doctree.py (the parsed docs tree is a model that tools use too, not only the checks).
Kept so that a check written against the old name still imports; new code imports scripts.doctree."""

from scripts.doctree import Config, NavEntry, Site, load_site  # noqa: F401

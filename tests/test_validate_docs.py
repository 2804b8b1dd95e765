"""The real docs/ tree passes `make validate`: every page of both languages, the configs and the source map."""

from __future__ import annotations

from scripts.project import ROOT
from tests.validate_helpers import validate


def test_real_docs_pass_validation() -> None:
    assert validate(ROOT) == []

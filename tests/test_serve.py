"""make serve rebuilds when anything the build loads changes: the folders of the configs' hooks and of the project's
own Markdown extensions (taken from the configs as MkDocs loads them, not from scripts/serve.py's list) are all
watched."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts import serve
from scripts.project import PROJECT, ROOT


def _folder_of_module(name: str) -> str:
    return str(Path(sys.modules[name].__file__).resolve().parent.relative_to(ROOT))


def _project_code_folders() -> set[str]:
    found = set()
    for language in PROJECT.languages:
        config = PROJECT.config(language.code)
        found |= {str(Path(path).resolve().parent.relative_to(ROOT)) for path in config["hooks"]}
        found |= {_folder_of_module(name) for name in config["markdown_extensions"] if name.startswith("scripts.")}
        # Callables named in extension settings (superfences' fence formatter) are code the build runs too.
        for settings in config["mdx_configs"].values():
            for fence in settings.get("custom_fences", []) if isinstance(settings, dict) else []:
                if fence["format"].__module__.startswith("scripts."):
                    found.add(_folder_of_module(fence["format"].__module__))
    return found


def test_every_folder_the_build_loads_code_from_is_watched():
    needed = _project_code_folders()
    assert {"scripts/hooks", "scripts/extensions"} <= needed, needed
    assert needed <= set(serve.WATCHED), f"not watched by make serve: {sorted(needed - set(serve.WATCHED))}"

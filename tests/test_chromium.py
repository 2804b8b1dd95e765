"""scripts/chromium.py, the one way to find the browser (Python, and `make browser` through its command line): a
Chromium that does not run (Ubuntu's snap stub) is not used, and the message says what to run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import chromium

STUB = "#!/bin/sh\necho 'Command requires the chromium snap to be installed.' >&2\nexit 1\n"


@pytest.fixture
def ubuntu_with_snap_stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    stub = tmp_path / "bin" / "chromium-browser"
    stub.parent.mkdir()
    stub.write_text(STUB, encoding="utf-8")
    stub.chmod(0o755)
    release = tmp_path / "os-release"
    release.write_text('NAME="Ubuntu"\nID=ubuntu\n', encoding="utf-8")
    monkeypatch.setattr(chromium, "OS_RELEASE", release)
    monkeypatch.setenv("PATH", str(stub.parent))
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    return stub


def test_the_snap_stub_is_not_a_browser_and_the_message_says_what_to_run(ubuntu_with_snap_stub: Path) -> None:
    assert not chromium.runs(str(ubuntu_with_snap_stub))
    with pytest.raises(chromium.NoChromium, match=r"playwright install --with-deps chromium"):
        chromium.find_chromium()
    assert chromium.main(["--ensure"]) == 1  # nothing is installed on Ubuntu: apt would only fetch the stub


def test_a_wrong_chromium_path_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))
    with pytest.raises(chromium.NoChromium, match=r"CHROMIUM_PATH=.*missing is not an executable"):
        chromium.find_chromium()

"""Shared pytest fixtures: the claims stage stubbed (``fake``), and a real headless Chromium driven by
Playwright. Fakes and sample files themselves are in the ``fixtures`` package beside this file.

Browser tests skip with a message when Debian's chromium is missing, unless
``SITMAP_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.stages import FakeClaims

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def required_chromium() -> str:
    """Chromium's path; without one the test is skipped, or fails when ``$SITMAP_REQUIRE_BROWSER`` is 1 (CI)."""
    exe = chromium_path()
    if exe is None:
        msg = "chromium not found: install it with `apt-get install -y chromium` to run browser tests"
        if os.environ.get("SITMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return exe


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian chromium (never a downloaded browser)."""
    exe = required_chromium()
    required = os.environ.get("SITMAP_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        msg = "playwright not installed: pip install -e '.[test]'"
        if required:
            pytest.fail(msg)
        pytest.skip(msg)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def open_exported_map(browser: object, html: Path) -> Iterator[object]:
    """A page on an exported map file with no request off the machine (everything but ``file://`` is
    aborted) and ``window.map`` set to its Leaflet map; fails on any page error when the caller is done."""
    pg = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    pg.goto(html.as_uri())
    pg.wait_for_selector(".leaflet-marker-icon", timeout=20_000)
    pg.evaluate("window.map = window[document.querySelector('.folium-map').id]")
    yield pg
    assert not errors, errors
    pg.close()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClaims:
    """Ingest with the claims stage stood in for by ``FakeClaims`` (one claim per document)."""
    import data.ingest.run as ingest_mod

    f = FakeClaims()
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (f.extract, f.link, []))
    return f

"""End to end: `kommunedata app` serves the sample warehouse, headless Chromium asks a question.

Uses the system Chromium (/usr/bin/chromium) through Playwright's sync API; no browser is downloaded.
The screenshot is written to test-output/ui/ (git-ignored) and its path printed.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.app.ui.serving import serve_app
from tests.conftest import ROOT

CHROMIUM = Path(os.environ.get("KOMMUNEDATA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUTPUT = ROOT / "test-output" / "ui"


@pytest.fixture
def served_app(sample_warehouse, tmp_path):
    env = {"KOMMUNEDATA_FEEDBACK_DB": str(tmp_path / "feedback.duckdb"), "KOMMUNEDATA_LLM_PROVIDER": "none"}
    with serve_app(sample_warehouse, tmp_path / "app.log", env=env) as (url, _):
        yield url


def _wait_until_idle(page, timeout_s: float = 90) -> None:
    """Streamlit shows a status widget while the script runs and skeletons until elements load."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if not page.locator("[data-testid=stStatusWidget]").count() and \
                not page.locator("[data-testid=stSkeleton]").count():
            return
        time.sleep(0.3)
    raise AssertionError("the app kept running for %s s" % timeout_s)


def _shot(page, name: str, tmp_path: Path) -> Path:
    path = OUTPUT / name
    try:
        OUTPUT.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout: keep the screenshot with the test's own files
        path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_ask_in_a_real_browser(served_app, tmp_path):
    assert CHROMIUM.exists(), f"no system Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does) or set KOMMUNEDATA_CHROMIUM"
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 1700}, locale="nb-NO")
        try:
            page = browser.new_page()
            page.goto(served_app)
            expect(page.get_by_role("heading", name="Spør dataene")).to_be_visible(timeout=90_000)
            _wait_until_idle(page)

            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("saker per kvartal i Hedmark IKT 2021 mot snittet")
            box.press("Enter")

            answer = page.get_by_test_id("stChatMessage").nth(1)
            expect(answer).to_contain_text("10 859", timeout=90_000)
            expect(answer.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=60_000)
            expect(answer.get_by_test_id("stDataFrame")).to_be_visible()
            expect(answer).to_contain_text("hedmark-ikt-2021.pdf")
            _wait_until_idle(page)
            shot = _shot(page, "chat.png", tmp_path)
            assert shot.stat().st_size > 10_000

            page.get_by_role("link", name="Brukerstøtte").click()
            expect(page.get_by_role("heading", name="Brukerstøtte", level=1)).to_be_visible(timeout=60_000)
            _wait_until_idle(page)
            expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
            _shot(page, "helpdesk.png", tmp_path)
        finally:
            browser.close()
    assert shutil.which("true")  # keeps the structure obvious: everything above ran in the browser

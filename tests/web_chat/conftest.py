"""Fixtures for the web chat example (examples/web_chat): a plane, the app, a real browser.

- `plane`: a local control plane per test module; a module sets `TURN_SECONDS` to slow the scripted
  agent turns down (so a test can act in the middle of one).
- `chat_app`: the example app as its own process (`uvicorn app:app`) against that plane.
- `browser`: headless Chromium from the system (Debian's package), driven by Playwright, which never
  downloads a browser of its own. Missing Chromium or Playwright skips the browser tests locally and
  FAILS them under `CI=true`, where a skip would hide that the browser test never ran. `$CHROMIUM`
  names another browser binary (and only that one).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NoReturn

import pytest

from anyframe.testing import LocalControlPlane, serve

from .chat_harness import ChatApp, Tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _chromium() -> str | None:
    """The browser to drive: `$CHROMIUM` when set (only that one), else Debian's `chromium`."""
    override = os.environ.get("CHROMIUM")
    candidates = [override] if override else [shutil.which("chromium"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(
            f"{reason}: CI must run the browser tests (make test-tools installs Chromium)", pytrace=False
        )
    pytest.skip(f"{reason}: run `make test-tools` as root to install it")


@pytest.fixture(scope="module")
def plane(request: pytest.FixtureRequest) -> Iterator[LocalControlPlane]:
    turn_seconds = getattr(request.module, "TURN_SECONDS", 0.5)
    with serve(build_seconds=0.05, boot_seconds=0.05, turn_seconds=turn_seconds) as running:
        yield running


@pytest.fixture(scope="module")
def chat_app(plane: LocalControlPlane, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChatApp]:
    app = ChatApp(plane, tmp_path_factory.mktemp("web_chat"))
    app.start()
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(autouse=True)
def _no_leftover_faults(plane: LocalControlPlane) -> Iterator[None]:
    yield
    plane.faults.clear()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh, temporary profile (--user-data-dir).
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, timeout=30_000)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_tab(browser: Browser, chat_app: ChatApp) -> Iterator[Callable[[], Tab]]:
    """Open the chat in a new browser context: a new visitor, with cookies of their own."""
    tabs: list[Tab] = []

    def open_one() -> Tab:
        context = browser.new_context(viewport={"width": 900, "height": 700})
        tab = Tab(context.new_page())
        tab.page.set_default_timeout(15_000)
        tab.page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        tab.page.on("console", lambda msg: tab.console.append(msg.text) if msg.type == "error" else None)
        tab.page.goto(chat_app.url + "/")
        tabs.append(tab)
        return tab

    yield open_one
    for tab in tabs:
        tab.page.context.close()
    assert [error for tab in tabs for error in tab.errors] == [], "uncaught errors in the page"

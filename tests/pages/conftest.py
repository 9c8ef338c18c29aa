"""The portal as a citizen meets it: the real server in a subprocess, driven by Debian's Chromium.

``live_server`` starts Cầu Nối the way the README tells a newcomer to (``caunoi db upgrade``,
``caunoi demo load``, ``caunoi run``) in embedded mode: its own SQLite file in a temporary data
directory, no Redis, no CAUNOI_* setting inherited from the shell. The browser is the system's
Chromium; Playwright never downloads one. Fixtures here are plain sync functions: the Playwright
sync API refuses to run inside an asyncio event loop.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Response, WebError, sync_playwright

from tests.instances import running_instance

CHROMIUM = Path("/usr/bin/chromium")
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}


@contextmanager
def _newcomer_server(data_dir: Path) -> Iterator[str]:
    """``caunoi db upgrade``, ``caunoi demo load`` and ``caunoi run`` in ``data_dir``, as ``make run`` does; the base URL."""
    with running_instance(data_dir, CAUNOI_RATE_LIMIT="1000") as instance:
        yield instance.url


@pytest.fixture(scope="session")
def newcomer_server() -> Callable[[Path], AbstractContextManager[str]]:
    """Start a server of one's own on a fresh data directory: ``with newcomer_server(path) as url: …``."""
    return _newcomer_server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a real ``caunoi run`` with the demo province loaded."""
    with _newcomer_server(tmp_path_factory.mktemp("live_server")) as url:
        yield url


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing, and in CI the browser tests must run (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    yield browser
    browser.close()


OpenPage = Callable[..., Page]

REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + (event.sample ? ` (${event.sample})` : ""),
  );
});
"""
"""Tells the test about every Content-Security-Policy violation, whether or not the console shows it."""


class BrowserProblems:
    """What went wrong in the browser while a test ran: console errors, uncaught errors, CSP violations.

    A page that answers with an error status on purpose (a 404 the test asked for) makes Chromium
    log "Failed to load resource" for the page itself; the test checks that status, so that one
    message is not a problem. The same message for anything the page loads (a stylesheet, the
    favicon) is.
    """

    def __init__(self) -> None:
        self.found: list[str] = []
        self.failed_pages: set[str] = set()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.found.append(f"console error at {message.location.get('url')}: {message.text}")

    def web_error(self, error: WebError) -> None:
        self.found.append(f"uncaught error on {error.page.url if error.page else '?'}: {error.error}")

    def csp_violation(self, text: str) -> None:
        self.found.append(f"CSP violation: {text}")

    def response(self, response: Response) -> None:
        if response.request.is_navigation_request() and response.status >= 400:
            self.failed_pages.add(response.url)

    def report(self) -> list[str]:
        expected = {f"console error at {url}: Failed to load resource:" for url in self.failed_pages}
        return [problem for problem in self.found if not any(problem.startswith(e) for e in expected)]


@pytest.fixture
def open_page(browser: Browser, live_server: str) -> Iterator[OpenPage]:
    """Open a page in a new browser context (its own cookies), as a Vietnamese visitor on a desktop by default.

    Every request any of these pages makes is recorded; at the end the test fails if one of them
    went anywhere but the live server (a CDN font, a tracker, an analytics script), or if any page
    logged an error to the console, threw an uncaught error or broke the Content-Security-Policy
    (an inline style the browser refused, say).
    """
    contexts = []
    requests: list[str] = []
    problems = BrowserProblems()

    def open_page(*, locale: str = "vi-VN", device: dict[str, Any] | None = None) -> Page:
        context = browser.new_context(base_url=live_server, locale=locale, **(device or DESKTOP))
        context.set_default_timeout(10_000)
        context.on("request", lambda request: requests.append(request.url))
        context.on("response", problems.response)
        context.on("console", problems.console)
        context.on("weberror", problems.web_error)
        context.expose_function("reportCspViolation", problems.csp_violation)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    elsewhere = [url for url in requests if not url.startswith(f"{live_server}/")]
    assert not elsewhere, f"requests left {live_server}: {elsewhere}"
    found = problems.report()
    assert not found, "the browser reported problems:\n" + "\n".join(found)


@pytest.fixture
def page(open_page: OpenPage) -> Page:
    return open_page()

"""Browser fixtures: one headless Debian Chromium per test process, a fresh context (cookies, storage) per test,
console/CSP error collection, and screenshots kept under test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in this thread; Django would then refuse ORM calls made by the
# test itself (SynchronousOnlyOperation), although they are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Short timeouts: every page is local, so a 30 s wait would only slow down a failing run.
TIMEOUT_MS = 8_000

# Reports violations from the page to Python; added as an init script, which the page's CSP does not govern.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""
# Anything not served by the live server itself; invariant 5 says pages fetch nothing from elsewhere.
OFFSITE = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)[:/]|data:|about:|blob:)")


@dataclass
class Problems:
    """What went wrong in the browser while a test ran: console errors, uncaught exceptions, CSP reports,
    requests that tried to leave the machine."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    # Console lines a test expects, e.g. the browser noting the 400 status of a refused login.
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def unexpected(self) -> list[str]:
        console = [m for m in self.console if not any(p.search(m) for p in self.allowed)]
        return console + self.page_errors + self.csp + self.offsite


def pytest_configure(config: pytest.Config) -> None:
    # Failure screenshots of an earlier run would mislead; clear them once, in the controlling process only.
    if not hasattr(config, "workerinput"):
        shutil.rmtree(FAILURES, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        # In CI a missing browser must fail the run, not quietly skip the browser suite.
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} (make chromium installs it)")
        pytest.skip(f"Chromium not found at {CHROMIUM} (make chromium installs it)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Keep each phase's report on the test item, so the page fixture knows at teardown whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def context(browser: Browser, live_server: Any, problems: Problems) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 800},
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.expose_function("__cspViolation", lambda report: problems.csp.append(str(report)))
    ctx.add_init_script(CSP_LISTENER)

    def refuse_offsite(route: Route) -> None:
        problems.offsite.append(route.request.url)
        route.abort()

    ctx.route(OFFSITE, refuse_offsite)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def _static_store() -> dict[str, tuple[int, dict[str, str], bytes]]:
    return {}


@pytest.fixture
def static_kept(context: BrowserContext, live_server: Any,
                _static_store: dict[str, tuple[int, dict[str, str], bytes]]) -> None:
    """Static files fetched once per run, as a browser's cache keeps them between pages: the test server sends
    them without caching headers, and a long walk opens some ninety pages. Only the live server's own /static/
    is kept; anything else still meets the context's offsite refusal. Opt in by naming the fixture."""

    def serve(route: Route) -> None:
        url = route.request.url
        if url not in _static_store:
            response = route.fetch()
            # The body comes decoded: a replayed Content-Encoding or length would no longer be true.
            headers = {k: v for k, v in response.headers.items()
                       if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")}
            _static_store[url] = (response.status, headers, response.body())
        status, headers, body = _static_store[url]
        route.fulfill(status=status, headers=headers, body=body)

    context.route(re.compile("^" + re.escape(f"{live_server.url}/static/")), serve)


@pytest.fixture
def page(context: BrowserContext, problems: Problems, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            problems.console.append(f"{msg.text} ({page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.page_errors.append(f"{exc} ({page.url})"))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        try:
            _full_page(page, FAILURES / f"{request.node.name}.png")
        except PlaywrightError:  # a page that broke mid-step still gets its picture, as it stands
            page.screenshot(path=str(FAILURES / f"{request.node.name}.png"), full_page=True)


def _full_page(page: Page, path: Path) -> None:
    # Seen from its top: a page left scrolled down would draw the tables' sticky headers where the scrolled
    # window had them, in the middle of the picture.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot kept as a test artifact (the README shows the desk), taken from the page's top."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    _full_page(page, path)
    return path


# The cards whose content is wider than the card itself (a table spilling out of half a page), by their heading.
SPILLING = """() => [...document.querySelectorAll('.card')].filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => (c.querySelector('h1, h2, h3') || c).textContent.trim().slice(0, 60))"""


def spilling(page: Page) -> list[str]:
    return list(page.evaluate(SPILLING))


def left(page_part: Any) -> float:
    """Where an element starts on the page, in CSS pixels."""
    box = page_part.bounding_box()
    assert box is not None, "the element is not drawn"
    return float(box["x"])


def width(page_part: Any) -> float:
    box = page_part.bounding_box()
    assert box is not None, "the element is not drawn"
    return float(box["width"])


def sign_in(page: Page, username: str, password: str) -> None:
    """Through the real login form, as a person would."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập", exact=True).click()

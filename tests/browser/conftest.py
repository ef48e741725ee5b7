"""Browser tests: Debian's Chromium, driven by Playwright, against the built site.

The sample content of this repository is built once per test session (per
xdist worker) for each audience that a test asks for, served from 127.0.0.1
on a free port, and opened in one Chromium per session with a fresh context
per test.

Every page a test opens is guarded: a console error, an uncaught exception or
a request to anything but the site under test fails the test. The site must
fetch nothing from any other host (no fonts, no CDNs, no analytics).

Without /usr/bin/chromium the tests are skipped loudly on a developer machine
and fail in CI (``CI`` set to anything but "", "0" or "false"): CI never skips.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO
from bench.static_server import serve_static

HERE = Path(__file__).resolve().parent

# BROBYG_CHROMIUM exists only so test_guards.py can simulate a machine
# without Chromium; everyone else gets Debian's.
CHROMIUM = os.environ.get("BROBYG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SKIP_REASON = (
    f"!!! BROWSER TESTS SKIPPED: {CHROMIUM} is missing. Install Debian's chromium "
    "(apt-get install chromium, or ./dev test) to run them. CI never skips them."
)
DESKTOP = {"width": 1280, "height": 900}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


# -- marking and the missing-Chromium banner ----------------------------------

def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _skipped_for_chromium(report) -> bool:
    longrepr = getattr(report, "longrepr", None)
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
    return "BROWSER TESTS SKIPPED" in reason


_BANNER_SHOWN = pytest.StashKey[bool]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The banner. Under xdist the controller loads this conftest only when
    tests/browser is named on the command line; a conftest higher up may
    import this hook to show it on every run (it prints once either way)."""
    if config.stash.get(_BANNER_SHOWN, False):
        return
    config.stash[_BANNER_SHOWN] = True
    n = sum(1 for r in terminalreporter.stats.get("skipped", []) if _skipped_for_chromium(r))
    if n:
        terminalreporter.write_sep("!", "Chromium missing", red=True, bold=True)
        terminalreporter.write_line(
            f"!!! {n} browser tests were SKIPPED: {CHROMIUM} missing — CI never skips them",
            red=True, bold=True,
        )
        terminalreporter.write_sep("!", red=True, bold=True)


# -- the built sites -------------------------------------------------------------

@pytest.fixture(scope="session")
def sample_kb():
    """The model of the sample content, as the validator sees it."""
    from brobyg.validate.check import check

    result = check(REPO)
    errors = [p for p in result.report.sorted() if p.severity == "error"]
    assert not errors, f"the sample content must be valid: {errors}"
    return result.kb


def _build(tmp_path_factory, audience: str) -> Path:
    from brobyg.pipeline.build import build_site

    tmp = tmp_path_factory.mktemp(f"site-{audience}")
    return build_site(REPO, audience, out=tmp / audience, staging=tmp / f"staging-{audience}")


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def members_site(tmp_path_factory) -> Path:
    """Built only when a test asks for it."""
    return _build(tmp_path_factory, "members")


SERVED: list[str] = []  # base URLs of the sites this session serves


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL ("http://127.0.0.1:PORT/") of a static server
    for that folder, on a daemon thread; all are shut down at session end."""
    servers = []

    def start(folder: Path) -> str:
        base, server = serve_static(folder)
        servers.append(server)
        base += "/"
        SERVED.append(base)
        return base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def public_url(serve, public_site) -> str:
    return serve(public_site)


@pytest.fixture(scope="module")
def data(sample_kb):
    """What the public search must show, computed from the model (a module may override it)."""
    from .searchpage import Expect

    return Expect(sample_kb, "public")


@pytest.fixture
def base(public_url) -> str:
    return public_url


@pytest.fixture(scope="session")
def members_url(serve, members_site) -> str:
    return serve(members_site)


# -- Playwright ---------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def chromium() -> str:
    """Debian's Chromium, or a skip (locally) / failure (CI) before anything is built."""
    if not os.path.exists(CHROMIUM):
        if in_ci():
            pytest.fail(f"{CHROMIUM} is missing, and CI must run the browser tests, never skip them. "
                        "Install Debian's chromium (apt-get install chromium).", pytrace=False)
        pytest.skip(SKIP_REASON)
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_driver(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver, chromium):
    browser = playwright_driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class PageGuard:
    """What went wrong in the pages of one test, as it happened."""

    problems: list[str] = field(default_factory=list)
    reported: int = 0

    def allowed(self, url: str) -> bool:
        return any(url.startswith(base) for base in SERVED)

    def attach(self, page) -> None:
        def on_console(msg):
            if msg.type == "error":
                self.problems.append(f"console error on {page.url}: {msg.text}")

        def on_request(req):
            if not self.allowed(req.url):
                self.problems.append(f"request to another host from {page.url}: {req.method} {req.url}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception on {page.url}: {exc}"))
        page.on("request", on_request)

    def check(self) -> None:
        new = self.problems[self.reported:]
        self.reported = len(self.problems)
        if new:
            pytest.fail("The page misbehaved:\n  " + "\n  ".join(new), pytrace=False)


GUARD = pytest.StashKey[PageGuard]()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="da-DK", service_workers="block")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request):
    """A guarded page; every other page the context opens (popups) is guarded too."""
    guard = PageGuard()
    request.node.stash[GUARD] = guard
    context.on("page", guard.attach)
    page = context.new_page()
    yield page
    guard.check()  # anything that happened after the test body returned


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    guard = item.stash.get(GUARD, None)
    if guard is not None:
        guard.check()  # a failure of the test itself, not an error in teardown
    return result

"""The guards of this folder's conftest.

- Every test page fails its test on a console error, an uncaught exception or
  a request to another host.
- Without Chromium the browser tests skip loudly on a developer machine and
  fail in CI. Simulated by pointing the conftest at a missing binary
  (BROBYG_CHROMIUM) in a child pytest run of one small test of this file.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

from .conftest import GUARD

MISSING = "/nonexistent/chromium"


def test_a_page_opens(page):
    page.set_content("<main><h1>Brobygningsbasen</h1></main>")
    assert page.locator("h1").inner_text() == "Brobygningsbasen"


def test_page_guard_catches_console_errors_exceptions_and_other_hosts(page, request):
    guard = request.node.stash[GUARD]
    page.set_content("<p>ok</p>")
    guard.check()

    with page.expect_console_message(lambda m: m.type == "error"):
        page.evaluate("console.error('boom')")
    with pytest.raises(pytest.fail.Exception, match="console error .*boom"):
        guard.check()

    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('kaput'); }, 0)")
    with pytest.raises(pytest.fail.Exception, match="uncaught exception .*kaput"):
        guard.check()

    page.route("http://example.invalid/**", lambda route: route.abort())
    with page.expect_request("http://example.invalid/**"):
        page.set_content('<img src="http://example.invalid/logo.png" alt="">')
    with pytest.raises(pytest.fail.Exception, match="request to another host.*example.invalid"):
        guard.check()


def run_without_chromium(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "CI"))}
    env["BROBYG_CHROMIUM"] = MISSING
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"{__file__}::test_a_page_opens",
         "-p", "no:cacheprovider", "-n", "0", "-rs", "--color=no"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


@pytest.mark.parametrize("ci", [None, "false"])
def test_missing_chromium_skips_loudly_outside_ci(ci):
    proc = run_without_chromium(ci)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "1 skipped" in out, out
    assert "BROWSER TESTS SKIPPED" in out, out
    assert f"!!! 1 browser tests were SKIPPED: {MISSING} missing — CI never skips them" in out, out


def test_missing_chromium_fails_in_ci():
    proc = run_without_chromium("true")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "1 error" in out and "skipped" not in out, out
    assert f"{MISSING} is missing, and CI must run the browser tests, never skip them" in out, out

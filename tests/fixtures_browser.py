"""Browser fixtures: Debian's Chromium, headless, driven by Playwright against the live server.

    @pytest.mark.browser
    @pytest.mark.django_db(transaction=True)
    def test_something(page, lead):
        login(page, lead)
        page.goto("/accounts/")
        axe_check(page)

`page` is a fresh context and page per test on one browser per session. A journey fails on any
console error (a CSP violation is one), any uncaught script error and any request to a host other
than the live server; `page_problems.allow("...")` lets a test that visits an error page on
purpose accept that page's own console line. `axe_check(page)` runs the vendored axe-core on the
page (loaded as a same-origin script: the CSP forbids inline scripts and we do not bypass it) and
fails with the WCAG 2.1 A/AA violations it finds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from moderation.evidence import CHROMIUM_ARGS  # the flags the portal's own screenshots use

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "korrekt-häst-batteri"  # the password of every UserFactory person
AXE_URL = "/static/vendor/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this is a test doing it on purpose. It stays set
    # for the rest of the session because the loop does.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class PageProblems:
    """What went wrong in the page while the test ran; the test fails at the end if anything did."""

    origin: str
    entries: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console lines matching `pattern` (e.g. the 403 of a page visited to see the 403)."""
        self.allowed.append(re.compile(pattern))

    def add(self, text: str) -> None:
        if not any(pattern.search(text) for pattern in self.allowed):
            self.entries.append(text)

    def check(self) -> None:
        if self.entries:
            problems, self.entries = self.entries, []
            pytest.fail("The page reported problems:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def page_problems(live_server) -> PageProblems:
    return PageProblems(origin=live_server.url)


@pytest.fixture
def page(browser, live_server, page_problems: PageProblems) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(TIMEOUT_MS)
    origin = urlparse(live_server.url)

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in {"http", "https"} and (url.hostname, url.port) != (origin.hostname, origin.port):
            page_problems.add(f"request to another host: {route.request.method} {route.request.url}")
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    browser_page = context.new_page()

    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            page_problems.add(f"console error: {message.text} ({location.get('url', '')})")

    browser_page.on("console", on_console)
    browser_page.on("pageerror", lambda error: page_problems.add(f"uncaught script error: {error}"))
    yield browser_page
    context.close()
    page_problems.check()


def login(page, user, password: str = PASSWORD) -> None:
    """Log in through the real login form, as a person would."""
    page.goto("/login/")
    page.locator("main input[name=username]").fill(user.username)
    page.locator("main input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    path = urlparse(page.url).path
    if path.startswith("/login/"):
        errors = page.locator(".alert, .invalid-feedback").all_inner_texts()
        pytest.fail(f"Logging in as {user.username} failed: {errors}", pytrace=False)


def axe_check(page, *, exclude: list[str] | None = None) -> None:
    """Run axe-core on the page as it is now; fail listing each WCAG 2.1 A/AA violation."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        origin = "{0.scheme}://{0.netloc}".format(urlparse(page.url))
        page.add_script_tag(url=origin + AXE_URL)
    result = page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length
                ? {include: [document], exclude: exclude.map((s) => [s])} : document;
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const r = await axe.run(context, options);
            return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        [AXE_TAGS, exclude or []],
    )
    if result:
        lines = [f"axe-core found {len(result)} WCAG 2.1 AA violation(s) on {page.url}:"]
        for violation in result:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:10]:
                summary = " ".join((node["summary"] or "").split())
                lines.append(f"    at {node['target']}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def focus_is_visible(page) -> bool:
    """True when the focused element draws a focus indicator (an outline or a box shadow)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
            return outline || (s.boxShadow && s.boxShadow !== "none");
        }"""
    )

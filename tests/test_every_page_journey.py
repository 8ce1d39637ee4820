"""A journey over every page of the access matrix, once, as AKN: axe-core finds nothing on any page,
and no page scrolls sideways at 1280 px nor at 390 px.

The pages are the matrix's own: every GET case that answers AKN with 200 for an object of the own
förvaltning (or for a URL without an object), in the world the matrix builds. htmx fragments (cases
sent with HX-Request) and downloads (CSV, iCalendar, JSON, files) are no pages and are left out;
the fragments are checked inside the pages that load them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.access import World
from tests.fixtures_browser import axe_check
from tests.test_access_matrix import CASES, MODULES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def pages_for_akn(world: World) -> list[tuple[str, str]]:
    """(case id, URL) of every page AKN opens with 200."""
    pages = []
    for case in CASES:
        if case.method != "GET" or "HX-Request" in case.headers:
            continue
        side = "own" if case.other is not None else "none"
        if case.expected("akn", side) != 200:
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world.own) if case.kwargs else None)
        pages.append((case.id, f"{url}?{case.query}" if case.query else url))
    return pages


def sideways(page) -> tuple[int, str]:
    """How far the page scrolls sideways, in CSS pixels (0: not at all), and where to look: the
    chain of elements whose hiding, one level deeper each time, makes the page fit."""
    return page.evaluate(
        """() => {
            const width = () => document.scrollingElement.scrollWidth;
            const extra = width() - window.innerWidth;
            if (extra <= 0) return [extra, ""];
            const chain = [];
            let parent = document.body;
            for (let depth = 0; parent && depth < 15; depth++) {
                let found = null;
                for (const child of parent.children) {
                    const old = child.style.display;
                    child.style.display = "none";
                    const fits = width() <= window.innerWidth;
                    child.style.display = old;
                    if (fits) { found = child; break; }
                }
                if (!found) break;
                const classes = typeof found.className === "string" ? found.className.trim() : "";
                const dotted = classes ? "." + classes.split(/ +/).join(".") : "";
                chain.push(found.tagName.toLowerCase() + dotted);
                parent = found;
            }
            return [extra, chain.join(" > ")];
        }"""
    )


def test_every_page_passes_axe_and_fits_at_1280_and_390(page, page_problems):
    world = World()
    for module in MODULES:
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
    pages = pages_for_akn(world)
    assert len(pages) > 40, f"only {len(pages)} pages: the matrix lost its cases?"

    # The session of a real login, handed to the browser: this journey is about the pages, and the
    # login page has journeys of its own.
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(world.users["akn"])
    origin = page_problems.origin
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": origin}]
    )  # fmt: skip

    problems: list[str] = []
    visited = 0
    for case_id, url in pages:
        # Asked first with the page's cookies: a download would abort the browser's navigation.
        answer = page.request.get(url, max_redirects=0)
        if answer.status != 200:
            problems.append(f"{case_id} {url}: answered {answer.status} {answer.headers.get('location', '')}")
            continue
        content_type = answer.headers.get("content-type", "").split(";")[0]
        if content_type != "text/html" or "attachment" in answer.headers.get("content-disposition", ""):
            continue  # a download, not a page
        if "<html" not in answer.text()[:500]:
            continue  # a fragment that a page loads with htmx
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(url)
        visited += 1
        try:
            axe_check(page)
        except pytest.fail.Exception as failure:
            problems.append(f"{case_id} {url}: {failure}")
        for width in WIDTHS:
            if width != WIDTHS[0]:
                # Loaded again at this width, as a phone would load it (charts size themselves then).
                page.set_viewport_size({"width": width, "height": 900})
                page.reload()
            extra, culprits = sideways(page)
            if extra > 0:
                problems.append(
                    f"{case_id} {url}: scrolls {extra} px sideways at {width} px wide: {culprits}"
                )
    assert visited > 40
    assert not problems, f"{len(problems)} problem(s) on {visited} pages:\n" + "\n".join(problems)

"""In a real browser at 1280 and 390 px: the calendar's pages never scroll sideways and axe-core finds
nothing; on a narrow screen the week and the month are an agenda, one column, with each day named."""

import pytest
from django.urls import reverse

from tests.fixtures_browser import axe_check, login

from .helpers import book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_calendar_fits_the_screen(page, communicator, administration, citywide_account, instagram, width):
    book(
        communicator,
        administration,
        (citywide_account, "2026-12-22 10:00"),
        (instagram, "2026-12-23 09:00"),
        title="Julmarknaden på Stortorget – hela programmet för alla åldrar",
    )
    page.set_viewport_size({"width": width, "height": 900})
    login(page, communicator)
    pages = [
        reverse("calendar_booking:calendar-week", args=[2026, 52]),
        reverse("calendar_booking:calendar-month", args=[2026, 12]),
        reverse("calendar_booking:booking-list"),
        reverse("calendar_booking:booking-create"),
    ]
    for url in pages:
        page.goto(url)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), (
            url,
            width,
            page.evaluate("document.scrollingElement.scrollWidth"),
        )
        axe_check(page)
    narrow = width < 768
    for url in pages[:2]:
        page.goto(url)
        cell = page.locator(".cal-agenda tbody td:not(.cal-outside)").first
        assert cell.evaluate("td => getComputedStyle(td).display") == ("block" if narrow else "table-cell")
        # The column heads give way to each day's own label on a narrow screen.
        heads_shown = page.locator(".cal-agenda thead").evaluate("t => t.getBoundingClientRect().height > 1")
        assert heads_shown is not narrow
        if not narrow or "month" in url:  # the narrow week names it in each cell's label, below
            assert page.locator(".cal-holiday", has_text="Julafton").first.is_visible()
    page.goto(pages[0])
    if narrow:
        label = page.locator("td[data-day^='tors 24 dec']").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"tors 24 dec Julafton"'

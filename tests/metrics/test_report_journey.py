"""The monthly report in a real browser: a lead reads it, the charts draw, axe finds nothing, the
downloads come, and the print stylesheet hides the menu and the buttons."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from tests.fixtures_browser import axe_check, login
from tests.metrics.report_data import known_report_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_reads_the_monthly_report_and_downloads_it(
    page, lead, administration, other_administration, settings
):
    settings.REPORT_CACHE_SECONDS = 0
    known_report_data(administration, other_administration)
    login(page, lead)
    url = reverse("metrics:report", kwargs={"year": 2026, "month": 11})
    page.goto(url)
    assert page.locator("h1").inner_text().startswith("Månadsrapport november 2026")
    # Every chart is drawn, and has its table beside it.
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 3")
    page.wait_for_function(
        "[...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c) !== undefined)"
    )
    accounts = page.locator("table", has=page.locator("caption", has_text="Kontonas siffror för månaden"))
    assert "Alfa" in accounts.inner_text() and "Beta" in accounts.inner_text()
    assert "Gamma" not in page.content()  # another förvaltning's account
    # The post text that looks like a formula is plain text on the page.
    assert page.get_by_text("=HYPERLINK(1)").count() == 1
    assert "Siffrorna lästes in den 23 november 2026." in page.locator("#report-status").inner_text()
    axe_check(page)
    if os.environ.get("REPORT_SCREENSHOT"):  # to look at the page: REPORT_SCREENSHOT=/tmp/report.png
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.environ["REPORT_SCREENSHOT"], full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Excel (.xlsx)").click()
    assert download.value.suggested_filename == f"rapport-2026-11-forvaltning-{administration.pk}.xlsx"
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.emulate_media(media="print")
    assert not page.locator("header.portal-header").is_visible()
    assert not page.get_by_role("link", name="Ladda ner som CSV").is_visible()
    assert page.locator("h1").is_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Föregående månad").click()
    page.wait_for_url("**/reports/2026/10/")
    assert page.locator("h1").inner_text().startswith("Månadsrapport oktober 2026")
    axe_check(page)

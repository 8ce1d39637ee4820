"""The monthly report's pages: what each role reads, the downloads, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SocialAccountFactory
from tests.metrics.report_data import NOV, known_report_data, month_row, post

pytestmark = pytest.mark.django_db

URL = reverse("metrics:report", kwargs={"year": 2026, "month": 11})


@pytest.fixture(autouse=True)
def _no_kept_reports(settings):
    settings.REPORT_CACHE_SECONDS = 0  # each test reads its own data; the cache has its own test


@pytest.fixture
def known(administration, other_administration):
    return known_report_data(administration, other_administration)


def test_a_lead_reads_their_forvaltning(known, lead_client):
    page = lead_client.get(URL).content.decode()
    assert "Alfa" in page and "Beta" in page and "Gamma" not in page
    assert "Kontonas siffror för månaden" in page
    # The post text that looks like a formula is escaped text.
    assert "=HYPERLINK(1)" in page


def test_akn_reads_the_city_and_picks_a_forvaltning(known, akn_client, other_administration):
    city = akn_client.get(URL).content.decode()
    # The city's table has a row per förvaltning, each linking to its report.
    assert "Helsingborgs stad" in city and "Förvaltningarnas siffror för månaden" in city
    assert other_administration.name in city and "Alfa" not in city.split("report-posts")[0]
    one = akn_client.get(URL, {"administration": other_administration.pk}).content.decode()
    assert "Gamma" in one and "Alfa" not in one
    path = reverse(
        "metrics:report-administration",
        kwargs={"year": 2026, "month": 11, "administration_id": other_administration.pk},
    )
    assert "Gamma" in akn_client.get(path).content.decode()


def test_the_citys_page_lists_the_largest_forvaltningar_and_the_downloads_all(
    known, akn_client, administration, other_administration, monkeypatch
):
    """The page's table is bounded (CITY_PAGE_ROWS, by reach); the downloads keep every förvaltning."""
    monkeypatch.setattr("metrics.reports.data.CITY_PAGE_ROWS", 1)
    page = akn_client.get(URL).content.decode()
    table = page.split('id="report-accounts"')[1].split('id="report-posts"')[0]
    # Miljöförvaltningen's Gamma reaches 99,999; Skol- och fritidsförvaltningen's accounts less.
    assert other_administration.name in table and administration.name not in table
    assert "De 1 förvaltningarna med störst räckvidd under månaden, av 2" in table
    # Both stay in the picker, and both are in the download's table of förvaltningar.
    assert administration.name in page.split('id="report-accounts"')[0]
    csv = akn_client.get(reverse("metrics:report-csv", kwargs={"year": 2026, "month": 11}))
    text = csv.content.decode("utf-8")
    assert "Förvaltningarnas månad" in text
    assert administration.name in text and other_administration.name in text


def test_an_editor_reads_only_the_accounts_they_edit(known, client, editor, account):
    month_row(account, NOV, followers=77, settled=True)
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "Alfa" not in page and "Beta" not in page
    assert account.name in page


def test_the_downloads(known, lead_client, administration):
    xlsx = lead_client.get(reverse("metrics:report-xlsx", kwargs={"year": 2026, "month": 11}))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"
    assert xlsx["Cache-Control"] == "private, no-store"
    csv = lead_client.get(reverse("metrics:report-csv", kwargs={"year": 2026, "month": 11}))
    assert csv["Content-Disposition"] == (
        f'attachment; filename="rapport-2026-11-forvaltning-{administration.pk}.csv"'
    )
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff") and ";" in text


def test_a_month_that_does_not_exist_is_a_404(lead_client):
    assert lead_client.get("/reports/2026/13/").status_code == 404
    assert lead_client.get("/reports/1999/1/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["lead", "akn"])
def test_the_page_reads_a_fixed_number_of_queries(known, administration, lead_client, akn_client, who):
    client = lead_client if who == "lead" else akn_client
    before = _queries(client, URL)
    # Ten more accounts with months, posts and slots change nothing in the count.
    for n in range(10):
        extra = SocialAccountFactory(administration=administration, name=f"Extra {n}")
        month_row(extra, NOV, followers=10, reach=5, interactions=1, settled=True)
        post(extra, f"x{n}", "2026-11-10 10:00", reach=3, interactions=1)
    assert _queries(client, URL) == before
    # Pinned: session and user, the roles (2), the choices (AKN), and the report's six.
    assert before == {"lead": 11, "akn": 11}[who]


def test_the_answer_times_page(known, kc_client, lead_client):
    from moderation.models import Comment

    alfa = known[0]
    Comment.objects.filter(account=alfa, platform_id="k1").update(in_kc_queue=True)
    url = reverse("metrics:answer-times", kwargs={"year": 2026, "month": 11})
    kc = kc_client.get(url).content.decode()
    assert "Kontaktcenters kö" in kc
    assert "Alfa" not in kc  # KC's view names no account
    page = lead_client.get(url).content.decode()
    assert "Per konto" in page and "Alfa" in page


def test_a_kept_report_answers_the_next_reader_without_its_aggregates(known, lead_client, settings):
    from django.core.cache import cache

    settings.REPORT_CACHE_SECONDS = 60
    cache.clear()
    first = _queries(lead_client, URL)
    with CaptureQueriesContext(connection) as captured:
        page = lead_client.get(URL).content.decode()
    assert len(captured) == first - 6  # the report's six queries are not made again
    assert "Alfa" in page and "Sammanställd kl." in page
    cache.clear()

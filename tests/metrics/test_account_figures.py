"""The account's figures page: the last 13 months from the rollup, "–" for what is not given."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from metrics.figures import account_months
from metrics.models import MonthlyRollup
from tests.factories import SocialAccountFactory


def month_back(n: int) -> date:
    month = timezone.localdate().replace(day=1)
    for _ in range(n):
        month = (month.replace(day=1) - date.resolution).replace(day=1)
    return month


def rollup(account, month, **figures):
    return MonthlyRollup.objects.create(
        account=account, subject="", month=month, computed_at=timezone.now(), **figures
    )


@pytest.fixture
def account(administration):
    return SocialAccountFactory(administration=administration, platform="facebook", platform_id="111")


def test_months_are_compared_with_the_month_before_and_the_median(account):
    for n, reach in enumerate([300, 200, 100, 100]):
        rollup(account, month_back(n), reach=reach, interactions=10 * (n + 1), followers=1000)
    months = account_months(account=account, today=timezone.localdate())
    newest = months.rows[0]
    assert len(months.rows) == 13
    assert newest.cells["reach"].value == 300
    assert newest.cells["reach"].change == pytest.approx(0.5)  # 300 against 200
    assert months.medians["reach"] == 100  # of 200, 100, 100
    assert newest.cells["reach"].against_median == pytest.approx(2.0)
    assert months.rows[5].cells["reach"].value is None  # no rollup: not given, not 0
    assert not months.reach_is_period


def test_a_count_median_is_a_whole_number_where_it_is_one(client, account, akn_user):
    # Months before the newest: reach 100 and 300 (median 200), followers 1000 and 1001 (1000.5),
    # engagement 0.01 and 0.03 (a rate stays a fraction).
    rollup(account, month_back(0), reach=1)
    rollup(account, month_back(1), reach=100, followers=1000, engagement_rate=0.01)
    rollup(account, month_back(2), reach=300, followers=1001, engagement_rate=0.03)
    medians = account_months(account=account, today=timezone.localdate()).medians
    assert medians["reach"] == 200 and isinstance(medians["reach"], int)
    assert medians["followers"] == 1000.5
    assert medians["engagement_rate"] == pytest.approx(0.02)
    client.force_login(akn_user)
    body = client.get(reverse("metrics:account-figures", args=[account.pk])).content.decode()
    assert "<td>200</td>" in body and "200,0" not in body
    footer = body.split("Median 12 månader")[-1][:400]
    assert "<td>1\xa0000,5</td>" in footer, footer


def test_the_page_shows_the_table_with_dashes_and_the_named_reach(client, account, akn_user):
    rollup(account, month_back(0), reach=600, interactions=60, followers=1000, engagement_rate=0.06)
    client.force_login(akn_user)
    response = client.get(reverse("metrics:account-figures", args=[account.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Summa av daglig räckvidd" in body
    assert "6,00 %" in body  # 60 ÷ 1000
    assert "–" in body
    assert 'id="account-figures-data"' in body and "chart.umd.min.js" in body
    # The chart's months in Swedish style ("dec 2025"), not "2025-12".
    months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    newest = month_back(0)
    assert f'"{months[newest.month - 1]} {newest.year}"]' in body
    assert f'"{newest:%Y-%m}"' not in body


def test_the_page_asks_as_many_queries_for_one_month_as_for_thirteen(client, account, akn_user):
    client.force_login(akn_user)
    url = reverse("metrics:account-figures", args=[account.pk])
    rollup(account, month_back(0), reach=1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 13):
        rollup(account, month_back(n), reach=n, followers=n, interactions=n)
    from platforms.models import PlatformPost

    for n in range(30):
        post = PlatformPost.objects.create(
            account=account, platform_id=f"p{n}", created_at=timezone.now(), text=f"P{n}"
        )
        MonthlyRollup.objects.create(
            account=account,
            post=post,
            subject=post.platform_id,
            month=month_back(0),
            computed_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert reverse("metrics:post-figures", args=[post.pk]) in many_body(client, url)


def many_body(client, url) -> str:
    return client.get(url).content.decode()


def test_a_post_page_shows_its_figures_with_the_reason_for_each_missing_one(client, account, akn_user):
    from metrics.models import MetricSnapshot
    from platforms.models import PlatformPost

    post = PlatformPost.objects.create(
        account=account, platform_id="111_1", created_at=timezone.now(), text="<b>Lovaktiviteter</b>"
    )
    MetricSnapshot.objects.create(
        account=account, subject="", day=date(2026, 11, 20), metric_set="account_day", followers=1000
    )
    MetricSnapshot.objects.create(
        account=account,
        post=post,
        subject="111_1",
        day=date(2026, 11, 21),
        metric_set="post_lifetime",
        reach=400,
        clicks=40,
        reactions=5,
        comments=2,
        shares=1,
        missing={"saves": "not_given", "link_clicks": "not_given", "video_views": "retired"},
    )
    client.force_login(akn_user)
    body = client.get(reverse("metrics:post-figures", args=[post.pk])).content.decode()
    assert "&lt;b&gt;Lovaktiviteter" in body  # platform text is escaped
    assert "Plattformen ger inte den här siffran." in body
    assert "Plattformen har slutat med det här måttet." in body
    assert "0,80 %" in body  # 8 interactions ÷ 1,000 followers
    assert "2,00 %" in body  # 8 ÷ 400 reach
    assert "inte slutliga" in body


def test_the_pages_ask_as_many_queries_with_ten_snapshots_as_with_ten_thousand(client, account, akn_user):
    from datetime import timedelta

    from metrics.models import MetricSnapshot
    from platforms.models import PlatformPost

    post = PlatformPost.objects.create(account=account, platform_id="p0", created_at=timezone.now(), text="P")
    urls = [
        reverse("metrics:account-figures", args=[account.pk]),
        reverse("metrics:post-figures", args=[post.pk]),
        reverse("accounts:account-detail", args=[account.pk]),
    ]
    client.force_login(akn_user)

    def snapshots(first: int, count: int) -> None:
        start = date(2020, 1, 1)
        rows = []
        for n in range(first, first + count):
            day = start + timedelta(days=n // 2)
            if n % 2:
                rows.append(
                    MetricSnapshot(account=account, subject="", day=day, metric_set="account_day", reach=n)
                )
            else:
                rows.append(
                    MetricSnapshot(
                        account=account, post=post, subject="p0", day=day, metric_set="post_lifetime"
                    )
                )
        MetricSnapshot.objects.bulk_create(rows, batch_size=2000)

    def queries() -> list[int]:
        counts = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    snapshots(0, 10)
    few = queries()
    snapshots(10, 9_990)
    assert MetricSnapshot.objects.count() == 10_000
    assert queries() == few


def test_only_a_month_with_figures_can_be_marked_not_final(client, account, akn_user):
    rollup(account, month_back(0), reach=600, settled=False)
    rollup(account, month_back(1), reach=500, settled=True)
    months = account_months(account=account, today=timezone.localdate())
    assert [(row.has_figures, row.settled) for row in months.rows[:3]] == [
        (True, False),
        (True, True),
        (False, False),
    ]
    client.force_login(akn_user)
    body = client.get(reverse("metrics:account-figures", args=[account.pk])).content.decode()
    assert body.count("inte slutlig") == 1  # this month's; the twelve empty ones say nothing

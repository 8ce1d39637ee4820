"""The monthly rollup: computed in SQL from the snapshots, equal to a hand computation, idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from metrics import rollup, services
from metrics.models import MetricSnapshot, MonthlyRollup
from platforms.models import PlatformPost
from tests.factories import SocialAccountFactory

NOV = date(2026, 11, 1)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def day_row(account, day, **figures):
    return MetricSnapshot.objects.create(
        account=account, subject="", day=day, metric_set="account_day", **figures
    )


def post_row(account, post, day, **figures):
    return MetricSnapshot.objects.create(
        account=account, post=post, subject=post.platform_id, day=day, metric_set="post_lifetime", **figures
    )


@pytest.fixture
def known(administration):
    """A small data set whose November is computed by hand below."""
    account = SocialAccountFactory(administration=administration, platform="facebook", platform_id="111")
    other = SocialAccountFactory(administration=administration, platform="facebook", platform_id="222")
    # October is not November.
    day_row(account, date(2026, 10, 31), reach=9999, interactions=999, followers=900, new_followers=99)
    day_row(
        account,
        date(2026, 11, 1),
        reach=100,
        views=150,
        interactions=10,
        new_followers=1,
        new_followers_kind="gross",
    )
    gross = {"new_followers_kind": "gross"}
    day_row(
        account,
        date(2026, 11, 2),
        reach=200,
        views=250,
        interactions=20,
        new_followers=2,
        followers=980,
        **gross,
    )
    day_row(account, date(2026, 11, 3), reach=300, interactions=30, new_followers=3, followers=1000, **gross)
    day_row(account, date(2026, 11, 4), reach=None, interactions=None, followers=None)  # read, nothing given
    day_row(other, date(2026, 11, 1), reach=5, interactions=1, followers=50)
    first = PlatformPost.objects.create(
        account=account, platform_id="111_1", created_at=datetime(2026, 11, 2, 9, tzinfo=UTC)
    )
    second = PlatformPost.objects.create(
        account=account, platform_id="111_2", created_at=datetime(2026, 11, 3, 9, tzinfo=UTC)
    )
    old = PlatformPost.objects.create(
        account=account, platform_id="111_0", created_at=datetime(2026, 10, 20, 9, tzinfo=UTC)
    )
    # Lifetime figures grow; the latest snapshot of each post counts.
    post_row(account, first, date(2026, 11, 2), reach=50, reactions=1, comments=0, shares=0)
    post_row(
        account, first, date(2026, 11, 5), reach=400, views=700, reactions=5, comments=2, shares=1, saves=None
    )
    post_row(account, second, date(2026, 11, 4), reach=None, reactions=None, comments=None, shares=None)
    post_row(account, old, date(2026, 11, 3), reach=10, reactions=1)
    return account, other, first, second


@pytest.fixture(params=["listed", "all"])
def chosen(request):
    """The accounts named (upserted straight) or every account (on PostgreSQL computed into temporary
    tables and merged): both ways give the same rows."""
    return (lambda *accounts: [a.pk for a in accounts]) if request.param == "listed" else (lambda *a: None)


def test_a_months_rollup_equals_the_hand_computation(known, chosen):
    account, other, _first, _second = known
    rollup.months_rollup(account_ids=chosen(account, other), months=[NOV], now=NOW)
    month = MonthlyRollup.objects.get(account=account, subject="", month=NOV)
    assert (month.reach, month.reach_is_period) == (100 + 200 + 300, False)
    assert month.views == 150 + 250
    assert month.interactions == 10 + 20 + 30
    assert (month.new_followers, month.new_followers_kind) == (1 + 2 + 3, "gross")
    assert month.followers == 1000  # the last count read in the month
    assert month.posts_published == 2
    assert month.engagement_rate == pytest.approx(60 / 1000)
    assert month.engagement_rate_by_reach == pytest.approx(60 / 600)
    assert month.settled is False
    post = MonthlyRollup.objects.get(account=account, subject="111_1", month=NOV)
    assert (post.reach, post.views, post.interactions, post.saves) == (400, 700, 5 + 2 + 1, None)
    assert post.engagement_rate == pytest.approx(8 / 1000)
    assert post.engagement_rate_by_reach == pytest.approx(8 / 400)
    nothing = MonthlyRollup.objects.get(account=account, subject="111_2", month=NOV)
    assert (nothing.interactions, nothing.engagement_rate, nothing.reach) == (None, None, None)
    assert not MonthlyRollup.objects.filter(subject="111_0", month=NOV).exists()  # published in October
    assert MonthlyRollup.objects.get(account=other, subject="", month=NOV).interactions == 1


def test_a_period_reach_replaces_the_sum_and_recomputing_is_idempotent(known, chosen):
    account, *_ = known
    rollup.months_rollup(account_ids=chosen(account), months=[NOV], now=NOW)
    rows = list(MonthlyRollup.objects.order_by("pk").values())
    rollup.months_rollup(account_ids=chosen(account), months=[NOV], now=NOW)
    assert list(MonthlyRollup.objects.order_by("pk").values()) == rows
    MetricSnapshot.objects.create(account=account, subject="", day=NOV, metric_set="account_month", reach=450)
    rollup.months_rollup(account_ids=chosen(account), months=[date(2026, 11, 17)], now=NOW)
    month = MonthlyRollup.objects.get(account=account, subject="", month=NOV)
    assert (month.reach, month.reach_is_period) == (450, True)
    assert month.engagement_rate_by_reach == pytest.approx(60 / 450)
    assert MonthlyRollup.objects.count() == len(rows)


def test_a_day_re_read_after_it_settles_changes_the_rollup(fake_facebook, administration, settings):
    fake_facebook.has_page("111", followers=1000)
    fake_facebook.set_insights(
        "111",
        page_total_media_view_unique={date(2026, 11, n): 100 for n in range(15, 30)},
        page_post_engagements={date(2026, 11, n): 10 for n in range(15, 30)},
    )
    account = SocialAccountFactory(administration=administration, platform="facebook", platform_id="111")
    account.access_token = "good-token"
    account.save()
    result = services.account_pull(account=account, now=NOW)
    assert result.months == [NOV]
    rollup.months_rollup(account_ids=[account.pk], months=result.months, now=NOW)
    assert MonthlyRollup.objects.get(account=account, subject="", month=NOV).interactions == 5 * 10
    series = dict(fake_facebook.insight_values["111"]["page_post_engagements"])
    fake_facebook.set_insights("111", page_post_engagements={**series, date(2026, 11, 23): 40})
    result = services.account_pull(account=account, now=NOW + timedelta(days=1))
    rollup.months_rollup(account_ids=[account.pk], months=result.months, now=NOW)
    # 20-25 Nov read by now; 23 Nov settled at 40.
    assert MonthlyRollup.objects.get(account=account, subject="", month=NOV).interactions == 5 * 10 + 40


@pytest.mark.postgres
def test_the_bench_data_set_rolls_up_to_what_the_hand_written_group_by_gives(db):
    from django.db import connection

    from benchmarks import bench_rollup, datagen

    if connection.vendor != "postgresql":
        pytest.skip("datagen COPYs into PostgreSQL")
    scale = datagen.Scale(administrations=1, accounts=3, bookings=0, posts=60, comments=0, snapshots=3000)
    counts = datagen.load(scale, out=None)
    # Up to the scale: a post published yesterday has no week of snapshots yet.
    assert 1200 < counts["metrics_metricsnapshot"] <= 3000 and counts["metrics_platformpost"] == 60
    month = bench_rollup.last_month()
    bench_rollup.rollup_all([month])
    following = (month + timedelta(days=32)).replace(day=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT account_id, SUM(reach), SUM(interactions) FROM metrics_metricsnapshot "
            "WHERE metric_set = 'account_day' AND day >= %s AND day < %s GROUP BY account_id ORDER BY 1",
            [month, following],
        )
        expected = cursor.fetchall()
    got = list(
        MonthlyRollup.objects.filter(subject="", month=month)
        .order_by("account_id")
        .values_list("account_id", "reach", "interactions")
    )
    assert got == expected and len(got) == 3
    assert bench_rollup.hand_written(month) >= 0


def test_recomputing_writes_only_the_rows_whose_figures_changed(known, chosen):
    account, other, first, _second = known
    ids = chosen(account, other)
    written = rollup.months_rollup(account_ids=ids, months=[NOV], now=NOW)
    assert written == MonthlyRollup.objects.filter(month=NOV).count() == 4  # two accounts, two posts
    later = NOW + timedelta(hours=1)
    assert rollup.months_rollup(account_ids=ids, months=[NOV], now=later) == 0
    assert set(MonthlyRollup.objects.values_list("computed_at", flat=True)) == {NOW}
    MetricSnapshot.objects.filter(post=first).update(comments=7)  # both of the post's days re-read
    assert rollup.months_rollup(account_ids=ids, months=[NOV], now=later) == 1
    # (compared in Python: SQLite stores a raw parameter's datetime in a text form of its own)
    changed = [r for r in MonthlyRollup.objects.filter(month=NOV) if r.computed_at != NOW]
    assert [(r.subject, r.comments, r.interactions, r.computed_at) for r in changed] == [
        ("111_1", 7, 5 + 7 + 1, later)
    ]
    assert MonthlyRollup.objects.filter(month=NOV).count() == 4


def test_deleting_a_post_or_an_account_deletes_its_rollup_rows(known, chosen):
    """The table has no foreign-key constraints in the database (the rows are derived and recomputed):
    Django's CASCADE removes a deleted post's and a deleted account's rows all the same."""
    account, other, first, second = known
    rollup.months_rollup(account_ids=chosen(account, other), months=[NOV], now=NOW)
    assert set(MonthlyRollup.objects.filter(account=account).values_list("subject", flat=True)) == {
        "",
        "111_1",
        "111_2",
    }
    first.delete()
    assert set(MonthlyRollup.objects.filter(account=account).values_list("subject", flat=True)) == {
        "",
        "111_2",
    }
    account.delete()
    assert not MonthlyRollup.objects.filter(account_id=account.pk).exists()
    assert not MonthlyRollup.objects.filter(post_id=second.pk).exists()
    assert list(MonthlyRollup.objects.values_list("account_id", "subject")) == [(other.pk, "")]

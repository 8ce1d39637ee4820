"""When figures are final (#14): a month whose figures start mid-month, and a post's lifetime figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from metrics import rollup, services
from metrics.models import MetricSnapshot, MonthlyRollup
from platforms.models import PlatformPost
from tests.factories import SocialAccountFactory

NOV = date(2026, 11, 1)


@pytest.fixture
def account(administration):
    return SocialAccountFactory(administration=administration, platform="facebook", platform_id="111")


def days(account, first: int, last: int, *, settled=True, skip=()):
    MetricSnapshot.objects.bulk_create(
        MetricSnapshot(
            account=account,
            subject="",
            day=date(2026, 11, n),
            metric_set="account_day",
            reach=n,
            settled=settled,
        )
        for n in range(first, last + 1)
        if n not in skip
    )


def month_settled(account) -> bool:
    rollup.months_rollup(account_ids=[account.pk], months=[NOV])
    return MonthlyRollup.objects.get(account=account, subject="", month=NOV).settled


def test_a_month_whose_figures_start_mid_month_is_final_when_its_days_are(account):
    days(account, 17, 30)  # connected on 17 Nov: no figures before
    assert month_settled(account)


def test_a_whole_month_of_settled_days_is_final(account):
    days(account, 1, 30)
    assert month_settled(account)


def test_a_month_with_a_day_not_settled_yet_is_not_final(account):
    days(account, 17, 29)
    days(account, 30, 30, settled=False)
    assert not month_settled(account)


def test_a_month_whose_last_days_are_not_read_yet_is_not_final(account):
    days(account, 1, 28)
    assert not month_settled(account)


def test_a_month_with_a_gap_is_not_final(account):
    days(account, 10, 30, skip={20})
    assert not month_settled(account)


def test_a_post_is_final_once_it_has_left_the_pulls_window(account, settings):
    settings.PULL_LOOKBACK_DAYS = 30
    now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    old = PlatformPost.objects.create(
        account=account, platform_id="old", created_at=datetime(2026, 11, 10, 9, tzinfo=UTC)
    )
    young = PlatformPost.objects.create(
        account=account, platform_id="young", created_at=datetime(2026, 12, 1, 9, tzinfo=UTC)
    )
    for post, day in ((old, date(2026, 12, 9)), (young, date(2026, 12, 19))):
        MetricSnapshot.objects.create(
            account=account, post=post, subject=post.platform_id, day=day, metric_set="post_lifetime", reach=5
        )
    rollup.months_rollup(account_ids=[account.pk], months=[NOV, date(2026, 12, 1)], now=now)
    assert not MonthlyRollup.objects.get(subject="old").settled

    months = services.post_snapshots_settle(account=account, now=now)
    assert months == [NOV]  # the month whose post figures became final, to recompute
    assert MetricSnapshot.objects.get(subject="old").settled
    assert not MetricSnapshot.objects.get(subject="young").settled
    rollup.months_rollup(account_ids=[account.pk], months=months, now=now)
    assert MonthlyRollup.objects.get(subject="old").settled
    assert not MonthlyRollup.objects.get(subject="young").settled
    assert services.post_snapshots_settle(account=account, now=now) == []  # nothing left to settle
    assert services.post_snapshots_settle(account=account, now=now + timedelta(days=30)) == [
        date(2026, 12, 1)
    ]


def test_a_pull_settles_the_posts_that_left_its_window_and_recomputes_their_month(
    fake_facebook, account, settings
):
    settings.PULL_LOOKBACK_DAYS = 30
    fake_facebook.has_page("111", followers=1000)
    account.access_token = "good-token"
    account.save()
    old = PlatformPost.objects.create(
        account=account, platform_id="111_old", created_at=datetime(2026, 9, 1, 9, tzinfo=UTC)
    )
    MetricSnapshot.objects.create(
        account=account, post=old, subject=old.platform_id, day=date(2026, 9, 30), metric_set="post_lifetime"
    )
    result = services.account_pull(account=account, now=datetime(2026, 11, 24, 10, tzinfo=UTC))
    assert MetricSnapshot.objects.get(subject="111_old").settled
    assert date(2026, 9, 1) in result.months

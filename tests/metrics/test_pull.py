"""Pulling posts, figures and comments into the database: idempotent, all-or-nothing, token-aware."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from calendar_booking.models import Booking, BookingSlot
from calendar_booking.models import Status as SlotStatus
from helsocial.outbox.models import OutboxMessage
from metrics import services
from metrics.models import MetricSnapshot
from moderation import pull
from moderation.models import Comment
from platforms import services as connections
from platforms.base import PlatformUnavailable
from platforms.models import AccountConnection, PlatformPost
from tests.factories import SocialAccountFactory, UserFactory

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
T0 = int((NOW - timedelta(days=2)).timestamp())


@pytest.fixture
def fb_account(administration):
    account = SocialAccountFactory(
        administration=administration, platform="facebook", platform_id="111", name="Fritid"
    )
    account.access_token = "good-token"
    account.save()
    return account


@pytest.fixture
def page(fake_facebook):
    fake_facebook.has_page("111", followers=4321)
    fake_facebook.set_insights("111", page_total_media_view_unique=5000, page_post_engagements=250)
    for n in range(3):
        fake_facebook.has_post("111", f"111_{n}", epoch=T0 + n * 3600, message=f"Inlägg {n}", shares=n)
        fake_facebook.set_insights(f"111_{n}", post_total_media_view_unique=100 * (n + 1), post_clicks=n)
    fake_facebook.has_comment("111_0", "111_0_1", message="När öppnar anmälan?", epoch=T0 + 60)
    fake_facebook.has_comment(
        "111_0", "111_0_2", message="Du är en idiot", epoch=T0 + 120, author=("8", "Per")
    )
    return fake_facebook


def snapshot_rows():
    return list(
        MetricSnapshot.objects.order_by("pk").values_list(
            "pk",
            "subject",
            "day",
            "metric_set",
            "reach",
            "video_views",
            "link_clicks",
            "shares",
            "saves",
            "followers",
        )
    )


def post_rows():
    return list(
        PlatformPost.objects.order_by("pk").values_list("pk", "platform_id", "created_at", "text", "link")
    )


def test_a_pull_stores_posts_and_figures_with_nulls_for_what_is_missing(page, fb_account):
    result = services.account_pull(account=fb_account, now=NOW)
    # 3 posts, and the Page's Pacific-time days: today, yesterday (not settled) and 3 settled days.
    assert (result.posts, result.snapshots, result.skipped) == (3, 8, "")
    post = PlatformPost.objects.get(platform_id="111_2")
    assert post.text == "Inlägg 2" and post.created_at == datetime.fromtimestamp(T0 + 7200, UTC)
    snap = MetricSnapshot.objects.get(subject="111_2")
    assert (snap.reach, snap.clicks, snap.link_clicks, snap.shares, snap.saves, snap.video_views) == (
        300,
        2,
        None,
        2,
        None,
        None,
    )
    assert snap.missing["saves"] == "not_given" and snap.missing["link_clicks"] == "empty"
    totals = MetricSnapshot.objects.get(subject="", metric_set="account_day", day=date(2026, 11, 24))
    assert (totals.followers, totals.reach, totals.interactions, totals.post_id) == (4321, 5000, 250, None)
    assert AccountConnection.objects.get(account=fb_account).last_pull_at == NOW


def test_pulling_twice_changes_nothing(page, fb_account):
    services.account_pull(account=fb_account, now=NOW)
    posts, snapshots = post_rows(), snapshot_rows()
    services.account_pull(account=fb_account, now=NOW)
    services.account_pull(account=fb_account, now=NOW, since=NOW - timedelta(days=10))
    assert post_rows() == posts
    assert snapshot_rows() == snapshots


def test_new_figures_update_the_days_snapshot_in_place(page, fb_account):
    services.account_pull(account=fb_account, now=NOW)
    page.set_insights("111_1", post_total_media_view_unique=999)
    services.account_pull(account=fb_account, now=NOW + timedelta(hours=1))
    assert MetricSnapshot.objects.filter(subject="111_1").count() == 1
    assert MetricSnapshot.objects.get(subject="111_1").reach == 999


def test_a_failure_half_way_writes_nothing(page, fb_account):
    page.fault("500", times=20, path=r"/insights$")
    with pytest.raises(PlatformUnavailable):
        services.account_pull(account=fb_account, now=NOW)
    assert PlatformPost.objects.count() == 0 and MetricSnapshot.objects.count() == 0
    connection = AccountConnection.objects.get(account=fb_account)
    assert "HTTP 500" in connection.last_error or "code 2" in connection.last_error
    assert connection.status == AccountConnection.Status.OK


def test_an_expired_token_marks_the_account_and_stops_calls(page, fb_account):
    page.fault("expired")
    result = services.account_pull(account=fb_account, now=NOW)
    assert result.skipped == "needs_new_token"
    connection = AccountConnection.objects.get(account=fb_account)
    assert connection.status == AccountConnection.Status.NEEDS_NEW_TOKEN
    assert "190" in connection.last_error and "good-token" not in connection.last_error
    calls = len(page.seen)
    assert services.account_pull(account=fb_account, now=NOW).skipped == "needs_new_token"
    assert pull.account_pull_comments(account=fb_account, now=NOW).skipped == "needs_new_token"
    assert len(page.seen) == calls
    connections.account_connect(account=fb_account, token="good-token", by=None, expires_at=None)
    assert services.account_pull(account=fb_account, now=NOW).posts == 3


def test_comments_are_handed_to_moderation_once(page, fb_account):
    services.account_pull(account=fb_account, now=NOW)
    result = pull.account_pull_comments(account=fb_account, now=NOW)
    assert result.comments == 2
    pull.account_pull_comments(account=fb_account, now=NOW)
    assert Comment.objects.filter(account=fb_account).count() == 2
    assert set(Comment.objects.values_list("platform_id", flat=True)) == {"111_0_1", "111_0_2"}


def _slot(account, start, *, link=""):
    booking = Booking.objects.create(
        administration=account.administration,
        author=UserFactory(username="booker"),
        title="Lovaktiviteter",
        objective="inform",
        category="news",
        target_group="Unga",
        link=link,
    )
    return BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=30),
    )


def test_posts_are_matched_to_their_slots_by_time_and_link(page, fb_account):
    page.has_post(
        "111", "111_9", epoch=T0 + 3 * 3600 + 600, message="Lov!", link="https://helsingborg.se/lov/"
    )
    near = _slot(fb_account, datetime.fromtimestamp(T0 + 3 * 3600 + 500, UTC))
    by_link = _slot(
        fb_account, datetime.fromtimestamp(T0 + 3 * 3600 - 1800, UTC), link="https://www.helsingborg.se/lov"
    )
    services.account_pull(account=fb_account, now=NOW)
    post = PlatformPost.objects.get(platform_id="111_9")
    assert BookingSlot.objects.published_as(fb_account.pk, [post.platform_id]).get() == by_link
    by_link.refresh_from_db()
    near.refresh_from_db()
    assert by_link.status == SlotStatus.PUBLISHED and by_link.post_platform_id == "111_9"
    assert near.status == SlotStatus.PLANNED
    assert services.account_pull(account=fb_account, now=NOW).matched == 0  # already matched


def test_editors_are_mailed_once_a_week_before_the_token_runs_out(fb_account, editor, administration):
    editor_account = editor.editor_links.get().account
    editor_account.access_token = "t"
    editor_account.save()
    expires = timezone.now() + timedelta(days=6)
    connections.account_connect(account=editor_account, token="t", by=None, expires_at=expires)
    connections.account_connect(
        account=fb_account, token="good-token", by=None, expires_at=timezone.now() + timedelta(days=30)
    )
    assert services.token_expiry_reminders_send() == 1
    assert services.token_expiry_reminders_send() == 1
    (mail,) = OutboxMessage.objects.filter(key__startswith="token-expiry:")
    assert mail.to == [editor.email]
    assert f"/accounts/{editor_account.pk}/connect/" in mail.body


def test_pull_platforms_command_pulls_the_demo_account(administration, capsys):
    account = SocialAccountFactory(administration=administration, platform="demo", platform_id="demo-1")
    call_command("pull_platforms", "--account", str(account.pk), "--since", "2026-10-01")
    out = capsys.readouterr().out
    assert "1/1" in out and "1 accounts" in out
    assert PlatformPost.objects.filter(account=account).count() > 5
    assert Comment.objects.filter(account=account).exists()
    # Today, the days not settled yet and the last three settled days (METRICS_SETTLED_DAYS).
    assert MetricSnapshot.objects.filter(account=account, metric_set="account_day").count() == 5


def test_pull_platforms_rejects_a_bad_since(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("pull_platforms", "--since", "igår")

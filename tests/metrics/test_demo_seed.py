"""seed_demo's metrics part: the demo account is connected and filled from the demo platform, idempotently."""

from __future__ import annotations

from metrics import demo
from metrics.models import MetricSnapshot, MonthlyRollup
from moderation.models import Comment
from platforms.models import AccountConnection, PlatformPost
from tests.factories import SocialAccountFactory


def test_seed_connects_the_demo_account_and_pulls_a_month(administration):
    account = SocialAccountFactory(administration=administration, platform="demo", platform_id="")
    demo.seed()
    account.refresh_from_db()
    assert AccountConnection.objects.get(account=account).status == AccountConnection.Status.OK
    posts = PlatformPost.objects.filter(account=account).count()
    assert posts >= 15
    days = MetricSnapshot.objects.filter(account=account, metric_set="account_day").values("day").distinct()
    assert days.count() >= 30
    comments = Comment.objects.filter(account=account).count()
    assert comments > 20
    snapshots = MetricSnapshot.objects.count()
    rollups = MonthlyRollup.objects.filter(account=account).count()
    assert MonthlyRollup.objects.filter(account=account, subject="", views__isnull=False).exists()
    demo.seed()
    assert MonthlyRollup.objects.filter(account=account).count() == rollups
    assert PlatformPost.objects.filter(account=account).count() == posts
    assert Comment.objects.filter(account=account).count() == comments
    assert MetricSnapshot.objects.count() == snapshots


def test_seed_gives_every_account_thirteen_months_of_honest_figures_once(administration, communicator):
    from datetime import UTC, datetime

    from calendar_booking.models import BookingSlot, Status
    from metrics import demo_history
    from metrics.classification import posts_classified
    from metrics.models import PostTag
    from tests.calendar_booking.helpers import book

    now = datetime(2026, 11, 24, 10, tzinfo=UTC)
    facebook = SocialAccountFactory(administration=administration, platform="facebook", handle="fb")
    instagram = SocialAccountFactory(administration=administration, platform="instagram", handle="ig")
    x = SocialAccountFactory(administration=administration, platform="x", handle="x", is_citywide=True)
    booking = book(communicator, administration, (facebook, "2026-11-10 10:00"))
    BookingSlot.objects.filter(booking=booking).update(
        status=Status.PUBLISHED,
        post_platform_id="booked-1",
        published_at=datetime(2026, 11, 10, 9, tzinfo=UTC),
    )

    added = demo_history.seed(now=now)
    assert added > 1000
    months = MonthlyRollup.objects.filter(subject="").values_list("account_id", "month")
    for account in (facebook, instagram, x):
        assert len([m for a, m in months if a == account.pk]) == 13  # Dec 2025 – Nov 2026
    settled = MonthlyRollup.objects.filter(subject="", month__lt="2026-11-01")
    assert settled.exists() and not settled.filter(settled=False).exists()  # every past month final
    october = {r.account_id: r for r in MonthlyRollup.objects.filter(subject="", month="2026-10-01")}
    assert october[instagram.pk].reach_is_period and not october[facebook.pk].reach_is_period
    assert october[x.pk].reach is None and october[x.pk].new_followers_kind == "net"
    assert october[facebook.pk].engagement_rate > 0 and october[facebook.pk].posts_published > 0
    ig_post = MetricSnapshot.objects.filter(account=instagram, metric_set="post_lifetime").first()
    assert ig_post.organic_only and ig_post.clicks is None and ig_post.missing["video_views"] == "retired"
    # The booking's post has figures and its booking's objective; most others a tag, some none.
    booked = PlatformPost.objects.get(platform_id="booked-1")
    assert MetricSnapshot.objects.filter(post=booked).exists() and not PostTag.objects.filter(post=booked)
    kinds = {p.classified_by for p in posts_classified(PlatformPost.objects.all())}
    assert kinds == {"booking", "tag", None}

    rows = {(r["account_id"], r["subject"], r["month"]): r["reach"] for r in MonthlyRollup.objects.values()}
    counts = (PlatformPost.objects.count(), MetricSnapshot.objects.count(), PostTag.objects.count())
    assert demo_history.seed(now=now) == 0
    assert (PlatformPost.objects.count(), MetricSnapshot.objects.count(), PostTag.objects.count()) == counts
    # Deterministic: written again from nothing, the same figures.
    MetricSnapshot.objects.all().delete()
    MonthlyRollup.objects.all().delete()
    demo_history.seed(now=now)
    again = {(r["account_id"], r["subject"], r["month"]): r["reach"] for r in MonthlyRollup.objects.values()}
    assert again == rows

"""A small known data set for the monthly report of November 2026, computed by hand in the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from calendar_booking.models import Booking, BookingSlot
from metrics.models import MetricSnapshot, MonthlyRollup
from moderation.models import Comment, Evidence, ModerationLogEntry
from moderation.sla import due_at
from platforms.models import PlatformPost
from tests.factories import SocialAccountFactory, UserFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOV = date(2026, 11, 1)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def month_row(account, month, **figures):
    return MonthlyRollup.objects.create(
        account=account, subject="", month=month, computed_at=NOW - timedelta(days=1), **figures
    )


def post(account, platform_id, when, *, reach=None, link_clicks=None, interactions=None, text=""):
    p = PlatformPost.objects.create(
        account=account, platform_id=platform_id, created_at=local(when), text=text, permalink=""
    )
    MonthlyRollup.objects.create(
        account=account,
        post=p,
        subject=platform_id,
        month=NOV,
        reach=reach,
        link_clicks=link_clicks,
        interactions=interactions,
        computed_at=NOW,
    )
    return p


def slot(booking, account, when, status, post_id=""):
    starts = local(when)
    return BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        blocked_until=starts + timedelta(hours=1),
        status=status,
        post_platform_id=post_id,
    )


def booking(administration, author, objective, category):
    return Booking.objects.create(
        administration=administration,
        author=author,
        title=f"{objective} {category}",
        objective=objective,
        category=category,
        target_group="Helsingborgare",
    )


def comment(account, platform_id, written, *, kind="comment", status="open", answered=None):
    created = local(written)
    due = due_at(created)
    return Comment.objects.create(
        account=account,
        platform_id=platform_id,
        kind=kind,
        created_at=created,
        status=status,
        answered_at=local(answered) if answered else None,
        due_at=due,
        sort_at=due,
        queue_administration=account.administration,
        labels=["question"],
    )


def known_report_data(administration, other_administration):
    """Two accounts of `administration` (A on Facebook, B on Instagram), one of another förvaltning."""
    a = SocialAccountFactory(administration=administration, name="Alfa", platform="facebook")
    b = SocialAccountFactory(administration=administration, name="Beta", platform="instagram")
    c = SocialAccountFactory(administration=other_administration, name="Gamma", platform="facebook")
    author = UserFactory(username="booker")

    # A's November, its October and the months that make its 12-month median.
    month_row(
        a, NOV, followers=1000, new_followers=30, reach=5000, views=8000, interactions=200,
        engagement_rate=0.2, posts_published=4, settled=False,
    )  # fmt: skip
    month_row(
        a, date(2026, 10, 1), followers=900, new_followers=20, reach=4000, views=6000, interactions=100,
        engagement_rate=100 / 900, posts_published=2, settled=True,
    )  # fmt: skip
    month_row(a, date(2026, 9, 1), followers=800, reach=3000, settled=True)
    month_row(a, date(2026, 8, 1), followers=700, reach=1000, settled=True)
    month_row(a, date(2025, 11, 1), followers=600, reach=2000, settled=True)  # 12 months before
    month_row(a, date(2025, 10, 1), followers=1, reach=99999, settled=True)  # 13: not in the median
    # B gives no reach (under the platform's threshold); no month before.
    month_row(
        b, NOV, followers=400, new_followers=5, reach=None, views=900, interactions=40,
        engagement_rate=0.1, posts_published=1, settled=True,
    )  # fmt: skip
    MetricSnapshot.objects.create(
        account=b, subject="", day=date(2026, 11, 20), metric_set="account_day", followers=400,
        missing={"reach": "threshold"},
    )  # fmt: skip
    month_row(c, NOV, followers=99999, reach=99999, interactions=99999, settled=True)

    # The posts of November: judged by reach, link clicks and interactions.
    p1 = post(a, "a1", "2026-11-02 10:00", reach=500, link_clicks=5, interactions=50, text="=HYPERLINK(1)")
    p2 = post(a, "a2", "2026-11-03 10:00", reach=100, link_clicks=40, interactions=10)
    p3 = post(a, "a3", "2026-11-04 10:00", reach=300, link_clicks=60, interactions=5)
    post(a, "a4", "2026-11-05 10:00", reach=50, link_clicks=None, interactions=7)  # no booking
    p5 = post(b, "b1", "2026-11-06 10:00", reach=10, interactions=90)
    post(c, "c1", "2026-11-06 10:00", reach=99999, interactions=99999)  # another förvaltning

    inform = booking(administration, author, "inform", "tips")
    activate = booking(administration, author, "activate", "civic_crisis")
    activate_tips = booking(administration, author, "activate", "tips")
    engage = booking(administration, author, "engage", "people")
    slot(inform, a, "2026-11-02 10:00", "published", p1.platform_id)
    slot(activate, a, "2026-11-03 10:00", "published", p2.platform_id)
    slot(activate_tips, a, "2026-11-04 10:00", "published", p3.platform_id)
    slot(engage, b, "2026-11-06 10:00", "published", p5.platform_id)
    slot(inform, b, "2026-11-10 10:00", "missed")
    slot(inform, b, "2026-11-30 10:00", "planned")
    slot(inform, b, "2026-11-12 10:00", "cancelled")
    slot(inform, b, "2026-12-01 10:00", "planned")  # December

    # Comments: answer times in working hours 2 h, 3 h and 10.5 h.
    c1 = comment(a, "k1", "2026-11-02 09:00", status="answered", answered="2026-11-02 11:00")
    c2 = comment(a, "k2", "2026-11-02 16:00", status="answered", answered="2026-11-03 10:00")
    comment(b, "k3", "2026-11-06 16:30", kind="message", status="answered", answered="2026-11-10 09:00")
    c4 = comment(a, "k4", "2026-11-03 10:00")  # open, past due
    comment(a, "k5", "2026-11-24 10:30")  # open, not yet due
    comment(a, "k6", "2026-11-02 10:00", status="own")  # the city's own reply
    comment(c, "k7", "2026-11-02 10:00", status="answered", answered="2026-11-02 10:05")
    comment(a, "k8", "2026-10-30 10:00", status="answered", answered="2026-11-02 10:00")  # October

    ModerationLogEntry.objects.create(comment_id=c1.pk, action="hide", at=local("2026-11-02 12:00"))
    ModerationLogEntry.objects.create(
        comment_id=c1.pk, action="hide", outcome="failed", at=local("2026-11-02 12:01")
    )
    ModerationLogEntry.objects.create(comment_id=c2.pk, action="delete", at=local("2026-11-03 12:00"))
    ModerationLogEntry.objects.create(comment_id=c4.pk, action="block", at=local("2026-11-04 12:00"))
    Evidence.objects.create(
        comment=c2, png=b"", png_sha256="0", payload=b"", payload_sha256="0", renderer="test",
        completed_at=local("2026-11-03 12:05"),
    )  # fmt: skip
    Evidence.objects.create(
        comment=c4, png=b"", png_sha256="0", payload=b"", payload_sha256="0", renderer="test",
        completed_at=None,
    )  # fmt: skip
    return a, b, c


__all__ = ["NOV", "NOW", "known_report_data", "timezone"]

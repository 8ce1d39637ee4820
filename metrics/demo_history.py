"""Demo data: thirteen months of figures for every demo account, so the figures pages and the
monthly report show a full year on `make run`.

Deterministic (a pure function of DEMO_PLATFORM_SEED, the account's platform and handle, and the
day), realistic (seasons, weekends, growing follower counts, each platform's own gaps: X gives no
reach, Instagram no clicks, LinkedIn and Instagram are organic only, Instagram has a month's unique
reach) and fast: every row is written with one `bulk_create` per table, `ignore_conflicts` on the
tables' unique keys, so a second run adds nothing and what a pull stored wins. The demo platform's
own account takes its daily figures from the demo platform, as its pulls do.

Posts: a post or two most days; the posts of the calendar's published demo bookings (so a booking
shows its figures); about four in five of the others given an objective and a category afterwards
(`PostTag`), the rest left unclassified as in real life.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import SocialAccount
from calendar_booking.models import BookingSlot, Category, Objective, Status
from platforms import client_class
from platforms.base import Missing
from platforms.demo_platform import TOPICS, DemoClient
from platforms.models import PlatformPost

from . import rollup, services
from .models import MetricSnapshot, PostTag

MONTHS = 13
PREFIX = "hist-"  # the platform ids of the history's own posts
# Fewer people scroll in the summer holidays and over Christmas.
SEASON = [1.0, 1.05, 1.1, 1.0, 1.05, 0.9, 0.7, 0.85, 1.1, 1.1, 1.05, 0.95]
POST_FIGURES = [
    "reach", "views", "video_views", "clicks", "link_clicks", "reactions", "comments", "shares", "saves",
]  # fmt: skip
# What each platform does not give for a post (README, "Figures").
NOT_GIVEN = {
    "facebook": {"saves"},
    "instagram": {"clicks", "link_clicks", "video_views"},
    "linkedin": {"link_clicks", "video_views", "saves"},
    "x": {"reach", "clicks", "link_clicks", "video_views"},
    "demo": set(),
}
RETIRED = {"instagram": {"video_views"}}


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in (settings.DEMO_PLATFORM_SEED, *parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def first_month(today: date) -> date:
    month = today.replace(day=1)
    for _n in range(MONTHS - 1):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def seed(*, now: datetime | None = None, stdout=None) -> int:
    """Write the history of every account; returns how many rows were added."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start = first_month(today)
    accounts = list(SocialAccount.objects.order_by("pk"))
    if not accounts:
        return 0
    added = 0
    posts: list[PlatformPost] = []
    for account in accounts:
        posts += _posts(account, start=start, now=now)
    posts += _booked_posts(now=now)
    # Only what is not stored yet is written: a second run compiles no SQL for rows it would skip.
    known = set(PlatformPost.objects.filter(account__in=accounts).values_list("account_id", "platform_id"))
    posts = [p for p in posts if (p.account_id, p.platform_id) not in known]
    PlatformPost.objects.bulk_create(posts, ignore_conflicts=True, batch_size=2000)
    added += len(posts)

    by_account = {a.pk: a for a in accounts}
    stored = PlatformPost.objects.filter(account__in=accounts, created_at__gte=_start_of(start))
    snapshots: list[MetricSnapshot] = []
    tags: list[PostTag] = []
    booked = set(
        BookingSlot.objects.filter(status=Status.PUBLISHED)
        .exclude(post_platform_id="")
        .values_list("account_id", "post_platform_id")
    )
    read = MetricSnapshot.objects.filter(post=OuterRef("pk"), metric_set="post_lifetime")
    for post in stored.annotate(read=Exists(read)).only(
        "pk", "account_id", "platform_id", "created_at", "media_type", "link"
    ):
        account = by_account[post.account_id]
        snapshot = None if post.read else _post_snapshot(account, post, now=now)  # a pull's figures win
        if snapshot is not None:
            snapshots.append(snapshot)
        if (post.account_id, post.platform_id) not in booked:
            tag = _tag(account, post)
            if tag is not None:
                tags.append(tag)
    for account in accounts:
        snapshots += _account_days(account, start=start, now=now)
    days = set(
        MetricSnapshot.objects.filter(account__in=accounts, subject="", day__gte=start).values_list(
            "account_id", "day", "metric_set"
        )
    )
    snapshots = [s for s in snapshots if s.subject or (s.account_id, s.day, s.metric_set) not in days]
    tagged = set(PostTag.objects.filter(post__account__in=accounts).values_list("post_id", flat=True))
    tags = [t for t in tags if t.post_id not in tagged]
    MetricSnapshot.objects.bulk_create(snapshots, ignore_conflicts=True, batch_size=2000)
    PostTag.objects.bulk_create(tags, ignore_conflicts=True, batch_size=2000)
    added += len(snapshots) + len(tags)

    months = [start]
    while months[-1] < today.replace(day=1):
        months.append((months[-1] + timedelta(days=32)).replace(day=1))
    rollup.months_rollup(account_ids=None, months=months, now=now)
    if stdout is not None and added:
        stdout.write(f"metrics: {MONTHS} months of figures for {len(accounts)} accounts ({added} rows)")
    return added


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _key(account: SocialAccount) -> str:
    return f"{account.platform}:{account.handle or account.name}"


def _scale(account: SocialAccount) -> int:
    """The account's follower count at the start of the history."""
    rng = _rng(_key(account), "followers")
    return rng.randint(25000, 60000) if account.is_citywide else rng.randint(1500, 9000)


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


# --- posts ---------------------------------------------------------------------------------------


def _posts(account: SocialAccount, *, start: date, now: datetime) -> list[PlatformPost]:
    """A post or two most days, before the window the pulls fill (the demo platform's own posts)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    end = timezone.localdate(now) - timedelta(days=1)
    if account.platform == SocialAccount.Platform.DEMO:
        end = min(end, timezone.localdate(now) - timedelta(days=settings.DEMO_PLATFORM_HISTORY_DAYS + 1))
    weights = [0, 1, 1, 1, 2] if account.is_citywide else [0, 0, 0, 1, 1]
    rows = []
    for day in _days(start, end):
        rng = _rng(_key(account), "posts", day.isoformat())
        for n in range(rng.choice(weights)):
            text, link = rng.choice(TOPICS)
            media = "link" if link else rng.choice(["image", "image", "video", "text"])
            post_id = f"{PREFIX}{account.platform}-{account.handle or account.pk}-{day:%Y%m%d}-{n}"
            rows.append(
                PlatformPost(
                    account=account,
                    platform_id=post_id,
                    created_at=datetime.combine(day, time(rng.randint(7, 19), rng.randint(0, 59)), zone),
                    text=text,
                    link=link,
                    permalink=f"https://demo.helsocial.local/{_key(account)}/{post_id}",
                    media_type=media,
                )
            )
    return rows


def _booked_posts(*, now: datetime) -> list[PlatformPost]:
    """The posts the calendar's published demo bookings went out as."""
    slots = (
        BookingSlot.objects.filter(status=Status.PUBLISHED, published_at__lte=now)
        .exclude(post_platform_id="")
        .select_related("booking")
    )
    return [
        PlatformPost(
            account_id=slot.account_id,
            platform_id=slot.post_platform_id,
            created_at=slot.published_at,
            text=slot.booking.draft_text or slot.booking.title,
            link=slot.booking.link,
            media_type=slot.booking.media_type,
        )
        for slot in slots
    ]


def _post_snapshot(account: SocialAccount, post: PlatformPost, *, now: datetime) -> MetricSnapshot | None:
    """The post's lifetime figures as the pulls last read them (at most PULL_LOOKBACK_DAYS after)."""
    if post.created_at >= now - timedelta(days=1):
        return None  # today's posts are the next pull's
    facts = client_class(account.platform).figure_facts
    read = min(post.created_at + timedelta(days=settings.PULL_LOOKBACK_DAYS), now)
    rng = _rng(_key(account), "post", post.platform_id)
    season = SEASON[timezone.localdate(post.created_at).month - 1]
    age = min(1.0, max(0.1, (read - post.created_at).total_seconds() / (3 * 86400)))
    reach = int(_scale(account) * rng.uniform(0.05, 0.6) * season * age)
    video = post.media_type == "video"
    values = {
        "reach": reach,
        "views": int(reach * rng.uniform(1.2, 2.4)),
        "video_views": int(reach * rng.uniform(0.2, 0.7)) if video else None,
        "clicks": int(reach * rng.uniform(0.04, 0.12)),
        "link_clicks": int(reach * rng.uniform(0.005, 0.04)) if post.link else None,
        "reactions": int(reach * rng.uniform(0.01, 0.07)),
        "comments": int(reach * rng.uniform(0.0, 0.006)),
        "shares": int(reach * rng.uniform(0.0, 0.01)),
        "saves": int(reach * rng.uniform(0.0, 0.006)),
    }
    if account.platform == SocialAccount.Platform.X:
        values["views"] = int(_scale(account) * rng.uniform(0.05, 0.4) * season * age)
    missing = {}
    for name in POST_FIGURES:
        if name in NOT_GIVEN.get(account.platform, set()) or values[name] is None:
            values[name] = None
            retired = name in RETIRED.get(account.platform, set())
            missing[name] = str(Missing.RETIRED if retired else Missing.NOT_GIVEN)
    return MetricSnapshot(
        account=account,
        post_id=post.pk,
        subject=post.platform_id,
        day=read.astimezone(ZoneInfo(facts.day_zone)).date(),
        metric_set=MetricSnapshot.MetricSet.POST_LIFETIME,
        day_zone=facts.day_zone,
        organic_only=facts.organic_only,
        settled=post.created_at < services.post_settled_before(now=now),
        missing=missing,
        **values,
    )


def _tag(account: SocialAccount, post: PlatformPost) -> PostTag | None:
    """About four in five posts without a booking were given an objective and a category."""
    rng = _rng(_key(account), "tag", post.platform_id)
    if rng.random() < 0.2:
        return None
    objective = rng.choices(list(Objective), weights=[6, 2, 3])[0]
    category = rng.choices(list(Category), weights=[2, 5, 4, 3, 2])[0]
    return PostTag(post_id=post.pk, objective=objective, category=category)


# --- account days --------------------------------------------------------------------------------


def _account_days(account: SocialAccount, *, start: date, now: datetime) -> list[MetricSnapshot]:
    facts = client_class(account.platform).figure_facts
    today = now.astimezone(ZoneInfo(facts.day_zone)).date()
    settled_until = services.last_settled_day(now=now, facts=facts)
    base = _scale(account)
    demo = DemoClient(account_key=account.platform_id, now=now) if account.platform == "demo" else None
    rows = []
    month_reach: dict[date, int] = {}
    followers = base
    for day in _days(start, today - timedelta(days=1)):
        rng = _rng(_key(account), "day", day.isoformat())
        season = SEASON[day.month - 1] * (0.8 if day.weekday() >= 5 else 1.0)
        gained = int(base * rng.uniform(0.0006, 0.0018) * season)
        lost = int(base * rng.uniform(0.0002, 0.0008))
        followers += gained - lost
        values = {
            "followers": followers,
            "new_followers": gained,
            "reach": int(followers * rng.uniform(0.04, 0.2) * season),
            "interactions": None,
            "views": None,
        }
        values["views"] = int(values["reach"] * rng.uniform(1.3, 2.2))
        values["interactions"] = int(values["reach"] * rng.uniform(0.01, 0.05))
        kind = MetricSnapshot.FollowerGain.GROSS
        missing = {}
        if demo is not None:
            figures = demo.account_metrics(day)
            values = {name: getattr(figures, name) for name in values}
        elif not facts.daily:  # X: a follower count of the day, and its change
            values.update(reach=None, views=None, interactions=None, new_followers=gained - lost)
            kind = MetricSnapshot.FollowerGain.NET
            missing = {name: str(Missing.NOT_GIVEN) for name in ("reach", "views", "interactions")}
        if facts.period_reach and values["reach"] is not None:
            month_reach[day.replace(day=1)] = month_reach.get(day.replace(day=1), 0) + values["reach"]
        rows.append(
            MetricSnapshot(
                account=account,
                subject="",
                day=day,
                metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
                new_followers_kind=kind,
                settled=day <= settled_until,
                day_zone=facts.day_zone,
                organic_only=facts.organic_only,
                missing=missing,
                **values,
            )
        )
    for first, summed in month_reach.items():  # unique people over a month: far fewer than the sum
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows.append(
            MetricSnapshot(
                account=account,
                subject="",
                day=first,
                metric_set=MetricSnapshot.MetricSet.ACCOUNT_MONTH,
                reach=int(summed * _rng(_key(account), "month", first).uniform(0.3, 0.5)),
                settled=last <= settled_until,
                day_zone=facts.day_zone,
            )
        )
    return rows

"""The facts of the account review, measured in SQL: a fixed handful of GROUP BY queries for any
number of accounts (never a query per account), read from the posts, the bookings, the moderation
tables and the monthly rollup.

Windows: posts, questions and bookings over the last 90 days; engagement as the mean of the last
three full months against the nine before them; followers in the last full month against the same
month a year earlier. The city median is the median of the recent engagement of every account on
the same platform; the city-wide account's followers are those of the platform's city-wide account
with the most followers.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.fields.json import KT
from django.utils import timezone

from accounts.models import SocialAccount
from calendar_booking.models import BookingSlot
from moderation.models import Comment
from platforms.models import PlatformPost

from . import compiled
from .criteria import WINDOW_DAYS, Facts


def _months_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def objective_known():
    """A post whose objective and category are known: it was published in a booked slot, or an
    editor gave it them afterwards (`PostTag`, metrics.classification). An expression over a
    PlatformPost row, used inside the posts' GROUP BY.
    """
    # The explicit non-empty id lets PostgreSQL use the partial index (account, post_platform_id).
    slots = BookingSlot.objects.filter(
        account_id=OuterRef("account_id"), post_platform_id=OuterRef("platform_id")
    )
    # By name: metrics.models imports the review's models, so the review may not import it back.
    tagged = apps.get_model("metrics", "PostTag").objects.filter(post_id=OuterRef("pk"))
    return Exists(slots.exclude(post_platform_id="")) | Exists(tagged)


def _asked(since: datetime) -> Q:
    """A question or a direct message someone outside the city wrote within the window."""
    return (
        Q(received_at__gte=since)
        & (Q(kind=Comment.Kind.MESSAGE) | Q(labels__icontains='"question"'))
        & ~Q(status=Comment.Status.OWN)
    )


MEDIAN_ANSWER = """
WITH answered AS (
    SELECT account_id, {seconds} AS s,
           ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY {seconds}) AS rn,
           COUNT(*) OVER (PARTITION BY account_id) AS n
    FROM moderation_comment
    WHERE received_at >= %s AND answered_at IS NOT NULL AND status <> 'own'
      AND (kind = 'message' OR CAST(labels AS TEXT) LIKE '%%"question"%%') {accounts}
)
SELECT account_id, AVG(s) FROM answered WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY account_id
"""


class Median(Aggregate):
    """PostgreSQL's ordered-set median, so the answer times' median joins the comments' GROUP BY."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


def _answered(since: datetime) -> Q:
    return _asked(since) & Q(answered_at__isnull=False)


def _median_answer_hours(ids: list[int] | None, since: datetime) -> dict[int, float]:
    """The median answer time per account in one query elsewhere than PostgreSQL (SQLite): the
    middle row or rows of each account's answer times, picked with window functions."""
    if connection.vendor == "postgresql":
        seconds = "EXTRACT(EPOCH FROM (answered_at - received_at))"
    else:
        seconds = "(julianday(answered_at) - julianday(received_at)) * 86400.0"
    accounts = ""
    params: list = [since]
    if ids is not None:
        accounts = f"AND account_id IN ({', '.join(['%s'] * len(ids))})"
        params.extend(ids)
    with connection.cursor() as cursor:
        cursor.execute(MEDIAN_ANSWER.format(seconds=seconds, accounts=accounts), params)
        return {account_id: float(s) / 3600 for account_id, s in cursor.fetchall() if s is not None}


def review_facts(
    *, account_ids: Iterable[int] | None = None, now: datetime | None = None, city_from_store: bool = False
) -> dict[int, Facts]:
    """The facts of the given accounts (None: every account), keyed by account id: four queries on
    PostgreSQL, five elsewhere.

    `city_from_store` (one account's page): the city median of the platform and the city-wide
    account's followers are those of the account's latest stored review (on the platform it has
    now), instead of reading the figures of every account on it; measured whole when none is
    stored."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - timedelta(days=WINDOW_DAYS)
    ids = None if account_ids is None else sorted({int(i) for i in account_ids})
    if ids == []:
        return {}

    # Each query is built by a function of its values and run through `compiled`: built and
    # compiled once per shape, then run with the values of the moment (the same SQL and rows).
    city_from_store = city_from_store and ids is not None
    scoped = {} if ids is None else {"ids": ids}

    def accounts_query(v):
        accounts = SocialAccount.objects.with_active_editor_flag(since=v["editor_since"])
        if "ids" in v:
            accounts = accounts.filter(pk__in=v["ids"])
        if city_from_store:
            # The account's own latest stored review (its unique index): the city of that day.
            stored = (
                apps.get_model("metrics", "ReviewState")
                .objects.filter(account_id=OuterRef("pk"), platform=OuterRef("platform"))
                .order_by("-day")
            )
            accounts = accounts.annotate(
                stored_day=Subquery(stored.values("day")[:1]),
                # As text (KT), which both databases give alike; a JSON value read through a subquery
                # comes back from SQLite as a number Django's JSON field cannot load.
                stored_median=Subquery(stored.values(median=KT("facts__city_median_engagement"))[:1]),
                stored_citywide=Subquery(stored.values(citywide=KT("facts__citywide_followers"))[:1]),
            )
        return accounts.values(
            *(["stored_day", "stored_median", "stored_citywide"] if city_from_store else []),
            "pk",
            "platform",
            "purpose",
            "goal",
            "target_group",
            "end_date",
            "end_plan",
            "created_at",
            "is_citywide",
            "has_active_editor",
        )

    rows = compiled.values(
        ("review-accounts", city_from_store),
        accounts_query,
        {"editor_since": SocialAccount.objects.editor_active_since(now), **scoped},
    )
    if not rows:
        return {}

    def posts_query(v):
        posts = PlatformPost.objects.filter(created_at__lte=v["now"])
        if "ids" in v:
            posts = posts.filter(account_id__in=v["ids"])
        recent_posts = Q(created_at__gte=v["since"])
        return posts.values("account_id").annotate(
            n=Count("id", filter=recent_posts),
            booked=Sum(
                Case(When(objective_known(), created_at__gte=v["since"], then=1), default=0),
                output_field=IntegerField(),
            ),
            last=Max("created_at"),
        )

    windows = {"now": now, "since": since, **scoped}
    post_stats = {r["account_id"]: r for r in compiled.values(("review-posts",), posts_query, windows)}
    on_postgres = connection.vendor == "postgresql"

    def comments_query(v):
        comments = Comment.objects.all()
        if "ids" in v:
            comments = comments.filter(account_id__in=v["ids"])
        asked = _asked(v["since"])
        stats = {
            "questions": Count("id", filter=asked),
            "in_time": Count("id", filter=asked & Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
            "open": Count("id", filter=Q(status=Comment.Status.OPEN)),
            "overdue": Count("id", filter=Q(status=Comment.Status.OPEN, due_at__lt=v["now"])),
        }
        if on_postgres:
            stats["median"] = Median(
                F("answered_at") - F("received_at"),
                filter=_answered(v["since"]),
                output_field=DurationField(),
            )
        return comments.values("account_id").annotate(**stats)

    comment_stats = {
        r["account_id"]: r for r in compiled.values(("review-comments",), comments_query, windows)
    }
    if on_postgres:
        medians = {
            pk: r["median"].total_seconds() / 3600
            for pk, r in comment_stats.items()
            if r["median"] is not None
        }
    else:
        medians = _median_answer_hours(ids, since)

    # The figures of every account on the same platforms: the city median and the city-wide account.
    last_full = _months_back(today.replace(day=1), 1)
    recent_start = _months_back(last_full, 2)
    year_ago = _months_back(last_full, 12)
    platforms = sorted({r["platform"] for r in rows})
    # Each account's platform has a stored review: its city figures, and only the accounts' own.
    from_store = city_from_store and all(r["stored_day"] is not None for r in rows)

    def figures_query(v):
        scope = Q(account_id__in=v["ids"]) if from_store else Q(account__platform__in=platforms)
        return (
            apps.get_model("metrics", "MonthlyRollup")
            .objects.filter(scope, subject="", month__gte=v["year_ago"], month__lte=v["last_full"])
            .values("account_id", "account__platform", "account__is_citywide")
            .annotate(
                recent=Avg("engagement_rate", filter=Q(month__gte=v["recent_start"])),
                trend=Avg("engagement_rate", filter=Q(month__lt=v["recent_start"], month__gt=v["year_ago"])),
                followers_now=Max("followers", filter=Q(month=v["last_full"])),
                followers_ago=Max("followers", filter=Q(month=v["year_ago"])),
            )
        )

    months = {"last_full": last_full, "recent_start": recent_start, "year_ago": year_ago}
    figures = compiled.values(
        ("review-figures", from_store, () if from_store else tuple(platforms)),
        figures_query,
        {**months, **scoped} if from_store else months,
    )
    by_account = {r["account_id"]: r for r in figures}
    city_median: dict[str, float | None] = {}
    citywide: dict[str, int | None] = {}
    for platform in platforms:
        rates = [
            r["recent"] for r in figures if r["account__platform"] == platform and r["recent"] is not None
        ]
        city_median[platform] = statistics.median(rates) if rates else None
        counts = [
            r["followers_now"]
            for r in figures
            if r["account__platform"] == platform and r["account__is_citywide"] and r["followers_now"]
        ]
        citywide[platform] = max(counts) if counts else None
    if from_store:
        for r in rows:
            median, followers = (
                None if v in (None, "null") else float(v) for v in (r["stored_median"], r["stored_citywide"])
            )
            city_median[r["platform"]] = median
            citywide[r["platform"]] = None if followers is None else int(followers)

    labels = dict(SocialAccount.Platform.choices)
    result = {}
    for row in rows:
        pk = row["pk"]
        p = post_stats.get(pk, {})
        c = comment_stats.get(pk, {})
        fig = by_account.get(pk, {})
        last = p.get("last")
        result[pk] = Facts(
            day=today,
            platform=row["platform"],
            platform_label=str(labels.get(row["platform"], row["platform"])),
            posts_90d=p.get("n", 0),
            days_since_post=(today - timezone.localdate(last)).days if last else None,
            questions_90d=c.get("questions", 0),
            answered_in_time_90d=c.get("in_time", 0),
            median_answer_hours=round(medians[pk], 1) if pk in medians else None,
            overdue_now=c.get("overdue", 0),
            open_now=c.get("open", 0),
            has_active_editor=bool(row["has_active_editor"]),
            has_purpose=bool(row["purpose"].strip()),
            has_goal=bool(row["goal"].strip()),
            has_target_group=bool(row["target_group"].strip()),
            booked_posts_90d=p.get("booked") or 0,
            engagement_rate=fig.get("recent"),
            engagement_trend=fig.get("trend"),
            city_median_engagement=city_median.get(row["platform"]),
            followers_now=fig.get("followers_now"),
            followers_year_ago=fig.get("followers_ago"),
            end_date=row["end_date"],
            has_end_plan=bool(row["end_plan"].strip()),
            age_days=max((today - timezone.localdate(row["created_at"])).days, 0),
            is_citywide=row["is_citywide"],
            citywide_followers=citywide.get(row["platform"]),
        )
    return result


def _rollups():
    # The metrics app's own table: looked up, not imported, as metrics.models imports this package.
    return apps.get_model("metrics", "MonthlyRollup")

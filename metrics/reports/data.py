"""The monthly report's figures, for one förvaltning, for the city (AKN) or for an editor's accounts.

`build_report()` reads the monthly rollup (`MonthlyRollup`, metrics/rollup.py) and a handful of
aggregate SQL queries, never a Python loop over posts or comments: the account rows (the month, the
month before, the account's own 12-month median and why a figure is missing) are one query, the
posts judged by their own objective one, the figures by objective and category one, the calendar one
and the comments (with their answer times in working hours) one. The SQL runs on PostgreSQL and on
SQLite (the demo) alike: medians and 90th percentiles are computed with window functions, not
`percentile_cont`, and answer times in working hours by joining each comment with the month's
staffed intervals (`helsocial.workdays.working_intervals`).

A post's objective says what it is judged by (the guideline): informera → reach, aktivera → link
clicks, engagera → interactions. Its objective and category come from its booking today;
`post_classification_sql()` is the one place where a tag on a post without a booking plugs in.

A figure the platform does not give is None with a reason (shown as "–" and the reason), never 0.
Labels are translated when the report is built: build it under the reader's language (Swedish).
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Administration, SocialAccount
from calendar_booking.models import Booking, BookingSlot, Category, Objective
from calendar_booking.models import Status as BookingStatus
from helsocial.workdays import working_intervals
from moderation.models import Comment, Evidence, Label, ModerationLogEntry
from platforms.models import PlatformPost

from ..figures import reason_text
from ..models import MonthlyRollup, PostTag

# The account figures of the report, in the order the page shows them.
ACCOUNT_FIGURES = (
    "followers",
    "new_followers",
    "reach",
    "views",
    "interactions",
    "engagement_rate",
    "posts_published",
)
# What a post of each objective is judged by (the guideline's "Mät och följ upp").
JUDGED_BY = {
    Objective.INFORM.value: "reach",
    Objective.ACTIVATE.value: "link_clicks",
    Objective.ENGAGE.value: "interactions",
}
TOP_POSTS = 5
MEDIAN_MONTHS = 12
# Answers later than this after the month's end are measured up to it (the intervals stop there).
ANSWER_HORIZON_DAYS = 92


def figure_label(name: str) -> str:
    return {
        "followers": _("Followers"),
        "new_followers": _("New followers"),
        "reach": _("Reach"),
        "views": _("Views"),
        "interactions": _("Interactions"),
        "engagement_rate": _("Engagement rate"),
        "posts_published": _("Posts published"),
        "link_clicks": _("Link clicks"),
    }[name]


# --- the tree ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One figure of a month: its value, the month before, the change and the 12-month median."""

    value: int | float | None
    previous: int | float | None = None
    change: float | None = None  # against the month before, as a share (0.1 = +10 %)
    median: float | None = None  # the account's own median of the 12 months before this one
    reason: str = ""  # why `value` is None ("–" on the page)


@dataclass(frozen=True)
class AccountRow:
    account_id: int | None  # None: the totals row
    name: str
    platform: str  # the platform's display name
    administration: str
    followers: Measure
    new_followers: Measure
    reach: Measure
    views: Measure
    interactions: Measure
    engagement_rate: Measure  # interactions ÷ followers (the guideline's)
    posts_published: Measure
    reach_is_period: bool  # the platform's unique reach of the month, not a sum of days
    new_followers_kind: str  # "gross", "net" or ""
    settled: bool
    has_figures: bool  # the rollup has the account's month
    administration_id: int | None = None

    def measures(self) -> tuple[tuple[str, str, Measure], ...]:
        """(name, label, measure) in the page's order."""
        return tuple((name, figure_label(name), getattr(self, name)) for name in ACCOUNT_FIGURES)


@dataclass(frozen=True)
class PostRow:
    post_id: int
    account_id: int
    account_name: str
    platform: str
    published_at: datetime
    text: str  # the platform's text, shortened: untrusted, escape it
    permalink: str
    objective: str  # "" when the post has neither booking nor tag
    objective_label: str
    category: str
    category_label: str
    booked: bool
    judged_by: str  # "reach", "link_clicks" or "interactions"
    judged_by_label: str
    judged_value: int | None
    reach: int | None
    link_clicks: int | None
    interactions: int | None
    views: int | None
    engagement_rate: float | None
    settled: bool


@dataclass(frozen=True)
class ObjectiveTop:
    objective: str
    label: str
    judged_by: str
    judged_by_label: str
    posts: tuple[PostRow, ...]  # best first, at most TOP_POSTS


@dataclass(frozen=True)
class GroupRow:
    """The posts of one objective or one category (or without either) and their summed figures."""

    key: str  # "" for the posts without a booking or tag
    label: str
    posts: int
    reach: int | None
    link_clicks: int | None
    interactions: int | None
    views: int | None
    judged_by: str = ""  # objectives only
    judged_by_label: str = ""
    judged_total: int | None = None  # the sum of what the objective's posts are judged by


@dataclass(frozen=True)
class CalendarSide:
    booked: int  # live slots starting in the month
    published: int
    missed: int
    planned: int  # still planned (neither published nor missed yet)
    published_without_booking: int  # posts of the month that no slot is recorded as


@dataclass(frozen=True)
class AnswerRow:
    """Comments and messages received in the month, and how they were answered.

    To answer = answered, plus still open past their due time; the share within the promise is the
    answered-in-time part of those (open ones not yet due are not judged yet). Times are working
    hours from the comment's writing to its answer.
    """

    key: str
    label: str
    received: int
    comments: int
    messages: int
    answered: int
    answered_in_time: int
    overdue: int  # still open past their due time
    to_answer: int
    share_in_time: float | None
    median_hours: float | None
    p90_hours: float | None


@dataclass(frozen=True)
class CommentSide:
    answers: AnswerRow  # all of the month
    hidden: int  # hidden through the portal in the month
    deleted: int  # deleted (or deleted and blocked) through the portal in the month
    registered: int  # registered with the registry (diarieförda) in the month
    promise_hours: float  # the promise: SLA_WORKING_HOURS working hours


@dataclass(frozen=True)
class Report:
    year: int
    month: int
    first: date  # the month's first day
    previous_month: date
    next_month: date
    administration_id: int | None  # None: the city as a whole
    title: str  # the förvaltning's name, or the city's
    account_ids: tuple[int, ...] | None  # an editor's accounts; None is every account of the scope
    accounts: tuple[AccountRow, ...]
    totals: AccountRow
    # The city's report: one summed row per förvaltning (account_id None), by name; () otherwise.
    administrations: tuple[AccountRow, ...]
    top_posts: tuple[ObjectiveTop, ...]  # one per objective, in the guideline's order
    by_objective: tuple[GroupRow, ...]
    by_category: tuple[GroupRow, ...]
    calendar: CalendarSide
    comments: CommentSide
    read_on: date | None  # the day the figures were last read (changed)
    settled: bool  # every account's month is final on its platform
    built_at: datetime
    # The city's page shows the CITY_PAGE_ROWS förvaltningar of the largest reach of this many
    # (`page_copy()`); 0 in a report built whole.
    administrations_total: int = 0

    @property
    def is_city(self) -> bool:
        return self.administration_id is None


# --- building it ------------------------------------------------------------------------------------


# The city's page lists this many förvaltningar, those of the largest reach; the downloads have all.
CITY_PAGE_ROWS = 25


def page_copy(report: Report) -> Report:
    """What the page shows of a report: the city's without its thousands of accounts and with its
    CITY_PAGE_ROWS förvaltningar of the largest reach (then by name), so that reading it back and
    showing it costs the same for 3 or 300 förvaltningar. A förvaltning's report is shown whole."""
    if not report.is_city:
        return report
    largest = sorted(report.administrations, key=lambda r: (-(r.reach.value or 0), r.name))
    return replace(
        report,
        accounts=(),
        administrations=tuple(largest[:CITY_PAGE_ROWS]),
        administrations_total=len(report.administrations),
    )


def _kept(kind: str, administration, year: int, month: int, account_ids, extra: str, build):
    seconds = getattr(settings, "REPORT_CACHE_SECONDS", 0)
    if not seconds:
        return build()
    ids = "all" if account_ids is None else ",".join(str(i) for i in sorted({int(i) for i in account_ids}))
    scope = (
        f"{administration.pk if administration else 'city'}:{hashlib.sha256(ids.encode()).hexdigest()[:16]}"
    )
    key = f"metrics:{kind}:v2:{get_language()}:{scope}{extra}:{year:04d}-{month:02d}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def cached_report(
    *,
    administration: Administration | None,
    year: int,
    month: int,
    account_ids: Collection[int] | None = None,
    for_page: bool = False,
) -> Report:
    """`build_report()`, kept REPORT_CACHE_SECONDS in the cache: the first reader of a month pays
    for its aggregates, the next ones read the kept report (its `built_at` says when it was made).

    `for_page`: the copy kept for the page is `page_copy()` (the city's largest förvaltningar)."""

    def build() -> Report:
        report = build_report(administration=administration, year=year, month=month, account_ids=account_ids)
        return page_copy(report) if for_page else report

    return _kept("report", administration, year, month, account_ids, ":page" if for_page else "", build)


def cached_answer_times(
    *, administration: Administration | None, year: int, month: int, kc_queue_only: bool = False
) -> AnswerTimes:
    """`build_answer_times()`, kept like the report."""
    return _kept(
        "answers",
        administration,
        year,
        month,
        None,
        ":kc" if kc_queue_only else "",
        lambda: build_answer_times(
            administration=administration, year=year, month=month, kc_queue_only=kc_queue_only
        ),
    )


def build_report(
    *,
    administration: Administration | None,
    year: int,
    month: int,
    account_ids: Collection[int] | None = None,
    now: datetime | None = None,
) -> Report:
    """The report of `administration`'s accounts (None: the city) in the month, limited to
    `account_ids` when given (an editor's accounts). Five queries."""
    now = now or timezone.now()
    period = _Period(year, month, now)
    scope = _Scope(administration.pk if administration else None, account_ids)
    accounts = _account_rows(period, scope)
    posts_top, by_objective, by_category = _posts(period, scope)
    calendar_side = _calendar(period, scope)
    comments = _comments(period, scope)
    read_on = max((r.computed_at for r in accounts if r.computed_at), default=None)
    rows = tuple(r.row for r in accounts)
    with_figures = [r for r in rows if r.has_figures]
    return Report(
        year=year,
        month=month,
        first=period.first,
        previous_month=period.previous,
        next_month=period.next,
        administration_id=administration.pk if administration else None,
        title=administration.name if administration else _("The City of Helsingborg"),
        account_ids=tuple(sorted(account_ids)) if account_ids is not None else None,
        accounts=rows,
        totals=_totals(rows),
        administrations=_per_administration(rows) if administration is None else (),
        top_posts=posts_top,
        by_objective=by_objective,
        by_category=by_category,
        calendar=calendar_side,
        comments=comments,
        read_on=timezone.localdate(read_on) if read_on else None,
        settled=bool(with_figures) and all(r.settled for r in with_figures),
        built_at=now,
    )


class _Period:
    def __init__(self, year: int, month: int, now: datetime):
        self.first = date(year, month, 1)
        days = calendar.monthrange(year, month)[1]
        self.next = self.first + timedelta(days=days)
        self.previous = (self.first - timedelta(days=1)).replace(day=1)
        since = self.first
        for _n in range(MEDIAN_MONTHS):
            since = (since - timedelta(days=1)).replace(day=1)
        self.median_since = since
        self.start = timezone.make_aware(datetime.combine(self.first, time.min))
        self.end = timezone.make_aware(datetime.combine(self.next, time.min))
        self.now = now

    def params(self) -> dict:
        adapt = connection.ops.adapt_datetimefield_value
        return {
            "first": self.first,
            "next": self.next,
            "prev": self.previous,
            "since": self.median_since,
            "start": adapt(self.start),
            "end": adapt(self.end),
            "now": adapt(self.now),
        }


class _Scope:
    """The accounts of the report as SQL: `account_id IN ({scope.sql})` with `scope.params`."""

    def __init__(self, administration_id: int | None, account_ids: Collection[int] | None):
        table = SocialAccount._meta.db_table
        sql = f"SELECT id FROM {table} WHERE 1 = 1"
        params: dict = {}
        if administration_id is not None:
            sql += " AND administration_id = %(scope_admin)s"
            params["scope_admin"] = administration_id
        if account_ids is not None:
            ids = sorted({int(i) for i in account_ids})
            if ids:
                sql += " AND id IN (" + ", ".join(f"%(scope_a{n})s" for n in range(len(ids))) + ")"
                params.update({f"scope_a{n}": pk for n, pk in enumerate(ids)})
            else:
                sql += " AND 1 = 0"
        self.sql = sql
        self.params = params


def _fetch(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _percentiles(source: str, group: str, value: str) -> str:
    """SQL of (group, median, p90) over `source`, interpolated like `percentile_cont`, with window
    functions that PostgreSQL and SQLite both have."""
    parts = []
    for name, tenths in (("median", 5), ("p90", 9)):
        low = f"(1 + ({tenths} * (n - 1)) / 10)"
        frac = f"((({tenths} * (n - 1)) %% 10) / 10.0)"  # %% : the SQL runs with parameters
        parts.append(
            f"SUM(CASE WHEN rn = {low} THEN v * (1 - {frac}) WHEN rn = {low} + 1 THEN v * {frac} ELSE 0 END)"
            f" AS {name}"
        )
    return f"""
        SELECT g, {", ".join(parts)} FROM (
            SELECT {group} AS g, {value} AS v,
                   ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY {value}) AS rn,
                   COUNT(*) OVER (PARTITION BY {group}) AS n
            FROM {source} WHERE {value} IS NOT NULL
        ) ranked GROUP BY g
    """


def _share(value, base) -> float | None:
    if value is None or base is None or base == 0:
        return None
    return (value - base) / abs(base)


# --- the accounts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _AccountResult:
    row: AccountRow
    computed_at: datetime | None


def _account_rows(period: _Period, scope: _Scope) -> list[_AccountResult]:
    rollup = MonthlyRollup._meta.db_table
    figures = ACCOUNT_FIGURES
    unpivot = " UNION ALL ".join(
        f"SELECT account_id, '{f}' AS f, CAST({f} AS DOUBLE PRECISION) AS v FROM hist" for f in figures
    )
    medians = ", ".join(f"MAX(CASE WHEN g2 = '{f}' THEN median END) AS med_{f}" for f in figures)
    columns = ", ".join(f"cur.{f} AS cur_{f}, prev.{f} AS prev_{f}, med.med_{f}" for f in figures)
    sql = f"""
    WITH hist AS (
        SELECT account_id, {", ".join(figures)} FROM {rollup}
        WHERE subject = '' AND month >= %(since)s AND month < %(first)s
          AND account_id IN ({scope.sql})
    ),
    vals AS ({unpivot}),
    per_figure AS ({_percentiles("vals", "account_id || ':' || f", "v")}),
    med AS (
        SELECT account_id, {medians} FROM (
            SELECT CAST(SUBSTR(g, 1, INSTR(g, ':') - 1) AS INTEGER) AS account_id,
                   SUBSTR(g, INSTR(g, ':') + 1) AS g2, median
            FROM per_figure
        ) split GROUP BY account_id
    ),
    miss AS (
        SELECT account_id, missing,
               ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY day DESC) AS rn
        FROM metrics_metricsnapshot
        WHERE metric_set = 'account_day' AND subject = '' AND day >= %(first)s AND day < %(next)s
          AND account_id IN ({scope.sql})
    )
    SELECT a.id, a.name, a.platform, a.administration_id, adm.name AS administration, {columns},
           cur.account_id IS NOT NULL AS has_figures, cur.settled, cur.reach_is_period,
           cur.new_followers_kind, cur.computed_at, miss.missing
    FROM {SocialAccount._meta.db_table} a
    JOIN {Administration._meta.db_table} adm ON adm.id = a.administration_id
    LEFT JOIN {rollup} cur ON cur.account_id = a.id AND cur.subject = '' AND cur.month = %(first)s
    LEFT JOIN {rollup} prev ON prev.account_id = a.id AND prev.subject = '' AND prev.month = %(prev)s
    LEFT JOIN med ON med.account_id = a.id
    LEFT JOIN miss ON miss.account_id = a.id AND miss.rn = 1
    WHERE a.id IN ({scope.sql})
      AND (cur.account_id IS NOT NULL
           OR ((a.end_date IS NULL OR a.end_date >= %(first)s) AND a.created_at < %(end)s))
    ORDER BY adm.name, a.name, a.platform, a.id
    """
    # INSTR/SUBSTR: PostgreSQL has no INSTR; use its POSITION instead.
    if connection.vendor == "postgresql":
        sql = sql.replace("INSTR(g, ':')", "POSITION(':' IN g)").replace(
            "account_id || ':' || f", "CAST(account_id AS TEXT) || ':' || f"
        )
    platforms = dict(SocialAccount.Platform.choices)
    results = []
    for r in _fetch(sql, {**period.params(), **scope.params}):
        missing = r["missing"]
        if isinstance(missing, str):
            missing = json.loads(missing or "{}")
        missing = missing or {}
        has = bool(r["has_figures"])
        measures = {}
        for f in figures:
            value = r[f"cur_{f}"]
            if f == "posts_published" and value is None:
                value = 0 if has else None
            previous = r[f"prev_{f}"]
            median = r[f"med_{f}"]
            measures[f] = Measure(
                value=value,
                previous=previous,
                change=_share(value, previous),
                median=float(median) if median is not None else None,
                reason=_reason(f, value, has, missing),
            )
        results.append(
            _AccountResult(
                row=AccountRow(
                    account_id=r["id"],
                    name=r["name"],
                    platform=str(platforms.get(r["platform"], r["platform"])),
                    administration=r["administration"],
                    administration_id=r["administration_id"],
                    reach_is_period=bool(r["reach_is_period"]),
                    new_followers_kind=r["new_followers_kind"] or "",
                    settled=bool(r["settled"]),
                    has_figures=has,
                    **measures,
                ),
                computed_at=_as_datetime(r["computed_at"]),
            )
        )
    return results


def _as_datetime(value) -> datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    # SQLite gives naive datetimes (or text), in UTC
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _reason(name: str, value, has_figures: bool, missing: dict) -> str:
    if value is not None:
        return ""
    if not has_figures:
        return _("No figures were read for this month.")
    if name == "engagement_rate":
        if missing.get("interactions"):
            return reason_text(missing["interactions"])
        if missing.get("followers"):
            return reason_text(missing["followers"])
        return _("Needs both interactions and followers.")
    if name in missing:
        return reason_text(missing[name])
    return reason_text("not_given")


def _per_administration(rows: tuple[AccountRow, ...]) -> tuple[AccountRow, ...]:
    """The city's accounts summed per förvaltning (the rows come ordered by förvaltning)."""
    groups: dict[int, list[AccountRow]] = {}
    for row in rows:
        groups.setdefault(row.administration_id, []).append(row)
    return tuple(
        _totals(tuple(members), name=members[0].administration, administration_id=pk)
        for pk, members in groups.items()
    )


def _totals(
    rows: tuple[AccountRow, ...], *, name: str | None = None, administration_id: int | None = None
) -> AccountRow:
    sums: dict[str, dict[str, int | None]] = {}
    for f in ("followers", "new_followers", "reach", "views", "interactions", "posts_published"):
        for side in ("value", "previous"):
            given = [getattr(getattr(r, f), side) for r in rows if getattr(getattr(r, f), side) is not None]
            sums.setdefault(f, {})[side] = sum(given) if given else None
    measures = {
        f: Measure(
            value=s["value"],
            previous=s["previous"],
            change=_share(s["value"], s["previous"]),
            reason="" if s["value"] is not None else _("No account gave this figure."),
        )
        for f, s in sums.items()
    }

    def rate(side: str) -> float | None:
        followers, interactions = sums["followers"][side], sums["interactions"][side]
        return interactions / followers if followers and interactions is not None else None

    value, previous = rate("value"), rate("previous")
    measures["engagement_rate"] = Measure(
        value=value,
        previous=previous,
        change=_share(value, previous),
        reason="" if value is not None else _("Needs both interactions and followers."),
    )
    with_figures = [r for r in rows if r.has_figures]
    return AccountRow(
        account_id=None,
        name=name or _("All accounts"),
        platform="",
        administration=name or "",
        administration_id=administration_id,
        reach_is_period=False,  # a sum over accounts counts a person once per account
        new_followers_kind="",
        settled=bool(with_figures) and all(r.settled for r in with_figures),
        has_figures=bool(with_figures),
        **measures,
    )


# --- the posts --------------------------------------------------------------------------------------


def post_classification_sql(scope: _Scope) -> str:
    """SQL of (post_id, objective, category, booked) for every post published in the month by the
    scope's accounts: the objective and category of the booking whose slot was published as the
    post, else those an editor gave the post afterwards (`PostTag`, metrics.classification: the
    booking always wins); `booked` stays the booking's."""
    post = PlatformPost._meta.db_table
    slot = BookingSlot._meta.db_table
    booking = Booking._meta.db_table
    tag = PostTag._meta.db_table
    return f"""
        SELECT p.id AS post_id,
               COALESCE(MAX(b.objective), MAX(t.objective)) AS objective,
               COALESCE(MAX(b.category), MAX(t.category)) AS category,
               MAX(CASE WHEN s.id IS NULL THEN 0 ELSE 1 END) AS booked
        FROM {post} p
        LEFT JOIN {slot} s ON s.account_id = p.account_id AND s.post_platform_id = p.platform_id
                          AND s.post_platform_id <> '' AND s.status <> 'cancelled'
        LEFT JOIN {booking} b ON b.id = s.booking_id
        LEFT JOIN {tag} t ON t.post_id = p.id
        WHERE p.created_at >= %(start)s AND p.created_at < %(end)s AND p.account_id IN ({scope.sql})
        GROUP BY p.id
    """


def _judged_sql(column_of: str) -> str:
    return (
        "CASE "
        + " ".join(f"WHEN {column_of} = '{o}' THEN r.{f}" for o, f in JUDGED_BY.items())
        + " ELSE r.interactions END"
    )


def _posts(period: _Period, scope: _Scope):
    """The top posts per objective and the figures by objective and by category (two queries)."""
    rollup = MonthlyRollup._meta.db_table
    base = f"""
        WITH cls AS ({post_classification_sql(scope)}),
        posts AS (
            SELECT cls.post_id, cls.objective, cls.category, cls.booked, r.reach, r.link_clicks,
                   r.interactions, r.views, r.engagement_rate, r.settled,
                   {_judged_sql("cls.objective")} AS judged
            FROM cls LEFT JOIN {rollup} r ON r.post_id = cls.post_id AND r.month = %(first)s
        )
    """
    params = {**period.params(), **scope.params}
    top_sql = (
        base
        + f"""
        , ranked AS (
            SELECT posts.*, ROW_NUMBER() OVER (
                PARTITION BY objective
                ORDER BY CASE WHEN judged IS NULL THEN 1 ELSE 0 END, judged DESC, post_id
            ) AS rn
            FROM posts WHERE objective IS NOT NULL
        )
        SELECT ranked.*, p.account_id, p.created_at, p.text, p.permalink, a.name AS account_name,
               a.platform
        FROM ranked
        JOIN {PlatformPost._meta.db_table} p ON p.id = ranked.post_id
        JOIN {SocialAccount._meta.db_table} a ON a.id = p.account_id
        WHERE ranked.rn <= {TOP_POSTS}
        ORDER BY ranked.objective, ranked.rn
        """
    )
    sums = "COUNT(*) AS posts, SUM(reach) AS reach, SUM(link_clicks) AS link_clicks, " + (
        "SUM(interactions) AS interactions, SUM(views) AS views, SUM(judged) AS judged"
    )
    group_sql = (
        base
        + f"""
        SELECT 'objective' AS dim, COALESCE(objective, '') AS k, {sums} FROM posts
            GROUP BY COALESCE(objective, '')
        UNION ALL
        SELECT 'category' AS dim, COALESCE(category, '') AS k, {sums} FROM posts
            GROUP BY COALESCE(category, '')
        """
    )
    platforms = dict(SocialAccount.Platform.choices)
    objectives = dict(Objective.choices)
    categories = dict(Category.choices)
    tops: dict[str, list[PostRow]] = {o: [] for o in JUDGED_BY}
    for r in _fetch(top_sql, params):
        objective = r["objective"]
        judged_by = JUDGED_BY.get(objective, "interactions")
        text = (r["text"] or "").strip()
        tops.setdefault(objective, []).append(
            PostRow(
                post_id=r["post_id"],
                account_id=r["account_id"],
                account_name=r["account_name"],
                platform=str(platforms.get(r["platform"], r["platform"])),
                published_at=_as_datetime(r["created_at"]),
                text=text if len(text) <= 140 else text[:139].rstrip() + "…",
                # Platform data: only a web address becomes a link (never `javascript:`).
                permalink=r["permalink"]
                if (r["permalink"] or "").startswith(("https://", "http://"))
                else "",
                objective=objective,
                objective_label=str(objectives.get(objective, objective)),
                category=r["category"] or "",
                category_label=str(categories.get(r["category"], "")) if r["category"] else "",
                booked=bool(r["booked"]),
                judged_by=judged_by,
                judged_by_label=figure_label(judged_by),
                judged_value=r["judged"],
                reach=r["reach"],
                link_clicks=r["link_clicks"],
                interactions=r["interactions"],
                views=r["views"],
                engagement_rate=r["engagement_rate"],
                settled=bool(r["settled"]),
            )
        )
    top_posts = tuple(
        ObjectiveTop(
            objective=o,
            label=str(objectives[o]),
            judged_by=JUDGED_BY[o],
            judged_by_label=figure_label(JUDGED_BY[o]),
            posts=tuple(tops[o]),
        )
        for o in JUDGED_BY
    )
    found = {(r["dim"], r["k"]): r for r in _fetch(group_sql, params)}

    def group(dim: str, key: str, label: str, judged_by: str = "") -> GroupRow:
        r = found.get((dim, key), {})
        return GroupRow(
            key=key,
            label=label,
            posts=r.get("posts") or 0,
            reach=r.get("reach"),
            link_clicks=r.get("link_clicks"),
            interactions=r.get("interactions"),
            views=r.get("views"),
            judged_by=judged_by,
            judged_by_label=figure_label(judged_by) if judged_by else "",
            judged_total=r.get("judged") if judged_by else None,
        )

    # Neither booked nor given an objective and category afterwards on the post's figures page.
    without = _("Not classified")
    by_objective = (
        *(group("objective", o, str(objectives[o]), JUDGED_BY[o]) for o in JUDGED_BY),
        group("objective", "", without),
    )
    by_category = (
        *(group("category", c, str(categories[c])) for c in categories),
        group("category", "", without),
    )
    return top_posts, by_objective, by_category


# --- the calendar -----------------------------------------------------------------------------------


def _calendar(period: _Period, scope: _Scope) -> CalendarSide:
    slot = BookingSlot._meta.db_table
    post = PlatformPost._meta.db_table
    sql = f"""
        SELECT
            booked, published, missed, planned,
            (SELECT COUNT(*) FROM {post} p WHERE p.account_id IN ({scope.sql})
                AND p.created_at >= %(start)s AND p.created_at < %(end)s
                AND NOT EXISTS (
                    SELECT 1 FROM {slot} s WHERE s.account_id = p.account_id
                    AND s.post_platform_id = p.platform_id AND s.status <> 'cancelled'
                )) AS unbooked
        FROM (
            SELECT COUNT(*) AS booked,
                   SUM(CASE WHEN s.status = 'published' THEN 1 ELSE 0 END) AS published,
                   SUM(CASE WHEN s.status = 'missed' THEN 1 ELSE 0 END) AS missed,
                   SUM(CASE WHEN s.status = 'planned' THEN 1 ELSE 0 END) AS planned
            FROM {slot} s WHERE s.account_id IN ({scope.sql})
              AND s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.status <> 'cancelled'
        ) slots
    """
    assert BookingStatus.CANCELLED == "cancelled" and BookingStatus.PUBLISHED == "published"
    r = _fetch(sql, {**period.params(), **scope.params})[0]
    return CalendarSide(
        booked=r["booked"] or 0,
        published=r["published"] or 0,
        missed=r["missed"] or 0,
        planned=r["planned"] or 0,
        published_without_booking=r["unbooked"],
    )


# --- the comments -----------------------------------------------------------------------------------


def _dialect() -> dict[str, str]:
    if connection.vendor == "postgresql":
        return {
            "epoch": "EXTRACT(EPOCH FROM {})",
            "greatest": "GREATEST",
            "least": "LEAST",
            "labels": "CROSS JOIN LATERAL jsonb_array_elements_text(c.labels) AS l(value)",
        }
    return {
        "epoch": "((julianday({}) - 2440587.5) * 86400.0)",
        "greatest": "MAX",
        "least": "MIN",
        "labels": ", json_each(c.labels) AS l",
    }


ANSWER_GROUPS = {
    "all": "''",
    "queue": "CASE WHEN c.in_kc_queue THEN 'kc' ELSE CAST(c.queue_administration_id AS TEXT) END",
    "account": "CAST(c.account_id AS TEXT)",
    "label": "l.value",
}


def answer_rows(*, period: _Period, scope: _Scope, by: str, kc_queue_only: bool = False) -> list[dict]:
    """Comments and messages written in the month on the scope's accounts, grouped `by` one of
    ANSWER_GROUPS: counts, and median and 90th percentile answer time in working seconds (one
    query). The city's own replies are not counted."""
    d = _dialect()
    first = period.first
    last = min(timezone.localdate(period.now), period.next + timedelta(days=ANSWER_HORIZON_DAYS))
    intervals = working_intervals(first, max(first, last)) or [(period.start, period.start)]
    params = {**period.params(), **scope.params}
    values = []
    for n, (opens, closes) in enumerate(intervals):
        params[f"w{n}o"], params[f"w{n}c"] = opens.timestamp(), closes.timestamp()
        values.append(f"(%(w{n}o)s, %(w{n}c)s)")
    epoch = d["epoch"]
    joins = d["labels"] if by == "label" else ""
    sql = f"""
        WITH w(opens, closes) AS (VALUES {", ".join(values)}),
        c AS (
            SELECT c.id, {ANSWER_GROUPS[by]} AS g, c.kind, c.status, c.answered_at, c.due_at,
                   {epoch.format("c.created_at")} AS t0, {epoch.format("c.answered_at")} AS t1
            FROM {Comment._meta.db_table} c {joins}
            WHERE c.account_id IN ({scope.sql}) AND c.created_at >= %(start)s AND c.created_at < %(end)s
              AND c.status <> 'own' {"AND c.in_kc_queue" if kc_queue_only else ""}
        ),
        times AS (
            SELECT c.id, c.g, COALESCE(SUM({d["greatest"]}(0, {d["least"]}(w.closes, c.t1)
                                              - {d["greatest"]}(w.opens, c.t0))), 0) AS t
            FROM c LEFT JOIN w ON w.opens < c.t1 AND w.closes > c.t0
            WHERE c.t1 IS NOT NULL
            GROUP BY c.id, c.g
        ),
        pct AS ({_percentiles("times", "g", "t")}),
        counts AS (
            SELECT g, COUNT(*) AS received,
                   SUM(CASE WHEN kind = 'message' THEN 1 ELSE 0 END) AS messages,
                   SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,
                   SUM(CASE WHEN answered_at IS NOT NULL AND answered_at <= due_at THEN 1 ELSE 0 END)
                       AS in_time,
                   SUM(CASE WHEN answered_at IS NULL AND status = 'open' AND due_at < %(now)s
                       THEN 1 ELSE 0 END) AS overdue
            FROM c GROUP BY g
        )
        SELECT counts.*, pct.median, pct.p90 FROM counts LEFT JOIN pct ON pct.g = counts.g
        ORDER BY counts.g
    """
    assert Comment.Status.OWN == "own" and Comment.Kind.MESSAGE == "message"
    return _fetch(sql, params)


def answer_row(r: dict | None, *, key: str, label: str) -> AnswerRow:
    r = r or {}
    received = r.get("received") or 0
    messages = r.get("messages") or 0
    answered = r.get("answered") or 0
    in_time = r.get("in_time") or 0
    overdue = r.get("overdue") or 0
    to_answer = answered + overdue
    median, p90 = r.get("median"), r.get("p90")
    return AnswerRow(
        key=key,
        label=label,
        received=received,
        comments=received - messages,
        messages=messages,
        answered=answered,
        answered_in_time=in_time,
        overdue=overdue,
        to_answer=to_answer,
        share_in_time=in_time / to_answer if to_answer else None,
        median_hours=float(median) / 3600 if median is not None and answered else None,
        p90_hours=float(p90) / 3600 if p90 is not None and answered else None,
    )


def _comments(period: _Period, scope: _Scope) -> CommentSide:
    rows = answer_rows(period=period, scope=scope, by="all")
    answers = answer_row(rows[0] if rows else None, key="", label=_("All comments and messages"))
    log = ModerationLogEntry._meta.db_table
    comment = Comment._meta.db_table
    evidence = Evidence._meta.db_table
    sql = f"""
        SELECT
            (SELECT COUNT(*) FROM {log} m JOIN {comment} c ON c.id = m.comment_id
                WHERE c.account_id IN ({scope.sql}) AND m.at >= %(start)s AND m.at < %(end)s
                AND m.action = 'hide' AND m.outcome = 'done') AS hidden,
            (SELECT COUNT(*) FROM {log} m JOIN {comment} c ON c.id = m.comment_id
                WHERE c.account_id IN ({scope.sql}) AND m.at >= %(start)s AND m.at < %(end)s
                AND m.action IN ('delete', 'block') AND m.outcome IN ('done', 'already_gone'))
                AS deleted,
            (SELECT COUNT(*) FROM {evidence} e JOIN {comment} c ON c.id = e.comment_id
                WHERE c.account_id IN ({scope.sql}) AND e.completed_at >= %(start)s
                AND e.completed_at < %(end)s) AS registered
    """
    r = _fetch(sql, {**period.params(), **scope.params})[0]
    return CommentSide(
        answers=answers,
        hidden=r["hidden"],
        deleted=r["deleted"],
        registered=r["registered"],
        promise_hours=float(settings.SLA_WORKING_HOURS),
    )


def label_name(code: str) -> str:
    return str(dict(Label.choices).get(code, code))


# --- KC's answer times ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerTimes:
    year: int
    month: int
    first: date
    previous_month: date
    next_month: date
    administration_id: int | None
    title: str
    total: AnswerRow
    by_queue: tuple[AnswerRow, ...]
    by_account: tuple[AnswerRow, ...]
    by_label: tuple[AnswerRow, ...]
    promise_hours: float


def build_answer_times(
    *,
    administration: Administration | None,
    year: int,
    month: int,
    account_ids: Collection[int] | None = None,
    kc_queue_only: bool = False,
    now: datetime | None = None,
) -> AnswerTimes:
    """Answer times of the month per queue, per account and per label (six queries). KC's own view
    (`kc_queue_only`) counts the contact centre's queue alone and names no account."""
    now = now or timezone.now()
    period = _Period(year, month, now)
    scope = _Scope(administration.pk if administration else None, account_ids)
    kc = {"kc_queue_only": kc_queue_only}
    total = answer_rows(period=period, scope=scope, by="all", **kc)
    queues = answer_rows(period=period, scope=scope, by="queue", **kc)
    accounts = [] if kc_queue_only else answer_rows(period=period, scope=scope, by="account")
    labels = answer_rows(period=period, scope=scope, by="label", **kc)
    admin_ids = [int(r["g"]) for r in queues if r["g"] not in (None, "kc")]
    admin_names = dict(Administration.objects.filter(pk__in=admin_ids).values_list("pk", "name"))
    platforms = dict(SocialAccount.Platform.choices)
    account_names = {
        pk: f"{name} ({platforms.get(platform, platform)})"
        for pk, name, platform in SocialAccount.objects.filter(
            pk__in=[int(r["g"]) for r in accounts]
        ).values_list("pk", "name", "platform")
    }

    def queue_label(key: str) -> str:
        if key == "kc":
            return _("The contact centre's queue")
        return admin_names.get(int(key), key)

    by_queue = sorted(
        (answer_row(r, key=r["g"], label=queue_label(r["g"])) for r in queues), key=lambda a: a.label
    )
    by_account = sorted(
        (answer_row(r, key=r["g"], label=account_names.get(int(r["g"]), r["g"])) for r in accounts),
        key=lambda a: a.label,
    )
    by_label = sorted(
        (answer_row(r, key=r["g"], label=label_name(r["g"])) for r in labels), key=lambda a: a.label
    )
    return AnswerTimes(
        year=year,
        month=month,
        first=period.first,
        previous_month=period.previous,
        next_month=period.next,
        administration_id=administration.pk if administration else None,
        title=administration.name if administration else _("The City of Helsingborg"),
        total=answer_row(total[0] if total else None, key="", label=_("All comments and messages")),
        by_queue=tuple(by_queue),
        by_account=tuple(by_account),
        by_label=tuple(by_label),
        promise_hours=float(settings.SLA_WORKING_HOURS),
    )

"""The monthly figures (`MonthlyRollup`), computed in SQL from the snapshots.

One `SELECT ... GROUP BY` per month for the accounts' months and one for the posts published in it
(the latest lifetime snapshot of each post, one lookup per post on the (post, day) index), written
on the table's unique key: recomputing a month gives the same rows, a day re-read after it settled
changes the month it belongs to, and a row whose figures did not change is not written. The SELECTs
run on PostgreSQL and SQLite alike. SQLite, and PostgreSQL for a few accounts, upsert them straight
into the table; for many accounts PostgreSQL computes them into temporary tables first (`CREATE
TABLE ... AS`, which may use parallel workers where `INSERT ... SELECT` may not) and merges those
into the table in one statement.

An account's month: views, interactions and new followers are sums of its days (a sum of nothing is
NULL, never 0); reach is the platform's period value (an `account_month` snapshot) or else the sum
of the daily reach, flagged by `reach_is_period`; followers is the last count read in the month;
the month is settled when every one of its days is (from its first day with figures, for an
account whose figures start mid-month, to its last: a gap or a day not read keeps it open). A
post's month (the month it was published): its latest lifetime figures, interactions = reactions +
comments + shares + saves (NULL when the platform gave none of them); it is settled when its latest
snapshot is (the post has left the pulls' window). Engagement rate = interactions ÷ followers (the
guideline's), and by reach = interactions ÷ reach.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

COLUMNS = [
    "account_id", "post_id", "subject", "month", "followers", "new_followers", "new_followers_kind",
    "reach", "reach_is_period", "views", "video_views", "clicks", "link_clicks", "reactions", "comments",
    "shares", "saves", "interactions", "posts_published", "engagement_rate", "engagement_rate_by_reach",
    "settled", "computed_at",
]  # fmt: skip
FIGURES = [c for c in COLUMNS if c not in {"account_id", "subject", "month", "computed_at"}]
# A row whose figures did not change is left alone (no write, no dead tuple): recomputing a month
# that nothing touched writes nothing, and `computed_at` is when its figures last changed.
UPSERT = (
    " ON CONFLICT (account_id, subject, month) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in [*FIGURES, "computed_at"])
    + " WHERE ("
    + ", ".join(f"metrics_monthlyrollup.{c}" for c in FIGURES)
    + ") IS DISTINCT FROM ("
    + ", ".join(f"EXCLUDED.{c}" for c in FIGURES)
    + ")"
)
# The day of the month of the account's first day in it: a month whose figures start mid-month (the
# account was connected then) is final when every day from that one to the month's end is settled.
FIRST_DAY_OF_MONTH = {
    "postgresql": "CAST(EXTRACT(DAY FROM MIN(s.day)) AS INTEGER)",
    "sqlite": "CAST(strftime('%%d', MIN(s.day)) AS INTEGER)",
}
# Each post's latest lifetime snapshot, one index lookup per post on (post, day): PostgreSQL reads the
# row in the same lookup (LATERAL); SQLite, which has no LATERAL, finds its id and then the row.
LATEST = (
    "SELECT {columns} FROM metrics_metricsnapshot x"
    " WHERE x.post_id = p.id AND x.metric_set = 'post_lifetime' ORDER BY x.day DESC LIMIT 1"
)
POST_LATEST = {
    "postgresql": {"latest_id": "", "latest_join": f"CROSS JOIN LATERAL ({LATEST.format(columns='*')}) s"},
    "sqlite": {
        "latest_id": f", ({LATEST.format(columns='x.id')}) AS snapshot_id",
        "latest_join": "JOIN metrics_metricsnapshot s ON s.id = p.snapshot_id",
    },
}
INSERT = f"INSERT INTO metrics_monthlyrollup ({', '.join(COLUMNS)}) "

ACCOUNT_MONTHS = """
WITH month AS (
    SELECT s.account_id,
           SUM(s.reach) AS reach, SUM(s.views) AS views, SUM(s.interactions) AS interactions,
           SUM(s.new_followers) AS new_followers,
           MAX(CASE WHEN s.new_followers IS NOT NULL THEN s.new_followers_kind END) AS kind,
           -- the last day with a follower count, read back below through the table's unique key:
           -- cheaper than a window over every day of every account
           MAX(CASE WHEN s.followers IS NOT NULL THEN s.day END) AS followers_day,
           MIN(CASE WHEN s.settled THEN 1 ELSE 0 END) AS all_settled,
           COUNT(*) AS days, MAX(s.day) AS last_day, {first_day_of_month} AS first_day_of_month
    FROM metrics_metricsnapshot s
    WHERE s.metric_set = 'account_day' AND s.subject = '' AND s.day >= %(first)s AND s.day < %(next)s
      {s_accounts}
    GROUP BY s.account_id
),
period AS (
    SELECT account_id, reach FROM metrics_metricsnapshot
    WHERE metric_set = 'account_month' AND subject = '' AND day = %(first)s AND reach IS NOT NULL
      {accounts}
),
published AS (
    SELECT account_id, COUNT(*) AS n FROM {month_posts}
    WHERE {published_where}
    GROUP BY account_id
),
joined AS (
    SELECT m.*, f.followers, COALESCE(p.reach, m.reach) AS month_reach, p.reach IS NOT NULL AS is_period,
           COALESCE(pub.n, 0) AS published
    FROM month m
    LEFT JOIN metrics_metricsnapshot f
        ON f.account_id = m.account_id AND f.subject = '' AND f.day = m.followers_day
       AND f.metric_set = 'account_day'
    LEFT JOIN period p ON p.account_id = m.account_id
    LEFT JOIN published pub ON pub.account_id = m.account_id
)
SELECT account_id, CAST(NULL AS BIGINT), '', %(first)s, followers, new_followers, COALESCE(kind, ''),
       month_reach, is_period, views, {no_figure}, {no_figure}, {no_figure}, {no_figure}, {no_figure},
       {no_figure}, {no_figure}, interactions, published,
       CASE WHEN followers > 0 THEN CAST(interactions AS DOUBLE PRECISION) / followers END,
       CASE WHEN month_reach > 0 THEN CAST(interactions AS DOUBLE PRECISION) / month_reach END,
       all_settled = 1 AND last_day = %(last)s AND days = %(days)s - first_day_of_month + 1, %(now)s
FROM joined
WHERE 1 = 1
"""

POST_MONTHS = """
WITH posts AS (
    -- each post with its account's followers in the month (the account rows are written first) and
    -- its latest lifetime figures: one lookup per post on the (post, day) index, where a window
    -- over all of the posts' snapshots would sort them all
    SELECT p.id, a.followers {latest_id}
    FROM {month_posts} p
    LEFT JOIN {account_rows} a ON a.account_id = p.account_id {account_row_match}
    WHERE {posts_where}
),
latest AS (
    SELECT s.account_id, s.post_id, s.subject, s.reach, s.views, s.video_views, s.clicks,
           s.link_clicks, s.reactions, s.comments, s.shares, s.saves, s.settled, p.followers,
           CASE WHEN s.reactions IS NULL AND s.comments IS NULL AND s.shares IS NULL AND s.saves IS NULL
                THEN NULL
                ELSE COALESCE(s.reactions, 0) + COALESCE(s.comments, 0) + COALESCE(s.shares, 0)
                     + COALESCE(s.saves, 0)
           END AS interactions
    FROM posts p {latest_join}
)
SELECT l.account_id, l.post_id, l.subject, %(first)s, l.followers, {no_figure}, '',
       l.reach, FALSE, l.views, l.video_views, l.clicks, l.link_clicks, l.reactions, l.comments,
       l.shares, l.saves, l.interactions, CAST(NULL AS INTEGER),
       CASE WHEN l.followers > 0 THEN CAST(l.interactions AS DOUBLE PRECISION) / l.followers END,
       CASE WHEN l.reach > 0 THEN CAST(l.interactions AS DOUBLE PRECISION) / l.reach END,
       l.settled, %(now)s
FROM latest l
WHERE 1 = 1
"""


# From this many accounts on (every account's month, as in the benchmark), PostgreSQL computes the
# month apart and merges it (below); fewer (one account's pull) are upserted straight, as creating
# and analyzing the temporary tables costs more than the few rows it would spare.
MANY_ACCOUNTS = 100


def month_of(day: date) -> date:
    return day.replace(day=1)


def months_rollup(
    *, account_ids: Iterable[int] | None, months: Iterable[date], now: datetime | None = None
) -> int:
    """Recompute the accounts' rows of each month (and their posts'); `None` is every account.
    Returns how many rows were written."""
    ids = None if account_ids is None else sorted({int(i) for i in account_ids})
    if ids == []:
        return 0
    now = now or timezone.now()
    if ids is None:
        accounts = s_accounts = p_accounts = ""
    else:
        placeholders = ", ".join(f"%(a{n})s" for n in range(len(ids)))
        accounts = f"AND account_id IN ({placeholders})"
        s_accounts = f"AND s.account_id IN ({placeholders})"
        p_accounts = f"AND p.account_id IN ({placeholders})"
    parts = {
        "accounts": accounts,
        "s_accounts": s_accounts,
        "p_accounts": p_accounts,
        "first_day_of_month": FIRST_DAY_OF_MONTH[connection.vendor],
        "no_figure": "CAST(NULL AS BIGINT)",
        "month_posts": "metrics_platformpost",
        "published_where": f"created_at >= %(start)s AND created_at < %(end)s {accounts}",
        "posts_where": f"p.created_at >= %(start)s AND p.created_at < %(end)s {p_accounts}",
        "account_row_match": "AND a.subject = '' AND a.month = %(first)s",
        **POST_LATEST[connection.vendor],
    }
    many = ids is None or len(ids) >= MANY_ACCOUNTS
    month_rollup = _month_postgresql if connection.vendor == "postgresql" and many else _month_upserted
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for first in sorted({month_of(m) for m in months}):
            days = calendar.monthrange(first.year, first.month)[1]
            following = first + timedelta(days=days)
            params = {
                "first": first,
                "next": following,
                "start": timezone.make_aware(datetime.combine(first, time.min)),
                "end": timezone.make_aware(datetime.combine(following, time.min)),
                "days": days,
                "last": following - timedelta(days=1),
                "now": now,
                **{f"a{n}": pk for n, pk in enumerate(ids or [])},
            }
            written += month_rollup(cursor, parts, params)
    return written


def _month_upserted(cursor, parts: dict[str, str], params: dict) -> int:
    """The portable path (SQLite, and a few accounts on PostgreSQL): each SELECT upserted straight into
    the table, the accounts first, as the posts read their account's followers from its row."""
    written = 0
    for sql in (ACCOUNT_MONTHS, POST_MONTHS):
        cursor.execute(INSERT + sql.format(**parts, account_rows="metrics_monthlyrollup") + UPSERT, params)
        written += max(cursor.rowcount, 0)
    return written


# PostgreSQL plans no parallel workers for INSERT ... SELECT, but does for CREATE TABLE ... AS (its
# manual, "When Can Parallel Query Be Used?"): the month's rows are computed into temporary tables
# with the workers a plain GROUP BY gets, then merged into the table in one statement that finds each
# row's stored version once (by the unique key): the rows whose figures changed are updated, the
# missing ones inserted, and the rest not touched (an upsert would lock each of them, which writes to
# its page, even when it changes nothing).
COMPUTED = "CREATE TEMPORARY TABLE {table} ({columns}) AS "
MERGE = """
WITH fresh AS (SELECT * FROM rollup_accounts UNION ALL SELECT * FROM rollup_posts),
compared AS (
    SELECT n.*, r.id AS stored_id, ({stored}) IS DISTINCT FROM ({computed}) AS changed
    FROM fresh n
    LEFT JOIN (SELECT * FROM metrics_monthlyrollup WHERE month = %(first)s {{accounts}}) r
        ON r.account_id = n.account_id AND r.subject = n.subject
),
updated AS (
    UPDATE metrics_monthlyrollup r SET ({assigned}) = ({assigned_values})
    FROM compared n WHERE r.id = n.stored_id AND n.changed AND r.month = %(first)s
    RETURNING 1
),
inserted AS (
    INSERT INTO metrics_monthlyrollup ({columns})
    -- in the unique key's order, so that its index is filled page by page
    SELECT {columns} FROM compared WHERE stored_id IS NULL ORDER BY account_id, subject
    RETURNING 1
)
SELECT (SELECT COUNT(*) FROM updated) + (SELECT COUNT(*) FROM inserted)
""".format(
    stored=", ".join(f"r.{c}" for c in FIGURES),
    computed=", ".join(f"n.{c}" for c in FIGURES),
    assigned=", ".join([*FIGURES, "computed_at"]),
    assigned_values=", ".join(f"n.{c}" for c in [*FIGURES, "computed_at"]),
    columns=", ".join(COLUMNS),
)


# A month with no stored row (the first rollup of it, or the benchmark's "from scratch"): nothing to
# compare with, so everything is one INSERT: the month's posts found once, its accounts' rows computed
# once (read by the posts for their followers) and both written in the same pass. No temporary table
# to create, analyze and read back; the CTEs' row estimates are the GROUP BY's own.
FIRST_TIME = """
WITH month_posts AS MATERIALIZED (
    SELECT id, account_id, created_at FROM metrics_platformpost
    WHERE created_at >= %(start)s AND created_at < %(end)s {accounts}
),
account_rows ({columns}) AS MATERIALIZED ({account_months})
INSERT INTO metrics_monthlyrollup ({columns})
SELECT * FROM account_rows
UNION ALL ({post_months})
"""


# Whether the month has any stored row of these accounts (the month index or the unique key).
STORED = "SELECT 1 FROM metrics_monthlyrollup WHERE month = %(first)s {accounts} LIMIT 1"


def _month_postgresql(cursor, parts: dict[str, str], params: dict) -> int:
    # The month's rows are sorted and hashed in memory, not spilled to disk (the default is 4 MB). No
    # JIT: the statements' work is index look-ups and writes, not expressions over millions of rows,
    # and compiling their sixty-odd functions took longer than it saved.
    cursor.execute("SELECT current_setting('work_mem'), current_setting('jit')")
    previous, jit = cursor.fetchone()
    cursor.execute("SELECT set_config('work_mem', '32MB', true), set_config('jit', 'off', true)")
    # One rollup writes the table at a time (pages read on), so that a row found missing is still
    # missing when it is inserted.
    cursor.execute("LOCK TABLE metrics_monthlyrollup IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute(STORED.format(**parts), params)
    columns = ", ".join(COLUMNS)
    if cursor.fetchone() is None:
        # The CTEs hold only the month's posts and account rows: filtering them again would only make
        # the planner take a few of their rows for all of them (and loop over them).
        in_one = {
            **parts,
            "month_posts": "month_posts",
            "published_where": "TRUE",
            "posts_where": "TRUE",
            "account_row_match": "",
        }
        cursor.execute(
            FIRST_TIME.format(
                accounts=parts["accounts"],
                columns=columns,
                account_months=ACCOUNT_MONTHS.format(**in_one),
                post_months=POST_MONTHS.format(**in_one, account_rows="account_rows"),
            ),
            params,
        )
        written = cursor.rowcount
        _settings_restore(cursor, previous, jit)
        return written
    # The month's posts, found once for the accounts' counts and the posts' figures.
    cursor.execute(
        "CREATE TEMPORARY TABLE rollup_month_posts AS SELECT id, account_id, created_at"
        " FROM metrics_platformpost WHERE created_at >= %(start)s AND created_at < %(end)s {accounts}".format(
            **parts
        ),
        params,
    )
    cursor.execute("ANALYZE rollup_month_posts")  # as the accounts' rows below, for the planner
    parts = {**parts, "month_posts": "rollup_month_posts"}
    cursor.execute(
        COMPUTED.format(table="rollup_accounts", columns=columns) + ACCOUNT_MONTHS.format(**parts), params
    )
    # A temporary table has no statistics until analyzed: the planner would take the accounts' rows of
    # the month for one row and loop over all of them for each of the month's posts.
    cursor.execute("ANALYZE rollup_accounts")
    posts = POST_MONTHS.format(**parts, account_rows="rollup_accounts")
    cursor.execute(COMPUTED.format(table="rollup_posts", columns=columns) + posts, params)
    cursor.execute(MERGE.format(**parts), params)
    (written,) = cursor.fetchone()
    cursor.execute("DROP TABLE rollup_posts, rollup_accounts, rollup_month_posts")
    _settings_restore(cursor, previous, jit)
    return written


def _settings_restore(cursor, work_mem: str, jit: str) -> None:
    cursor.execute("SELECT set_config('work_mem', %s, true), set_config('jit', %s, true)", [work_mem, jit])

"""The monthly rollup against a hand-written GROUP BY (quality.md, performance bar 4), and the account
and post figures pages against the framework floor (bars 1 and 2).

Bar 4: recomputing one month for every account (`metrics.rollup.months_rollup`, which writes its
rows) takes at most 1.5× one hand-written `GROUP BY` over the same snapshots (the accounts' days
summed, each post's latest lifetime row), measured in the same run at size L. Printed, not enforced.

    DATABASE_URL=postgres://…/helsocial_bench_l .venv/bin/python -m benchmarks.bench_rollup
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

from . import datagen, harness

BAR = 1.5
ROUNDS = 5

HAND_WRITTEN = """
SELECT account_id, SUM(reach), SUM(views), SUM(interactions), SUM(new_followers), MAX(followers)
FROM metrics_metricsnapshot
WHERE metric_set = 'account_day' AND subject = '' AND day >= %(first)s AND day < %(next)s
GROUP BY account_id;
SELECT DISTINCT ON (s.post_id) s.post_id, s.reach, s.views, s.reactions, s.comments, s.shares, s.saves
FROM metrics_metricsnapshot s JOIN metrics_platformpost p ON p.id = s.post_id
WHERE s.metric_set = 'post_lifetime' AND p.created_at >= %(start)s AND p.created_at < %(end)s
ORDER BY s.post_id, s.day DESC;
"""


def last_month() -> date:
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def rollup_all(months: list[date]) -> float:
    from metrics.rollup import months_rollup

    started = time.perf_counter()
    months_rollup(account_ids=None, months=months)
    return time.perf_counter() - started


def hand_written(month: date) -> float:
    from datetime import datetime
    from datetime import time as clock

    from django.db import connection
    from django.utils import timezone

    following = (month + timedelta(days=32)).replace(day=1)
    params = {
        "first": month,
        "next": following,
        "start": timezone.make_aware(datetime.combine(month, clock.min)),
        "end": timezone.make_aware(datetime.combine(following, clock.min)),
    }
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in filter(None, (s.strip() for s in HAND_WRITTEN.split(";"))):
            cursor.execute(statement, params)
            cursor.fetchall()
    return time.perf_counter() - started


def month_delete(month: date) -> None:
    """Empty the month's rows (not timed), so that the next rollup computes it from scratch."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM metrics_monthlyrollup WHERE month = %s", [month])
        cursor.execute("VACUUM ANALYZE metrics_monthlyrollup")  # as autovacuum would between months


def from_scratch(month: date) -> float:
    month_delete(month)
    return rollup_all([month])


def bar_four(size: str = "L") -> None:
    """Rounds alternate ours and theirs, so that the machine's noise falls on both alike."""
    month = last_month()
    ours: dict[str, list[float]] = {"from scratch": [], "unchanged month": []}
    theirs: list[float] = []
    with harness.data_size(size):
        rollup_all([month])  # warm: plans cached, pages in memory
        hand_written(month)
        for _ in range(ROUNDS):
            ours["from scratch"].append(from_scratch(month))
            theirs.append(hand_written(month))
            ours["unchanged month"].append(rollup_all([month]))
            theirs.append(hand_written(month))
    floor = statistics.median(theirs)
    for label, times in ours.items():
        ratio = statistics.median(times) / floor
        verdict = "meets" if ratio <= BAR else "MISSES"
        print(
            f"bar 4 ({label}, size {size}): rollup of {month:%Y-%m} for all accounts "
            f"{statistics.median(times) * 1000:.1f} ms, hand-written GROUP BY {floor * 1000:.1f} ms: "
            f"{ratio:.2f}× ({verdict} ≤ {BAR}×)"
        )


def pages() -> list[harness.Page]:
    from django.urls import reverse

    from platforms.models import PlatformPost

    def account_page() -> str:
        return reverse("metrics:account-figures", args=[1])

    def post_page() -> str:
        post = PlatformPost.objects.filter(account_id=1).order_by("-created_at").values_list("pk", flat=True)
        return reverse("metrics:post-figures", args=[post.first()])

    return [
        harness.Page("account figures (AKN)", datagen.AKN_USERNAME, account_page),
        harness.Page("post figures (AKN)", datagen.AKN_USERNAME, post_page),
    ]


def main() -> None:
    harness.setup()
    from django.utils import timezone

    today = timezone.localdate()
    months = [today.replace(day=1)]
    for _n in range(12):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    for size in harness.SIZES:
        with harness.data_size(size):
            seconds = rollup_all(months)
            print(f"rollup: 13 months for every account at size {size} in {seconds:.1f} s")
    bar_four()
    harness.report(harness.compare(pages(), floor_user=datagen.AKN_USERNAME), title="bench_rollup")


if __name__ == "__main__":
    main()

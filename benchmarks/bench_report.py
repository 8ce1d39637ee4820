"""The monthly report page for one förvaltning (its lead) and for the city (AKN), and KC's answer
times, at size S and L against the framework floor (quality.md bars 1 and 2, issue #15).

The report reads the monthly rollup, which datagen leaves empty: the 13 months the report compares
are rolled up first at both sizes (as bench_rollup does). A built report is kept in the cache
(REPORT_CACHE_SECONDS), so the pages' figures are those of the month's later readers; the first
reader's wait, the report built without the cache, is printed on its own. The copy kept for the
city's page holds its CITY_PAGE_ROWS förvaltningar of the largest reach (metrics.reports.data.
page_copy), so the city's page reads and shows the same amount at size S (3 förvaltningar) and L (300).

    BENCH_DB_S=… BENCH_DB_L=… DATABASE_URL=postgres://…/<L> .venv/bin/python -m benchmarks.bench_report
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from . import datagen, harness

# The pages do more than a queue page: fewer requests, still medians of several rounds.
REQUESTS = 40
ROUNDS = 4


def last_month() -> date:
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def roll_up() -> None:
    from metrics.rollup import months_rollup

    months = [last_month()]
    for _n in range(12):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    for size in harness.SIZES:
        with harness.data_size(size):
            started = time.perf_counter()
            months_rollup(account_ids=None, months=months)
            print(f"rollup: 13 months at size {size} in {time.perf_counter() - started:.1f} s")


def cold_builds() -> None:
    """The first reader's wait: building the report without the cache, at both sizes."""
    from accounts.models import Administration
    from metrics.reports.data import build_report

    month = last_month()
    for size in harness.SIZES:
        with harness.data_size(size):
            for label, administration in (
                ("förvaltning", Administration.objects.get(pk=1)),
                ("city", None),
            ):
                build_report(administration=administration, year=month.year, month=month.month)  # warm
                started = time.perf_counter()
                build_report(administration=administration, year=month.year, month=month.month)
                print(
                    f"report built without the cache, {label} at size {size}: "
                    f"{(time.perf_counter() - started) * 1000:.0f} ms"
                )


def pages() -> list[harness.Page]:
    from django.urls import reverse

    month = last_month()
    report = reverse("metrics:report", kwargs={"year": month.year, "month": month.month})
    answers = reverse("metrics:answer-times", kwargs={"year": month.year, "month": month.month})
    return [
        harness.Page("monthly report, förvaltning (lead)", datagen.lead_username(1), report),
        harness.Page("monthly report, city (AKN)", datagen.AKN_USERNAME, report),
        harness.Page("answer times, KC queue (KC)", datagen.KC_USERNAME, answers),
    ]


def main() -> None:
    harness.setup()
    roll_up()
    cold_builds()
    comparison = harness.compare(pages(), floor_user=datagen.AKN_USERNAME, n=REQUESTS, rounds=ROUNDS)
    harness.report(comparison, title="bench_report")


if __name__ == "__main__":
    main()

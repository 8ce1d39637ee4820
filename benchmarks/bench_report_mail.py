"""Building and queueing the month's report mails for every förvaltning and the city (issue #15): the
time, the queries per mail (the same at size S and L, and for a small and a large förvaltning), and
the memory peak. Printed, not enforced.

Each run happens in a transaction that is rolled back: the outbox rows (and their charts and .xlsx)
are written and counted, then gone, so the data sets stay as datagen left them and a second run
measures the same work. The report reads the monthly rollup; bench_report (which runs first in
`make bench`) rolls up the 13 months, and this bench rolls up the month itself when it finds none.

    BENCH_DB_S=… BENCH_DB_L=… DATABASE_URL=postgres://…/<L> .venv/bin/python -m benchmarks.bench_report_mail
"""

from __future__ import annotations

import resource
import time
from datetime import date, timedelta

from . import harness


class _Rollback(Exception):
    pass


def last_month() -> date:
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def ensure_rollup(month: date) -> None:
    from metrics.models import MonthlyRollup
    from metrics.rollup import months_rollup

    if not MonthlyRollup.objects.filter(month=month, subject="").exists():
        started = time.perf_counter()
        months_rollup(account_ids=None, months=[month])
        print(f"  rollup of {month:%Y-%m}: {time.perf_counter() - started:.1f} s")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run(month: date, administration_id: int | None = None) -> tuple[float, int, int, int]:
    """(seconds, mails queued, queries, reports built) of one run, rolled back."""
    from django.db import connection, transaction

    from metrics.reports.mail import send_monthly_reports

    # Counted, not captured: CaptureQueriesContext would keep every INSERT's SQL with the charts
    # and the .xlsx in it, and the memory peak would be the bench's own.
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    try:
        with connection.execute_wrapper(count), transaction.atomic():
            result = send_monthly_reports(month=month, administration_id=administration_id)
            raise _Rollback
    except _Rollback:
        pass
    seconds = time.perf_counter() - started
    reports = len({line.administration_id for line in result.lines if line.queued})
    return seconds, result.queued, queries, reports


def one_size(size: str, month: date) -> None:
    from django.db.models import Count

    from accounts.models import Administration

    with harness.data_size(size):
        ensure_rollup(month)
        administrations = list(
            Administration.objects.annotate(n=Count("accounts")).filter(n__gt=0).order_by("n", "pk")
        )
        smallest, largest = administrations[0], administrations[-1]
        # Warm: matplotlib imported, fonts cached, plans prepared.
        run(month, smallest.pk)
        per_report = []
        for administration in (smallest, largest):
            seconds, mails, queries, _reports = run(month, administration.pk)
            per_report.append(queries)
            print(
                f"  {size}: one förvaltning ({administration.n} accounts, {mails} mail): "
                f"{queries} queries, {seconds * 1000:.0f} ms"
            )
        rss_before = peak_rss_mb()
        seconds, mails, queries, reports = run(month)
        rss_after = peak_rss_mb()
        print(
            f"  {size}: all {reports} reports, {mails} mails queued in {seconds:.1f} s "
            f"({seconds / max(mails, 1) * 1000:.0f} ms per mail); {queries} queries, "
            f"{queries / max(mails, 1):.1f} per mail; peak RSS {rss_after:.0f} MB "
            f"(+{max(rss_after - rss_before, 0):.0f} MB in the run)"
        )
        constant = "same" if len(set(per_report)) == 1 else "DIFFER"
        print(f"  {size}: queries for the smallest and the largest förvaltning: {per_report} ({constant})")


def main() -> None:
    harness.setup()
    month = last_month()
    print(f"bench_report_mail: the reports of {month:%Y-%m}, built, rendered and queued (rolled back)")
    for size in harness.SIZES:
        one_size(size, month)


if __name__ == "__main__":
    main()

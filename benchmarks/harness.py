"""How `make bench` measures a page, so every figure is taken the same way.

A page is timed through Django's test client (the whole server side: middleware, session, view,
queries, template; no network), its SQL queries counted, after a warm-up. Figures are medians and
95th percentiles in milliseconds. The same page is measured on the size S and size L data sets
(two databases loaded by scripts/bench.sh) and against the framework floor measured in the same
run, in alternating rounds so that the machine's noise falls on both alike.

A later page's benchmark copies bench_floor.py: a list of `Page`s, then `report(compare(pages))`.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Created, migrated and loaded by scripts/bench.sh (size S and size L of quality.md's table).
# BENCH_DB_S / BENCH_DB_L name other databases (a helper's own copies); make bench uses these.
DATABASES = {
    "S": os.environ.get("BENCH_DB_S", "helsocial_bench_s"),
    "L": os.environ.get("BENCH_DB_L", "helsocial_bench_l"),
}
SIZES = ("S", "L")
FLOOR_PATH = "/bench/floor/"
# quality.md, performance bars 1 and 2.
FLAT_RATIO, MAX_QUERIES, FLOOR_RATIO = 1.3, 12, 5.0


@dataclass(frozen=True)
class Figures:
    url: str
    n: int
    median_ms: float
    p95_ms: float
    queries: int  # median per request
    queries_max: int
    # The samples, so that rounds can be pooled.
    times: tuple[float, ...] = field(default=(), repr=False)
    query_counts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, url: str, times: list[float], queries: list[int]) -> Figures:
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(
            url=url,
            n=len(times),
            median_ms=statistics.median(times) * 1000,
            p95_ms=p95 * 1000,
            queries=round(statistics.median(queries)),
            queries_max=max(queries),
            times=tuple(times),
            query_counts=tuple(queries),
        )


class BenchError(Exception):
    pass


def setup() -> None:
    """Django on the bench database, with the benchmarks' URLconf (the floor page added)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        raise BenchError("the benchmarks run on PostgreSQL: use `make bench`")
    from django.test.utils import override_settings

    # For the whole process; the setting_changed signal clears the URL caches.
    override_settings(ROOT_URLCONF="benchmarks.floor_urls").enable()
    assert settings.ROOT_URLCONF == "benchmarks.floor_urls"


@contextmanager
def data_size(size: str) -> Iterator[None]:
    """Point the default database connection at size `size`'s database for the block."""
    from django.core.cache import cache
    from django.db import connection

    from accounts.context_processors import forget_guideline_footer
    from moderation.queue_filter import forget_kc_accounts_now

    previous = connection.settings_dict["NAME"]
    _switch(DATABASES[size])
    cache.clear()  # nothing cached from the other data set may answer here
    # Nor a process's own copy: KC's filter accounts, kept per process for seconds, would otherwise
    # answer from the other data set and be read again mid-measurement (a query more at one size).
    forget_kc_accounts_now()
    # Likewise the footer's guideline, kept per process for a minute: expiring mid-measurement, it
    # found the cache cleared here and read the database once (the "7+" of some pages).
    forget_guideline_footer()
    try:
        yield
    finally:
        _switch(previous)


def _switch(name: str) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()


def measure(client: Any, url: str, n: int = 300, *, warmup: int = 20, headers: dict | None = None) -> Figures:
    """Request `url` `warmup` times, then `n` times timing each one and counting its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        _check(client.get(url, headers=headers), url)
    times, queries = [], []
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            elapsed = time.perf_counter() - started
        _check(response, url)
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
    return Figures.of(url, times, queries)


def _check(response: Any, url: str) -> None:
    if response.status_code != 200:
        raise BenchError(
            f"{url} answered {response.status_code}, not 200: the benchmark would measure an error"
        )


def login(username: str) -> Any:
    """A test client logged in as `username` (one of the people datagen makes) on the current data set."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise BenchError(
            f"no user {username!r} in the bench database: run `make bench` (it loads the data set)"
        )
    client = Client()
    client.force_login(user)
    return client


@dataclass(frozen=True)
class Page:
    label: str
    username: str
    # A path, or a function returning it on the current data set (object ids differ between sizes).
    path: str | Callable[[], str]
    headers: dict = field(default_factory=dict)

    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


@dataclass
class Comparison:
    floor: dict[str, Figures]  # by size
    pages: list[tuple[Page, dict[str, Figures]]]


def compare(pages: list[Page], *, floor_user: str, n: int = 300, rounds: int = 5) -> Comparison:
    """Measure the floor and each page at size S and L, `n` requests each, in alternating rounds
    (after one round that only warms up: templates compiled, connections and plans cached)."""
    samples: dict[tuple[str, str], list[Figures]] = {}
    per_round = max(1, n // rounds)
    for round_number in range(rounds + 1):
        if round_number == 0:
            warm_up(pages, floor_user=floor_user)
            continue
        for size in SIZES:
            with data_size(size):
                clients = {
                    username: login(username) for username in {floor_user, *(p.username for p in pages)}
                }
                floor = measure(clients[floor_user], FLOOR_PATH, per_round)
                samples.setdefault(("floor", size), []).append(floor)
                for page in pages:
                    figures = measure(
                        clients[page.username], page.url(), per_round, headers=page.headers or None
                    )
                    samples.setdefault((page.label, size), []).append(figures)
    return Comparison(
        floor={size: _merge(samples[("floor", size)]) for size in SIZES},
        pages=[(page, {size: _merge(samples[(page.label, size)]) for size in SIZES}) for page in pages],
    )


def warm_up(pages: list[Page], *, floor_user: str, n: int = 30) -> None:
    for size in SIZES:
        with data_size(size):
            measure(login(floor_user), FLOOR_PATH, 1, warmup=n)
            for page in pages:
                measure(login(page.username), page.url(), 1, warmup=n, headers=page.headers or None)


def _merge(parts: list[Figures]) -> Figures:
    """One figure from several rounds: all their samples pooled."""
    return Figures.of(
        parts[0].url,
        [t for p in parts for t in p.times],
        [q for p in parts for q in p.query_counts],
    )


def report(comparison: Comparison, *, title: str) -> None:
    """Print the figures with the ratios of quality.md's bars 1 and 2 (printed, never enforced)."""
    floor_s, floor_l = comparison.floor["S"], comparison.floor["L"]
    n = floor_l.n
    print(
        f"{title}: median and p95 server time (ms) of {n} requests per page and size, SQL queries per request"
    )
    columns = f"{'median':>8} {'p95':>6} {'SQL':>4}"
    header = f"{'page':<36} S {columns}   L {columns}   {'L/S':>5} {'L/floor':>7}"
    print(header)
    print("-" * len(header))
    rows = [("framework floor (base layout)", {"S": floor_s, "L": floor_l})]
    rows += [(page.label, figures) for page, figures in comparison.pages]
    verdicts = []
    for label, figures in rows:
        s, large = figures["S"], figures["L"]
        growth = large.median_ms / s.median_ms
        over_floor = large.median_ms / floor_l.median_ms
        queries_s = f"{s.queries}" if s.queries == s.queries_max else f"{s.queries}+"
        queries_l = f"{large.queries}" if large.queries == large.queries_max else f"{large.queries}+"
        print(
            f"{label:<36}   {s.median_ms:8.2f} {s.p95_ms:6.1f} {queries_s:>4}     "
            f"{large.median_ms:8.2f} {large.p95_ms:6.1f} {queries_l:>4}   {growth:5.2f} {over_floor:6.2f}×"
        )
        if label.startswith("framework floor"):
            continue
        problems = []
        if growth > FLAT_RATIO:
            problems.append(f"L/S {growth:.2f} > {FLAT_RATIO}")
        if large.queries_max != s.queries_max:
            problems.append(f"queries {s.queries_max} at S, {large.queries_max} at L")
        if large.queries_max > MAX_QUERIES:
            problems.append(f"{large.queries_max} queries > {MAX_QUERIES}")
        if over_floor > FLOOR_RATIO:
            problems.append(f"{over_floor:.1f}× the floor > {FLOOR_RATIO}×")
        verdicts.append(f"  {label}: " + ("within the bars" if not problems else "; ".join(problems)))
    print(
        f"bars (quality.md 1 and 2): L/S ≤ {FLAT_RATIO}, same queries at both sizes,"
        f" ≤ {MAX_QUERIES} queries, ≤ {FLOOR_RATIO:g}× the floor:"
    )
    print("\n".join(verdicts))

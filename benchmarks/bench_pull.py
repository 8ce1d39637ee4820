"""Pulling 300 accounts at the platform's pace (quality.md, performance bar 5).

A threaded fake Graph API answers every call in 100 ms. Two worker processes, each with as many
threads as the limit, pull half the accounts each through the real path (client, HTTP layer, the
Redis-shared limit of calls in flight, upserts into PostgreSQL). The figure is

    ratio = elapsed / ideal,  ideal = calls × 100 ms ÷ allowed concurrency

(the bar: at most 1.5), and the highest number of calls the fake saw in flight at once, which must
never exceed the limit although the two processes together have twice as many threads.

Run: ``make bench`` (or, with DATABASE_URL and REDIS_URL set, ``.venv/bin/python -m benchmarks.bench_pull``).
It works in a database of its own (``<DATABASE_URL's name>_pull``), created and migrated here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ACCOUNTS = 300
POSTS_PER_ACCOUNT = 2
DELAY = 0.1
LIMIT = 16
WORKERS = 2
# Threads per worker process: a pull spends time in the database between calls, so each process
# keeps more threads than the limit; the shared limit, not the thread count, bounds the calls.
THREADS = 2 * LIMIT
GO_KEY = "helsocial:bench_pull:go"


def _bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_pull"))


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup_django(database_url: str, redis_url: str, fake_url: str = "") -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")
    os.environ["PLATFORM_CONCURRENCY_FACEBOOK"] = str(LIMIT)
    os.environ["PLATFORM_HTTP_TIMEOUT"] = "10"
    os.environ["LOG_LEVEL"] = "WARNING"
    if fake_url:
        os.environ["FACEBOOK_GRAPH_URL"] = fake_url
    import django

    django.setup()


def worker(index: int, of: int, threads: int) -> None:
    """One worker process: pull its share of the accounts with `threads` threads."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from accounts.models import SocialAccount
    from metrics import services

    ids = list(
        SocialAccount.objects.filter(platform="facebook", name__startswith="Bench ")
        .order_by("pk")
        .values_list("pk", flat=True)
    )[index::of]

    busy = []

    def pull(pk: int) -> int:
        # Each thread keeps its database connection for all its accounts, as a Celery thread would.
        t0 = time.monotonic()
        result = services.account_pull(account=SocialAccount.objects.get(pk=pk))
        busy.append((time.monotonic() - t0, result.calls))
        return result.posts

    # Start together, after both processes are up: process start-up is not part of a pull.
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.REDIS_URL)
    print("ready", flush=True)
    while not client.exists(GO_KEY):
        time.sleep(0.001)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        posts = sum(pool.map(pull, ids))
    connection.close()
    per_account = sum(b for b, _c in busy) / max(len(busy), 1)
    print(
        f"worker {index}: {len(ids)} accounts, {posts} posts, {per_account * 1000:.0f} ms per account pull",
        flush=True,
    )


def _prepare_accounts() -> None:
    from django.db import transaction

    from accounts.models import Administration, SocialAccount
    from metrics.models import MetricSnapshot
    from platforms.models import AccountConnection, PlatformPost

    with transaction.atomic():
        admin, _created = Administration.objects.get_or_create(name="Bench-förvaltningen")
        bench = SocialAccount.objects.filter(name__startswith="Bench ")
        MetricSnapshot.objects.filter(account__in=bench).delete()
        PlatformPost.objects.filter(account__in=bench).delete()
        AccountConnection.objects.filter(account__in=bench).delete()
        existing = set(bench.values_list("platform_id", flat=True))
        for n in range(ACCOUNTS):
            if f"bench{n}" not in existing:
                account = SocialAccount(
                    administration=admin, name=f"Bench {n}", platform="facebook", platform_id=f"bench{n}"
                )
                account.access_token = "good-token"  # noqa: S105 - the fake platform's token
                account.save()


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url or not redis_url:
        print("bench_pull: needs DATABASE_URL (PostgreSQL) and REDIS_URL; run it through `make bench`.")
        return 0
    bench_url = _bench_database_url(database_url)
    _ensure_database(bench_url)

    import logging

    from tests.fakes.facebook import FakeFacebook

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    fake = FakeFacebook(threaded=True)
    fake.start()
    epoch = int(time.time()) - 3 * 86400
    for n in range(ACCOUNTS):
        page = f"bench{n}"
        fake.has_page(page, followers=1000 + n)
        fake.set_insights(page, page_total_media_view_unique=5000, page_post_engagements=90)
        for p in range(POSTS_PER_ACCOUNT):
            post = f"{page}_{p}"
            fake.has_post(page, post, epoch=epoch + p * 3600, message=f"Inlägg {p}", shares=p)
            fake.set_insights(post, post_total_media_view_unique=100 + p, post_clicks=p)

    _setup_django(bench_url, redis_url, fake.url)
    from django.core.management import call_command

    from metrics.models import MetricSnapshot
    from platforms.limiter import limiter_for
    from platforms.models import PlatformPost

    call_command("migrate", verbosity=0)
    _prepare_accounts()
    limiter = limiter_for("facebook")
    limiter.reset()

    env = dict(os.environ)
    fake.delay = DELAY
    fake.seen.clear()
    fake.max_in_flight = 0
    import redis

    go = redis.Redis.from_url(redis_url)
    go.delete(GO_KEY)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_pull", "--worker", str(i), "--of", str(WORKERS)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(WORKERS)
    ]
    for proc in procs:
        while (line := proc.stdout.readline()) and line.strip() != "ready":
            print(line, end="")
    started = time.monotonic()
    go.set(GO_KEY, "1", ex=600)
    codes = [p.wait() for p in procs]
    elapsed = time.monotonic() - started
    for proc in procs:
        print(proc.stdout.read(), end="")
    go.delete(GO_KEY)
    fake.stop()
    calls = len(fake.seen)
    ideal = calls * DELAY / LIMIT
    ratio = elapsed / ideal if ideal else float("nan")
    posts = PlatformPost.objects.filter(account__name__startswith="Bench ").count()
    snapshots = MetricSnapshot.objects.filter(account__name__startswith="Bench ").count()
    print(
        f"bench_pull: {ACCOUNTS} accounts, {WORKERS} worker processes × {THREADS} threads, limit {LIMIT} "
        f"calls in flight, {DELAY * 1000:.0f} ms per call"
    )
    print(f"  calls {calls}, posts stored {posts}, snapshots {snapshots}, worker exit codes {codes}")
    print(f"  elapsed {elapsed:.2f} s, ideal {ideal:.2f} s (calls × {DELAY}s ÷ {LIMIT})")
    print(f"  ratio elapsed/ideal = {ratio:.2f}  (bar: ≤ 1.5)")
    kept = "kept" if fake.max_in_flight <= LIMIT else "EXCEEDED"
    print(f"  most calls in flight at once = {fake.max_in_flight}  (limit {LIMIT}: {kept})")
    return 0 if all(c == 0 for c in codes) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", type=int)
    parser.add_argument("--of", type=int, default=WORKERS)
    args = parser.parse_args()
    if args.worker is not None:
        import django

        django.setup()
        worker(args.worker, args.of, threads=THREADS)
    else:
        sys.exit(main())

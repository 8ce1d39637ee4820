"""Pull posts, figures and comments now, in the foreground, with a progress line.

    manage.py pull_platforms [--account ID] [--since 2026-11-01T00:00] [--no-comments] [--threads N]

Accounts are pulled concurrently (each platform's own limit on calls in flight still holds, shared
with any running workers through Redis). Safe to rerun: pulls are upserts.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from accounts.models import SocialAccount
from metrics import services
from moderation.pull import account_pull_comments
from platforms.base import PlatformError
from platforms.selectors import pullable_account_ids


class Command(BaseCommand):
    help = "Pull posts, metrics and comments from the platforms in the foreground."

    def add_arguments(self, parser):
        parser.add_argument("--account", type=int, help="only this account (id)")
        parser.add_argument("--since", help="ISO date or time; default: since the last pull")
        parser.add_argument("--no-comments", action="store_true", help="posts and metrics only")
        parser.add_argument("--threads", type=int, default=settings.PULL_THREADS)

    def handle(self, *args, account=None, since=None, no_comments=False, threads=16, **options):
        since_at = None
        if since:
            since_at = parse_datetime(since)
            if since_at is None and parse_date(since):
                since_at = parse_datetime(f"{since}T00:00")
            if since_at is None:
                raise CommandError(f"--since: not an ISO date or time: {since!r}")
            if timezone.is_naive(since_at):
                since_at = timezone.make_aware(since_at)
        if account is not None:
            if not SocialAccount.objects.filter(pk=account).exists():
                raise CommandError(f"No account with id {account}.")
            ids = [account]
        else:
            ids = pullable_account_ids()
        total = len(ids)
        done = failed = posts = comments = 0
        started = time.monotonic()

        def one(account_id: int):
            acct = SocialAccount.objects.get(pk=account_id)
            result = services.account_pull(account=acct, since=since_at)
            if not no_comments and not result.skipped:
                result.comments = account_pull_comments(account=acct).comments
            return result

        def threaded(account_id: int):
            # Each thread has its own database connection: close it when done.
            close_old_connections()
            try:
                return one(account_id)
            finally:
                close_old_connections()

        def outcomes():
            if threads <= 1 or total <= 1:
                for account_id in ids:
                    try:
                        yield account_id, one(account_id), None
                    except PlatformError as exc:
                        yield account_id, None, exc
                return
            with ThreadPoolExecutor(max_workers=threads) as pool:
                futures = {pool.submit(threaded, account_id): account_id for account_id in ids}
                for future in as_completed(futures):
                    try:
                        yield futures[future], future.result(), None
                    except PlatformError as exc:
                        yield futures[future], None, exc

        for account_id, result, error in outcomes():
            done += 1
            if error is not None:
                failed += 1
                self.stderr.write(f"\naccount {account_id}: {error}")
            else:
                posts += result.posts
                comments += result.comments
                if result.skipped:
                    self.stderr.write(f"\naccount {account_id}: skipped ({result.skipped})")
            self._progress(done, total)
        self.stdout.write(
            f"\n{done} accounts in {time.monotonic() - started:.1f}s: {posts} posts, {comments} comments, "
            f"{failed} failed\n"
        )
        if failed:
            raise CommandError(f"{failed} of {total} accounts failed; rerun to retry them.")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stdout.write(line, ending="")
        if hasattr(sys.stdout, "flush"):
            self.stdout.flush()

"""Demo data for `manage.py seed_demo`: connect the demo account and pull from the demo platform.

Posts, a month of daily figures and the comments (handed to moderation) come from the demo
platform's generator, so `make run` shows a living portal without any network. Idempotent: the
pulls are upserts and the demo platform is deterministic per seed.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import SocialAccount
from moderation.pull import account_pull_comments
from platforms.demo_platform import DemoClient
from platforms.models import AccountConnection, PlatformPost
from platforms.services import account_connect, connection_for

from . import demo_history, rollup, services

HISTORY_DAYS = 30
REPORT_HISTORY_DAYS = 400  # 13 months and a little more, for the monthly report


def seed(*, stdout=None) -> list:
    now = timezone.now()
    for account in SocialAccount.objects.filter(platform=SocialAccount.Platform.DEMO).order_by("pk"):
        if not account.platform_id:
            account.platform_id = f"demo-{account.pk}"
            account.save(update_fields=["platform_id", "updated_at"])
        connection = connection_for(account)
        if connection.status != AccountConnection.Status.OK:
            account_connect(account=account, token="", by=None, expires_at=None)
        key = account.platform_id
        client = DemoClient(account_key=key, now=now)
        result = services.account_pull(
            account=account, since=now - timedelta(days=HISTORY_DAYS), now=now, client=client
        )
        # A month of daily figures, each day as the platform would have reported it that evening.
        for days_ago in range(HISTORY_DAYS, 0, -1):
            day = timezone.localdate(now) - timedelta(days=days_ago)
            evening = timezone.make_aware(datetime.combine(day, time(21, 0)))
            past = DemoClient(account_key=key, now=evening)
            ids = list(
                PlatformPost.objects.filter(
                    account=account,
                    created_at__lte=evening,
                    created_at__gte=evening - timedelta(days=HISTORY_DAYS),
                )
                .exclude(platform_id__startswith=demo_history.PREFIX)  # the history's, not the platform's
                .values_list("platform_id", flat=True)
            )
            services.snapshots_upsert(
                account=account,
                day=day,
                posts=past.post_metrics(ids),
                totals=past.account_metrics(day),
                facts=past.figure_facts,
                settled=day <= services.last_settled_day(now=now, facts=past.figure_facts),
            )
        # The year before that as the account's days alone (the posts' lifetime figures are the last
        # month's), so the monthly report has 13 months to compare with.
        for days_ago in range(REPORT_HISTORY_DAYS, HISTORY_DAYS, -1):
            day = timezone.localdate(now) - timedelta(days=days_ago)
            evening = timezone.make_aware(datetime.combine(day, time(21, 0)))
            past = DemoClient(account_key=key, now=evening)
            services.snapshots_upsert(
                account=account,
                day=day,
                posts={},
                totals=past.account_metrics(day),
                facts=past.figure_facts,
                settled=True,
            )
        history = [timezone.localdate(now) - timedelta(days=n) for n in range(REPORT_HISTORY_DAYS + 1)]
        rollup.months_rollup(account_ids=[account.pk], months=history, now=now)
        comments = account_pull_comments(account=account, now=now, client=client)
        if stdout is not None:
            stdout.write(
                f"metrics: {account.name}: {result.posts} posts, {comments.comments} comments and messages "
                f"from the demo platform"
            )
    demo_history.seed(now=now, stdout=stdout)
    return []


# The account review's demo accounts and states (metrics/review/demo.py), after the figures above.
_seed_figures = seed


def seed(*, stdout=None) -> list:
    from .review import demo as review_demo

    logins = _seed_figures(stdout=stdout)
    review_demo.seed(stdout=stdout)
    _send_last_months_reports(stdout=stdout)
    return logins


def _send_last_months_reports(*, stdout=None) -> None:
    """Last month's report mails, as beat sends them on the first working day: on `make run` they
    land in var/mail/. Each goes once (the outbox's key), so a second seed sends nothing."""
    from django.utils import translation

    from .reports.mail import send_monthly_reports

    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    with translation.override("sv"):
        result = send_monthly_reports(month=last_month)
    if stdout is not None:
        stdout.write(f"metrics: {result.queued} monthly report mails for {last_month:%Y-%m}")

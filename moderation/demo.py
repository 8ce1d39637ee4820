"""Demo data for `manage.py seed_demo`: the queues filled from the demo platform.

The demo-platform account is pulled by metrics' seed through the real pull path. Every other
account with comments (not X, which only carries press releases) gets the demo platform's
posts of the last two weeks with their comments, the direct messages of the last week and, on
LinkedIn accounts, the last two weeks' mentions of the city in others' posts, through
the same ingest as the real platforms: triaged, timed and queued. Rerunning changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import SocialAccount
from metrics.platforms.demo import DemoClient

from .ingest import comments_ingest
from .models import Comment
from .triage import ruleset_load

POST_DAYS = 14
MESSAGE_DAYS = 7


def seed(*, stdout=None) -> list[tuple[str, str]]:
    now = timezone.now()
    rules = ruleset_load()
    total = 0
    for account in SocialAccount.objects.exclude(platform=SocialAccount.Platform.X).select_related(
        "administration"
    ):
        client = DemoClient(account_key=f"{account.platform}:{account.handle or account.pk}", now=now)
        items = []
        for post in client.posts_since(now - timedelta(days=POST_DAYS)):
            items.extend(client.comments(post.id))
        items.extend(client.messages(now - timedelta(days=MESSAGE_DAYS)))
        # LinkedIn accounts are mentioned in others' posts now and then (the guideline's tip).
        items.extend(client.mentions(now - timedelta(days=POST_DAYS)))
        if items:
            total += comments_ingest(account=account, items=items, rules=rules, now=now).created
    if stdout is not None:
        stdout.write(
            f"moderation: {total} new comments; {Comment.objects.open().count()} open in the queues."
        )
    return []

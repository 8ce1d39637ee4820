"""seed_demo's metrics part: the demo account is connected and filled from the demo platform, idempotently."""

from __future__ import annotations

from metrics import demo
from metrics.models import MetricSnapshot, MonthlyRollup
from moderation.models import Comment
from platforms.models import AccountConnection, PlatformPost
from tests.factories import SocialAccountFactory


def test_seed_connects_the_demo_account_and_pulls_a_month(administration):
    account = SocialAccountFactory(administration=administration, platform="demo", platform_id="")
    demo.seed()
    account.refresh_from_db()
    assert AccountConnection.objects.get(account=account).status == AccountConnection.Status.OK
    posts = PlatformPost.objects.filter(account=account).count()
    assert posts >= 15
    days = MetricSnapshot.objects.filter(account=account, metric_set="account_day").values("day").distinct()
    assert days.count() >= 30
    comments = Comment.objects.filter(account=account).count()
    assert comments > 20
    snapshots = MetricSnapshot.objects.count()
    rollups = MonthlyRollup.objects.filter(account=account).count()
    assert MonthlyRollup.objects.filter(account=account, subject="", views__isnull=False).exists()
    demo.seed()
    assert MonthlyRollup.objects.filter(account=account).count() == rollups
    assert PlatformPost.objects.filter(account=account).count() == posts
    assert Comment.objects.filter(account=account).count() == comments
    assert MetricSnapshot.objects.count() == snapshots

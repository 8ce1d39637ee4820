"""A real Celery worker on Redis pulls accounts from a fake platform."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from metrics.models import MetricSnapshot, MonthlyRollup
from metrics.tasks import pull_account, pull_all_posts
from platforms.models import AccountConnection, PlatformPost
from tests.factories import SocialAccountFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

T0 = int((datetime.now(UTC) - timedelta(days=1)).timestamp())


@pytest.fixture
def celery_worker_env(fake_facebook):
    return {
        "FACEBOOK_GRAPH_URL": fake_facebook.url,
        "PLATFORM_HTTP_TIMEOUT": "1",
        "PLATFORM_HTTP_BACKOFF_BASE": "0.01",
        "PLATFORM_HTTP_BACKOFF_MAX": "0.05",
    }


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _account(administration, page_id, token="good-token"):
    account = SocialAccountFactory(administration=administration, platform="facebook", platform_id=page_id)
    account.access_token = token
    account.save()
    return account


def test_a_worker_pulls_through_faults_and_marks_expired_tokens(
    fake_facebook, celery_worker_process, administration
):
    good = _account(administration, "111")
    expired = _account(administration, "222", token="old-token")
    fake_facebook.expired_tokens.add("old-token")
    for page in ("111", "222"):
        fake_facebook.has_page(page)
        fake_facebook.has_post(page, f"{page}_1", epoch=T0, message="Hej")
    fake_facebook.fault("503", times=2)
    assert pull_all_posts.delay() is not None
    assert wait_for(lambda: PlatformPost.objects.filter(account=good).count() == 1)
    assert wait_for(
        lambda: AccountConnection.objects.filter(
            account=expired, status=AccountConnection.Status.NEEDS_NEW_TOKEN
        ).exists()
    )
    assert wait_for(lambda: MetricSnapshot.objects.filter(account=good, metric_set="account_day").exists())
    # After the pull a task recomputes the months it touched: the account's and its post's.
    assert wait_for(lambda: MonthlyRollup.objects.filter(account=good, subject="").exists())
    assert wait_for(lambda: MonthlyRollup.objects.filter(account=good, subject="111_1").exists())
    assert not PlatformPost.objects.filter(account=expired).exists()
    # Again: idempotent, and no call at all for the expired account.
    calls_for_222 = len(fake_facebook.calls(path="/222"))
    pull_account.delay(good.pk)
    pull_account.delay(expired.pk)
    celery_worker_process.wait_idle()
    assert PlatformPost.objects.filter(account=good).count() == 1
    assert len(fake_facebook.calls(path="/222")) == calls_for_222

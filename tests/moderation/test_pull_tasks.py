"""The comment pulls are moderation's tasks now; messages queued under metrics' old names still run."""

from __future__ import annotations

import pytest

from moderation import tasks
from moderation.models import Comment
from tests.factories import SocialAccountFactory


@pytest.fixture(autouse=True)
def registered():
    # A worker finds the tasks by autodiscovery; this process by importing their module.
    assert tasks.pull_all_comments.name == "moderation.tasks.pull_all_comments"


@pytest.fixture
def demo_account(db):
    # The demo platform answers without any network, with messages on every account.
    return SocialAccountFactory(platform="demo", platform_id="demo-pull")


def test_the_beat_pull_fans_out_to_every_pullable_account(celery_eager, demo_account):
    celery_eager.tasks["moderation.tasks.pull_all_comments"].delay()
    assert Comment.objects.filter(account=demo_account, kind=Comment.Kind.MESSAGE).exists()


def test_a_pull_queued_under_its_old_metrics_name_still_pulls(celery_eager, demo_account):
    celery_eager.tasks["metrics.tasks.pull_account_comments"].delay(demo_account.pk)
    assert Comment.objects.filter(account=demo_account, kind=Comment.Kind.MESSAGE).exists()


def test_the_old_beat_name_still_fans_out(celery_eager, demo_account):
    assert celery_eager.tasks["metrics.tasks.pull_all_comments"].delay().get() == 1
    assert Comment.objects.filter(account=demo_account).exists()

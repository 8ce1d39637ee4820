"""A real Celery worker counts the start page's kept figures anew after an action
(accounts/summary.py), while the pages go on reading the kept ones."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts import summary
from accounts.access import start_page
from moderation.actions import comment_no_action
from moderation.ingest import comments_ingest
from moderation.models import Comment
from moderation.start import CITY_QUEUES, queue_cards
from tests.moderation.helpers import remote
from tests.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def kept_open() -> int | None:
    kept = cache.get(summary._key(CITY_QUEUES))
    return None if kept is None else kept.value["total"]["open"]


@pytest.fixture
def worker_cache(settings, redis_broker):
    """This process reads the cache the worker writes: the worker's REDIS_URL (until the test's
    Redis stops)."""
    previous = settings.CACHES
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_broker.url()}
    }
    yield
    settings.CACHES = previous


def test_a_worker_counts_the_city_anew_after_a_comment_is_handled(
    celery_worker_process, worker_cache, akn_user, account
):
    comments_ingest(account=account, items=[remote(i, "Hur söker jag bygglov?") for i in ("a", "b")])
    (_kc, city) = queue_cards(akn_user, start_page(akn_user), timezone.now())
    assert city.links[0].count == 2
    assert kept_open() == 2
    # Committed at once (the worker reads committed data): the worker, not a page, counts anew.
    comment_no_action(comment=Comment.objects.get(platform_id="a"), by=akn_user)
    wait_until(lambda: kept_open() == 1, timeout=30, what="the worker's count of the city")
    (_kc, city) = queue_cards(akn_user, start_page(akn_user), timezone.now())
    assert city.links[0].count == 1
    celery_worker_process.wait_idle()

"""Each platform's limit of calls in flight holds across threads (and across processes via Redis)."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from platforms.facebook import FacebookClient
from platforms.limiter import LocalLimiter, RedisLimiter, limiter_for
from tests.fakes.facebook import FakeFacebook
from tests.waiting import wait_until


def _hammer(fake: FakeFacebook, settings, limit: int, calls: int = 48) -> None:
    settings.PLATFORM_CONCURRENCY = {"facebook": limit}
    settings.FACEBOOK_GRAPH_URL = fake.url

    def one(_n):
        FacebookClient(page_id="111", token="good-token").http.call(
            "GET", "111", params={"fields": "followers_count"}
        )

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(one, range(calls)))


@pytest.fixture
def slow_facebook():
    fake = FakeFacebook(delay=0.05).start()
    fake.has_page("111")
    yield fake
    fake.stop()


def test_in_process_limit_is_never_exceeded_and_is_used(slow_facebook, settings):
    settings.REDIS_URL = ""
    _hammer(slow_facebook, settings, limit=6)
    assert isinstance(limiter_for("facebook"), LocalLimiter)
    assert slow_facebook.max_in_flight == 6


@pytest.mark.redis
def test_redis_limit_is_shared_and_never_exceeded(slow_facebook, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    _hammer(slow_facebook, settings, limit=5)
    limiter = limiter_for("facebook")
    assert isinstance(limiter, RedisLimiter)
    assert slow_facebook.max_in_flight == 5
    assert limiter.in_flight() == 0  # every slot returned


def test_a_pause_holds_every_caller(settings):
    limiter = LocalLimiter("x", limit=4)
    limiter.pause(30)
    assert 29 < limiter.paused_for() <= 30


@pytest.mark.redis
def test_a_slot_held_by_a_dead_worker_comes_back_after_its_lease():
    limiter = RedisLimiter("bench-dead", redis_url=os.environ["REDIS_URL"], limit=1, lease_seconds=0.3)
    limiter.reset()
    limiter._acquire()  # taken and never returned: the worker died
    assert limiter.in_flight() == 1
    started = time.monotonic()
    with limiter.slot():
        waited = time.monotonic() - started
        assert limiter.in_flight() == 1  # the dead lease was reaped; ours is the one in flight
    assert 0.3 <= waited < 3
    assert limiter.in_flight() == 0
    limiter.reset()


def _waiting_for_a_slot(limiter: RedisLimiter) -> bool:
    """True while a client of the limiter's Redis database is blocked taking a token (BLPOP)."""
    db = limiter._redis.connection_pool.connection_kwargs.get("db", 0)
    return any(c["cmd"] == "blpop" and int(c["db"]) == db for c in limiter._redis.client_list())


@pytest.mark.redis
def test_a_slot_is_handed_to_a_waiter_at_once():
    limiter = RedisLimiter("bench-handoff", redis_url=os.environ["REDIS_URL"], limit=1)
    limiter.reset()
    token = limiter._acquire()
    got = []

    def waiter():
        with limiter.slot():
            got.append(time.monotonic())

    thread = threading.Thread(target=waiter)
    thread.start()
    wait_until(lambda: _waiting_for_a_slot(limiter), timeout=5, what="the waiter to block for a slot")
    released = time.monotonic()
    limiter._release(token)
    thread.join(5)
    assert got and got[0] - released < 0.1  # woken by the release, not by a poll
    assert time.monotonic() - released < 1
    limiter.reset()

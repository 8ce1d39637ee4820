"""Fixtures for the metrics tests: fake platforms on local servers, with the clients pointed at them."""

from __future__ import annotations

import pytest

from tests.fakes import reset_limiters
from tests.fakes.facebook import FakeFacebook
from tests.fakes.instagram import FakeInstagram
from tests.fakes.linkedin import FakeLinkedIn
from tests.fakes.x import FakeX


@pytest.fixture(autouse=True)
def fast_platform_settings(settings):
    """Short timeouts and backoff so faults are retried in milliseconds, and fresh shared limits."""
    settings.PLATFORM_HTTP_TIMEOUT = 0.5
    settings.PLATFORM_HTTP_ATTEMPTS = 4
    settings.PLATFORM_HTTP_BACKOFF_BASE = 0.01
    settings.PLATFORM_HTTP_BACKOFF_MAX = 0.05
    settings.PLATFORM_HTTP_MAX_INLINE_WAIT = 5.0
    reset_limiters()
    yield settings
    reset_limiters()


def _serve(fake):
    fake.start()
    return fake


@pytest.fixture
def fake_facebook(settings):
    fake = _serve(FakeFacebook())
    settings.FACEBOOK_GRAPH_URL = fake.url
    yield fake
    fake.stop()


@pytest.fixture
def fake_instagram(settings):
    fake = _serve(FakeInstagram())
    settings.INSTAGRAM_GRAPH_URL = fake.url
    yield fake
    fake.stop()


@pytest.fixture
def fake_linkedin(settings):
    fake = _serve(FakeLinkedIn())
    settings.LINKEDIN_API_URL = fake.url
    yield fake
    fake.stop()


@pytest.fixture
def fake_x(settings):
    fake = _serve(FakeX())
    settings.X_API_URL = fake.url
    yield fake
    fake.stop()

"""Press releases from the city's feed are posted to X once each, even with two workers racing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from django.db import connection
from pytest_httpserver import HTTPServer

from metrics.models import PressRelease
from metrics.press_releases import press_releases_poll
from platforms.x import weighted_length
from tests.factories import SocialAccountFactory

NOW = datetime.now(UTC)
LONG_TITLE = (
    "Helsingborgs stad inför nya regler för uteserveringar längs Kullagatan och Stortorget 🌞 – "
    "kommunfullmäktige beslutade i kväll efter en lång debatt om tillgänglighet, buller och "
    "trygghet att uteserveringarna ska få vara öppna längre på sommaren men med tydligare krav på "
    "framkomlighet för personer med funktionsnedsättning och barnvagnar"
)


def rss(items: list[tuple[str, str, str, datetime]]) -> str:
    entries = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>"
        for guid, title, link, when in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Pressmeddelanden</title>"
        f"<link>https://helsingborg.se</link>{entries}</channel></rss>"
    )


@pytest.fixture
def feed(settings):
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    body = rss(
        [
            (
                "pr-1",
                LONG_TITLE,
                "https://helsingborg.se/press/uteserveringar-2026",
                NOW - timedelta(hours=2),
            ),
            (
                "pr-2",
                "Ny simhall öppnar i Drottninghög",
                "https://helsingborg.se/press/simhall",
                NOW - timedelta(hours=1),
            ),
            (
                "pr-old",
                "Gammalt pressmeddelande",
                "https://helsingborg.se/press/gammalt",
                NOW - timedelta(days=30),
            ),
        ]
    )
    server.expect_request("/press.rss").respond_with_data(body, content_type="application/rss+xml")
    settings.PRESS_RELEASE_FEED_URL = server.url_for("/press.rss")
    yield server
    server.stop()


@pytest.fixture
def x_account(city_administration):
    account = SocialAccountFactory(
        administration=city_administration, platform="x", platform_id="42", is_citywide=True
    )
    account.access_token = "good-token"
    account.save()
    return account


def test_new_releases_are_posted_shortened_and_old_ones_skipped(feed, fake_x, x_account):
    result = press_releases_poll()
    assert (result.posted, result.duplicates) == (2, 0)
    texts = [p["text"] for p in fake_x.posted]
    assert texts[1] == "Ny simhall öppnar i Drottninghög https://helsingborg.se/press/simhall"
    assert texts[0].endswith("… https://helsingborg.se/press/uteserveringar-2026")
    assert 260 <= weighted_length(texts[0]) <= 280
    assert PressRelease.objects.get(guid="pr-old").status == PressRelease.Status.SKIPPED
    assert press_releases_poll().posted == 0
    assert len(fake_x.posted) == 2


def test_xs_duplicate_answer_counts_as_posted(feed, fake_x, x_account):
    fake_x.posted.append(
        {"id": "1", "text": "Ny simhall öppnar i Drottninghög https://helsingborg.se/press/simhall"}
    )
    result = press_releases_poll()
    assert (result.posted, result.duplicates) == (1, 1)
    assert PressRelease.objects.filter(status=PressRelease.Status.POSTED).count() == 2


def test_an_unavailable_x_leaves_the_release_pending_for_the_next_poll(feed, fake_x, x_account, settings):
    settings.PLATFORM_HTTP_ATTEMPTS = 1
    fake_x.fault("503", times=1)
    first = press_releases_poll()
    assert first.posted == 1
    assert PressRelease.objects.filter(status=PressRelease.Status.PENDING).count() == 1
    assert press_releases_poll().posted == 1
    assert len(fake_x.posted) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_racing_workers_post_each_release_once(feed, fake_x, x_account):
    fake_x.delay = 0.2  # X takes its time: both workers are inside the posting window together
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(press_releases_poll())
        except Exception as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(p["text"].split(" https://")[1] for p in fake_x.posted) == [
        "helsingborg.se/press/simhall",
        "helsingborg.se/press/uteserveringar-2026",
    ]
    # Not even an attempt at a second post: the lock, not X's duplicate check, kept it to one.
    assert len(fake_x.calls("POST", "/2/tweets$")) == 2
    assert sum(r.posted + r.duplicates for r in results) == 2
    assert PressRelease.objects.filter(status=PressRelease.Status.POSTED).count() == 2
    assert PressRelease.objects.filter(guid="pr-1").count() == 1

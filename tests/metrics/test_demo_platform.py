"""The demo platform: deterministic per seed, Swedish, with guideline-breaking comments, no network."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime, timedelta

import pytest

from platforms.demo_platform import DemoClient

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the demo platform opened a socket")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def pull(client: DemoClient):
    posts = list(client.posts_since(NOW - timedelta(days=30)))
    comments = [c for p in posts for c in client.comments(p.id)]
    messages = list(client.messages(NOW - timedelta(days=30)))
    metrics = client.post_metrics([p.id for p in posts])
    return posts, comments, messages, metrics


def test_the_same_seed_gives_the_same_world(no_network):
    first = pull(DemoClient(account_key="a", seed=1, now=NOW))
    again = pull(DemoClient(account_key="a", seed=1, now=NOW))
    other = pull(DemoClient(account_key="a", seed=2, now=NOW))
    assert first == again
    assert first[0] != other[0]


def test_a_month_has_posts_comments_messages_and_figures(no_network):
    posts, comments, messages, metrics = pull(DemoClient(account_key="a", seed=1, now=NOW))
    assert len(posts) >= 15 and len(comments) >= 40 and len(messages) >= 3
    assert all(p.created_at <= NOW for p in posts) and all(c.created_at <= NOW for c in comments)
    assert any("?" in c.text for c in comments)  # questions
    assert {c.kind for c in comments} >= {"comment", "reply"}
    assert all(m.reach is not None and m.reach >= 0 for m in metrics.values())


def test_some_comments_break_the_guidelines(no_network):
    texts = []
    for key in "abcd":
        _posts, comments, _m, _d = pull(DemoClient(account_key=key, seed=7, now=NOW))
        texts += [c.text for c in comments]
    assert any("idiot" in t for t in texts)
    assert any("070-123 45 67" in t or "0701234567" in t for t in texts)
    assert any(".xyz" in t or ".top" in t for t in texts)


def test_figures_grow_while_a_post_is_young():
    post = next(iter(DemoClient(account_key="a", seed=1, now=NOW).posts_since(NOW - timedelta(days=1))), None)
    if post is None:
        pytest.skip("no post that day for this seed")
    early = DemoClient(account_key="a", seed=1, now=post.created_at + timedelta(hours=2)).post_metrics(
        [post.id]
    )
    later = DemoClient(account_key="a", seed=1, now=post.created_at + timedelta(days=4)).post_metrics(
        [post.id]
    )
    assert early[post.id].reach <= later[post.id].reach


def test_account_metrics_are_stable_per_day():
    c = DemoClient(account_key="a", seed=1, now=NOW)
    assert c.account_metrics(date(2026, 11, 20)) == c.account_metrics(date(2026, 11, 20))
    assert (
        c.account_metrics(date(2026, 11, 21)).followers == c.account_metrics(date(2026, 11, 20)).followers + 3
    )

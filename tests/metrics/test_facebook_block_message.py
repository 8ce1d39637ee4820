"""Blocking a person from a Page and a private reply to a comment's author, against the fake Graph API.

The requests and answers are Meta's documented ones (see the FacebookClient docstring): `POST
/{page-id}/blocked` `user=…` -> `{"<id>": true}`, and `POST /{page-id}/messages` with
`{"recipient": {"comment_id": …}, "message": {"text": …}}` -> `{"recipient_id": …, "message_id": …}`.
"""

from __future__ import annotations

import json

import pytest

from platforms.base import (
    Capability,
    InvalidRequest,
    NotSupported,
    PlatformUnavailable,
    RateLimited,
    TokenExpired,
)
from platforms.facebook import FacebookClient
from platforms.instagram import InstagramClient

T0 = 1790000000


def client() -> FacebookClient:
    return FacebookClient(page_id="111", token="good-token")


@pytest.fixture
def graph(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.has_comment("111_1", "111_1_1", message="Du är en idiot", epoch=T0, author=("66", "X"))
    return fake_facebook


# --- block ------------------------------------------------------------------------------------------


def test_block_posts_the_author_to_the_pages_blocked_edge(graph):
    client().block("66")
    [call] = graph.calls("POST", "/111/blocked$")
    assert call.body == b"user=66" and call.headers["Authorization"] == "Bearer good-token"
    assert graph.blocked == {"111": ["66"]}
    assert {Capability.BLOCK, Capability.MESSAGE_AUTHOR} <= client().capabilities


def test_blocking_twice_is_harmless(graph):
    client().block("66")
    client().block("66")
    assert graph.blocked == {"111": ["66"]}


def test_a_block_meta_answers_false_for_is_an_error(graph):
    graph.unblockable.add("66")
    with pytest.raises(InvalidRequest):
        client().block("66")
    assert graph.blocked == {}


@pytest.mark.parametrize("fault", ["429", "throttle:32", "500"])
def test_a_throttled_or_failed_block_is_retried(graph, fault):
    graph.fault(fault, times=2, path="/blocked$")
    client().block("66")
    assert len(graph.calls("POST", "/111/blocked$")) == 3
    assert graph.blocked == {"111": ["66"]}


def test_a_block_with_an_expired_token_is_not_retried(graph):
    graph.fault("expired", path="/blocked$")
    with pytest.raises(TokenExpired):
        client().block("66")
    assert len(graph.calls("POST", "/111/blocked$")) == 1 and graph.blocked == {}


# --- private reply ----------------------------------------------------------------------------------


def test_a_private_reply_goes_to_the_pages_send_api_with_the_comment_id(graph):
    message_id = client().message_author("111_1_1", "Hej! Vi har tagit bort din kommentar.")
    [call] = graph.calls("POST", "/111/messages$")
    assert json.loads(call.body) == {
        "recipient": {"comment_id": "111_1_1"},
        "message": {"text": "Hej! Vi har tagit bort din kommentar."},
    }
    assert call.headers["Content-Type"] == "application/json"
    assert message_id == graph.private_replies[0]["message_id"] and message_id.startswith("m_")


def test_a_private_reply_to_a_comment_meta_does_not_know_is_an_error(graph):
    with pytest.raises(InvalidRequest):
        client().message_author("111_1_999", "Hej")
    assert graph.private_replies == []


@pytest.mark.parametrize("fault", ["429", "throttle:613"])
def test_a_throttled_private_reply_is_sent_again(graph, fault):
    graph.fault(fault, times=2, path="/messages$")
    client().message_author("111_1_1", "Hej")
    assert len(graph.calls("POST", "/111/messages$")) == 3
    assert len(graph.private_replies) == 1


def test_a_private_reply_that_may_have_gone_out_is_not_sent_again(graph):
    # A 500 (or a timeout) may come after Meta sent it, and Meta takes one per comment.
    graph.fault("500", times=2, path="/messages$")
    with pytest.raises(PlatformUnavailable):
        client().message_author("111_1_1", "Hej")
    assert len(graph.calls("POST", "/111/messages$")) == 1


def test_a_private_reply_throttled_past_the_attempts_raises(graph):
    graph.fault("429", times=10, path="/messages$")
    with pytest.raises(RateLimited):
        client().message_author("111_1_1", "Hej")
    assert len(graph.calls("POST", "/111/messages$")) == 4  # PLATFORM_HTTP_ATTEMPTS
    assert graph.private_replies == []


def test_a_private_reply_with_an_expired_token_is_not_retried(graph):
    graph.fault("expired", path="/messages$")
    with pytest.raises(TokenExpired):
        client().message_author("111_1_1", "Hej")
    assert len(graph.calls("POST", "/111/messages$")) == 1


def test_instagram_offers_neither_and_says_why(fake_instagram):
    instagram = InstagramClient(user_id="17841", token="good-token")
    assert Capability.BLOCK not in instagram.capabilities
    assert Capability.MESSAGE_AUTHOR not in instagram.capabilities
    with pytest.raises(NotSupported):
        instagram.block("66")
    with pytest.raises(NotSupported):
        instagram.message_author("c1", "Hej")
    assert fake_instagram.calls() == []


def test_the_demo_platform_blocks_and_messages_so_make_run_shows_both():
    from platforms.demo_platform import DemoClient

    demo = DemoClient(account_key="1")
    assert {Capability.BLOCK, Capability.MESSAGE_AUTHOR} <= demo.capabilities
    demo.block("demo-user-3")
    assert demo.message_author("demo-1-c0", "Hej").startswith("demo-1-c0-m")
    assert demo.calls == 2

"""The Facebook client against a fake Graph API: paging, figures, writes and every fault Meta sends."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from platforms.base import (
    AlreadyGone,
    Capability,
    NotSupported,
    PermissionMissing,
    PlatformUnavailable,
    PostMetrics,
    RateLimited,
    TokenExpired,
)
from platforms.facebook import FacebookClient

T0 = 1790000000  # 2026-09-21


def client() -> FacebookClient:
    return FacebookClient(page_id="111", token="good-token")


@pytest.fixture
def page(fake_facebook):
    fake_facebook.has_page("111", followers=4321)
    for n in range(130):
        fake_facebook.has_post("111", f"111_{n}", epoch=T0 + n * 60, message=f"Inlägg {n}")
    return fake_facebook


def test_posts_follow_meta_paging_to_the_last_page(page):
    posts = list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(posts) == 130
    assert posts[0].id == "111_129"  # newest first
    assert posts[0].created_at == datetime.fromtimestamp(T0 + 129 * 60, UTC)
    assert len(page.calls("GET", r"/111/posts$")) == 2  # limit 100: two pages


def test_paging_links_never_carry_the_token_back_to_the_server(page):
    list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    for seen in page.calls():
        assert "good-token" not in seen.query
        assert seen.headers["Authorization"] == "Bearer good-token"
        assert seen.path.startswith("/v25.0/")


def test_the_token_never_appears_in_urllib3_debug_log(page, caplog):
    caplog.set_level(logging.DEBUG, logger="urllib3")
    caplog.set_level(logging.DEBUG, logger="platforms")
    page.has_comment("111_5", "111_5_1", message="Hej!", epoch=T0)
    page.fault("500", path="/comments")
    c = client()
    list(c.posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    list(c.comments("111_5"))
    assert any("GET /v25.0/111/posts" in r.getMessage() for r in caplog.records)  # the log did run
    assert "good-token" not in caplog.text


def test_a_link_post_gives_its_link_and_media_type(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0, message="Läs mer", link="https://helsingborg.se/lov")
    (post,) = client().posts_since(datetime(2026, 1, 1, tzinfo=UTC))
    assert (post.link, post.media_type, post.text) == ("https://helsingborg.se/lov", "link", "Läs mer")


def test_comments_and_replies_come_with_their_parents(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.has_comment("111_1", "111_1_1", message="Hej!", epoch=T0 + 10, author=("9", "Anna"))
    fake_facebook.has_comment("111_1", "111_1_2", message="Svar", epoch=T0 + 20, parent="111_1_1")
    first, reply = client().comments("111_1")
    assert (first.kind, first.author_name, first.text, first.parent_id) == ("comment", "Anna", "Hej!", None)
    assert (reply.kind, reply.parent_id, reply.post_id) == ("reply", "111_1_1", "111_1")


def test_messages_come_with_the_pages_own_in_one_conversation_and_skip_older_ones(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_message("111", "t_1", "m_0", text="Gammalt", epoch=T0 - 100)
    fake_facebook.has_message("111", "t_1", "m_1", text="Hej kommunen", epoch=T0 + 100)
    fake_facebook.has_message("111", "t_1", "m_2", text="Svar", epoch=T0 + 200, author=("111", "Staden"))
    messages = sorted(client().messages(datetime.fromtimestamp(T0, UTC)), key=lambda m: m.created_at)
    assert [(m.kind, m.text, m.author_id) for m in messages] == [
        ("message", "Hej kommunen", "7"),
        ("message", "Svar", "111"),
    ]
    assert {m.post_id for m in messages} == {"conversation:7"}


def test_post_metrics_leave_what_facebook_does_not_give_as_none(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0, shares=4, reactions=7)
    fake_facebook.has_comment("111_1", "111_1_1", message="Hej!", epoch=T0 + 10)
    fake_facebook.set_insights("111_1", post_total_media_view_unique=900, post_clicks=12)
    metrics = client().post_metrics(["111_1"])["111_1"]
    assert metrics == PostMetrics(
        reach=900,
        video_views=None,
        clicks=12,
        link_clicks=None,
        reactions=7,
        comments=1,
        shares=4,
        saves=None,
    )
    assert metrics.missing["saves"] == "not_given" and metrics.missing["video_views"] == "empty"


def test_a_metric_meta_rejects_keeps_the_others(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.retired_metrics.add("post_video_views")  # Meta retires one more
    fake_facebook.set_insights("111_1", post_total_media_view_unique=900, post_clicks=3)
    metrics = client().post_metrics(["111_1"])["111_1"]
    assert (metrics.reach, metrics.clicks, metrics.video_views) == (900, 3, None)
    assert metrics.missing["video_views"] == "retired"


def test_the_fake_rejects_retired_metrics_with_code_100(fake_facebook):
    fake_facebook.has_page("111")
    from platforms.base import InvalidRequest

    with pytest.raises(InvalidRequest, match="code 100"):
        client().http.call("GET", "111/insights", params={"metric": "page_impressions"})


def test_account_metrics(fake_facebook):
    fake_facebook.has_page("111", followers=4321)
    fake_facebook.set_insights("111", page_total_media_view_unique=5000, page_post_engagements=250)
    metrics = client().account_metrics(date(2026, 11, 23))
    assert (metrics.followers, metrics.reach, metrics.interactions) == (4321, 5000, 250)


def test_writes_hide_unhide_reply_like_delete(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.has_post("111", "111_1", epoch=T0)
    fake_facebook.has_comment("111_1", "111_1_1", message="Hej!", epoch=T0)
    c = client()
    c.hide("111_1_1")
    assert fake_facebook.objects["111_1_1"]["is_hidden"] is True
    c.hide("111_1_1", hidden=False)
    assert fake_facebook.objects["111_1_1"]["is_hidden"] is False
    reply_id = c.reply("111_1_1", "Tack för din fråga!")
    assert fake_facebook.objects[reply_id]["message"] == "Tack för din fråga!"
    c.like("111_1_1")
    assert fake_facebook.objects["111_1_1"]["liked"] is True
    c.delete("111_1_1")
    with pytest.raises(AlreadyGone):
        c.delete("nope")
    with pytest.raises(NotSupported):
        c.publish("Hej")
    assert Capability.HIDE in c.capabilities and Capability.PUBLISH not in c.capabilities


@pytest.mark.parametrize(
    "fault",
    [
        "500",
        "503",
        "truncated",
        "empty",
        "nonjson",
        "delay:0.8",
        "429",
        "throttle:17",
        "throttle:32",
        "throttle:80001",
    ],
)
def test_transient_faults_are_retried_until_the_answer_comes(fake_facebook, fault):
    fake_facebook.has_page("111", followers=10)
    fake_facebook.fault(fault, times=2)
    assert (
        client().http.call("GET", "111", params={"fields": "followers_count"}).data["followers_count"] == 10
    )
    assert len(fake_facebook.calls("GET", "/111$")) == 3


def test_faults_that_outlast_the_attempts_raise_platform_unavailable(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.fault("500", times=10)
    with pytest.raises(PlatformUnavailable):
        client().account_metrics(date(2026, 11, 23))
    assert len(fake_facebook.calls()) == 4


def test_an_expired_token_is_never_retried(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.fault("expired")
    with pytest.raises(TokenExpired, match="190/463"):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(fake_facebook.calls()) == 1


def test_an_unknown_token_is_token_expired_too(fake_facebook):
    fake_facebook.has_page("111")
    with pytest.raises(TokenExpired):
        FacebookClient(page_id="111", token="someone-elses").account_metrics(date(2026, 11, 23))


def test_a_missing_permission_is_not_retried(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.fault("permission")
    with pytest.raises(PermissionMissing):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(fake_facebook.calls()) == 1


def test_a_long_regain_time_is_left_to_the_task_and_pauses_the_platform(fake_facebook):
    fake_facebook.has_page("111")
    fake_facebook.fault("throttle:80001:3")  # estimated_time_to_regain_access: 3 minutes
    c = client()
    with pytest.raises(RateLimited) as caught:
        c.account_metrics(date(2026, 11, 23))
    assert 170 <= caught.value.retry_after <= 180
    calls = len(fake_facebook.calls())
    with pytest.raises(RateLimited):  # every caller now waits, without calling Meta
        client().account_metrics(date(2026, 11, 23))
    assert len(fake_facebook.calls()) == calls

"""The Instagram client against a fake Instagram Graph API."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from platforms.base import Capability, NotSupported, PostMetrics, TokenExpired
from platforms.instagram import InstagramClient

T0 = 1790000000


def client() -> InstagramClient:
    return InstagramClient(user_id="178", token="good-token")


def test_media_stop_at_the_first_older_than_since(fake_instagram):
    fake_instagram.has_user("178")
    for n in range(5):
        fake_instagram.has_media(
            "178", f"m{n}", epoch=T0 + n * 3600, caption=f"Bild {n}", kind="VIDEO" if n == 4 else "IMAGE"
        )
    posts = list(client().posts_since(datetime.fromtimestamp(T0 + 2 * 3600, UTC)))
    assert [p.id for p in posts] == ["m4", "m3", "m2"]
    assert posts[0].media_type == "video" and posts[1].media_type == "image"


def test_comments_include_their_replies(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.has_comment("m1", "c1", text="Fint!", epoch=T0 + 5, username="anna")
    fake_instagram.has_comment("m1", "c2", text="Håller med", epoch=T0 + 9, username="per", parent="c1")
    comment, reply = client().comments("m1")
    assert (comment.text, comment.author_name, comment.kind) == ("Fint!", "anna", "comment")
    assert (reply.kind, reply.parent_id, reply.post_id) == ("reply", "c1", "m1")


def test_media_metrics_map_and_missing_ones_are_none(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.set_insights("m1", reach=300, views=800, likes=20, comments=3, shares=1, saved=4)
    assert client().post_metrics(["m1"])["m1"] == PostMetrics(
        reach=300, views=800, video_views=None, link_clicks=None, reactions=20, comments=3, shares=1, saves=4
    )


def test_not_enough_viewers_gives_no_figures_instead_of_an_error(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.few_viewers.add("m1")
    assert client().post_metrics(["m1"])["m1"] == PostMetrics()


def test_account_metrics_use_total_value(fake_instagram):
    fake_instagram.has_user("178", followers=812)
    fake_instagram.set_insights("178", reach=1500, total_interactions=77)
    metrics = client().account_metrics(date(2026, 11, 23))
    assert (metrics.followers, metrics.reach, metrics.interactions) == (812, 1500, 77)


def test_hide_unhide_reply_delete_and_no_like(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.has_media("178", "m1", epoch=T0)
    fake_instagram.has_comment("m1", "c1", text="Fult", epoch=T0)
    c = client()
    c.hide("c1")
    assert fake_instagram.objects["c1"]["hidden"] is True
    c.hide("c1", hidden=False)
    assert fake_instagram.objects["c1"]["hidden"] is False
    new_id = c.reply("c1", "Tack!")
    assert fake_instagram.objects[new_id]["message"] == "Tack!"
    assert fake_instagram.calls("POST", "/c1/replies$")
    c.delete("c1")
    assert fake_instagram.objects["c1"]["deleted"]
    with pytest.raises(NotSupported):
        c.like("c1")
    assert Capability.LIKE not in c.capabilities and Capability.LIKE in c.missing


def test_expired_token(fake_instagram):
    fake_instagram.has_user("178")
    fake_instagram.fault("expired")
    with pytest.raises(TokenExpired):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))

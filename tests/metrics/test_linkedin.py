"""The LinkedIn client against a fake Community Management API."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from platforms.base import (
    Capability,
    NotSupported,
    PermissionMissing,
    PostMetrics,
    RateLimited,
    TokenExpired,
)
from platforms.linkedin import LinkedInClient

ORG = "urn:li:organization:123"
MS0 = 1790000000000


def client() -> LinkedInClient:
    return LinkedInClient(organization_id="123", token="good-token")


@pytest.fixture
def org(fake_linkedin):
    for n in range(120):
        fake_linkedin.has_post(ORG, f"urn:li:share:{n}", ms=MS0 + n * 60000, text=f"Inlägg {n}")
    return fake_linkedin


def test_posts_page_with_start_and_count_and_send_linkedins_headers(org):
    posts = list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(posts) == 120 and posts[0].id == "urn:li:share:119"
    assert posts[0].created_at == datetime.fromtimestamp((MS0 + 119 * 60000) / 1000, UTC)
    calls = org.calls("GET", "/rest/posts$")
    assert [c.query.split("start=")[1].split("&")[0] for c in calls] == ["0", "50", "100"]
    assert all(c.headers["Linkedin-Version"] == "202609" for c in calls)
    assert all(c.headers["X-Restli-Protocol-Version"] == "2.0.0" for c in calls)
    assert "author=urn%3Ali%3Aorganization%3A123" in calls[0].query


def test_posts_stop_at_since(org):
    posts = list(client().posts_since(datetime.fromtimestamp((MS0 + 100 * 60000) / 1000, UTC)))
    assert len(posts) == 20


def test_a_retired_version_is_an_error_not_a_retry(fake_linkedin, settings):
    settings.LINKEDIN_VERSION = "202401"
    from platforms.base import InvalidRequest

    with pytest.raises(InvalidRequest, match="426"):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(fake_linkedin.calls()) == 1


def test_comments_use_an_encoded_urn_and_reply_and_delete(fake_linkedin):
    fake_linkedin.has_comment("urn:li:activity:9", "710", text="Bra!", ms=1582160678569)
    (comment,) = client().comments("urn:li:activity:9")
    assert comment.id == "urn:li:comment:(urn:li:activity:9,710)" and comment.text == "Bra!"
    assert (
        fake_linkedin.calls("GET", "/comments$")[0].path == "/rest/socialActions/urn:li:activity:9/comments"
    )
    c = client()
    new_id = c.reply(comment.id, "Tack!")
    assert new_id.startswith("urn:li:comment:(urn:li:activity:9,")
    c.delete(comment.id)
    assert [x["id"] for x in fake_linkedin.comments["urn:li:activity:9"]] == ["800"]
    c.like("urn:li:activity:9")
    assert fake_linkedin.reactions == [{"actor": ORG, "root": "urn:li:activity:9", "reactionType": "LIKE"}]


def test_linkedin_cannot_hide_and_says_why(fake_linkedin):
    c = client()
    with translation.override("en"), pytest.raises(NotSupported, match="cannot hide"):
        c.hide("urn:li:comment:(urn:li:activity:9,710)")
    assert Capability.HIDE not in c.capabilities and Capability.HIDE in c.missing


def test_share_statistics_and_followers(fake_linkedin):
    fake_linkedin.stats["urn:li:share:1"] = {
        "impressionCount": 900,
        "uniqueImpressionsCount": 500,
        "clickCount": 30,
        "likeCount": 12,
        "commentCount": 2,
        "shareCount": 1,
        "engagement": 0.05,
    }
    fake_linkedin.followers[ORG] = 4420
    metrics = client().post_metrics(["urn:li:share:1", "urn:li:share:2"])
    assert metrics["urn:li:share:1"] == PostMetrics(
        reach=500, views=900, clicks=30, link_clicks=None, reactions=12, comments=2, shares=1
    )
    assert metrics["urn:li:share:2"] == PostMetrics()
    call = fake_linkedin.calls("GET", "ShareStatistics")[0]
    assert "shares=List(urn%3Ali%3Ashare%3A1,urn%3Ali%3Ashare%3A2)" in call.query
    assert client().account_metrics(date(2026, 11, 23)).followers == 4420


def test_401_is_an_expired_token(fake_linkedin):
    fake_linkedin.fault("expired")
    with pytest.raises(TokenExpired):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    with pytest.raises(TokenExpired):
        list(LinkedInClient(organization_id="123", token="").posts_since(datetime(2026, 1, 1, tzinfo=UTC)))


def test_403_is_a_missing_permission(fake_linkedin):
    fake_linkedin.fault("permission")
    with pytest.raises(PermissionMissing):
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))


def test_a_daily_quota_is_left_until_midnight_utc(fake_linkedin):
    fake_linkedin.fault("429")
    with pytest.raises(RateLimited) as caught:
        list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))
    assert 0 < caught.value.retry_after <= 86400
    assert len(fake_linkedin.calls()) == 1


def test_a_short_retry_after_is_waited_for(org):
    org.fault("429:retry-after")
    org.fault("500")
    assert len(list(client().posts_since(datetime(2026, 1, 1, tzinfo=UTC)))) == 120

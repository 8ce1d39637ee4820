"""LinkedIn mentions of the organisation: the client against the fake Community Management API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from platforms.base import Capability, RateLimited, TokenExpired
from platforms.linkedin import LinkedInClient

ORG = "urn:li:organization:123"
OTHER_ORG = "urn:li:organization:999"
MS0 = 1790000000000
SINCE = datetime.fromtimestamp(MS0 / 1000 - 3600, UTC)


def client() -> LinkedInClient:
    return LinkedInClient(organization_id="123", token="good-token")


def test_a_post_tagging_the_organisation_is_a_mention_with_its_permalink(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Tack @Helsingborgs stad!", ms=MS0)
    (mention,) = client().mentions(SINCE)
    assert mention.kind == "mention"
    assert mention.id == mention.post_id == "urn:li:share:5001"
    assert mention.text == "Tack @Helsingborgs stad!"
    assert mention.author_id == "urn:li:person:B"
    assert mention.created_at == datetime.fromtimestamp(MS0 / 1000, UTC)
    assert mention.permalink == "https://www.linkedin.com/feed/update/urn:li:share:5001/"
    assert mention.raw["action"] == "SHARE_MENTION"
    (call,) = fake_linkedin.calls("GET", "organizationalEntityNotifications")
    assert "q=criteria" in call.query and "actions=List(SHARE_MENTION)" in call.query
    assert "organizationalEntity=urn%3Ali%3Aorganization%3A123" in call.query
    assert f"timeRange=(start:{MS0 - 3_600_000}," in call.query
    assert call.headers["Linkedin-Version"] == "202609"
    assert call.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert Capability.READ_MENTIONS in client().capabilities


def test_notifications_are_paged_with_start_count_and_total(fake_linkedin):
    for n in range(120):
        fake_linkedin.has_share_mention(ORG, f"urn:li:share:{6000 + n}", text=f"Bra {n}", ms=MS0 + n)
    mentions = list(client().mentions(SINCE))
    assert len(mentions) == 120 and len({m.id for m in mentions}) == 120
    calls = fake_linkedin.calls("GET", "organizationalEntityNotifications")
    assert [c.query.split("&start=")[1].split("&")[0] for c in calls] == ["0", "50", "100"]
    # The fake reads each post's comments for mentions in them too: one call per post, no more.
    assert len(fake_linkedin.calls("GET", "/comments$")) == 120


def test_only_this_organisations_recent_mentions_and_never_its_own_posts(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:1", text="Gammal", ms=MS0 - 7_200_000)
    fake_linkedin.has_share_mention(OTHER_ORG, "urn:li:share:2", text="Annan", ms=MS0)
    fake_linkedin.has_share_mention(ORG, "urn:li:share:3", text="Egen", ms=MS0, author=ORG)
    fake_linkedin.has_share_mention(ORG, "urn:li:share:4", text="Ny", ms=MS0)
    assert [m.id for m in client().mentions(SINCE)] == ["urn:li:share:4"]


def test_an_undecorated_notification_gets_its_text_from_the_post(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:ugcPost:77", text="Fint i hamnen", ms=MS0, decorated=False)
    fake_linkedin.has_share_mention(ORG, "urn:li:share:78", text="Borttaget", ms=MS0 + 1, decorated=False)
    fake_linkedin.posts["urn:li:person:B"] = [
        p for p in fake_linkedin.posts["urn:li:person:B"] if p["id"] != "urn:li:share:78"
    ]
    (mention,) = client().mentions(SINCE)  # the deleted post is skipped, not an error
    assert (mention.id, mention.text, mention.author_id) == (
        "urn:li:ugcPost:77",
        "Fint i hamnen",
        "urn:li:person:B",
    )
    assert [c.path for c in fake_linkedin.calls("GET", "/rest/posts/")] == [
        "/rest/posts/urn:li:share:78",
        "/rest/posts/urn:li:ugcPost:77",
    ]


def test_comments_that_tag_the_organisation_on_a_mentioning_post_are_mentions(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Se @Helsingborgs stad", ms=MS0)
    fake_linkedin.has_comment("urn:li:share:5001", "1", text="Håller med", ms=MS0 + 1)
    fake_linkedin.has_comment("urn:li:share:5001", "2", text="Stad: bra jobbat", ms=MS0 + 2, tags=(ORG,))
    fake_linkedin.has_comment("urn:li:share:5001", "3", text="Kollega", ms=MS0 + 3, tags=(OTHER_ORG,))
    fake_linkedin.has_comment("urn:li:share:5001", "4", text="Tack!", ms=MS0 + 4, actor=ORG, tags=(ORG,))
    # The older Comments API nests the tagged company one level deeper.
    fake_linkedin.has_comment("urn:li:share:5001", "5", text="Visst", ms=MS0 + 5)
    fake_linkedin.comments["urn:li:share:5001"][-1]["message"]["attributes"] = [
        {"start": 0, "length": 5, "value": {"com.linkedin.common.CompanyAttributedEntity": {"company": ORG}}}
    ]
    mentions = list(client().mentions(SINCE))
    assert [m.id for m in mentions] == [
        "urn:li:share:5001",
        "urn:li:comment:(urn:li:share:5001,2)",
        "urn:li:comment:(urn:li:share:5001,5)",
    ]
    comment = mentions[1]
    assert comment.kind == "mention" and comment.post_id == "urn:li:share:5001"
    assert comment.text == "Stad: bra jobbat"
    assert comment.permalink == (
        "https://www.linkedin.com/feed/update/urn:li:share:5001/"
        "?commentUrn=urn%3Ali%3Acomment%3A%28urn%3Ali%3Ashare%3A5001%2C2%29"
    )


def test_a_post_whose_comments_may_not_be_read_keeps_its_own_mention(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Hej", ms=MS0)
    fake_linkedin.fault("permission", path="/comments$")
    assert [m.id for m in client().mentions(SINCE)] == ["urn:li:share:5001"]


def test_an_expired_token_stops_the_mentions(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Hej", ms=MS0)
    fake_linkedin.fault("expired", path="organizationalEntityNotifications")
    with pytest.raises(TokenExpired):
        list(client().mentions(SINCE))


def test_a_429_with_retry_after_is_retried_and_a_daily_quota_is_raised(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Hej", ms=MS0)
    fake_linkedin.fault("429:retry-after", path="organizationalEntityNotifications")
    assert [m.id for m in client().mentions(SINCE)] == ["urn:li:share:5001"]
    assert len(fake_linkedin.calls("GET", "organizationalEntityNotifications")) == 2
    fake_linkedin.fault("429", path="organizationalEntityNotifications")
    with pytest.raises(RateLimited) as caught:
        list(client().mentions(SINCE))
    assert 0 < caught.value.retry_after <= 86400


def test_a_post_mention_is_answered_with_a_comment_on_the_post_and_liked(fake_linkedin):
    fake_linkedin.has_share_mention(ORG, "urn:li:share:5001", text="Hej", ms=MS0)
    c = client()
    new_id = c.reply("urn:li:share:5001", "Tack för att du lyfter oss!")
    created = fake_linkedin.comments["urn:li:share:5001"][-1]
    assert new_id == created["commentUrn"] and created["actor"] == ORG
    assert created["message"]["text"] == "Tack för att du lyfter oss!"
    assert created.get("parentComment") is None
    c.like("urn:li:share:5001")
    assert fake_linkedin.reactions == [{"actor": ORG, "root": "urn:li:share:5001", "reactionType": "LIKE"}]


def test_the_connect_page_says_linkedin_reads_mentions(lead_client, account):
    from django.urls import reverse

    account.platform = "linkedin"
    account.save()
    page = lead_client.get(reverse("metrics:account-connect", args=[account.pk]))
    with translation.override("sv"):
        assert gettext("Read mentions of the account") in page.content.decode()

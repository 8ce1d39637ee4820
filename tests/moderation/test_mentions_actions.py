"""LinkedIn mentions in the queue: seen by the account's editors only, liked or commented on, nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from moderation.access import access_comments
from moderation.actions import (
    ActionFailed,
    ActionUnavailable,
    action_offers,
    comment_hide,
    comment_like,
    comment_reply,
    comments_bulk,
)
from moderation.evidence import comment_delete
from moderation.ingest import comments_ingest
from moderation.models import Comment, Evidence, ModerationLogEntry
from moderation.pull import account_pull_comments

from .helpers import remote
from .mentions import COMMENT, ORG, POST, a_mention, mentioned

pytestmark = pytest.mark.django_db

HINT = "Like or comment on positive mentions when you have time."


# --- who sees it ------------------------------------------------------------------------------


def test_the_accounts_editors_see_the_mention_and_other_administrations_and_kc_do_not(
    li_account, administration, editor_client, client_class, other_editor, kc_user
):
    mention = a_mention(li_account, text="Omnämnande-markör 7Q")
    queue = editor_client.get(reverse("moderation:queue-administration", args=[administration.pk]))
    assert queue.status_code == 200 and "Omnämnande-markör 7Q" in queue.content.decode()
    detail = editor_client.get(reverse("moderation:comment-detail", args=[mention.pk]))
    assert detail.status_code == 200
    other = client_class()
    other.force_login(other_editor)
    assert other.get(reverse("moderation:comment-detail", args=[mention.pk])).status_code == 404
    kc = client_class()
    kc.force_login(kc_user)
    assert kc.get(reverse("moderation:comment-detail", args=[mention.pk])).status_code == 404
    assert "Omnämnande-markör 7Q" not in kc.get(reverse("moderation:queue-kc")).content.decode()


def test_the_queue_filter_by_kind_finds_the_mentions(li_account, administration, editor_client):
    a_mention(li_account, text="Ett omnämnande")
    comments_ingest(
        account=li_account,
        items=[remote("urn:li:comment:(urn:li:share:1,9)", "En kommentar: öppnar ni i helgen?")],
    )
    url = reverse("moderation:queue-administration", args=[administration.pk])
    page = editor_client.get(url, {"kind": "mention"}).content.decode()
    assert "Ett omnämnande" in page and "En kommentar" not in page
    page = editor_client.get(url).content.decode()
    assert "Ett omnämnande" in page and "En kommentar" in page


def test_the_mentions_page_names_it_a_mention_and_gives_the_guidelines_tip(li_account, editor_client):
    mention = a_mention(li_account)
    page = editor_client.get(reverse("moderation:comment-detail", args=[mention.pk])).content.decode()
    with translation.override("sv"):
        assert gettext("Mention") in page  # "Omnämnande"
        assert gettext(HINT) in page
        assert gettext("Hide") not in page.split('id="comment-actions"')[1].split("</form>")[0]


def test_script_in_a_mention_is_shown_as_text(li_account, editor_client, administration):
    mention = a_mention(li_account, text='<script>alert("x")</script> @Helsingborgs stad')
    Comment.objects.filter(pk=mention.pk).update(author_name="<img src=x onerror=alert(1)>")
    for url in (
        reverse("moderation:comment-detail", args=[mention.pk]),
        reverse("moderation:queue-administration", args=[administration.pk]),
    ):
        page = editor_client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


# --- what can be done with it -----------------------------------------------------------------


def test_only_like_and_comment_touch_the_platform_for_a_mention(li_account):
    mention = a_mention(li_account)
    with translation.override("en"):
        offers = {o.action: o for o in action_offers(mention)}
    # "No action" never touches the platform: it only closes the mention in the queue.
    assert {a for a, o in offers.items() if o.available} == {"reply", "like", "no_action"}
    with translation.override("en"):
        for action in ("hide", "unhide", "delete", "block", "message"):
            assert not offers[action].available
            assert "someone else's post" in offers[action].reason
    # A plain comment on the same platform keeps what LinkedIn offers (delete).
    plain = comments_ingest(account=li_account, items=[remote("urn:li:comment:(urn:li:share:1,9)")])
    assert plain.created == 1
    comment = Comment.objects.get(platform_id="urn:li:comment:(urn:li:share:1,9)")
    assert {o.action for o in action_offers(comment) if o.available} >= {"delete"}


def test_hiding_deleting_or_bulk_hiding_a_mention_is_refused_before_the_platform(
    linkedin, li_account, editor
):
    mention = a_mention(li_account)
    with pytest.raises(ActionUnavailable):
        comment_hide(comment=mention, by=editor)
    with pytest.raises(ActionUnavailable):
        comment_delete(comment=mention, by=editor, rule="")
    result = comments_bulk(selection=access_comments(editor, [mention.pk]), by=editor, action="hide")
    assert result.done == [] and mention.pk in result.failed
    assert linkedin.seen == [] and not Evidence.objects.exists()
    mention.refresh_from_db()
    assert mention.status == Comment.Status.OPEN


def test_liking_a_mentioning_post_through_linkedin(linkedin, li_account, editor):
    mentioned(linkedin)
    account_pull_comments(account=li_account)
    mention = Comment.objects.get(platform_id=POST)
    entry = comment_like(comment=mention, by=editor, rule="praise")
    assert linkedin.reactions == [{"actor": ORG, "root": POST, "reactionType": "LIKE"}]
    mention.refresh_from_db()
    assert mention.status == Comment.Status.HANDLED
    assert (entry.action, entry.outcome) == ("like", "done")


def test_commenting_on_a_mentioning_post_and_replying_to_a_mentioning_comment(linkedin, li_account, editor):
    mentioned(linkedin)
    account_pull_comments(account=li_account)
    post = Comment.objects.get(platform_id=POST)
    comment_reply(comment=post, by=editor, text="Tack för att du lyfter oss!")
    created = linkedin.comments[POST][-1]
    assert created["actor"] == ORG and created.get("parentComment") is None
    assert created["message"]["text"] == "Tack för att du lyfter oss!\n\nVänliga hälsningar, Erik, redaktör"
    post.refresh_from_db()
    assert post.status == Comment.Status.ANSWERED and post.answered_at is not None

    in_comment = Comment.objects.get(platform_id=COMMENT)
    entry = comment_reply(comment=in_comment, by=editor, text="Tack!")
    reply = linkedin.comments[POST][-1]
    assert reply["parentComment"] == COMMENT and entry.detail == reply["commentUrn"]


def test_a_refused_like_leaves_the_mention_open_and_logs_the_failure(linkedin, li_account, editor):
    mention = a_mention(li_account)
    linkedin.fault("permission", path="/rest/reactions")
    with pytest.raises(ActionFailed):
        comment_like(comment=mention, by=editor)
    mention.refresh_from_db()
    assert mention.status == Comment.Status.OPEN
    assert ModerationLogEntry.objects.get().outcome == "failed"

"""The actions panel through htmx: the panel comes back to be swapped in place, with the outcome for the
page's live region; a plain form post is redirected; access is checked the same way for both."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from moderation.models import Comment, ModerationLogEntry

from .platform import fb_comment

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def pillow(settings):
    settings.EVIDENCE_RENDERER = "pillow"
    settings.REGISTRY_EMAIL = "diariet@example.se"


def act_url(comment):
    return reverse("moderation:comment-act", args=[comment.pk])


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def attack(facebook, account):
    comment = fb_comment(facebook, account, "a1", "Du är en idiot", author=("66", "Arg Person"))
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    return comment


def test_an_htmx_action_answers_with_the_panel_and_the_outcome_out_of_band(facebook, editor_client, account):
    comment = attack(facebook, account)
    response = editor_client.post(act_url(comment), {"action": "hide", "rule": "spam"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith("<section") and 'id="comment-actions"' in body
    assert f'hx-post="{act_url(comment)}"' in body and 'hx-target="#comment-actions"' in body
    assert 'value="unhide"' in body  # the panel as the action left it
    assert '<div id="comment-actions-status" hx-swap-oob="innerHTML">' in body
    assert sv("Done: %(action)s.") % {"action": sv("Hidden")} in body
    assert 'id="actions-heading" tabindex="-1" data-focus-after-swap' in body
    assert '<dd class="col-sm-8" id="comment-status" hx-swap-oob="outerHTML">' + sv("Handled") in body
    assert facebook.objects["a1"]["is_hidden"] is True


def test_an_htmx_action_also_swaps_the_handled_by_line(facebook, editor_client, editor, account):
    comment = attack(facebook, account)
    editor_client.post(reverse("moderation:comment-claim", args=[comment.pk]))
    detail = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert sv("You are handling this comment.") in detail
    assert 'id="claim-state" hx-swap-oob' not in detail
    body = editor_client.post(
        act_url(comment), {"action": "hide", "rule": "spam"}, headers=HTMX
    ).content.decode()
    comment.refresh_from_db()
    line = body[body.index('<dd class="col-sm-8" id="claim-state" hx-swap-oob="outerHTML">') :]
    line = line[: line.index("</dd>")]
    assert comment.claimed_by_id is None  # a hidden comment is handled: the claim is let go
    assert sv("You are handling this comment.") not in line and "–" in line


def test_without_htmx_the_same_post_redirects_to_the_page(facebook, editor_client, account):
    comment = attack(facebook, account)
    response = editor_client.post(act_url(comment), {"action": "hide", "rule": "spam"})
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:comment-detail", args=[comment.pk])
    page = editor_client.get(response["Location"]).content.decode()
    assert sv("Done: %(action)s.") % {"action": sv("Hidden")} in page  # in the page's messages
    assert '<div id="comment-actions-status" aria-live="polite"></div>' in page
    assert "hx-swap-oob" not in page


def test_a_refused_message_keeps_the_text_and_focuses_it(facebook, editor_client, account):
    comment = attack(facebook, account)
    text = "Ditt personnummer är 19811218-9876."
    response = editor_client.post(
        act_url(comment), {"action": "message", "message_text": text, "rule": ""}, headers=HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in body
    assert f">{text}</textarea>" in body
    field = body[body.index('<textarea name="message_text"') :]
    assert field[: field.index(">")].endswith("data-focus-after-swap")
    assert facebook.private_replies == []


def test_messaging_the_author_through_the_panel(facebook, editor_client, account):
    comment = attack(facebook, account)
    response = editor_client.post(
        act_url(comment), {"action": "message", "message_text": "Vi har dolt din kommentar."}, headers=HTMX
    )
    body = response.content.decode()
    assert len(facebook.private_replies) == 1
    assert 'id="id_message_text"' not in body  # one message per comment: the field is gone
    assert sv("The author has had a private message about this comment.") in body


def test_delete_and_block_through_the_panel_and_the_retry_of_a_failed_block(facebook, editor_client, account):
    comment = attack(facebook, account)
    facebook.fault("expired", path="/blocked$")
    body = editor_client.post(
        act_url(comment), {"action": "block", "rule": "personal_attack"}, headers=HTMX
    ).content.decode()
    assert facebook.objects["a1"]["deleted"] is True and facebook.blocked == {}
    assert sv("Block the author") in body and 'value="block"' in body
    assert 'value="delete"' not in body  # deleted: only the block is left to do
    assert "alert-danger" in body
    body = editor_client.post(
        act_url(comment), {"action": "block", "rule": "personal_attack"}, headers=HTMX
    ).content.decode()
    assert facebook.blocked == {account.platform_id: ["66"]}
    assert 'value="block"' not in body and sv("The author is blocked from the account.") in body
    assert [e.action for e in ModerationLogEntry.objects.filter(comment_id=comment.pk)] == [
        "delete",
        "block",
        "block",
    ]


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "form"])
def test_another_forvaltnings_editor_gets_a_404_and_a_communicator_a_403(
    facebook, other_account, client, other_editor, communicator, account, headers
):
    comment = attack(facebook, account)
    for user, status in ((other_editor, 404), (communicator, 403)):
        client.force_login(user)
        for action in ("block", "message", "hide"):
            response = client.post(
                act_url(comment), {"action": action, "message_text": "Hej", "rule": "spam"}, headers=headers
            )
            assert response.status_code == status, (user, action)
    assert facebook.blocked == {} and facebook.private_replies == []
    assert not ModerationLogEntry.objects.exists()


def test_the_page_loads_the_panels_script_once_and_not_inside_the_panel(facebook, editor_client, account):
    comment = attack(facebook, account)
    page = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert page.count("js/moderation-actions.js") == 1
    panel = editor_client.post(act_url(comment), {"action": "no_action"}, headers=HTMX).content.decode()
    assert "<script" not in panel

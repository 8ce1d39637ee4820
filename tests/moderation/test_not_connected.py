"""An action on an account that was never connected is refused at once, before any call to the
platform, saying who can connect it and where (issue #12: it used to wait 6–10 s for the platform's
refusal and say "try again in a while")."""

import pytest
from django.urls import reverse

from moderation.access import access_comments
from moderation.actions import Action, ActionUnavailable, comment_hide, comments_bulk
from moderation.evidence import comment_delete
from moderation.ingest import comments_ingest
from moderation.models import Comment, Evidence, ModerationLogEntry

from .helpers import remote

pytestmark = pytest.mark.django_db

PLATFORM_ACTIONS = [Action.REPLY, Action.LIKE, Action.HIDE, Action.UNHIDE, Action.DELETE, Action.BLOCK]


@pytest.fixture
def unconnected(facebook, account, editor):
    """A question on a Facebook account that has no token; the fake Facebook would answer anything."""
    assert not account.access_token
    facebook.has_page(account.platform_id)
    comments_ingest(account=account, items=[remote("q1", "När börjar skolan?")])
    return Comment.objects.get(platform_id="q1")


def refusal(account) -> str:
    connect = reverse("metrics:account-connect", args=[account.pk])
    return (
        f"Kontot {account.name} är inte anslutet till Facebook, så portalen kan inte göra något där. "
        f"AKN eller kommunikationsansvarig på {account.administration.name} kan ansluta det: "
        f'<a href="{connect}">anslut kontot</a>.'
    )


@pytest.mark.parametrize("action", PLATFORM_ACTIONS)
def test_an_action_is_refused_before_any_call_saying_who_connects_it(
    facebook, editor_client, unconnected, action
):
    data = {"action": action, "reply_text": "Den 18 augusti.", "rule": "spam"}
    response = editor_client.post(reverse("moderation:comment-act", args=[unconnected.pk]), data, follow=True)
    assert response.status_code == 200
    assert refusal(unconnected.account) in response.content.decode()
    assert facebook.seen == []
    assert not ModerationLogEntry.objects.exists()  # nothing was tried, so no FAILED row either
    assert not Evidence.objects.exists()
    assert Comment.objects.get(pk=unconnected.pk).status == unconnected.status


def test_the_services_refuse_too_and_a_bulk_action_reports_it(facebook, editor, unconnected):
    for act in (comment_hide, comment_delete):
        with pytest.raises(ActionUnavailable) as refused:
            act(comment=unconnected, by=editor, rule="spam")
        assert "anslut kontot" in refused.value.reason
    selection = access_comments(editor, [unconnected.pk])
    result = comments_bulk(selection=selection, by=editor, action=Action.HIDE)
    assert result.done == [] and "anslut kontot" in result.failed[unconnected.pk]
    assert facebook.seen == []


def test_the_panel_says_it_once_and_offers_only_what_needs_no_platform(editor_client, unconnected):
    body = editor_client.get(reverse("moderation:comment-detail", args=[unconnected.pk])).content.decode()
    assert body.count(refusal(unconnected.account)) == 1
    assert 'value="no_action"' in body
    assert 'value="hide"' not in body and 'value="delete"' not in body


def test_no_action_needs_no_connection(editor_client, unconnected):
    response = editor_client.post(
        reverse("moderation:comment-act", args=[unconnected.pk]), {"action": "no_action", "rule": "opinion"}
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=unconnected.pk).status == Comment.Status.NO_ACTION

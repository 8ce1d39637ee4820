"""The write paths of moderation issue a pinned number of queries (style.md §9, zulip's discipline).

Each figure is the whole request: session, user, roles, the access check, the write, the log and the
answer. A count that rises is a regression to explain; one that falls is a win to pin here.
"""

import pytest
from django.urls import reverse

from helsocial.tone.selectors import tone_lists
from moderation.models import ModerationLogEntry, SavedReply, TriageTerm

from .platform import fb_comment

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_one_action_on_a_comment(facebook, editor_client, account, django_assert_num_queries):
    comment = fb_comment(facebook, account, "c1", "Köp klockor")
    # 10, and one row of TriageMiss: triage did not call a single "Köp klockor" spam.
    with django_assert_num_queries(11):
        response = editor_client.post(
            reverse("moderation:comment-act", args=[comment.pk]), {"action": "hide", "rule": "spam"}
        )
    assert response.status_code == 302
    assert ModerationLogEntry.objects.filter(action="hide", outcome="done").count() == 1


def test_one_reply_through_the_panel(facebook, editor_client, account, django_assert_num_queries):
    comment = fb_comment(facebook, account, "c1", "När börjar skolan?")
    tone_lists()  # read once per process (and on a change), whichever test reads them first
    # + storing the sent answer in the thread, and reading the thread back (the city's answers, who
    # sent them) for the page.
    with django_assert_num_queries(17):
        response = editor_client.post(
            reverse("moderation:comment-act", args=[comment.pk]),
            {"action": "reply", "reply_text": "Den 18 augusti.", "rule": "question"},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert ModerationLogEntry.objects.filter(action="reply", outcome="done").count() == 1


def test_a_bulk_action_on_ten_comments(facebook, editor_client, account, django_assert_num_queries):
    comments = [fb_comment(facebook, account, f"s{n}", f"Klockor {n}") for n in range(10)]
    # 55, and a TriageMiss for each of the first four: spam by burst is seen from the fifth.
    with django_assert_num_queries(59):
        response = editor_client.post(
            reverse("moderation:comments-bulk"),
            {
                "comment": [c.pk for c in comments],
                "action": "hide",
                "rule": "spam",
                "next": "/moderation/",
                "confirmed": "yes",
            },
        )
    assert response.status_code == 302
    assert ModerationLogEntry.objects.filter(action="hide", outcome="done").count() == 10


def test_the_comment_page(facebook, editor_client, account, django_assert_num_queries):
    comment = fb_comment(facebook, account, "c1", "När börjar skolan?")
    # The footer's guideline in force is kept in the process: no query (accounts.context_processors).
    with django_assert_num_queries(10):
        response = editor_client.get(reverse("moderation:comment-detail", args=[comment.pk]))
    assert response.status_code == 200


def test_claiming_a_comment(facebook, editor_client, account, django_assert_num_queries):
    comment = fb_comment(facebook, account, "c1", "När börjar skolan?")
    with django_assert_num_queries(6):
        response = editor_client.post(reverse("moderation:comment-claim", args=[comment.pk]))
    assert response.status_code == 302


def test_adding_a_saved_reply(lead_client, administration, django_assert_num_queries):
    with django_assert_num_queries(7):
        response = lead_client.post(
            reverse("moderation:saved-replies"),
            {"administration": administration.pk, "title": "Skolstart", "text": "18 augusti."},
        )
    assert response.status_code == 302 and SavedReply.objects.count() == 1


def test_adding_a_triage_word(akn_client, django_assert_num_queries):
    # The insert runs in a savepoint of its own so that the unique key, not a look-up, decides.
    with django_assert_num_queries(8):
        response = akn_client.post(
            reverse("moderation:triage-term-add"), {"label": "threat", "term": "krossa dig", "match": "stem"}
        )
    assert response.status_code == 302 and TriageTerm.objects.filter(term="krossa dig").exists()

"""Automatic hiding (issue 17): AKN chooses per account the violation labels whose comments are
hidden at once, after trying the choice on the last 30 days; each hide is logged with its rule and
the comment stays open in the queue for a person to confirm or undo. Never deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.auto_hide import auto_hide_try
from moderation.ingest import comments_ingest
from moderation.models import AutoHideRule, Comment, ModerationLogEntry

from .helpers import remote
from .platform import fb_comment

pytestmark = pytest.mark.django_db

ATTACK = "Du är en jävla idiot"


def _page(account):
    return reverse("moderation:auto-hide-account", args=[account.pk])


def test_akn_tries_the_rule_on_the_last_30_days_before_saving_it(akn_client, account):
    now = timezone.now()
    comments_ingest(
        account=account,
        items=[
            remote("a1", ATTACK, created_at=now - timedelta(days=2)),
            remote("a2", ATTACK + " också", author_id="2", created_at=now - timedelta(days=40)),
            remote("q1", "När öppnar simhallen?", author_id="3", created_at=now - timedelta(days=1)),
            remote("m1", ATTACK, kind="message", author_id="4", created_at=now - timedelta(days=1)),
        ],
    )
    trial = auto_hide_try(account=account, labels=["personal_attack"])
    assert [c.platform_id for c in trial.rows] == ["a1"]  # not the old one, the question or the message
    untried = akn_client.post(
        _page(account), {"labels": ["personal_attack"], "is_enabled": "on", "do": "save"}
    )
    assert untried.status_code == 400 and not AutoHideRule.objects.exists()
    assert "Prova regeln" in untried.content.decode()
    tried = akn_client.post(_page(account), {"labels": ["personal_attack"], "is_enabled": "on", "do": "try"})
    body = tried.content.decode()
    assert tried.status_code == 200 and 'id="trial"' in body and "1 kommentar" in body
    saved = akn_client.post(
        _page(account),
        {"labels": ["personal_attack"], "tried": ["personal_attack"], "is_enabled": "on", "do": "save"},
    )
    assert saved.status_code == 302
    assert AutoHideRule.objects.get(account=account).labels == ["personal_attack"]
    # Nothing was hidden by trying or saving: the rule applies from now on.
    assert not ModerationLogEntry.objects.exists()


def test_a_question_or_an_opinion_cannot_be_hidden_automatically(akn_client, account):
    response = akn_client.post(
        _page(account),
        {"labels": ["question", "opinion"], "tried": ["question"], "is_enabled": "on", "do": "save"},
    )
    assert response.status_code == 302  # the unknown choices are dropped: an empty rule, not in use
    assert AutoHideRule.objects.get(account=account).is_enabled is False


def test_a_new_comment_with_a_chosen_label_is_hidden_and_stays_in_the_queue(
    facebook, account, editor, editor_client, celery_eager, django_capture_on_commit_callbacks
):
    AutoHideRule.objects.create(account=account, labels=["personal_attack"])
    with django_capture_on_commit_callbacks(execute=True):
        attack = fb_comment(facebook, account, "a1", ATTACK)
        question = fb_comment(facebook, account, "q1", "När öppnar simhallen?", author=("5", "Bo"))
    attack.refresh_from_db()
    assert facebook.objects["a1"]["is_hidden"] is True
    assert facebook.objects["q1"].get("is_hidden") is not True
    assert attack.status == Comment.Status.OPEN and attack.hidden_on_platform_at is not None
    [entry] = ModerationLogEntry.objects.all()
    assert (entry.comment_id, entry.action, entry.rule, entry.actor_id) == (
        attack.pk,
        "hide",
        "personal_attack",
        None,
    )
    assert not Comment.objects.filter(pk=question.pk, hidden_on_platform_at__isnull=False).exists()
    # In the queue, flagged; on its page, a person confirms it.
    queue = editor_client.get(reverse("moderation:queue-administration", args=[account.administration_id]))
    assert "Dold automatiskt" in queue.content.decode()
    page = editor_client.get(reverse("moderation:comment-detail", args=[attack.pk])).content.decode()
    assert 'id="auto-hidden"' in page and 'value="hide"' in page and 'value="unhide"' in page
    editor_client.post(
        reverse("moderation:comment-act", args=[attack.pk]), {"action": "hide", "rule": "personal_attack"}
    )
    attack.refresh_from_db()
    assert attack.status == Comment.Status.HANDLED
    assert ModerationLogEntry.objects.filter(comment_id=attack.pk, action="hide", actor=editor).exists()
    assert not ModerationLogEntry.objects.filter(action="delete").exists()


def test_a_person_shows_an_automatically_hidden_comment_again(
    facebook, account, editor_client, celery_eager, django_capture_on_commit_callbacks
):
    AutoHideRule.objects.create(account=account, labels=["personal_attack"])
    with django_capture_on_commit_callbacks(execute=True):
        attack = fb_comment(facebook, account, "a1", ATTACK)
    editor_client.post(reverse("moderation:comment-act", args=[attack.pk]), {"action": "unhide"})
    attack.refresh_from_db()
    assert facebook.objects["a1"]["is_hidden"] is False
    assert attack.status == Comment.Status.OPEN and attack.hidden_on_platform_at is None


def test_no_rule_no_hiding(facebook, account, celery_eager, django_capture_on_commit_callbacks):
    AutoHideRule.objects.create(account=account, labels=["personal_attack"], is_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        fb_comment(facebook, account, "a1", ATTACK)
    assert facebook.objects["a1"].get("is_hidden") is not True
    assert not ModerationLogEntry.objects.exists()

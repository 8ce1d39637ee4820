"""LinkedIn mentions of the city: pulled once, queued for the account's editors on a relaxed clock.

"Tips! På LinkedIn har det alltid positiv effekt för vårt konto när vi går in och gillar och
kommenterar andras positiva omnämnanden av oss. Gör gärna detta i mån av tid."
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from calendar_booking.models import KcAgreement
from helsocial.workdays import add_working_hours
from moderation import sla
from moderation.models import Comment
from moderation.pull import account_pull_comments
from platforms.demo_platform import DemoClient

from .helpers import at
from .mentions import COMMENT, POST, a_mention, mentioned

pytestmark = pytest.mark.django_db


# --- pulling ----------------------------------------------------------------------------------


def test_a_pull_stores_each_mention_once_however_often_it_runs(linkedin, li_account):
    ms = mentioned(linkedin)
    first = account_pull_comments(account=li_account)
    second = account_pull_comments(account=li_account)
    assert first.comments == 2 and second.comments == 2  # handed over twice, stored once
    rows = Comment.objects.filter(account=li_account).order_by("platform_id")
    assert [(c.platform_id, c.kind) for c in rows] == [(COMMENT, "mention"), (POST, "mention")]
    post = rows.get(platform_id=POST)
    assert post.text == "Tack @Helsingborgs stad för en fin dag!"
    assert post.permalink == f"https://www.linkedin.com/feed/update/{POST}/"
    assert post.created_at == datetime.fromtimestamp(ms / 1000, UTC)
    assert post.raw["action"] == "SHARE_MENTION"
    assert rows.get(platform_id=COMMENT).post_platform_id == POST


def test_a_pulled_mention_waits_in_the_accounts_administration_queue_on_a_relaxed_clock(
    linkedin, li_account, administration
):
    mentioned(linkedin)
    account_pull_comments(account=li_account)
    mention = Comment.objects.get(platform_id=POST)
    assert mention.status == Comment.Status.OPEN and mention.priority == 1
    assert not mention.in_kc_queue and mention.queue_administration == administration
    assert mention.due_at == add_working_hours(mention.created_at, 45.0)
    assert mention.reply_window_ends_at is None


def test_an_expired_token_during_the_mentions_marks_the_account_and_stores_nothing(linkedin, li_account):
    mentioned(linkedin)
    linkedin.fault("expired", path="organizationalEntityNotifications")
    result = account_pull_comments(account=li_account)
    assert result.skipped == "needs_new_token"
    assert not Comment.objects.exists()


def test_a_mention_is_no_question_on_the_24_hour_clock(settings):
    monday = at("2026-11-23 10:00")
    question = sla.due_for(created_at=monday, labels=["question"], kind="comment", platform="linkedin")
    mention = sla.due_for(created_at=monday, labels=["question"], kind="mention", platform="linkedin")
    assert question.due_at == at("2026-11-24 10:00")
    assert mention.due_at == at("2026-11-30 10:00") and mention.priority == 1
    settings.SLA_MENTION_WORKING_HOURS = 18.0
    assert sla.due_for(created_at=monday, labels=[], kind="mention", platform="linkedin").due_at == at(
        "2026-11-25 10:00"
    )
    # A threat stays a threat, wherever it is written.
    threat = sla.due_for(created_at=monday, labels=["threat"], kind="mention", platform="linkedin")
    assert threat.priority == 0 and threat.due_at == at("2026-11-23 12:00")


def test_a_mention_on_a_citywide_account_under_a_kc_agreement_is_never_kcs(li_account, administration):
    li_account.is_citywide = True
    li_account.save()
    KcAgreement.objects.create(administration=administration)
    mention = a_mention(li_account)
    assert not mention.in_kc_queue and mention.queue_administration == administration


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_platform_mentions_linkedin_accounts_only():
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    since = now - timedelta(days=14)
    mentions = list(DemoClient(account_key="linkedin:helsingborg", now=now).mentions(since))
    assert mentions and all(m.kind == "mention" and since <= m.created_at <= now for m in mentions)
    assert mentions == list(DemoClient(account_key="linkedin:helsingborg", now=now).mentions(since))
    assert not list(DemoClient(account_key="facebook:helsingborg", now=now).mentions(since))


def test_the_demo_seed_queues_linkedin_mentions_for_the_accounts_editors(li_account):
    from moderation.demo import seed

    li_account.handle = "helsingborg"
    li_account.save()
    seed()
    # The demo platform is deterministic per day: what it has for this account is what is queued.
    client = DemoClient(account_key="linkedin:helsingborg", now=timezone.now())
    expected = {m.id for m in client.mentions(timezone.now() - timedelta(days=14))}
    mentions = Comment.objects.filter(account=li_account, kind="mention")
    assert set(mentions.values_list("platform_id", flat=True)) == expected
    assert not mentions.filter(in_kc_queue=True).exists()
    count = Comment.objects.count()
    seed()
    assert Comment.objects.count() == count

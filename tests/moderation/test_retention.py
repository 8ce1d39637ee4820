"""Gallring: comments past retention lose their author and text; the diarieförd evidence stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.evidence import comment_delete
from moderation.ingest import comments_ingest, comments_mark_removed
from moderation.models import Comment, Evidence
from moderation.retention import PREFIX, comments_pseudonymise
from moderation.tasks import comments_pseudonymise as task

from .helpers import remote
from .platform import fb_comment

pytestmark = pytest.mark.django_db


def _age(comment_ids, days):
    Comment.objects.filter(pk__in=comment_ids).update(received_at=timezone.now() - timedelta(days=days))


def test_old_comments_are_pseudonymised_and_new_ones_kept(account, settings):
    settings.COMMENT_RETENTION_DAYS = 365
    comments_ingest(
        account=account,
        items=[
            remote("old1", "Anna säger något", author_id="anna-42", author_name="Anna Andersson"),
            remote("old2", "Anna igen", author_id="anna-42", author_name="Anna Andersson"),
            remote("new", "Bo säger något", author_id="43", author_name="Bo Berg"),
        ],
    )
    old = list(Comment.objects.filter(platform_id__startswith="old").values_list("pk", flat=True))
    _age(old, 366)
    _age(Comment.objects.filter(platform_id="new").values_list("pk", flat=True), 364)
    assert comments_pseudonymise() == 2
    assert comments_pseudonymise() == 0  # idempotent
    old1, old2 = Comment.objects.filter(pk__in=old).order_by("platform_id")
    for comment in (old1, old2):
        # "anna" has letters no hex digest has: a pseudonym that merely contains "42" is no leak.
        assert comment.author_id.startswith(PREFIX) and "anna" not in comment.author_id
        assert (comment.author_name, comment.text, comment.raw, comment.permalink) == ("", "", {}, "")
    assert old1.author_id == old2.author_id  # the same author, the same pseudonym
    kept = Comment.objects.get(platform_id="new")
    assert (kept.author_name, kept.text, kept.author_id) == ("Bo Berg", "Bo säger något", "43")


def test_diarieford_evidence_is_kept_and_pending_removals_wait(facebook, editor, account, settings):
    settings.EVIDENCE_RENDERER = "pillow"
    deleted = fb_comment(facebook, account, "c1", "Du är en idiot")
    comment_delete(comment=deleted, by=editor, rule="personal_attack")
    outside = fb_comment(facebook, account, "c2", "Borttagen av någon annan")
    comments_mark_removed(account=account, platform_ids=["c2"], source=Comment.RemovalSource.WEBHOOK)
    _age([deleted.pk, outside.pk], 400)
    assert task() == 1  # the beat task, run in-process
    assert Comment.objects.get(pk=deleted.pk).text == ""
    assert Comment.objects.get(pk=outside.pk).text == "Borttagen av någon annan"  # its evidence first
    evidence = Evidence.objects.get()
    assert b"Du \xc3\xa4r en idiot" in bytes(evidence.payload)

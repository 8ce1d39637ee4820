"""Deleting with evidence: screenshot and raw item first, then the platform, then the registry mail."""

import hashlib
import re

import pytest
from django.core import mail

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver
from moderation.actions import ActionFailed
from moderation.evidence import (
    comment_delete,
    evidence_context,
    evidence_html,
    evidence_sweep_removed_outside,
    render_png_chromium,
)
from moderation.ingest import comments_mark_removed
from moderation.models import Comment, Evidence, ModerationLogEntry

from .platform import fb_comment

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)><iframe src="http://evil.example/"></iframe>'


@pytest.fixture(autouse=True)
def pillow(settings):
    settings.EVIDENCE_RENDERER = "pillow"  # fast; the Chromium tests below ask for it
    settings.REGISTRY_EMAIL = "diariet@example.se"


def _hash_in(body: str, label: str) -> str:
    return re.search(rf"^{label}: ([0-9a-f]{{64}})$", body, re.MULTILINE)[1]


def test_a_deletion_stores_evidence_deletes_and_enqueues_the_registry_mail(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot, Erik")
    entry = comment_delete(comment=comment, by=editor, rule="personal_attack")
    comment.refresh_from_db()
    assert facebook.objects["c1"]["deleted"] is True
    assert comment.status == Comment.Status.REMOVED and comment.removal_source == "portal"
    evidence = Evidence.objects.get()
    assert bytes(evidence.png).startswith(PNG)
    assert evidence.png_sha256 == hashlib.sha256(bytes(evidence.png)).hexdigest()
    assert evidence.payload_sha256 == hashlib.sha256(bytes(evidence.payload)).hexdigest()
    assert b"Du \xc3\xa4r en idiot" in bytes(evidence.payload)
    assert evidence.completed_at is not None and not evidence.removed_outside_portal
    message = OutboxMessage.objects.get(key__startswith="registry:")
    assert message.key == f"registry:{evidence.pk}" and message.to == ["diariet@example.se"]
    attachments = {a.filename: bytes(a.content) for a in message.attachments.all()}
    png = attachments[f"kommentar-{comment.pk}.png"]
    assert hashlib.sha256(png).hexdigest() == _hash_in(message.body, "Skärmdump SHA-256")
    payload = attachments[f"kommentar-{comment.pk}.json"]
    assert hashlib.sha256(payload).hexdigest() == _hash_in(message.body, "Plattformsdata SHA-256")
    assert "Personligt påhopp" in message.body and "Borttagen via portalen" in message.body
    assert (entry.action, entry.rule, entry.outcome) == ("delete", "personal_attack", "done")


def test_a_failed_deletion_keeps_the_evidence_mails_nothing_and_the_retry_completes(
    facebook, editor, account
):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    facebook.fault("503", times=10)
    with pytest.raises(ActionFailed):
        comment_delete(comment=comment, by=editor, rule="personal_attack")
    comment.refresh_from_db()
    assert comment.status != Comment.Status.REMOVED and comment.removed_on_platform_at is None
    pending = Evidence.objects.get()
    assert pending.completed_at is None
    assert not OutboxMessage.objects.filter(key__startswith="registry:").exists()
    assert ModerationLogEntry.objects.get().outcome == "failed"

    facebook.faults.clear()
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    assert Evidence.objects.get().pk == pending.pk  # the same evidence, not a second capture
    assert OutboxMessage.objects.get(key__startswith="registry:").key == f"registry:{pending.pk}"
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED


def test_a_retry_that_finds_the_comment_gone_completes_the_deletion(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    facebook.fault("503", times=10)
    with pytest.raises(ActionFailed):
        comment_delete(comment=comment, by=editor, rule="personal_attack")
    facebook.faults.clear()
    del facebook.objects["c1"]  # the first call did delete it; the answer was lost
    entry = comment_delete(comment=comment, by=editor, rule="personal_attack")
    assert entry.outcome == "already_gone"
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED
    assert OutboxMessage.objects.filter(key__startswith="registry:").count() == 1


def test_a_comment_removed_outside_the_portal_gets_the_same_evidence_and_mail(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Borttagen av någon annan")
    comments_mark_removed(account=account, platform_ids=["c1"], source=Comment.RemovalSource.WEBHOOK)
    assert evidence_sweep_removed_outside() == 1
    assert evidence_sweep_removed_outside() == 0
    evidence = Evidence.objects.get()
    assert evidence.removed_outside_portal and evidence.moderator is None
    message = OutboxMessage.objects.get(key__startswith="registry:")
    assert "utanför portalen" in message.body
    assert hashlib.sha256(bytes(evidence.png)).hexdigest() in message.body
    entry = ModerationLogEntry.objects.get()
    assert (entry.comment_id, entry.action, entry.actor) == (comment.pk, "removed_outside", None)


def test_the_registry_mail_is_delivered_with_its_attachments(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    message = OutboxMessage.objects.get(key__startswith="registry:")
    mail.outbox.clear()
    assert outbox_deliver(message_id=message.pk)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["diariet@example.se"]
    names = [a[0] if isinstance(a, tuple) else a.get_filename() for a in sent.attachments]
    assert names == [f"kommentar-{comment.pk}.png", f"kommentar-{comment.pk}.json"]
    png = (
        sent.attachments[0][1]
        if isinstance(sent.attachments[0], tuple)
        else sent.attachments[0].get_payload(decode=True)
    )
    assert hashlib.sha256(png).hexdigest() in sent.body


def test_another_administration_cannot_delete_and_nothing_is_captured(facebook, other_editor_client, account):
    from django.urls import reverse

    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    response = other_editor_client.post(
        reverse("moderation:comment-act", args=[comment.pk]), {"action": "delete", "rule": "personal_attack"}
    )
    assert response.status_code == 404
    assert not Evidence.objects.exists()
    assert "deleted" not in facebook.objects["c1"]


def test_script_in_the_comment_is_plain_text_in_the_mail(facebook, editor, account):
    comment = fb_comment(facebook, account, "c1", EVIL, author=("66", EVIL))
    comment_delete(comment=comment, by=editor, rule="spam")
    message = OutboxMessage.objects.get(key__startswith="registry:")
    assert message.html == ""  # plain text only: nothing in it is markup
    assert EVIL in message.body


@pytest.mark.browser
def test_script_in_the_comment_and_author_is_inert_in_the_screenshot(facebook, editor, account, settings):
    comment = fb_comment(facebook, account, "c1", EVIL + " undrar?", author=("66", EVIL))
    html = evidence_html(
        evidence_context(comment, moderator=editor, rule="spam", captured_at=comment.created_at)
    )
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    observed: list = []
    png = render_png_chromium(html, observe=observed)
    assert png.startswith(PNG) and len(png) > 5000
    assert observed == []


@pytest.mark.browser
def test_the_chromium_renderer_is_used_when_installed(facebook, editor, account, settings):
    settings.EVIDENCE_RENDERER = "auto"
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    evidence = Evidence.objects.get()
    assert evidence.renderer == "chromium" and bytes(evidence.png).startswith(PNG)


def test_a_second_delete_of_a_removed_comment_sends_no_second_mail(facebook, editor, account):
    from django.core.exceptions import ValidationError

    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    with pytest.raises(ValidationError):
        comment_delete(comment=comment, by=editor, rule="personal_attack")
    assert Evidence.objects.count() == 1
    assert OutboxMessage.objects.filter(key__startswith="registry:").count() == 1


def test_without_chromium_auto_falls_back_to_pillow(facebook, editor, account, settings):
    settings.EVIDENCE_RENDERER = "auto"
    settings.EVIDENCE_CHROMIUM = "/nonexistent/chromium"
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    evidence = Evidence.objects.get()
    assert evidence.renderer == "pillow" and bytes(evidence.png).startswith(PNG)
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(bytes(evidence.png)))
    assert image.width == 800 and image.height > 300

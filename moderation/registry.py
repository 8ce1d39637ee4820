"""The registry mail (diarieföring) of a removed comment: the facts, screenshot and raw item attached.

The text is in templates/emails/registry_*; platform text is plain text in the text body and
escaped in the HTML body.
"""

from __future__ import annotations

from django.conf import settings

from helsocial.mail import mail_enqueue

from .models import Evidence, Label


def registry_key(evidence: Evidence) -> str:
    return f"registry:{evidence.pk}"


def registry_mail_context(evidence: Evidence) -> dict:
    comment = evidence.comment
    return {
        "evidence": evidence,
        "comment": comment,
        "account": comment.account,
        "moderator": evidence.moderator,
        "removed_at": evidence.completed_at or evidence.created_at,
        # The label's name, translated when the mail is rendered.
        "rule": dict(Label.choices).get(evidence.rule, evidence.rule or "–"),
    }


def registry_attachments(evidence: Evidence) -> list[tuple[str, bytes, str]]:
    name = f"kommentar-{evidence.comment_id}"
    return [
        (f"{name}.png", bytes(evidence.png), "image/png"),
        (f"{name}.json", bytes(evidence.payload), "application/json"),
    ]


def registry_mail_enqueue(*, evidence: Evidence):
    """Inside the removal's transaction: one mail per evidence, however often this is called."""
    return mail_enqueue(
        key=registry_key(evidence),
        name="registry",
        to=[settings.REGISTRY_EMAIL],
        context=registry_mail_context(evidence),
        attachments=registry_attachments(evidence),
    )

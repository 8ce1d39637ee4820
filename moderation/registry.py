"""The registry mail (diarieföring) of a removed comment: Swedish facts, screenshot and raw item attached."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helsocial.outbox.services import outbox_enqueue
from helsocial.shown_text import visible

from .models import Evidence, Label


def registry_key(evidence: Evidence) -> str:
    return f"registry:{evidence.pk}"


def registry_mail_body(evidence: Evidence) -> tuple[str, str]:
    """Subject and plain-text body, in Swedish. Platform text is plain text here, never markup."""
    comment = evidence.comment
    account = comment.account
    moderator = evidence.moderator
    with translation.override("sv"):
        how = (
            _("Removed on the platform outside the portal")
            if evidence.removed_outside_portal
            else _("Removed from the portal")
        )
        subject = _("Removed comment for registration: %(account)s, comment %(id)s") % {
            "account": account.name,
            "id": comment.pk,
        }
        facts = [
            (_("Action"), how),
            (_("Platform"), account.get_platform_display()),
            (_("Account"), visible(account.name)),
            (_("Comment"), f"{comment.pk} ({comment.platform_id})"),
            (_("Author"), visible(comment.author_name or comment.author_id or "–")),
            (_("Written"), f"{timezone.localtime(comment.created_at):%Y-%m-%d %H:%M}"),
            (
                _("Removed"),
                f"{timezone.localtime(evidence.completed_at or evidence.created_at):%Y-%m-%d %H:%M}",
            ),
            (_("Link"), comment.permalink or "–"),
            (_("Guideline rule"), str(dict(Label.choices).get(evidence.rule, evidence.rule or "–"))),
            (
                _("Moderator"),
                (moderator.get_full_name() or moderator.username) if moderator else "–",
            ),
            (_("Screenshot SHA-256"), evidence.png_sha256),
            (_("Platform data SHA-256"), evidence.payload_sha256),
        ]
        lines = [
            _("A comment has been removed from one of the city's social media accounts."),
            _("Please register this mail with its attachments."),
            "",
        ]
        lines += [f"{name}: {value}" for name, value in facts]
        # Shown, not obeyed, as on the screenshot; the attached raw item keeps the original.
        lines += ["", _("Text of the comment:"), visible(comment.text or "–")]
    return subject, "\n".join(lines) + "\n"


def registry_attachments(evidence: Evidence) -> list[tuple[str, bytes, str]]:
    name = f"kommentar-{evidence.comment_id}"
    return [
        (f"{name}.png", bytes(evidence.png), "image/png"),
        (f"{name}.json", bytes(evidence.payload), "application/json"),
    ]


def registry_mail_enqueue(*, evidence: Evidence):
    """Inside the removal's transaction: one mail per evidence, however often this is called."""
    subject, body = registry_mail_body(evidence)
    return outbox_enqueue(
        key=registry_key(evidence),
        to=[settings.REGISTRY_EMAIL],
        subject=subject,
        body=body,
        attachments=registry_attachments(evidence),
    )

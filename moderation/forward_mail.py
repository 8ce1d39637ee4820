"""The mail to a förvaltning's queue owners when the contact centre forwards something to them.

It names the account, the kind and who forwarded it, with the link; the comment's text and the note
stay in the portal (the note may quote the person who wrote)."""

from __future__ import annotations

from helsocial.mail import mail_enqueue

from .models import CommentNote
from .queue_owners import queue_owner_emails


def forwarded_mail(*, note: CommentNote) -> None:
    comment = note.comment
    to = queue_owner_emails(administration_id=note.to_administration_id, account_ids=[comment.account_id])
    if not to:
        return
    mail_enqueue(
        key=f"moderation-forwarded:{note.pk}",
        name="comment_forwarded",
        to=to,
        context={
            "comment_id": comment.pk,
            "kind": comment.get_kind_display(),
            "account": comment.account,
            "administration": note.to_administration.name,
            "by": note.author.get_full_name() or note.author.username,
            "due_at": comment.due_at,
        },
    )

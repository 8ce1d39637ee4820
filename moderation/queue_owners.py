"""Who owns a queue, for the mails about it: the contact centre's queue is KC's, a förvaltning's
queue its leads' (and, for one account's comments, that account's editors)."""

from __future__ import annotations

from collections.abc import Iterable

from accounts.models import AccountEditor, Role, RoleAssignment


def queue_owner_emails(*, administration_id: int | None, account_ids: Iterable[int] = ()) -> list[str]:
    """The active people with an e-mail address who own the queue (`administration_id` None: KC's),
    with the editors of `account_ids` in a förvaltning's queue. Sorted, each once."""
    if administration_id is None:
        roles = RoleAssignment.objects.filter(role=Role.KC)
    else:
        roles = RoleAssignment.objects.filter(role=Role.LEAD, administration_id=administration_id)
    emails = set(
        roles.filter(user__is_active=True).exclude(user__email="").values_list("user__email", flat=True)
    )
    account_ids = list(account_ids)
    if administration_id is not None and account_ids:
        emails |= set(
            AccountEditor.objects.filter(
                account_id__in=account_ids,
                account__administration_id=administration_id,
                user__is_active=True,
                user__role_assignments__role=Role.EDITOR,
                user__role_assignments__administration_id=administration_id,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    return sorted(emails)

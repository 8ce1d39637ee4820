"""The moderation part of the access layer (accounts/access.py): queues, comments, saved replies, the
triage lists and the export.

Every moderation view calls one `access_*` function before anything else. It returns what was
checked — the comment (row-locked with `for_update=True`, in the caller's transaction), the queue
with its rows as this user sees them, the saved reply — or raises: another förvaltning's queue,
comment or saved reply is a 404 (the user learns nothing about it); one the user may see but not act
on is a 403. Services take what these functions return and do not check again; templates get the
booleans computed here.

Who may do what, all built on `administrations_for` / `administrations_visible_to`:
- the contact centre's queue: KC and AKN;
- a förvaltning's queue: its lead (all of it) and its editors (the accounts they edit); AKN every one;
- forwarding out of KC's queue: KC and AKN; sending back what KC forwarded: whoever handles it;
  KC keeps reading what it forwarded (`access_comment_to_read`), without acting on it;
- saved replies: AKN all, the city-wide ones too; a lead their förvaltning's;
- the triage lists and patterns, and the webhook deliveries (they belong to no förvaltning): AKN;
- the export: AKN the whole city, KC its queue, a lead their förvaltning's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import (
    administrations_for,
    administrations_visible_to,
    holds_role,
    roles_of,
)
from accounts.models import Administration, Role, SocialAccount, User

from .models import (
    Comment,
    CommentNote,
    Evidence,
    SavedReply,
    TriageDomain,
    TriagePattern,
    TriageRule,
    TriageTerm,
    WebhookDelivery,
)
from .queue_filter import kc_filter_accounts

QUEUE_ROLES = (Role.LEAD, Role.EDITOR)
T = TypeVar("T")


# --- queues ---------------------------------------------------------------------------------------


def can_see_kc_queue(user: User) -> bool:
    rs = roles_of(user)
    return rs.is_akn or rs.is_kc


def queue_administrations_for(user: User) -> QuerySet[Administration]:
    """The förvaltningar whose queue the user may open."""
    return administrations_for(user, *QUEUE_ROLES)


@dataclass(frozen=True)
class Queue:
    """A queue as one user may see it: the rows, the accounts its filter offers, the other queues."""

    administration: Administration | None  # None: the contact centre's queue
    comments: QuerySet[Comment]
    # The filter's accounts as (pk, "name (platform)"), by name and platform.
    account_choices: list[tuple[int, str]]
    administrations: list[Administration]  # the förvaltningar's queues to switch to, by name
    can_see_kc: bool


def access_queue_home(user: User) -> Administration | None:
    """The queue a person starts in: KC's (None) for KC and AKN, else their first förvaltning's."""
    if can_see_kc_queue(user):
        return None
    administration = queue_administrations_for(user).order_by("name").first()
    if administration is None:
        raise PermissionDenied
    return administration


def access_kc_queue(user: User) -> Queue:
    if not can_see_kc_queue(user):
        raise PermissionDenied
    return Queue(
        administration=None,
        comments=Comment.objects.in_kc_queue(),
        # Kept in the cache; only accounts the user may see in the account inventory too.
        account_choices=kc_filter_accounts(user),
        administrations=(
            list(queue_administrations_for(user).order_by("name")) if roles_of(user).is_akn else []
        ),
        can_see_kc=True,
    )


def access_queue(user: User, administration_id: int) -> Queue:
    """A förvaltning's queue: 404 for another förvaltning, 403 for the own one without a queue role.
    An editor who is not its lead sees only the accounts they edit."""
    # The queues to switch to, read once: this queue's förvaltning is one of them or none of the user's.
    administrations = list(queue_administrations_for(user).order_by("name"))
    administration = next((a for a in administrations if a.pk == administration_id), None)
    if administration is None:
        if holds_role(user, administration_id=administration_id):
            raise PermissionDenied
        raise Http404
    comments = Comment.objects.in_administration_queue(administration)
    accounts = SocialAccount.objects.filter(administration=administration)
    if not holds_role(user, Role.LEAD, administration_id=administration.pk):
        edited = roles_of(user).edited_account_ids
        comments = comments.filter(account_id__in=edited)
        accounts = accounts.filter(pk__in=edited)
    return Queue(
        administration=administration,
        comments=comments,
        # Only the columns the filter shows: no access token (decrypted per row).
        account_choices=[
            (a.pk, str(a)) for a in accounts.order_by("name", "platform").only("pk", "name", "platform")
        ],
        administrations=administrations,
        can_see_kc=can_see_kc_queue(user),
    )


# --- comments -------------------------------------------------------------------------------------


def comments_visible_to(user: User) -> QuerySet[Comment]:
    """The comments the user may handle: KC's queue for KC and AKN, a förvaltning's queue for its
    lead, the part of it on the accounts they edit for an editor — every förvaltning's for AKN."""
    condition = Q(in_kc_queue=False, queue_administration__in=administrations_for(user, Role.LEAD))
    edited = roles_of(user).edited_account_ids
    if edited:
        condition |= Q(
            in_kc_queue=False,
            queue_administration__in=administrations_for(user, Role.EDITOR),
            account_id__in=edited,
        )
    if can_see_kc_queue(user):
        condition |= Q(in_kc_queue=True)
    return Comment.objects.filter(condition)


def access_comment(user: User, pk: int, *, for_update: bool = False) -> Comment:
    """The comment, if the user may handle it; with `for_update` locked until the caller's transaction
    ends. A comment in the queue of the user's own förvaltning they may not handle is a 403;
    anything else they may not handle a 404."""
    comments = comments_visible_to(user).select_related(
        "account", "account__administration", "queue_administration", "claimed_by"
    )
    if for_update:
        # Only the comment's row: the claimer is an outer join, which PostgreSQL cannot lock.
        comments = comments.select_for_update(of=("self",))
    comment = comments.filter(pk=pk).first()
    if comment is None:
        own = administrations_visible_to(user)
        if Comment.objects.filter(pk=pk, in_kc_queue=False, queue_administration__in=own).exists():
            raise PermissionDenied
        raise Http404
    return comment


def access_comment_to_read(user: User, pk: int) -> tuple[Comment, bool]:
    """The comment and whether the user may handle it. The contact centre keeps reading what it
    forwarded to a förvaltning (read only, with the note of where it went); anything else the user
    may not handle answers as `access_comment` does."""
    try:
        return access_comment(user, pk), True
    except (Http404, PermissionDenied):
        if not can_see_kc_queue(user):
            raise
        comment = (
            Comment.objects.select_related("account", "account__administration", "queue_administration")
            .filter(pk=pk, notes__kind=CommentNote.Kind.FORWARD)
            .first()
        )
        if comment is None:
            raise
        return comment, False


def can_forward(user: User, comment: Comment) -> bool:
    """KC (and AKN) hand a comment in KC's queue to a förvaltning."""
    return comment.in_kc_queue and can_see_kc_queue(user)


def can_return(comment: Comment, *, forwarded: bool) -> bool:
    """A förvaltning may send back what KC forwarded to it (`forwarded`: it has a forward note)."""
    return not comment.in_kc_queue and forwarded


def access_comment_to_forward(user: User, pk: int) -> Comment:
    comment = access_comment(user, pk, for_update=True)
    if not can_forward(user, comment):
        raise PermissionDenied
    return comment


def access_comment_to_return(user: User, pk: int) -> Comment:
    comment = access_comment(user, pk, for_update=True)
    forwarded = CommentNote.objects.filter(comment=comment, kind=CommentNote.Kind.FORWARD).exists()
    if not can_return(comment, forwarded=forwarded):
        raise PermissionDenied
    return comment


@dataclass(frozen=True)
class CheckedComments:
    """A selection for a bulk action: the comments the user may handle, and the ids they may not."""

    comments: list[Comment]
    refused: list[int]


def access_comments(user: User, pks: list[int]) -> CheckedComments:
    """Each of `pks` checked as `access_comment` checks one, in one query; not locked: a bulk action
    locks each comment in the transaction that acts on it."""
    wanted = sorted(set(pks))
    found = comments_visible_to(user).select_related("account").in_bulk(wanted)
    return CheckedComments(
        comments=[found[pk] for pk in wanted if pk in found],
        refused=[pk for pk in wanted if pk not in found],
    )


@dataclass(frozen=True)
class BulkScope:
    comments: QuerySet[Comment]  # what the bulk page may list
    like: Comment | None  # "the same author on the same account as this comment"


def access_bulk(user: User, *, like_id: int | None = None) -> BulkScope:
    like = access_comment(user, like_id) if like_id is not None else None
    return BulkScope(comments=comments_visible_to(user), like=like)


def access_evidence(user: User, comment_pk: int, evidence_id: int) -> Evidence:
    """The screenshot of a removed comment, for those who may handle the comment."""
    comment = access_comment(user, comment_pk)
    evidence = Evidence.objects.filter(pk=evidence_id, comment=comment).first()
    if evidence is None:
        raise Http404
    return evidence


def access_export(user: User) -> QuerySet[Comment]:
    """The comments whose log the user may export: AKN all, KC its queue, a lead their förvaltning's."""
    kc = can_see_kc_queue(user)
    if not kc and not holds_role(user, Role.LEAD):
        raise PermissionDenied
    condition = Q(in_kc_queue=False, queue_administration__in=administrations_for(user, Role.LEAD))
    if kc:
        condition |= Q(in_kc_queue=True)
    return Comment.objects.filter(condition)


# --- saved replies --------------------------------------------------------------------------------


def can_edit_saved_replies(user: User) -> bool:
    return holds_role(user, Role.LEAD)


def can_write_citywide_saved_replies(user: User) -> bool:
    return roles_of(user).is_akn


def saved_reply_administrations(user: User) -> QuerySet[Administration]:
    """The förvaltningar whose saved replies the user writes."""
    return administrations_for(user, Role.LEAD)


def saved_replies_editable_by(user: User) -> QuerySet[SavedReply]:
    condition = Q(administration__in=saved_reply_administrations(user))
    if can_write_citywide_saved_replies(user):
        condition |= Q(administration__isnull=True)
    return SavedReply.objects.filter(condition)


def access_saved_replies(user: User) -> QuerySet[SavedReply]:
    """The saved replies the user edits (403 for someone who edits none)."""
    if not can_edit_saved_replies(user):
        raise PermissionDenied
    return saved_replies_editable_by(user)


def access_saved_reply(user: User, pk: int, *, for_update: bool = False) -> SavedReply:
    """One saved reply to edit: another förvaltning's is a 404; a city-wide one, or one of the own
    förvaltning for someone who is not its lead, a 403."""
    rows = saved_replies_editable_by(user).select_related("administration")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    reply = rows.filter(pk=pk).first()
    if reply is not None:
        return reply
    found = SavedReply.objects.filter(pk=pk).values("administration_id").first()
    if found is None:
        raise Http404
    if found["administration_id"] is None:
        raise PermissionDenied  # a city-wide reply: everyone may know the city has it
    if holds_role(user, administration_id=found["administration_id"]):
        raise PermissionDenied
    raise Http404


# --- AKN's triage lists ---------------------------------------------------------------------------


def access_triage_lists(user: User) -> None:
    """The triage lists are AKN's: everyone else gets a 403."""
    if not roles_of(user).is_akn:
        raise PermissionDenied


def access_triage_term(user: User, pk: int) -> TriageTerm:
    access_triage_lists(user)
    return _found(TriageTerm.objects.filter(pk=pk).first())


def access_triage_domain(user: User, pk: int) -> TriageDomain:
    access_triage_lists(user)
    return _found(TriageDomain.objects.filter(pk=pk).first())


def access_triage_rule(user: User, pk: int, *, for_update: bool = False) -> TriageRule:
    access_triage_lists(user)
    rules = TriageRule.objects.select_for_update() if for_update else TriageRule.objects.all()
    return _found(rules.filter(pk=pk).first())


def access_triage_pattern(user: User, pk: int, *, for_update: bool = False) -> TriagePattern:
    access_triage_lists(user)
    patterns = TriagePattern.objects.select_for_update() if for_update else TriagePattern.objects.all()
    return _found(patterns.filter(pk=pk).first())


# --- Meta's webhook deliveries --------------------------------------------------------------------


def access_webhook_deliveries(user: User) -> QuerySet[WebhookDelivery]:
    """The deliveries, for AKN only: a delivery belongs to no förvaltning. Never their bodies, which
    may be megabytes."""
    if not roles_of(user).is_akn:
        raise PermissionDenied
    return WebhookDelivery.objects.defer("body")


def access_webhook_delivery(user: User, pk: int) -> WebhookDelivery:
    return _found(access_webhook_deliveries(user).filter(pk=pk).first())


def _found(obj: T | None) -> T:
    if obj is None:
        raise Http404
    return obj


# --- AKN's automatic hiding per account -----------------------------------------------------------


def access_auto_hide(user: User, account_id: int | None = None) -> SocialAccount | None:
    """Automatic hiding is AKN's (403 for everyone else); an account that does not exist is a 404."""
    if not roles_of(user).is_akn:
        raise PermissionDenied
    if account_id is None:
        return None
    return _found(SocialAccount.objects.select_related("administration").filter(pk=account_id).first())

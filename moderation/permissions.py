"""Who may see which queue and which comment (the moderation part of accounts/access.py).

KC and AKN see the contact centre's queue; a förvaltning's lead and editors see its queue (an editor
only the accounts they edit); AKN sees everything. Another förvaltning's queue or comment is a 404;
an action the user's role does not allow on a comment they can see is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import roles_of
from accounts.models import Administration, Role, User

from .models import Comment, CommentNote

QUEUE_ROLES = (Role.LEAD, Role.EDITOR)


def can_see_kc_queue(user: User) -> bool:
    rs = roles_of(user)
    return rs.is_akn or rs.is_kc


def queue_administrations_for(user: User) -> QuerySet[Administration]:
    """The förvaltningar whose queue the user may open."""
    rs = roles_of(user)
    if rs.is_akn:
        return Administration.objects.all()
    return Administration.objects.filter(pk__in=rs.administration_ids(*QUEUE_ROLES))


def get_queue_administration_for_user(user: User, pk: int) -> Administration:
    """The förvaltning's queue: 404 for another förvaltning, 403 for the own one without a queue role."""
    administration = queue_administrations_for(user).filter(pk=pk).first()
    if administration is None:
        if pk in roles_of(user).administration_ids():
            raise PermissionDenied
        raise Http404
    return administration


def comments_in_administration_queue_for(user: User, administration: Administration) -> QuerySet[Comment]:
    """The förvaltning's queue as this user sees it: an editor (not lead) only their accounts."""
    rows = Comment.objects.in_administration_queue(administration)
    rs = roles_of(user)
    if not rs.is_akn and not rs.has(Role.LEAD, administration.pk):
        rows = rows.filter(account_id__in=rs.edited_account_ids)
    return rows


def comments_visible_to(user: User) -> QuerySet[Comment]:
    rs = roles_of(user)
    if rs.is_akn:
        return Comment.objects.all()
    condition = Q(pk__in=[])
    if rs.is_kc:
        condition |= Q(in_kc_queue=True)
    leads = rs.administration_ids(Role.LEAD)
    if leads:
        condition |= Q(in_kc_queue=False, queue_administration_id__in=leads)
    editors = rs.administration_ids(Role.EDITOR)
    if editors and rs.edited_account_ids:
        condition |= Q(
            in_kc_queue=False, queue_administration_id__in=editors, account_id__in=rs.edited_account_ids
        )
    return Comment.objects.filter(condition)


def get_comment_for_user(user: User, pk: int) -> Comment:
    comment = (
        comments_visible_to(user)
        .select_related("account", "account__administration", "queue_administration", "claimed_by")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        # A comment of the user's own förvaltning they may not handle is a 403; anything else a 404.
        own = roles_of(user).administration_ids()
        if own and Comment.objects.filter(pk=pk, in_kc_queue=False, queue_administration_id__in=own).exists():
            raise PermissionDenied
        raise Http404
    return comment


def can_forward(user: User, comment: Comment) -> bool:
    rs = roles_of(user)
    return comment.in_kc_queue and (rs.is_kc or rs.is_akn)


def can_return(user: User, comment: Comment) -> bool:
    """A förvaltning may send back what KC forwarded to it."""
    if comment.in_kc_queue:
        return False
    return CommentNote.objects.filter(comment=comment, kind=CommentNote.Kind.FORWARD).exists()


def require_forward(user: User, comment: Comment) -> None:
    if not can_forward(user, comment):
        raise PermissionDenied


def require_return(user: User, comment: Comment) -> None:
    if not can_return(user, comment):
        raise PermissionDenied

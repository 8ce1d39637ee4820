"""Who sees the account review: AKN every account, a communications lead their förvaltning's.

Built on the accounts' access layer. An account the user cannot see at all is a 404; an account they
see (as its editor, say) but may not review is a 403; the thresholds and the annual decisions are
AKN's alone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import (
    account_visible,
    administrations_for,
    holds_role,
    require_akn,
    roles_of,
)
from accounts.models import Role, SocialAccount, User


def may_review(user: User) -> bool:
    return holds_role(user, Role.LEAD)  # AKN holds every role's förvaltningar


def access_review(user: User) -> QuerySet[SocialAccount]:
    """The accounts the user reviews; a 403 for a role without the review."""
    if not may_review(user):
        raise PermissionDenied
    if roles_of(user).is_akn:
        return SocialAccount.objects.all()
    return SocialAccount.objects.filter(administration__in=administrations_for(user, Role.LEAD))


def access_review_account(user: User, pk: int, *, decide: bool = False) -> SocialAccount:
    """One account's review: 404 when the user cannot see the account, 403 when they may not review
    it (or, with `decide`, record the annual decision, which only AKN does)."""
    # The account by its key, and `accounts_visible_to`'s rule over its row from the roles already
    # read (`account_visible`): the same answer as filtering through it, without building its query.
    account = SocialAccount.objects.select_related("administration").filter(pk=pk).first()
    if account is None or not account_visible(
        roles_of(user),
        pk=account.pk,
        is_citywide=account.is_citywide,
        administration_id=account.administration_id,
    ):
        raise Http404
    if decide:
        require_akn(user)
    elif not holds_role(user, Role.LEAD, administration_id=account.administration_id):
        raise PermissionDenied
    return account


def access_thresholds(user: User) -> None:
    require_akn(user)


def can_decide(user: User) -> bool:
    return roles_of(user).is_akn

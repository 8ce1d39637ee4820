"""Writes to people, roles, förvaltningar and accounts. Each function checks, writes and returns."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .access import Action, forget_roles, require, require_akn
from .models import CITYWIDE_ROLES, AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User


def editor_candidates(*, account: SocialAccount):
    """People who may be appointed editor of `account`: enabled members of its förvaltning."""
    return (
        User.objects.filter(is_active=True, role_assignments__administration_id=account.administration_id)
        .exclude(editor_links__account=account)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def account_editor_appoint(*, by: User, account: SocialAccount, user: User) -> AccountEditor:
    require(by, Action.ACCOUNT_MANAGE_EDITORS, account)
    if not editor_candidates(account=account).filter(pk=user.pk).exists():
        if AccountEditor.objects.filter(account=account, user=user).exists():
            raise ValidationError(
                _("%(user)s is already an editor of this account.") % {"user": user}, code="exists"
            )
        raise ValidationError(
            _("Only enabled people of %(administration)s can be appointed.")
            % {"administration": account.administration},
            code="not_member",
        )
    try:
        with transaction.atomic():
            link = AccountEditor.objects.create(account=account, user=user, appointed_by=by)
    except IntegrityError as exc:  # two leads appointing the same person at once
        raise ValidationError(_("%(user)s is already an editor of this account.") % {"user": user}) from exc
    # Being editor of an account makes the person an editor in its förvaltning.
    RoleAssignment.objects.get_or_create(user=user, role=Role.EDITOR, administration=account.administration)
    forget_roles(user)
    return link


@transaction.atomic
def account_editor_remove(*, by: User, account: SocialAccount, user: User) -> None:
    require(by, Action.ACCOUNT_MANAGE_EDITORS, account)
    AccountEditor.objects.filter(account=account, user=user).delete()
    forget_roles(user)


@transaction.atomic
def role_assign(*, by: User, user: User, role: Role, administration: Administration | None) -> RoleAssignment:
    require_akn(by)
    if role in CITYWIDE_ROLES:
        administration = None
    elif administration is None:
        raise ValidationError(_("This role belongs to an administration: choose one."), code="administration")
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, administration=administration
    )
    forget_roles(user)
    return assignment


@transaction.atomic
def role_remove(*, by: User, assignment: RoleAssignment) -> None:
    require_akn(by)
    if assignment.user_id == by.pk and assignment.role == Role.AKN:
        others = RoleAssignment.objects.filter(role=Role.AKN, user__is_active=True).exclude(user=by)
        if not others.exists():
            raise ValidationError(
                _("You are the last AKN administrator; appoint another first."), code="last_akn"
            )
    assignment.delete()
    forget_roles(assignment.user)

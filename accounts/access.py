"""The access layer: the one place that answers "may this user do this to this object".

Every view calls one `access_<thing>(user, id, *, for_update=False)` function before anything else
(the other apps' `access.py` modules build theirs on `administrations_visible_to` here). It returns
the checked object, or raises: an object of another förvaltning is a 404 (the user learns nothing
about it); an object the user may see but not change is a 403. Templates get booleans computed here,
never a role test.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from helsocial.outbox.models import OutboxMessage

from .models import (
    CITYWIDE_ROLES,
    AccountEditor,
    AccountRequest,
    Administration,
    GuidelineVersion,
    Role,
    RoleAssignment,
    SocialAccount,
    User,
)


class Action(StrEnum):
    ACCOUNT_VIEW = "account.view"
    ACCOUNT_EDIT = "account.edit"
    ACCOUNT_CREATE = "account.create"
    ACCOUNT_MANAGE_EDITORS = "account.manage_editors"
    ACCOUNT_VIEW_ALL = "account.view_all"
    ADMINISTRATION_MANAGE = "administration.manage"
    PEOPLE_MANAGE = "people.manage"


@dataclass(frozen=True)
class RoleSet:
    """The roles one user holds, read once per request."""

    pairs: frozenset[tuple[str, int | None]]
    edited_account_ids: frozenset[int]

    @property
    def is_akn(self) -> bool:
        return (Role.AKN, None) in self.pairs

    @property
    def is_kc(self) -> bool:
        return (Role.KC, None) in self.pairs

    def has(self, role: Role, administration_id: int | None = None) -> bool:
        if role in CITYWIDE_ROLES:
            return (role, None) in self.pairs
        if administration_id is None:
            return any(r == role for r, _a in self.pairs)
        return (role, administration_id) in self.pairs

    def administration_ids(self, *roles: Role) -> frozenset[int]:
        """The förvaltningar in which the user holds any of `roles` (all scoped roles if none given)."""
        wanted = set(roles) if roles else None
        return frozenset(a for r, a in self.pairs if a is not None and (wanted is None or r in wanted))

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r for r, _a in self.pairs)

    @property
    def is_anyone(self) -> bool:
        return bool(self.pairs) or bool(self.edited_account_ids)


def roles_of(user: User) -> RoleSet:
    """The user's roles, cached on the user object for the rest of the request."""
    cached = getattr(user, "_helsocial_roles", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        roleset = RoleSet(frozenset(), frozenset())
    else:
        pairs = frozenset(user.role_assignments.values_list("role", "administration_id"))
        edited = frozenset(AccountEditor.objects.filter(user=user).values_list("account_id", flat=True))
        roleset = RoleSet(pairs, edited)
    user._helsocial_roles = roleset
    return roleset


def forget_roles(user: User) -> None:
    """Drop the cached roles after a change to them in the same request."""
    user.__dict__.pop("_helsocial_roles", None)


# --- querysets of what a user may see -------------------------------------------------------------


def administrations_visible_to(user: User) -> QuerySet[Administration]:
    """AKN sees every förvaltning; everybody else the förvaltningar where they hold a role.

    The one statement of the rule; every other app's access functions filter through it.
    """
    ids = administration_ids_visible_to(user)
    if ids is None:
        return Administration.objects.all()
    return Administration.objects.filter(pk__in=ids)


def administration_ids_visible_to(user: User) -> frozenset[int] | None:
    """`administrations_visible_to` from the roles already read, no query: their ids, or None for
    every förvaltning (AKN). For rows read anyway, to mark in Python instead of in SQL."""
    rs = roles_of(user)
    return None if rs.is_akn else rs.administration_ids()


def administrations_for(user: User, *roles: Role) -> QuerySet[Administration]:
    """The förvaltningar where the user holds one of `roles`; AKN has them all."""
    rs = roles_of(user)
    if rs.is_akn:
        return Administration.objects.all()
    return Administration.objects.filter(pk__in=rs.administration_ids(*roles))


def holds_role(user: User, *roles: Role, administration_id: int | None = None) -> bool:
    """Whether `administrations_for(user, *roles)` holds any förvaltning (this one, if given): the same
    rule, answered from the roles already read instead of with a query."""
    rs = roles_of(user)
    if rs.is_akn:
        return True
    ids = rs.administration_ids(*roles)
    return administration_id in ids if administration_id is not None else bool(ids)


def accounts_visible_to(user: User) -> QuerySet[SocialAccount]:
    """AKN sees every account; others the city-wide ones, their förvaltning's, and those they edit."""
    rs = roles_of(user)
    if rs.is_akn:
        return SocialAccount.objects.all()
    if not rs.is_anyone:
        return SocialAccount.objects.none()
    return SocialAccount.objects.filter(
        Q(is_citywide=True)
        | Q(administration_id__in=rs.administration_ids())
        | Q(pk__in=rs.edited_account_ids)
    )


def accounts_edited_by(user: User) -> QuerySet[SocialAccount]:
    return SocialAccount.objects.filter(pk__in=roles_of(user).edited_account_ids)


# --- single decisions -----------------------------------------------------------------------------


def can(user: User, action: Action, obj: object | None = None) -> bool:
    rs = roles_of(user)
    if not rs.is_anyone:
        return False
    match action:
        case Action.ACCOUNT_VIEW:
            assert isinstance(obj, SocialAccount)
            return account_visible(
                rs, pk=obj.pk, is_citywide=obj.is_citywide, administration_id=obj.administration_id
            )
        case Action.ACCOUNT_EDIT | Action.ACCOUNT_MANAGE_EDITORS:
            assert isinstance(obj, SocialAccount)
            return rs.is_akn or rs.has(Role.LEAD, obj.administration_id)
        case (
            Action.ACCOUNT_CREATE
            | Action.ACCOUNT_VIEW_ALL
            | Action.ADMINISTRATION_MANAGE
            | Action.PEOPLE_MANAGE
        ):
            return rs.is_akn
    raise ValueError(f"Unknown action {action!r}")


def account_visible(rs: RoleSet, *, pk: int, is_citywide: bool, administration_id: int | None) -> bool:
    """`accounts_visible_to`'s rule for one account given as plain values (a kept list's row): AKN
    every account, others the city-wide ones, their förvaltning's and those they edit."""
    return rs.is_anyone and (
        rs.is_akn
        or is_citywide
        or administration_id in rs.administration_ids()
        or pk in rs.edited_account_ids
    )


def require(user: User, action: Action, obj: object | None = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def can_edit_tone_lists(user: User) -> bool:
    """AKN edits the tone checker's word lists and thresholds."""
    return roles_of(user).is_akn


def require_akn(user: User) -> None:
    if not roles_of(user).is_akn:
        raise PermissionDenied


def require_any_role(user: User) -> None:
    if not roles_of(user).is_anyone:
        raise PermissionDenied


def access_outbox_message(user: User, pk: int, *, for_update: bool = False) -> OutboxMessage:
    """An outgoing mail, for AKN only: the portal's mail to anyone, so 403 for every other role."""
    require_akn(user)
    messages = OutboxMessage.objects.all()
    if for_update:
        messages = messages.select_for_update()
    message = messages.filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


# --- the accounts app's access functions: one per view, each returning what it checked -----------


def access_account(
    user: User, pk: int, action: Action = Action.ACCOUNT_VIEW, *, for_update: bool = False
) -> SocialAccount:
    """The account, if the user may see it (else 404) and may do `action` to it (else 403)."""
    accounts = accounts_visible_to(user).select_related("administration")
    if for_update:
        accounts = accounts.select_for_update(of=("self",))
    account = accounts.filter(pk=pk).first()
    if account is None:
        raise Http404
    require(user, action, account)
    return account


# The name the other apps' views call (metrics' account connections); the same function.
get_account_for_user = access_account


def access_accounts(user: User) -> QuerySet[SocialAccount]:
    """The account inventory as this user sees it; a 403 for someone without any role."""
    require_any_role(user)
    return accounts_visible_to(user)


@dataclass(frozen=True)
class AccountRights:
    """What the account's page offers this user."""

    can_edit: bool
    can_edit_all_fields: bool  # AKN: also the inventory's facts (förvaltning, platform, ids)
    can_manage_editors: bool
    can_close: bool = False  # AKN: the archive copy and the decision to close


def account_rights(user: User, account: SocialAccount) -> AccountRights:
    return AccountRights(
        can_edit=can(user, Action.ACCOUNT_EDIT, account),
        can_edit_all_fields=roles_of(user).is_akn,
        can_manage_editors=can(user, Action.ACCOUNT_MANAGE_EDITORS, account),
        can_close=roles_of(user).is_akn,
    )


def accounts_managed_by(user: User) -> QuerySet[SocialAccount]:
    """The accounts whose editors the user appoints: AKN all, a lead their förvaltning's."""
    return SocialAccount.objects.filter(administration__in=administrations_for(user, Role.LEAD))


def access_administrations(user: User) -> QuerySet[Administration]:
    """Every förvaltning, for AKN, who keeps them up to date; a 403 for everyone else."""
    require(user, Action.ADMINISTRATION_MANAGE)
    return Administration.objects.all()


def access_administration(user: User, pk: int, *, for_update: bool = False) -> Administration:
    administrations = access_administrations(user)
    if for_update:
        administrations = administrations.select_for_update()
    administration = administrations.filter(pk=pk).first()
    if administration is None:
        raise Http404
    return administration


def access_people(user: User) -> QuerySet[User]:
    """Every person, for AKN, who gives the roles; a 403 for everyone else."""
    require(user, Action.PEOPLE_MANAGE)
    return User.objects.all()


def access_person(user: User, pk: int, *, for_update: bool = False) -> User:
    people = access_people(user)
    if for_update:
        people = people.select_for_update()
    person = people.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def access_role_assignment(user: User, person_pk: int, pk: int) -> RoleAssignment:
    """One role of one person, to take away (AKN)."""
    person = access_person(user, person_pk)
    assignment = RoleAssignment.objects.select_related("user").filter(pk=pk, user=person).first()
    if assignment is None:
        raise Http404
    return assignment


@dataclass(frozen=True)
class StartPage:
    """What the start page offers: one boolean per card, from the roles read once."""

    keeps_the_register: bool  # AKN: every account, the förvaltningar, people and roles
    appoints_editors: bool  # AKN and the leads
    books: bool  # a communicator books in the publishing calendar
    handles_contact_centre: bool  # KC
    watches_failed_mail: bool  # AKN: mail the outbox could not send
    applies_for_accounts: bool = False  # a lead or communicator applies for a new account


def start_page(user: User) -> StartPage:
    rs = roles_of(user)
    return StartPage(
        keeps_the_register=can(user, Action.PEOPLE_MANAGE),
        appoints_editors=holds_role(user, Role.LEAD),
        books=rs.has(Role.COMMUNICATOR),
        handles_contact_centre=rs.is_kc,
        watches_failed_mail=rs.is_akn,
        applies_for_accounts=holds_role(user, *APPLYING_ROLES) and not rs.is_akn,
    )


# --- requests for new accounts ---------------------------------------------------------------------

# Who applies for a new account: the förvaltning's communications lead and its communicators.
APPLYING_ROLES = (Role.LEAD, Role.COMMUNICATOR)


def access_account_request_form(user: User) -> QuerySet[Administration]:
    """The förvaltningar the user may apply for (AKN: all); a 403 for a role that does not apply."""
    if not holds_role(user, *APPLYING_ROLES):
        raise PermissionDenied
    return administrations_for(user, *APPLYING_ROLES).filter(is_active=True)


def access_account_requests(user: User) -> QuerySet[AccountRequest]:
    """AKN: every request; a lead: the förvaltning's; a communicator: their own. 403 for others."""
    rs = roles_of(user)
    if rs.is_akn:
        return AccountRequest.objects.all()
    if not holds_role(user, *APPLYING_ROLES):
        raise PermissionDenied
    return AccountRequest.objects.filter(
        Q(applicant=user) | Q(administration_id__in=rs.administration_ids(Role.LEAD))
    )


def access_account_request(
    user: User, pk: int, *, decide: bool = False, for_update: bool = False
) -> AccountRequest:
    """One request (404 when the user may not see it); deciding it is AKN's (403 for the rest)."""
    requests = access_account_requests(user).select_related("administration", "applicant", "decided_by")
    if for_update:
        requests = requests.select_for_update(of=("self",))
    request = requests.filter(pk=pk).first()
    if request is None:
        raise Http404
    if decide:
        require_akn(user)
    return request


def can_decide_account_requests(user: User) -> bool:
    return roles_of(user).is_akn


# --- closing an account ------------------------------------------------------------------------------


def access_account_to_close(user: User, pk: int, *, for_update: bool = False) -> SocialAccount:
    """Closing an account (and making its archive copy) is AKN's: 403 for every other role."""
    require_akn(user)
    accounts = SocialAccount.objects.select_related("administration")
    if for_update:
        accounts = accounts.select_for_update(of=("self",))
    account = accounts.filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


# --- public pages: the account register ---------------------------------------------------------------


def access_public_register() -> QuerySet[SocialAccount]:
    """The public account register: PUBLIC on purpose, no login and no role needed.

    Only open accounts that AKN keeps in the register, and the views show only what the register
    publishes (förvaltning, platform, name, link, purpose): no person, no token, no figures.
    """
    return (
        SocialAccount.objects.open()
        .filter(in_register=True, administration__is_active=True)
        .select_related("administration")
        .order_by("administration__name", "platform", "name", "pk")
    )


# --- the guideline in force --------------------------------------------------------------------------


def access_guideline_page(user: User) -> None:
    """The guideline page: anyone with a role reads it (editors confirm there)."""
    require_any_role(user)


def access_guideline_versions(user: User) -> QuerySet[GuidelineVersion]:
    """Recording a version and asking the editors to confirm it: AKN only."""
    require_akn(user)
    return GuidelineVersion.objects.all()


def access_guideline_version(
    user: User, pk: int, *, manage: bool = False, for_update: bool = False
) -> GuidelineVersion:
    """A version, to confirm (anyone with a role) or to manage (AKN)."""
    versions = access_guideline_versions(user) if manage else GuidelineVersion.objects.all()
    if not manage:
        require_any_role(user)
    if for_update:
        versions = versions.select_for_update()
    version = versions.filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def can_manage_guideline(user: User) -> bool:
    return roles_of(user).is_akn

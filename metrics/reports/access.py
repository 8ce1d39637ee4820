"""Who reads which monthly report, built on the access layer's roles (accounts/access.py).

AKN reads the city's report and any förvaltning's; a communications lead their own förvaltning's;
an editor the accounts they edit (within their förvaltning); KC reads the answer times of the whole
city. Another förvaltning's report is a 404 (the user learns nothing about it); someone without any
of these roles gets a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import roles_of
from accounts.models import Administration, Role, User


@dataclass(frozen=True)
class ReportScope:
    administration: Administration | None  # None: the city as a whole
    account_ids: frozenset[int] | None  # an editor's accounts; None: all of the scope
    choices: tuple[tuple[int, str], ...]  # the förvaltningar this user may switch to
    can_see_city: bool
    kc_queue_only: bool = False  # KC: the contact centre's own queue, without account names

    @property
    def administration_id(self) -> int | None:
        return self.administration.pk if self.administration else None


def can_read_reports(user: User) -> bool:
    """Whether the menu offers the monthly report (the views still check every request)."""
    rs = roles_of(user)
    return rs.is_akn or rs.has(Role.LEAD) or bool(rs.edited_account_ids)


def can_read_answer_times(user: User) -> bool:
    rs = roles_of(user)
    return rs.is_akn or rs.is_kc or rs.has(Role.LEAD)


def _administration(pk: int, allowed: frozenset[int] | None) -> Administration:
    if allowed is not None and pk not in allowed:
        raise Http404
    administration = Administration.objects.filter(pk=pk).first()
    if administration is None:
        raise Http404
    return administration


def access_report(user: User, administration_id: int | None) -> ReportScope:
    """The report this user may read: AKN the city (or the förvaltning asked for), a lead their
    förvaltning, an editor their accounts. Another förvaltning is a 404."""
    rs = roles_of(user)
    if rs.is_akn:
        choices = tuple(Administration.objects.order_by("name").values_list("pk", "name"))
        if administration_id is None:
            return ReportScope(None, None, choices, can_see_city=True)
        return ReportScope(_administration(administration_id, None), None, choices, can_see_city=True)
    leads = rs.administration_ids(Role.LEAD)
    edited = rs.edited_account_ids
    if not leads and not edited:
        raise PermissionDenied
    editor_admins = frozenset()
    if edited:
        editor_admins = frozenset(
            Administration.objects.filter(accounts__pk__in=edited).values_list("pk", flat=True)
        )
    allowed = leads | editor_admins
    if not allowed:
        raise PermissionDenied
    pk = administration_id if administration_id is not None else min(allowed)
    administration = _administration(pk, allowed)
    choices = ()
    if len(allowed) > 1:
        choices = tuple(
            Administration.objects.filter(pk__in=allowed).order_by("name").values_list("pk", "name")
        )
    # A lead reads the whole förvaltning; an editor only the accounts they edit.
    account_ids = None if pk in leads else edited
    return ReportScope(administration, account_ids, choices, can_see_city=False)


def access_answer_times(user: User, administration_id: int | None) -> ReportScope:
    """KC's answer times: AKN for the city (or a förvaltning asked for), KC for the city, a lead for
    their own förvaltning."""
    rs = roles_of(user)
    if rs.is_akn:
        choices = tuple(Administration.objects.order_by("name").values_list("pk", "name"))
        if administration_id is None:
            return ReportScope(None, None, choices, can_see_city=True)
        return ReportScope(_administration(administration_id, None), None, choices, can_see_city=True)
    if rs.is_kc:  # the city's queues as a whole; the förvaltningar's reports are theirs and AKN's
        if administration_id is not None:
            raise Http404
        return ReportScope(None, None, (), can_see_city=True, kc_queue_only=True)
    leads = rs.administration_ids(Role.LEAD)
    if not leads:
        raise PermissionDenied
    pk = administration_id if administration_id is not None else min(leads)
    administration = _administration(pk, leads)
    choices = ()
    if len(leads) > 1:
        choices = tuple(
            Administration.objects.filter(pk__in=leads).order_by("name").values_list("pk", "name")
        )
    return ReportScope(administration, None, choices, can_see_city=False)

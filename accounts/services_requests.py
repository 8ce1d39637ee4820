"""Requests for new accounts: a lead or communicator applies, AKN decides, the applicant is told.

An approved request becomes the account in the inventory, with the editors named in it, in the same
transaction as the decision and the mail to the applicant (the outbox row).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helsocial.mail import mail_enqueue

from .models import AccountEditor, AccountRequest, Administration, Role, RoleAssignment, SocialAccount, User


@dataclass(frozen=True)
class RequestAdvice:
    """What the form shows as the person writes: the criteria and what the draft lacks."""

    stated_purpose: bool
    stated_goal: bool
    stated_target_group: bool
    posts_per_week: int | None
    publishes_regularly: bool
    has_answering: bool
    has_editors: bool
    time_limited: bool
    existing: list[SocialAccount]


def request_advice(
    *,
    administration: Administration | None,
    platform: str,
    purpose: str = "",
    goal: str = "",
    target_group: str = "",
    answering: str = "",
    posts_per_week: int | None = None,
    end_date=None,
    editor_count: int = 0,
) -> RequestAdvice:
    """The criteria ("Aktivt, Effektivt, Långsiktigt") applied to a draft, and the open accounts
    already on the platform: the guideline prefers those, with their followers, to a new account."""
    existing: list[SocialAccount] = []
    if platform in SocialAccount.Platform.values:
        accounts = SocialAccount.objects.open().filter(platform=platform).select_related("administration")
        citywide = list(accounts.filter(is_citywide=True).order_by("name", "pk")[:10])
        own = (
            list(
                accounts.filter(administration=administration, is_citywide=False).order_by("name", "pk")[:10]
            )
            if administration is not None
            else []
        )
        existing = citywide + own
    return RequestAdvice(
        stated_purpose=bool(purpose.strip()),
        stated_goal=bool(goal.strip()),
        stated_target_group=bool(target_group.strip()),
        posts_per_week=posts_per_week,
        publishes_regularly=posts_per_week is not None
        and posts_per_week >= settings.REQUEST_MIN_POSTS_PER_WEEK,
        has_answering=bool(answering.strip()),
        has_editors=editor_count > 0,
        time_limited=end_date is not None,
        existing=existing,
    )


def _akn_recipients() -> list[str]:
    return [settings.AKN_EMAIL] if settings.AKN_EMAIL else []


@transaction.atomic
def account_request_create(
    *,
    by: User,
    administration: Administration,
    name: str,
    platform: str,
    purpose: str,
    goal: str,
    target_group: str,
    answering: str,
    posts_per_week: int,
    end_date=None,
    editors: Iterable[User] = (),
) -> AccountRequest:
    request = AccountRequest.objects.create(
        applicant=by,
        administration=administration,
        name=name,
        platform=platform,
        purpose=purpose,
        goal=goal,
        target_group=target_group,
        answering=answering,
        posts_per_week=posts_per_week,
        end_date=end_date,
    )
    request.editors.set(list(editors))
    recipients = _akn_recipients()
    if recipients:
        mail_enqueue(
            key=f"account-request-new:{request.pk}",
            name="account_request_new",
            to=recipients,
            context={"request": request},
        )
    return request


def _tell_applicant(request: AccountRequest) -> None:
    if request.applicant.email:
        mail_enqueue(
            key=f"account-request-decided:{request.pk}",
            name="account_request_decided",
            to=[request.applicant.email],
            context={"request": request, "approved": request.status == AccountRequest.Status.APPROVED},
        )


def _require_pending(request: AccountRequest) -> None:
    if request.status != AccountRequest.Status.PENDING:
        raise ValidationError(_("The request has already been decided."), code="already_decided")


@transaction.atomic
def account_request_approve(*, request: AccountRequest, by: User, reason: str = "") -> SocialAccount:
    """The request becomes an account in the inventory with its editors; the applicant is told."""
    _require_pending(request)
    account = SocialAccount.objects.create(
        administration=request.administration,
        name=request.name,
        platform=request.platform,
        purpose=request.purpose,
        goal=request.goal,
        target_group=request.target_group,
        end_date=request.end_date,
    )
    for user in request.editors.filter(is_active=True):
        AccountEditor.objects.create(account=account, user=user, appointed_by=by)
        # Being editor of an account makes the person an editor in its förvaltning (as appointing does).
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.EDITOR, administration=account.administration
        )
    request.status = AccountRequest.Status.APPROVED
    request.decision_reason = reason
    request.decided_by = by
    request.decided_at = timezone.now()
    request.account = account
    request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "account"])
    _tell_applicant(request)
    return account


@transaction.atomic
def account_request_reject(*, request: AccountRequest, by: User, reason: str) -> AccountRequest:
    _require_pending(request)
    if not reason.strip():
        raise ValidationError(_("Say why the request is rejected."), code="reason_required")
    request.status = AccountRequest.Status.REJECTED
    request.decision_reason = reason
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _tell_applicant(request)
    return request

"""The guideline in force: AKN records each version of "Riktlinjer för sociala medier", is reminded
when the half-yearly revision is due, and asks the editors to confirm that they have read it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from helsocial import workdays
from helsocial.mail import mail_enqueue

from .models import AccountEditor, GuidelineConfirmation, GuidelineVersion, SocialAccount, User


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 August + 6 months is 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def revision_due(version: GuidelineVersion) -> date:
    """ "De här riktlinjerna revideras en gång per halvår": half a year after the version took effect."""
    return add_months(version.in_force_from, settings.GUIDELINE_REVISION_MONTHS)


def reminder_day(version: GuidelineVersion) -> date:
    """The working day `GUIDELINE_REMINDER_WORKING_DAYS` working days before the revision is due."""
    day = revision_due(version)
    for _step in range(settings.GUIDELINE_REMINDER_WORKING_DAYS):
        day = workdays.previous_working_day(day)
    return day


@transaction.atomic
def guideline_version_record(
    *, by: User, title: str, in_force_from: date, url: str, changes: str
) -> GuidelineVersion:
    return GuidelineVersion.objects.create(
        title=title, in_force_from=in_force_from, url=url, changes=changes, recorded_by=by
    )


def guideline_revision_reminder_send(*, now: datetime | None = None) -> int:
    """Mail AKN once per version when its revision draws near; sent on a working day only.

    Safe to run every hour: the outbox key makes it one mail per version.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    version = GuidelineVersion.objects.in_force(today)
    if version is None or not settings.AKN_EMAIL or not workdays.is_working_day(today):
        return 0
    if today < reminder_day(version):
        return 0
    with transaction.atomic():
        mail_enqueue(
            key=f"guideline-revision:{version.pk}",
            name="guideline_revision_due",
            to=[settings.AKN_EMAIL],
            context={"version": version, "due": revision_due(version)},
        )
    return 1


def guideline_editors() -> list[User]:
    """The people asked to confirm: enabled editors of open accounts."""
    ids = AccountEditor.objects.filter(account__in=SocialAccount.objects.open(), user__is_active=True).values(
        "user_id"
    )
    return list(User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username"))


@dataclass(frozen=True)
class ConfirmationRow:
    person: User
    confirmed_at: datetime | None


def guideline_confirmation_rows(version: GuidelineVersion) -> list[ConfirmationRow]:
    """Every editor with the time they confirmed this version, or None: those who have not first."""
    confirmed = dict(version.confirmations.values_list("user_id", "confirmed_at"))
    rows = [ConfirmationRow(person, confirmed.get(person.pk)) for person in guideline_editors()]
    return sorted(rows, key=lambda row: row.confirmed_at is not None)


@transaction.atomic
def guideline_confirmations_request(*, version: GuidelineVersion, by: User) -> int:
    """Ask every editor by mail to confirm they have read `version`; each is asked once."""
    if version.confirmations_requested_at is None:
        version.confirmations_requested_at = timezone.now()
        version.save(update_fields=["confirmations_requested_at"])
    already = set(version.confirmations.values_list("user_id", flat=True))
    sent = 0
    for person in guideline_editors():
        if person.pk in already or not person.email:
            continue
        mail_enqueue(
            key=f"guideline-confirm:{version.pk}:{person.pk}",
            name="guideline_confirm",
            to=[person.email],
            context={"version": version, "person": person},
        )
        sent += 1
    return sent


def guideline_confirm(*, version: GuidelineVersion, user: User) -> GuidelineConfirmation:
    """Record that `user` has read `version`; confirming twice keeps the first time."""
    existing = version.confirmations.filter(user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return GuidelineConfirmation.objects.create(version=version, user=user)
    except IntegrityError:  # a double click: the other request confirmed first
        return version.confirmations.get(user=user)

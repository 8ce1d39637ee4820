"""Reading the stored figures honestly: what a month's reach is, and what each figure means.

Daily reach counts unique people per day, so a month's days do not add up to the month's reach.
Where the platform gives a period value (Instagram), it is stored as the account's month row and
used; elsewhere the month's figure is the sum of the daily reach, and is named so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import SocialAccount

from .models import MetricSnapshot

REACH = _("Reach")
SUM_OF_DAILY_REACH = _("Sum of daily reach")


@dataclass(frozen=True)
class MonthReach:
    value: int | None
    period: bool  # the platform's unique reach over the month, not a sum of days
    label: str


def month_reach(*, account: SocialAccount, month: date) -> MonthReach:
    """The account's reach in the month: the platform's period value, else the sum of its days."""
    first = month.replace(day=1)
    period = (
        MetricSnapshot.objects.filter(
            account=account,
            subject="",
            metric_set=MetricSnapshot.MetricSet.ACCOUNT_MONTH,
            day=first,
            reach__isnull=False,
        )
        .values_list("reach", flat=True)
        .first()
    )
    if period is not None:
        return MonthReach(value=period, period=True, label=str(REACH))
    following = (first + timedelta(days=32)).replace(day=1)
    days = MetricSnapshot.objects.filter(
        account=account,
        subject="",
        metric_set=MetricSnapshot.MetricSet.ACCOUNT_DAY,
        day__gte=first,
        day__lt=following,
    ).aggregate(total=Sum("reach"), given=Count("reach"))
    # No day with a reach is no figure, never 0.
    value = days["total"] if days["given"] else None
    return MonthReach(value=value, period=False, label=str(SUM_OF_DAILY_REACH))

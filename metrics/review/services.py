"""The account review's reads and writes: storing the day's states, thresholds, annual decisions."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from redis.exceptions import RedisError

from accounts.models import SocialAccount, User

from . import criteria
from .facts import review_facts
from .models import ReviewDecision, ReviewState, ReviewThresholds

logger = logging.getLogger(__name__)

SEVERITY = {criteria.GREEN: 0, criteria.AMBER: 1, criteria.RED: 3}


# Every review page reads the thresholds and AKN changes them a few times a year: they are kept in
# the cache and forgotten when a row is saved or deleted (and again after its commit, so that a page
# that read the old rows meanwhile keeps them no longer).
THRESHOLDS_KEY = "review:thresholds:v1"
THRESHOLDS_KEPT_SECONDS = 3600


def thresholds_by_platform() -> dict[str, criteria.Thresholds]:
    """Every platform's thresholds (the stored row, else the defaults): kept, else one query."""
    try:
        kept = cache.get(THRESHOLDS_KEY)
    except (RedisError, OSError):  # pages keep working while the cache is down
        kept = None
    if kept is not None:
        return kept
    stored = {row.platform: row for row in ReviewThresholds.objects.all()}
    thresholds = {
        platform: (stored.get(platform) or ReviewThresholds.defaults_for(platform)).as_thresholds()
        for platform in SocialAccount.Platform.values
    }
    with contextlib.suppress(RedisError, OSError):
        cache.set(THRESHOLDS_KEY, thresholds, THRESHOLDS_KEPT_SECONDS)
    return thresholds


def forget_thresholds_now() -> None:
    try:
        cache.delete(THRESHOLDS_KEY)
    except (RedisError, OSError) as exc:
        logger.warning("review: the cache is unreachable, its thresholds are forgotten in an hour: %s", exc)


def forget_thresholds(**_kwargs) -> None:
    """A threshold row changed (post_save/post_delete): forget the kept thresholds."""
    forget_thresholds_now()
    transaction.on_commit(forget_thresholds_now)


def thresholds_fingerprint(thresholds: dict[str, criteria.Thresholds]) -> str:
    """A short name of every platform's thresholds: it changes when any threshold does."""
    text = repr(sorted((platform, repr(t)) for platform, t in thresholds.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Judged:
    facts: criteria.Facts
    verdicts: list[criteria.Verdict]

    @property
    def states(self) -> dict[str, str]:
        return {v.criterion: v.state for v in self.verdicts}


def judge(facts: criteria.Facts, thresholds: dict[str, criteria.Thresholds]) -> Judged:
    t = thresholds.get(facts.platform) or criteria.Thresholds()
    return Judged(facts=facts, verdicts=criteria.judge(facts, t))


def accounts_judge(
    *,
    account_ids: Iterable[int] | None,
    now: datetime | None = None,
    thresholds: dict[str, criteria.Thresholds] | None = None,
    city_from_store: bool = False,
) -> dict[int, Judged]:
    """Facts and verdicts of the accounts, measured now (a fixed handful of queries); see
    `review_facts` for `city_from_store`."""
    thresholds = thresholds or thresholds_by_platform()
    facts = review_facts(account_ids=account_ids, now=now, city_from_store=city_from_store)
    return {pk: judge(f, thresholds) for pk, f in facts.items()}


@transaction.atomic
def review_store(*, now: datetime | None = None, account_ids: Iterable[int] | None = None) -> int:
    """Store today's states of every open account (or of the given ones); rerunning a day replaces
    its rows. A closed account is judged no more: its last states stay in its history."""
    now = now or timezone.now()
    if account_ids is None and SocialAccount.objects.closed().exists():
        account_ids = list(SocialAccount.objects.open().values_list("pk", flat=True))
    judged = accounts_judge(account_ids=account_ids, now=now)
    # The account as it is today goes with its states: the page filters and sorts by these columns.
    names = {
        pk: (name, platform, administration_id)
        for pk, name, platform, administration_id in SocialAccount.objects.filter(
            pk__in=list(judged)
        ).values_list("pk", "name", "platform", "administration_id")
    }
    rows = []
    for pk, j in judged.items():
        states = j.states
        name, platform, administration_id = names.get(pk, ("", j.facts.platform, None))
        rows.append(
            ReviewState(
                account_id=pk,
                account_name=name,
                platform=platform,
                administration_id=administration_id,
                day=j.facts.day,
                active=states["active"],
                effective=states["effective"],
                longterm=states["longterm"],
                severity=sum(SEVERITY[s] for s in states.values()),
                facts=j.facts.to_json(),
                computed_at=now,
            )
        )
    ReviewState.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["account", "day"],
        update_fields=[
            "active",
            "effective",
            "longterm",
            "severity",
            "facts",
            "computed_at",
            "account_name",
            "platform",
            "administration",
        ],
    )
    return len(rows)


def latest_day() -> date | None:
    return ReviewState.objects.order_by("-day").values_list("day", flat=True).first()


def review_rows(*, accounts: QuerySet[SocialAccount], day: date | None) -> QuerySet[ReviewState]:
    """The stored states of `day` for the accounts, with the latest annual decision's next review."""
    latest = ReviewDecision.objects.filter(account=OuterRef("account_id")).order_by("-decided_at", "-id")
    rows = ReviewState.objects.filter(day=day)
    if accounts.query.has_filters():  # AKN's "every account" needs no semi-join
        rows = rows.filter(account__in=accounts)
    return rows.select_related("account", "account__administration").annotate(
        next_review_on=Subquery(latest.values("next_review_on")[:1]),
        last_decision=Subquery(latest.values("decision")[:1]),
    )


def state_history(*, account: SocialAccount, today: date, months: int = 13) -> list[ReviewState]:
    """The last stored state of each of the account's last `months` months, newest first (one query)."""
    first = today.replace(day=1)
    index = first.year * 12 + first.month - 1 - (months - 1)
    start = date(index // 12, index % 12 + 1, 1)
    rows = ReviewState.objects.filter(account=account, day__gte=start)
    if connection.vendor == "postgresql":
        # Only each month's last stored day is read (a year of nightly rows is some 400, each with
        # its facts): DISTINCT ON the month, newest day first.
        return list(rows.annotate(month=TruncMonth("day")).order_by("-month", "-day").distinct("month"))
    by_month: dict[date, ReviewState] = {}
    for row in rows.order_by("day"):
        by_month[row.day.replace(day=1)] = row  # the month's last day wins
    return [by_month[m] for m in sorted(by_month, reverse=True)]


@transaction.atomic
def decision_record(
    *, account: SocialAccount, by: User, decision: str, note: str, next_review_on: date
) -> ReviewDecision:
    return ReviewDecision.objects.create(
        account=account, decision=decision, note=note, next_review_on=next_review_on, decided_by=by
    )


@transaction.atomic
def thresholds_save(*, row: ReviewThresholds, by: User) -> ReviewThresholds:
    """Save a platform's thresholds; the caller re-judges the accounts after the commit."""
    row.updated_by = by
    row.save()
    return row

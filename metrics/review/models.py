"""The account review's tables: AKN's thresholds per platform, the stored states, the annual decisions.

Imported by metrics/models.py, so they are the metrics app's models.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import SocialAccount

from . import criteria

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]

# The floor per platform: Swedish guidelines ask two to four posts a week; the average municipality
# posted about 24 a month on Facebook in 2022. LinkedIn is a slower channel.
DEFAULT_POSTS_PER_WEEK = {
    "facebook": (Decimal("3"), Decimal("1")),
    "instagram": (Decimal("2"), Decimal("1")),
    "linkedin": (Decimal("1"), Decimal("0.5")),
    "x": (Decimal("3"), Decimal("1")),
    "demo": (Decimal("2"), Decimal("1")),
}


class State(models.TextChoices):
    GREEN = criteria.GREEN, _("Green")
    AMBER = criteria.AMBER, _("Amber")
    RED = criteria.RED, _("Red")


class ReviewThresholds(models.Model):
    """The review's thresholds for one platform; a platform without a row uses the defaults."""

    platform = models.CharField(_("platform"), max_length=16, choices=SocialAccount.Platform, unique=True)
    posts_per_week_green = models.DecimalField(
        _("posts a week for green"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    posts_per_week_amber = models.DecimalField(
        _("posts a week for amber"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    days_since_post_green = models.PositiveIntegerField(
        _("days since the last post, green at most"), default=7
    )
    days_since_post_amber = models.PositiveIntegerField(
        _("days since the last post, amber at most"), default=21
    )
    answered_share_green = models.PositiveSmallIntegerField(
        _("percent answered within the promise for green"), default=90, validators=PERCENT
    )
    answered_share_amber = models.PositiveSmallIntegerField(
        _("percent answered within the promise for amber"), default=75, validators=PERCENT
    )
    overdue_amber_max = models.PositiveIntegerField(_("past-due comments now, amber at most"), default=5)
    booked_share_green = models.PositiveSmallIntegerField(
        _("percent of posts with a booking for green"), default=50, validators=PERCENT
    )
    booked_share_amber = models.PositiveSmallIntegerField(
        _("percent of posts with a booking for amber"), default=20, validators=PERCENT
    )
    engagement_vs_median_green = models.PositiveSmallIntegerField(
        _("engagement as percent of the city median for green"), default=75
    )
    engagement_vs_median_amber = models.PositiveSmallIntegerField(
        _("engagement as percent of the city median for amber"), default=40
    )
    engagement_drop_amber = models.PositiveSmallIntegerField(
        _("percent fall against its own trend that makes amber"), default=30, validators=PERCENT
    )
    follower_loss_red = models.PositiveSmallIntegerField(
        _("percent of followers lost in a year that makes red"), default=10, validators=PERCENT
    )
    followers_vs_citywide_green = models.PositiveSmallIntegerField(
        _("followers as percent of the city-wide account for green"), default=5
    )
    followers_vs_citywide_amber = models.PositiveSmallIntegerField(
        _("followers as percent of the city-wide account for amber"), default=1
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["platform"]
        verbose_name = _("review thresholds")
        verbose_name_plural = _("review thresholds")
        constraints = [
            models.CheckConstraint(
                condition=Q(posts_per_week_amber__lte=models.F("posts_per_week_green"))
                & Q(days_since_post_green__lte=models.F("days_since_post_amber"))
                & Q(answered_share_amber__lte=models.F("answered_share_green"))
                & Q(booked_share_amber__lte=models.F("booked_share_green"))
                & Q(engagement_vs_median_amber__lte=models.F("engagement_vs_median_green"))
                & Q(followers_vs_citywide_amber__lte=models.F("followers_vs_citywide_green")),
                name="review_thresholds_amber_below_green",
                violation_error_message=_("Each amber threshold must be less strict than its green one."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_platform_display())

    @classmethod
    def defaults_for(cls, platform: str) -> ReviewThresholds:
        green, amber = DEFAULT_POSTS_PER_WEEK.get(platform, (Decimal("2"), Decimal("1")))
        return cls(platform=platform, posts_per_week_green=green, posts_per_week_amber=amber)

    def as_thresholds(self) -> criteria.Thresholds:
        return criteria.Thresholds(
            **{name: getattr(self, name) for name in criteria.Thresholds.__dataclass_fields__}
        )


class ReviewState(models.Model):
    """An account's three states on one day with the facts they were judged from (the history).

    Written by the nightly task (and when AKN changes a threshold); one row per account and day,
    recomputing a day replaces its row. `severity` orders the page "worst first": 3 per red, 1 per
    amber.
    """

    account = models.ForeignKey(SocialAccount, models.CASCADE, related_name="review_states")
    day = models.DateField(_("day"))
    active = models.CharField(pgettext_lazy("criterion", "active"), max_length=8, choices=State)
    effective = models.CharField(pgettext_lazy("criterion", "effective"), max_length=8, choices=State)
    longterm = models.CharField(pgettext_lazy("criterion", "long-term"), max_length=8, choices=State)
    severity = models.PositiveSmallIntegerField(default=0)
    facts = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)
    # The account as it was on `day`, so that the page filters and sorts one day's rows by an index
    # instead of joining and sorting every account (the row shows the account's current name).
    account_name = models.CharField(_("name"), max_length=120, db_default="")
    platform = models.CharField(_("platform"), max_length=16, db_default="")
    administration = models.ForeignKey(
        "accounts.Administration", models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["-day", "account_id"]
        verbose_name = _("review state")
        verbose_name_plural = _("review states")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "day"],
                name="review_state_once_a_day",
                violation_error_message=_("The account's states of this day are already stored."),
            ),
        ]
        indexes = [
            # The page reads one day's rows, worst first.
            models.Index(fields=["day", "-severity", "account"], name="review_state_day"),
            # The page's two orders, and a förvaltning's rows in either.
            models.Index(fields=["day", "-severity", "account_name", "account"], name="review_state_worst"),
            models.Index(fields=["day", "account_name", "account"], name="review_state_name"),
            models.Index(
                fields=["day", "administration", "-severity", "account_name"], name="review_state_adm"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day}: {self.active}/{self.effective}/{self.longterm}"


class ReviewDecisionQuerySet(models.QuerySet):
    # The annual review is a record of who decided what: no code path rewrites or removes it.
    def update(self, **kwargs):
        raise TypeError("The review decisions are append-only.")

    def delete(self):
        raise TypeError("The review decisions are append-only.")


class ReviewDecision(models.Model):
    """AKN's decision in the annual review of one account, with the date of the next review."""

    class Decision(models.TextChoices):
        KEEP = "keep", _("Keep")
        KEEP_WITH_ACTIONS = "keep_with_actions", _("Keep, with actions")
        MERGE = "merge", _("Merge into a city-wide account")
        CLOSE = "close", _("Close")

    account = models.ForeignKey(SocialAccount, models.PROTECT, related_name="review_decisions")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision)
    note = models.TextField(_("note"), blank=True)
    next_review_on = models.DateField(_("next review"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    objects = ReviewDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        indexes = [models.Index(fields=["account", "-decided_at", "-id"], name="review_decision_latest")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.decision} {self.decided_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The review decisions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The review decisions are append-only.")

"""The shared publishing calendar (publiceringskalendern): bookings, their slots and the rules.

A `Booking` is what a förvaltning plans to publish; each `BookingSlot` is one account and one time.
No two live slots on one account may overlap, counting the account's minimum gap after each post:
the service checks it under a row lock on the account, and on PostgreSQL an exclusion constraint on
(account, [starts_at, blocked_until)) is the final guard (migration 0002, PostgreSQL only).
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Administration, SocialAccount


class Objective(models.TextChoices):
    INFORM = "inform", _("Inform")
    ACTIVATE = "activate", _("Activate")
    ENGAGE = "engage", _("Engage")


class Category(models.TextChoices):
    CIVIC_CRISIS = "civic_crisis", _("Civic and crisis information")
    TIPS = "tips", _("Tips and inspiration from our services")
    PEOPLE = "people", _("Everyday stories about people in the city")
    DEVELOPMENT = "development", _("Helsingborg's development")
    PLACE_BRAND = "place_brand", _("Brand-building content about the place Helsingborg")


class Topic(models.TextChoices):
    # The guideline's examples of topics within a category; stored as a list of these codes.
    ENVIRONMENT = "environment", _("Environment")
    SOCIAL_ISSUES = "social_issues", _("Social issues")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    LEISURE = "leisure", _("Leisure")
    INNOVATION = "innovation", _("Innovation")
    BUSINESS_CLIMATE = "business_climate", _("Business climate")
    TRAFFIC = "traffic", _("Traffic")
    HEALTH = "health", _("Health and care")
    WORK = "work", _("Work and careers")


class MediaType(models.TextChoices):
    TEXT = "text", _("Text only")
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")
    LINK = "link", _("Link with preview")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PUBLISHED = "published", _("Published")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class Approval(models.TextChoices):
    # Only where the förvaltning asks for it (Administration.requires_approval); "" when not asked.
    NOT_NEEDED = "", _("Not needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("booking", "Approved")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Not decided in time")


class BookingQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Status.CANCELLED)

    def awaiting_approval(self):
        return self.live().filter(approval=Approval.PENDING)


class Booking(models.Model):
    administration = models.ForeignKey(
        Administration, models.PROTECT, related_name="bookings", verbose_name=_("administration")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="bookings", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=200)
    draft_text = models.TextField(_("draft text"), blank=True)
    objective = models.CharField(_("objective"), max_length=16, choices=Objective)
    category = models.CharField(_("content category"), max_length=16, choices=Category)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    target_group = models.TextField(_("target group"), help_text=_("Who do we want to reach?"))
    link = models.URLField(_("link"), blank=True, max_length=500)
    media_type = models.CharField(_("media type"), max_length=8, choices=MediaType, default=MediaType.IMAGE)
    is_charged = models.BooleanField(
        _("charged content"), default=False, help_text=_("Content that may start a heated discussion.")
    )
    charged_acknowledged = models.BooleanField(_("late charged content acknowledged"), default=False)
    expects_high_activity = models.BooleanField(_("expects high comment activity"), default=False)
    faq_text = models.TextField(_("FAQ for the contact centre"), blank=True)
    is_advertising = models.BooleanField(_("advertising"), default=False)
    ad_budget = models.DecimalField(
        _("advertising budget (SEK)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    ad_starts_on = models.DateField(_("advertising from"), null=True, blank=True)
    ad_ends_on = models.DateField(_("advertising until"), null=True, blank=True)
    image_alt_text = models.TextField(
        _("alternative text for the image"),
        blank=True,
        default="",
        db_default="",  # rows written by raw SQL (the bench's COPY) get it too
        max_length=1000,
        help_text=_("What the image shows, for those who cannot see it (the accessibility law, DOS-lagen)."),
    )
    captions_confirmed = models.BooleanField(_("the video is captioned"), default=False)
    rights_confirmed = models.BooleanField(_("the city has the rights to the images or video"), default=False)
    consent_confirmed = models.BooleanField(_("the people shown have agreed"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    # While pending the booking's slots stay planned (held: capacity and the exclusion constraint
    # count them); a rejection or the deadline cancels them.
    approval = models.CharField(
        _("approval"), max_length=12, choices=Approval, blank=True, default="", db_default=""
    )
    approval_due_at = models.DateTimeField(_("decide before"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            # "vem vill vi nå?" is required by the guideline's Målgrupp section.
            models.CheckConstraint(
                condition=~Q(target_group=""),
                name="booking_has_target_group",
                violation_error_message=_("Say whom the post should reach."),
            ),
            # "Förbered en FAQ till KC" when high comment activity is expected.
            models.CheckConstraint(
                condition=Q(expects_high_activity=False) | ~Q(faq_text=""),
                name="booking_high_activity_has_faq",
                violation_error_message=_(
                    "A booking that expects many comments needs a FAQ for the contact centre."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_advertising=False)
                | Q(ad_budget__isnull=False, ad_starts_on__isnull=False, ad_ends_on__isnull=False),
                name="booking_advertising_has_budget_and_period",
                violation_error_message=_("Advertising needs a budget and a period."),
            ),
            models.CheckConstraint(
                condition=Q(ad_starts_on__isnull=True)
                | Q(ad_ends_on__isnull=True)
                | Q(ad_ends_on__gte=F("ad_starts_on")),
                name="booking_advertising_period_ordered",
                violation_error_message=_("The advertising period cannot end before its first day."),
            ),
            models.CheckConstraint(
                condition=~Q(approval="pending") | Q(approval_due_at__isnull=False),
                name="booking_pending_has_deadline",
                violation_error_message=_("A booking awaiting approval needs a time by which it is decided."),
            ),
        ]
        indexes = [
            models.Index(fields=["administration", "status"], name="booking_admin_status"),
            # The approval list and the deadline sweep read only the waiting bookings.
            models.Index(
                fields=["approval_due_at"], condition=Q(approval="pending"), name="booking_approval_due"
            ),
            # The start page counts a person's upcoming bookings from their bookings' ids: from this
            # index alone (with slot_planned_booking), without visiting the table's rows.
            models.Index(fields=["author", "id"], name="booking_author_id"),
        ]

    def __str__(self) -> str:
        return self.title


# Longer than any slot can be: one local day, plus the hour a switch from summer time adds.
MAX_SLOT_SPAN = timedelta(hours=25)


class BookingSlotQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Status.CANCELLED)

    def on_account(self, account_id: int):
        return self.filter(account_id=account_id)

    def overlapping(self, starts_at: datetime, blocked_until: datetime):
        """Slots whose blocked range [starts_at, blocked_until) meets the given one."""
        return self.filter(starts_at__lt=blocked_until, blocked_until__gt=starts_at)

    def published_as(self, account_id: int, post_ids):
        """The slots recorded as published as these posts of the account (one slot per post)."""
        return self.filter(account_id=account_id, post_platform_id__in=post_ids).exclude(post_platform_id="")

    def between(self, start: datetime, end: datetime):
        # A slot starts and ends on one local day (the service refuses others), so one that meets
        # the period started at most a day before it: the lower bound lets the (account,
        # starts_at) index read the period instead of the account's whole history.
        return self.filter(starts_at__lt=end, ends_at__gt=start, starts_at__gt=start - MAX_SLOT_SPAN)


class BookingSlot(models.Model):
    booking = models.ForeignKey(Booking, models.CASCADE, related_name="slots")
    account = models.ForeignKey(
        SocialAccount, models.PROTECT, related_name="booking_slots", verbose_name=_("account")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # ends_at plus the account's minimum gap when the slot was booked: the range the exclusion
    # constraint compares, so the gap holds in the database too and not only in Python.
    blocked_until = models.DateTimeField()
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    # iCalendar SEQUENCE: raised on every change so Outlook replaces its copy instead of keeping both.
    sequence = models.PositiveIntegerField(default=0)
    post_platform_id = models.CharField(_("platform post id"), max_length=128, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    faq_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingSlotQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booked slot")
        verbose_name_plural = _("booked slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("A booked time must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")),
                name="slot_blocked_covers_slot",
                violation_error_message=_("The time kept free after a post must cover the post's own time."),
            ),
        ]
        indexes = [
            # The calendar pages read live slots by time, the rule checks by account and time.
            models.Index(fields=["starts_at", "id"], name="slot_start"),
            models.Index(fields=["account", "starts_at"], name="slot_account_start"),
            # The month's per-day counts and first slots read only the live slots' times and ids:
            # from this index alone, without visiting the table's rows.
            models.Index(
                fields=["account", "starts_at"],
                include=["id"],
                condition=~Q(status="cancelled"),
                name="slot_live_account_start",
            ),
            # The missed-slot sweep reads only planned rows.
            models.Index(fields=["ends_at"], condition=Q(status="planned"), name="slot_planned_end"),
            # The list (selectors.slot_list_page) reads the coming slots in time order and the missed
            # ones of any time before them from their own few rows, each keeping only the person's
            # accounts: the account is in the index, so the walk reads no table row it then drops.
            models.Index(fields=["starts_at", "id"], include=["account"], name="slot_start_with_account"),
            models.Index(
                fields=["starts_at", "id"],
                include=["account"],
                condition=Q(status="missed"),
                name="slot_missed_start",
            ),
            # Moderation finds the slot a post was published in (whose queue, the FAQ) by its id.
            models.Index(
                fields=["account", "post_platform_id"],
                condition=~Q(post_platform_id=""),
                name="slot_account_post",
            ),
            # The start page's upcoming bookings: the planned slots of a person's bookings by time.
            models.Index(
                fields=["booking", "starts_at"], condition=Q(status="planned"), name="slot_planned_booking"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ics_uid(self) -> str:
        return f"booking-slot-{self.pk}@helsocial.helsingborg.se"


class ChannelRule(models.Model):
    """Per-account rules AKN edits; an account without a row uses the defaults below."""

    DEFAULT_SLOT_MINUTES = 60
    DEFAULT_MIN_GAP_MINUTES = 60
    DEFAULT_MAX_POSTS_PER_DAY = 3
    DEFAULT_ALLOWED_FROM = time(7, 0)
    DEFAULT_ALLOWED_UNTIL = time(21, 0)

    account = models.OneToOneField(
        SocialAccount, models.CASCADE, related_name="channel_rule", verbose_name=_("account")
    )
    slot_minutes = models.PositiveIntegerField(_("slot length (minutes)"), default=DEFAULT_SLOT_MINUTES)
    min_gap_minutes = models.PositiveIntegerField(
        _("minimum gap between posts (minutes)"), default=DEFAULT_MIN_GAP_MINUTES
    )
    max_posts_per_day = models.PositiveIntegerField(
        _("maximum posts per day"), default=DEFAULT_MAX_POSTS_PER_DAY
    )
    allowed_from = models.TimeField(_("allowed from"), default=DEFAULT_ALLOWED_FROM)
    allowed_until = models.TimeField(_("allowed until"), default=DEFAULT_ALLOWED_UNTIL)
    block_late_charged = models.BooleanField(
        _("block charged content late before a day off"),
        default=False,
        help_text=_("Otherwise the person booking gets a warning they must acknowledge."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["account__name"]
        verbose_name = _("channel rule")
        verbose_name_plural = _("channel rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gt=0),
                name="rule_slot_positive",
                violation_error_message=_("A post's time must be at least one minute long."),
            ),
            models.CheckConstraint(
                condition=Q(max_posts_per_day__gt=0),
                name="rule_cap_positive",
                violation_error_message=_("Allow at least one post per day."),
            ),
            models.CheckConstraint(
                condition=Q(allowed_until__gt=F("allowed_from")),
                name="rule_hours_ordered",
                violation_error_message=_("The allowed hours must end after they start."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.account)

    @classmethod
    def for_account(cls, account: SocialAccount) -> ChannelRule:
        """The account's rule, or an unsaved one with the defaults."""
        try:
            return account.channel_rule
        except cls.DoesNotExist:
            return cls(account=account)

    @property
    def slot_length(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    @property
    def min_gap(self) -> timedelta:
        return timedelta(minutes=self.min_gap_minutes)

    def clean(self) -> None:
        if self.allowed_from and self.allowed_until and self.allowed_until <= self.allowed_from:
            raise ValidationError(
                {"allowed_until": _("The end of the allowed hours must be after the start.")}
            )


class KcAgreementQuerySet(models.QuerySet):
    def in_force(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )


class KcAgreement(models.Model):
    """An agreement that the contact centre handles the comments on a förvaltning's posts."""

    administration = models.OneToOneField(
        Administration, models.CASCADE, related_name="kc_agreement", verbose_name=_("administration")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = KcAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["administration__name"]
        verbose_name = _("contact centre agreement")
        verbose_name_plural = _("contact centre agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="kc_agreement_period_ordered",
                violation_error_message=_("The agreement cannot end before the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.administration)


class AppendOnlyQuerySet(models.QuerySet):
    # The booking log is evidence of who changed what: no code path may rewrite or remove it.
    def update(self, **kwargs):
        raise TypeError("The booking log is append-only.")

    def delete(self):
        raise TypeError("The booking log is append-only.")


class BookingLog(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Edited")
        MOVED = "moved", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")
        DISPLACED = "displaced", _("Displaced by crisis information")
        PUBLISHED = "published", _("Published")
        MISSED = "missed", _("Missed")
        FAQ_SENT = "faq_sent", _("FAQ sent to the contact centre")
        APPROVED = "approved", pgettext_lazy("booking", "Approved")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Released: not decided in time")

    booking = models.ForeignKey(Booking, models.PROTECT, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=16, choices=Action)
    changes = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["booking", "at"], name="bookinglog_booking_at")]

    def __str__(self) -> str:
        return f"{self.booking_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The booking log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The booking log is append-only.")


def new_feed_secret() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """A secret address of an iCalendar feed; the feed shows what its owner may see."""

    class Kind(models.TextChoices):
        USER = "user", _("My bookings")
        ADMINISTRATION = "administration", _("An administration's bookings")
        ACCOUNT = "account", _("An account's bookings")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feeds")
    kind = models.CharField(_("feed"), max_length=16, choices=Kind)
    administration = models.ForeignKey(
        Administration, models.CASCADE, null=True, blank=True, related_name="+"
    )
    account = models.ForeignKey(SocialAccount, models.CASCADE, null=True, blank=True, related_name="+")
    secret = models.CharField(max_length=64, unique=True, default=new_feed_secret)
    created_at = models.DateTimeField(auto_now_add=True)
    renewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="user") & Q(administration__isnull=True) & Q(account__isnull=True))
                | (Q(kind="administration") & Q(administration__isnull=False) & Q(account__isnull=True))
                | (Q(kind="account") & Q(administration__isnull=True) & Q(account__isnull=False)),
                name="feed_scope_matches_kind",
                violation_error_message=_(
                    "Choose the administration or the account the feed is for, as its kind says."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.ADMINISTRATION:
            return f"{self.get_kind_display()}: {self.administration}"
        if self.kind == self.Kind.ACCOUNT:
            return f"{self.get_kind_display()}: {self.account}"
        return str(self.get_kind_display())

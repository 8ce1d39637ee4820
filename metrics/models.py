"""Figures pulled from the platforms, and press releases.

The posts they belong to and each account's connection are `platforms`' (platforms/models.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import SocialAccount
from calendar_booking.models import Category, Objective
from platforms.models import PlatformPost


class MetricSnapshot(models.Model):
    """The figures of one post (or of the account as a whole) on one day, for one metric set.

    `subject` is the post's platform id, or "" for the account: a plain column in the unique key (a
    nullable post would make NULLs distinct and the upsert could not find its row). A figure the
    platform does not give is NULL, never 0, and `missing` says why (figure -> reason).

    `day` is a day of the platform's own (`day_zone`: Pacific time for Meta, UTC for LinkedIn and
    X); an account day is `settled` once the platform's figures for it are final, and is re-read
    until then and for a few days more (METRICS_SETTLED_DAYS). A post's lifetime figures are stored
    under the day they were read. `clicks` is every click, `link_clicks` only those on the link;
    `views` every time the post was shown or played, `video_views` only plays of a video.
    """

    class MetricSet(models.TextChoices):
        POST_LIFETIME = "post_lifetime", _("Post, lifetime to date")
        ACCOUNT_DAY = "account_day", _("Account, one day")
        # The month's unique reach as the platform counts it (day = the month's first day).
        ACCOUNT_MONTH = "account_month", _("Account, one month")

    class FollowerGain(models.TextChoices):
        GROSS = "gross", _("New followers (gains counted by the platform)")
        NET = "net", _("Net change in followers (difference of follower counts)")

    account = models.ForeignKey(SocialAccount, models.CASCADE, related_name="metric_snapshots")
    post = models.ForeignKey(PlatformPost, models.CASCADE, null=True, blank=True, related_name="snapshots")
    subject = models.CharField(max_length=128, blank=True)
    day = models.DateField(_("day"))
    metric_set = models.CharField(max_length=16, choices=MetricSet)
    reach = models.BigIntegerField(null=True, blank=True)
    video_views = models.BigIntegerField(null=True, blank=True)
    link_clicks = models.BigIntegerField(null=True, blank=True)
    reactions = models.BigIntegerField(null=True, blank=True)
    comments = models.BigIntegerField(null=True, blank=True)
    shares = models.BigIntegerField(null=True, blank=True)
    saves = models.BigIntegerField(null=True, blank=True)
    followers = models.BigIntegerField(null=True, blank=True)
    interactions = models.BigIntegerField(null=True, blank=True)
    views = models.BigIntegerField(null=True, blank=True)
    clicks = models.BigIntegerField(null=True, blank=True)
    new_followers = models.BigIntegerField(null=True, blank=True)
    new_followers_kind = models.CharField(max_length=8, choices=FollowerGain, blank=True)
    settled = models.BooleanField(default=False)
    day_zone = models.CharField(max_length=40, blank=True)
    organic_only = models.BooleanField(default=False)
    missing = models.JSONField(default=dict, blank=True)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("metric snapshot")
        verbose_name_plural = _("metric snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "subject", "day", "metric_set"],
                name="metric_snapshot_once",
                violation_error_message=_("The figures of this day are already stored."),
            ),
            # A post snapshot names its post; an account snapshot names none.
            models.CheckConstraint(
                condition=(Q(subject="") & Q(post__isnull=True)) | (~Q(subject="") & Q(post__isnull=False)),
                name="metric_snapshot_subject_matches_post",
                violation_error_message=_(
                    "Figures of a post must name the post, and figures of the account none."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["post", "day"], name="metric_snapshot_post_day"),
            # Every account's days of one month, for the monthly rollup: a quarter of the table.
            models.Index(fields=["day"], condition=Q(subject=""), name="metric_snapshot_account_days"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.subject or '(account)'} {self.day} {self.metric_set}"


class PressRelease(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be posted")
        POSTED = "posted", _("Posted")
        FAILED = "failed", _("Could not be posted")
        SKIPPED = "skipped", _("Too old to post")

    guid = models.CharField(max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=500)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PENDING)
    text = models.CharField(_("posted text"), max_length=1000, blank=True)
    x_post_id = models.CharField(max_length=64, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="press_release_pending")
        ]

    def __str__(self) -> str:
        return self.title


class MonthlyRollup(models.Model):
    """An account's month (subject "") or a post's figures for the month it was published, computed in
    SQL from the snapshots by `metrics.rollup` and recomputed after every pull for the months it
    touched. Every page and mail reads these rows. NULL is "not given", never 0.

    Account months: views, interactions and new followers are sums of the days; reach is the
    platform's period value when `reach_is_period`, else the sum of daily reach ("summa av daglig
    räckvidd"); followers is the last count read in the month. Post months: each figure is the
    post's latest lifetime value. Engagement rate = interactions ÷ followers (the guideline's);
    beside it, interactions ÷ reach.
    """

    # The unique key (account, subject, month) serves every lookup by account: no index of its own,
    # one fewer to write for each of the month's rows.
    # No foreign-key constraints in the database (db_constraint=False): the rows are derived from the
    # snapshots (whose own constraints hold) and recomputed from them, and checking both keys of each
    # of a month's forty thousand rows at commit was half of the rollup's time (quality.md, bar 4).
    # Django's CASCADE still deletes an account's and a post's rows with it (tests/metrics/test_rollup.py).
    account = models.ForeignKey(
        SocialAccount,
        models.CASCADE,
        related_name="monthly_rollups",
        db_index=False,
        db_constraint=False,
    )
    post = models.ForeignKey(
        PlatformPost,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="monthly_rollups",
        db_index=False,  # the (month, post) index below
        db_constraint=False,
    )
    subject = models.CharField(max_length=128, blank=True)
    month = models.DateField(_("month"))
    followers = models.BigIntegerField(null=True, blank=True)
    new_followers = models.BigIntegerField(null=True, blank=True)
    new_followers_kind = models.CharField(max_length=8, blank=True)
    reach = models.BigIntegerField(null=True, blank=True)
    reach_is_period = models.BooleanField(default=False)
    views = models.BigIntegerField(null=True, blank=True)
    video_views = models.BigIntegerField(null=True, blank=True)
    clicks = models.BigIntegerField(null=True, blank=True)
    link_clicks = models.BigIntegerField(null=True, blank=True)
    reactions = models.BigIntegerField(null=True, blank=True)
    comments = models.BigIntegerField(null=True, blank=True)
    shares = models.BigIntegerField(null=True, blank=True)
    saves = models.BigIntegerField(null=True, blank=True)
    interactions = models.BigIntegerField(null=True, blank=True)
    posts_published = models.IntegerField(null=True, blank=True)
    engagement_rate = models.FloatField(null=True, blank=True)
    engagement_rate_by_reach = models.FloatField(null=True, blank=True)
    settled = models.BooleanField(default=False)
    computed_at = models.DateTimeField()  # when the month's figures last changed

    class Meta:
        ordering = ["-month", "id"]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "subject", "month"],
                name="monthly_rollup_once",
                violation_error_message=_("The figures of this month are already stored."),
            ),
        ]
        # A month's rows of every account, for the rollup comparing what it computed with what is
        # stored: one range of the index, where the unique key has them spread among all the months;
        # and a post's row of its month (the report's posts). One index for both, where an index on
        # the post alone took each of a month's posts to a page of its own (the posts' ids are not in
        # the order they were published). Deleting a post finds its rows by reading the index.
        indexes = [models.Index(fields=["month", "post"], name="monthly_rollup_month_post")]

    def __str__(self) -> str:
        return f"{self.account} {self.subject or '(account)'} {self.month:%Y-%m}"


class PostTag(models.Model):
    """The objective and content category an editor gave afterwards to a post published without a
    booking, so that every post counts in the reports. A post matched to a booked slot takes the
    booking's objective and category instead (`metrics.classification`): the tag never overrides it.
    """

    post = models.OneToOneField(PlatformPost, models.CASCADE, related_name="tag")
    objective = models.CharField(_("objective"), max_length=16, choices=Objective)
    category = models.CharField(_("content category"), max_length=16, choices=Category)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tagged_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post objective and category")
        verbose_name_plural = _("post objectives and categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(objective__in=Objective.values) & Q(category__in=Category.values),
                name="post_tag_known_choices",
                violation_error_message=_("Choose one of the guideline's objectives and categories."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} {self.objective}/{self.category}"


# The account review's tables live in their own module (metrics/review/models.py).
from .review.models import ReviewDecision, ReviewState, ReviewThresholds  # noqa: E402, F401


class AccountArchive(models.Model):
    """The archive copy made before an account is closed: posts, figures and moderation log as one
    zip, with its SHA-256 kept so the copy handed to the registry can be checked later."""

    account = models.ForeignKey(SocialAccount, models.PROTECT, related_name="archives")
    bundle = models.BinaryField()
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("archive copy")
        verbose_name_plural = _("archive copies")

    def __str__(self) -> str:
        return f"{self.account} {self.created_at:%Y-%m-%d} {self.sha256[:12]}"


class ReportRecipient(models.Model):
    """An extra address AKN adds to a förvaltning's monthly report mail (a shared mailbox), besides
    the förvaltning's leads. No förvaltning: the city's report, which AKN gets."""

    administration = models.ForeignKey(
        "accounts.Administration",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_recipients",
        verbose_name=_("administration"),
    )
    email = models.EmailField(_("e-mail address"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["administration__name", "email"]
        verbose_name = _("report recipient")
        verbose_name_plural = _("report recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "email"],
                condition=Q(administration__isnull=False),
                name="report_recipient_once",
                violation_error_message=_("This address already gets the administration's report."),
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(administration__isnull=True),
                name="report_recipient_city_once",
                violation_error_message=_("This address already gets the city's report."),
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ReportMailing(models.Model):
    """The monthly report mails of one month: started by beat (or the command), finished when every
    förvaltning's mails are in the outbox. The outbox's key makes each mail once; this row only
    spares beat from building every report again each hour of the day."""

    month = models.DateField(_("month"), unique=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    mails = models.PositiveIntegerField(_("mails queued"), default=0)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report mailing")
        verbose_name_plural = _("monthly report mailings")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

"""Posts and figures pulled from the platforms, each account's connection, and press releases."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import SocialAccount, User
from helsocial.fields import EncryptedTextField


class AccountConnectionQuerySet(models.QuerySet):
    def pullable(self):
        return self.filter(status=AccountConnection.Status.OK)


class AccountConnection(models.Model):
    """How the portal reaches one account on its platform: whether its token works, and until when.

    The token itself stays on the account (`SocialAccount.access_token`, encrypted); this row holds
    what the pulls learn about it, so a platform's "expired" stops every call until someone reconnects.
    """

    class Status(models.TextChoices):
        NOT_CONNECTED = "not_connected", _("Not connected")
        OK = "ok", _("Connected")
        NEEDS_NEW_TOKEN = "needs_new_token", _("Needs a new token")

    account = models.OneToOneField(SocialAccount, models.CASCADE, related_name="connection")
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NOT_CONNECTED)
    expires_at = models.DateTimeField(_("token expires"), null=True, blank=True)
    refresh_token = EncryptedTextField(blank=True)
    connected_at = models.DateTimeField(_("connected"), null=True, blank=True)
    connected_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    last_pull_at = models.DateTimeField(_("last pull"), null=True, blank=True)
    last_comments_pull_at = models.DateTimeField(null=True, blank=True)
    # The platform's own words, never a token (clients' messages never carry one).
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    objects = AccountConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("account connection")
        verbose_name_plural = _("account connections")
        # The reminder task reads connected tokens by expiry.
        indexes = [models.Index(fields=["expires_at"], condition=Q(status="ok"), name="connection_ok_expiry")]

    def __str__(self) -> str:
        return f"{self.account}: {self.get_status_display()}"


class PlatformPostQuerySet(models.QuerySet):
    def of_account(self, account_id: int):
        return self.filter(account_id=account_id)


class PlatformPost(models.Model):
    account = models.ForeignKey(SocialAccount, models.CASCADE, related_name="platform_posts")
    platform_id = models.CharField(_("platform id"), max_length=128)
    created_at = models.DateTimeField(_("published"))
    text = models.TextField(_("text"), blank=True)
    permalink = models.URLField(_("address"), max_length=500, blank=True)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    media_type = models.CharField(_("media type"), max_length=16, blank=True)
    booking_slot = models.ForeignKey(
        "calendar_booking.BookingSlot",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="platform_posts",
        verbose_name=_("booked slot"),
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)

    objects = PlatformPostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("platform post")
        verbose_name_plural = _("platform posts")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "platform_id"],
                name="platform_post_once",
                violation_error_message=_("This post is already stored."),
            )
        ]
        indexes = [models.Index(fields=["account", "created_at"], name="platform_post_account_time")]

    def __str__(self) -> str:
        return f"{self.account} / {self.platform_id}"


class MetricSnapshot(models.Model):
    """The figures of one post (or of the account as a whole) on one day, for one metric set.

    `subject` is the post's platform id, or "" for the account: a plain column in the unique key (a
    nullable post would make NULLs distinct and the upsert could not find its row). A figure the
    platform does not give is NULL, never 0.
    """

    class MetricSet(models.TextChoices):
        POST_LIFETIME = "post_lifetime", _("Post, lifetime to date")
        ACCOUNT_DAY = "account_day", _("Account, one day")

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
        indexes = [models.Index(fields=["post", "day"], name="metric_snapshot_post_day")]

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

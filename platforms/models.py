"""Each account's connection to its platform, and the posts as mirrored from the platforms.

Both models were born in `metrics` and moved here with their tables (`db_table` keeps the names;
platforms/migrations/0001 and metrics/migrations/0002 moved them in the migration state only).
Whether a post was published in a booked slot is the calendar's to record (`BookingSlot.post_platform_id`).
"""

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
        db_table = "metrics_accountconnection"
        verbose_name = _("account connection")
        verbose_name_plural = _("account connections")
        # The reminder task reads connected tokens by expiry.
        indexes = [models.Index(fields=["expires_at"], condition=Q(status="ok"), name="connection_ok_expiry")]

    def __str__(self) -> str:
        return f"{self.account}: {self.get_status_display()}"


class PlatformPost(models.Model):
    account = models.ForeignKey(SocialAccount, models.CASCADE, related_name="platform_posts")
    platform_id = models.CharField(_("platform id"), max_length=128)
    created_at = models.DateTimeField(_("published"))
    text = models.TextField(_("text"), blank=True)
    permalink = models.URLField(_("address"), max_length=500, blank=True)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    media_type = models.CharField(_("media type"), max_length=16, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "metrics_platformpost"
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

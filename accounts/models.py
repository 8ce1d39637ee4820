"""People, their roles, the förvaltningar and the social accounts the city runs."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from helsocial.fields import EncryptedTextField


class Role(models.TextChoices):
    AKN = "akn", _("AKN")
    LEAD = "lead", _("Communications lead")
    EDITOR = "editor", _("Editor")
    COMMUNICATOR = "communicator", _("Communicator")
    KC = "kc", _("Contact centre")


# AKN and KC work for the whole city; every other role belongs to one förvaltning.
CITYWIDE_ROLES = frozenset({Role.AKN, Role.KC})
# Sorted, so the check constraint (and so its migration) is the same on every run.
_CITYWIDE_ROLE_VALUES = sorted(role.value for role in CITYWIDE_ROLES)


class AdministrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Administration(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone number"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # A communicator's booking waits for a lead's approval (calendar_booking.services.approval).
    requires_approval = models.BooleanField(
        _("bookings need approval"),
        default=False,
        db_default=False,  # rows written by raw SQL (the bench's COPY) need no approval either
        help_text=_("A communicator's booking waits until a communications lead approves it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    title = models.CharField(_("title"), max_length=80, blank=True)
    signoff = models.CharField(
        _("sign-off"),
        max_length=200,
        blank=True,
        help_text=_("Shown under your replies, e.g. “Vänliga hälsningar, Louise, kommunikatör”."),
    )
    # A lead (and AKN) gets the monthly report by e-mail unless they turn it off in their profile.
    monthly_report_mail = models.BooleanField(
        _("monthly report by e-mail"),
        default=True,
        db_default=True,  # rows written by raw SQL (the bench's COPY) get the mail too
        help_text=_("The report of your administration (the city's for AKN) on the first working day."),
    )

    objects = UserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def signoff_text(self) -> str:
        """The sign-off under a reply; the guideline recommends name and title."""
        if self.signoff:
            return self.signoff
        parts = [self.first_name or self.username, self.title]
        return "Vänliga hälsningar, " + ", ".join(part for part in parts if part)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=16, choices=Role)
    administration = models.ForeignKey(
        Administration, models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "administration__name"]
        constraints = [
            # A city-wide role has no förvaltning; every other role has exactly one.
            models.CheckConstraint(
                condition=(Q(role__in=_CITYWIDE_ROLE_VALUES) & Q(administration__isnull=True))
                | (~Q(role__in=_CITYWIDE_ROLE_VALUES) & Q(administration__isnull=False)),
                name="role_scope_matches_role",
                violation_error_message=_(
                    "AKN and the contact centre are city-wide; "
                    "every other role belongs to one administration."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "administration"],
                condition=Q(administration__isnull=False),
                name="role_once_per_administration",
                violation_error_message=_("The person already has this role in this administration."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(administration__isnull=True),
                name="citywide_role_once",
                violation_error_message=_("The person already has this role."),
            ),
        ]

    def __str__(self) -> str:
        if self.administration_id:
            return f"{self.get_role_display()} ({self.administration})"
        return str(self.get_role_display())


class SocialAccountQuerySet(models.QuerySet):
    def citywide(self):
        return self.filter(is_citywide=True)

    def open(self):
        """Accounts not closed: the calendar, the pulls and the register offer only these."""
        return self.filter(closed_on__isnull=True)

    def closed(self):
        return self.filter(closed_on__isnull=False)

    @staticmethod
    def editor_active_since(now: datetime | None = None) -> datetime:
        """An editor who logged in since this is active."""
        return (now or timezone.now()) - timedelta(days=settings.EDITOR_ACTIVE_DAYS)

    def with_active_editor_flag(self, *, since: datetime | None = None):
        """Annotate `has_active_editor`: an enabled editor who logged in recently (since `since`,
        `editor_active_since()` unless given)."""
        since = since or self.editor_active_since()
        active = AccountEditor.objects.filter(
            account=OuterRef("pk"), user__is_active=True, user__last_login__gte=since
        )
        return self.annotate(has_active_editor=Exists(active))

    def without_active_editor(self):
        since = timezone.now() - timedelta(days=settings.EDITOR_ACTIVE_DAYS)
        active = AccountEditor.objects.filter(
            account=OuterRef("pk"), user__is_active=True, user__last_login__gte=since
        )
        return self.filter(~Exists(active))


class SocialAccount(models.Model):
    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        LINKEDIN = "linkedin", "LinkedIn"
        X = "x", "X"
        DEMO = "demo", _("Demo platform")

    class Visibility(models.TextChoices):
        # "ett öppet konto": Swedish agrees the adjective with the neuter noun.
        OPEN = "open", pgettext_lazy("account", "Open")
        CLOSED = "closed", pgettext_lazy("account", "Closed")

    administration = models.ForeignKey(
        Administration, models.PROTECT, related_name="accounts", verbose_name=_("administration")
    )
    name = models.CharField(_("name"), max_length=120)
    platform = models.CharField(_("platform"), max_length=16, choices=Platform)
    handle = models.CharField(pgettext_lazy("account username", "handle"), max_length=120, blank=True)
    url = models.URLField(_("address"), blank=True)
    platform_id = models.CharField(_("platform id"), max_length=128, blank=True)
    is_citywide = models.BooleanField(
        _("city-wide account"),
        default=False,
        help_text=_("Used by several administrations; the city is the sender."),
    )
    visibility = models.CharField(
        _("open or closed"), max_length=8, choices=Visibility, default=Visibility.OPEN
    )
    purpose = models.TextField(_("purpose"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_plan = models.TextField(
        _("what happens at the end date"),
        blank=True,
        default="",
        db_default="",  # rows written by raw SQL (the bench's COPY, old migrations' states) get it too
        help_text=_("For a time-limited account: closed, merged into another account, or handed over."),
    )
    access_token = EncryptedTextField(_("access token"), blank=True)
    token_expires_at = models.DateTimeField(_("token expires"), null=True, blank=True)
    # AKN's choice for the public account register (/kanalregister/); a closed account is never shown.
    # Database defaults too: rows written by code that predates these columns (an older migration
    # state, as tests/platforms/test_migrations.py uses) still get a value.
    in_register = models.BooleanField(
        _("shown in the public account register"), default=True, db_default=True
    )
    # The decision to close the account (metrics/closing.py, after the archive copy is made): the
    # account leaves the calendar and the pulls, its history stays.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.TextField(_("reason for closing"), blank=True, default="", db_default="")
    closed_by = models.ForeignKey(
        "User", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SocialAccountQuerySet.as_manager()

    class Meta:
        ordering = ["name", "platform"]
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "platform_id"],
                condition=~Q(platform_id=""),
                name="account_platform_id_once",
                violation_error_message=_("An account with this platform id is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(closed_reason=""),
                name="account_closed_with_reason",
                violation_error_message=_("A closed account needs the reason it was closed."),
            ),
        ]
        indexes = [
            models.Index(fields=["administration", "platform"], name="account_admin_platform"),
            # The city-wide accounts by name: the KC queue's account filter reads them at every view,
            # without reading the other accounts.
            models.Index(
                fields=["name", "platform"], condition=Q(is_citywide=True), name="account_citywide_by_name"
            ),
            # The account list's keyset order: a page reads its rows, not every account sorted.
            models.Index(fields=["name", "id"], name="account_name_order"),
            # The calendar's rows for AKN: the city-wide accounts first, then the rest, by name
            # (calendar_booking.selectors.calendar_accounts): its first rows, not 2,500 sorted.
            models.Index(fields=["-is_citywide", "name", "id"], name="account_citywide_first"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def has_token(self) -> bool:
        return bool(self.access_token)

    @property
    def is_connected(self) -> bool:
        """A call to the platform can go out: the account has a token, or needs none (the demo)."""
        return self.has_token or self.platform == self.Platform.DEMO


class AccountEditor(models.Model):
    """A person appointed by the förvaltning's communications department to run one account."""

    account = models.ForeignKey(SocialAccount, models.CASCADE, related_name="editor_links")
    user = models.ForeignKey(User, models.CASCADE, related_name="editor_links")
    appointed_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "user"],
                name="editor_once_per_account",
                violation_error_message=_("The person is already an editor of this account."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.account}"

    def is_active_editor(self) -> bool:
        since = timezone.now() - timedelta(days=settings.EDITOR_ACTIVE_DAYS)
        return self.user.is_active and self.user.last_login is not None and self.user.last_login >= since


class AccountRequestQuerySet(models.QuerySet):
    def pending_first(self):
        """Undecided requests first (oldest first), then the decided ones, newest decision first."""
        return self.order_by(
            models.Case(models.When(status="pending", then=0), default=1),
            models.F("decided_at").desc(nulls_last=True),
            "created_at",
            "pk",
        )


class AccountRequest(models.Model):
    """A lead's or communicator's application for a new account, decided by AKN.

    The guideline asks for purpose, goal and target group before an account starts, and warns that
    time-limited projects should not start new accounts; the form shows the criteria as one writes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for AKN")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    applicant = models.ForeignKey(User, models.PROTECT, related_name="account_requests")
    administration = models.ForeignKey(
        Administration, models.PROTECT, related_name="account_requests", verbose_name=_("administration")
    )
    name = models.CharField(_("name of the account"), max_length=120)
    platform = models.CharField(_("platform"), max_length=16, choices=SocialAccount.Platform)
    purpose = models.TextField(_("purpose"))
    goal = models.TextField(_("goal"))
    target_group = models.TextField(_("target group"))
    editors = models.ManyToManyField(
        User, related_name="requested_editorships", blank=True, verbose_name=_("editors")
    )
    answering = models.TextField(_("who answers comments and when"))
    posts_per_week = models.PositiveSmallIntegerField(_("posts per week"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    account = models.ForeignKey(
        SocialAccount, models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = AccountRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="pending") & Q(decided_at__isnull=True))
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="account_request_decided_has_date",
                violation_error_message=_("A decided request has a decision date, a waiting one has none."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="account_request_rejection_has_reason",
                violation_error_message=_("A rejected request needs a reason."),
            ),
        ]
        # AKN's list reads the waiting requests first.
        indexes = [
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="account_request_pending")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"


class GuidelineVersionQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """The version in force on a day (today): the latest that took effect on or before it."""
        day = on or timezone.localdate()
        return self.filter(in_force_from__lte=day).order_by("-in_force_from", "-pk").first()


class GuidelineVersion(models.Model):
    """A version of "Riktlinjer för sociala medier", recorded by AKN; revised once every half year."""

    title = models.CharField(_("title"), max_length=200, default="Riktlinjer för sociala medier")
    in_force_from = models.DateField(_("in force from"))
    url = models.URLField(_("link"), max_length=500)
    changes = models.TextField(_("what changed"), blank=True)
    recorded_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmations_requested_at = models.DateTimeField(_("editors asked to confirm"), null=True, blank=True)

    objects = GuidelineVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force_from", "-pk"]
        verbose_name = _("guideline version")
        verbose_name_plural = _("guideline versions")
        constraints = [
            models.UniqueConstraint(
                fields=["in_force_from"],
                name="guideline_version_one_per_day",
                violation_error_message=_("A version already takes effect on that day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.in_force_from:%Y-%m-%d})"


class GuidelineConfirmation(models.Model):
    """An editor's confirmation of having read a guideline version."""

    version = models.ForeignKey(GuidelineVersion, models.CASCADE, related_name="confirmations")
    user = models.ForeignKey(User, models.CASCADE, related_name="guideline_confirmations")
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"],
                name="guideline_confirmed_once",
                violation_error_message=_("You have already confirmed this version."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ✓ {self.version}"

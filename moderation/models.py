"""Comments and messages from the platforms, the triage rules AKN edits, and the queues' notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration, SocialAccount


class Label(models.TextChoices):
    QUESTION = "question", _("Question")
    OPINION = "opinion", _("Opinion")
    PRAISE = "praise", _("Praise")
    RACISM = "racism", _("Racism")
    THREAT = "threat", _("Threat")
    PERSONAL_ATTACK = "personal_attack", _("Personal attack")
    PERSONAL_DATA = "personal_data", _("Personal data")
    SPAM = "spam", _("Spam")
    MISINFORMATION = "misinformation", _("Misinformation")
    RIGHTS = "rights", _("Rights to images")


# Labels that put a comment at the top of its queue on the short clock and tell the leads and AKN.
URGENT_LABELS = frozenset({Label.RACISM, Label.THREAT, Label.PERSONAL_ATTACK})
# Labels whose suggested action wins over a question's or an opinion's.
VIOLATION_LABELS = frozenset(
    {
        Label.RACISM,
        Label.THREAT,
        Label.PERSONAL_ATTACK,
        Label.PERSONAL_DATA,
        Label.SPAM,
        Label.MISINFORMATION,
        Label.RIGHTS,
    }
)


class SuggestedAction(models.TextChoices):
    # Declared from mildest to strongest; triage suggests the strongest its labels call for.
    NO_ACTION = "no_action", _("No action")
    LIKE = "like", _("Like")
    ANSWER = "answer", _("Answer")
    HIDE = "hide", _("Hide")
    DELETE = "delete", _("Delete")
    BLOCK = "block", _("Delete and block the author")


ACTION_STRENGTH = {action.value: index for index, action in enumerate(SuggestedAction)}


class CommentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Comment.Status.OPEN)

    def in_kc_queue(self):
        return self.filter(in_kc_queue=True)

    def in_administration_queue(self, administration: Administration):
        return self.filter(in_kc_queue=False, queue_administration=administration)

    def with_label(self, label: str):
        # The labels are a JSON list: the JSON text holds the label in quotes, on every database.
        return self.filter(labels__icontains=f'"{label}"')

    def overdue(self, now=None):
        return self.filter(sort_at__lt=now or timezone.now())


class Comment(models.Model):
    """Anything that arrives from a platform and may need handling, stored once per platform id."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        REPLY = "reply", _("Reply")
        MESSAGE = "message", _("Direct message")
        MENTION = "mention", _("Mention")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        HANDLED = "handled", _("Handled")
        NO_ACTION = "no_action", _("No action needed")
        REMOVED = "removed", _("Removed on the platform")
        OWN = "own", _("The city's own reply")

    class RemovalSource(models.TextChoices):
        WEBHOOK = "webhook", _("Platform notification")
        PULL = "pull", _("Missing at a pull")
        PORTAL = "portal", _("Removed from the portal")

    # No index of its own: every index that ingest reads starts with the account (the unique key,
    # the author's and the parent's), and a bare account index misleads the planner. On a table it
    # believes empty (vacuumed after a bulk delete) it picked that index for the per-key lookups of a
    # first large pull, and each lookup then read all of the account's rows.
    account = models.ForeignKey(SocialAccount, models.PROTECT, related_name="comments", db_index=False)
    platform_id = models.CharField(_("platform id"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.COMMENT)
    post_platform_id = models.CharField(_("post"), max_length=128, blank=True)
    parent_platform_id = models.CharField(_("answers"), max_length=128, blank=True)
    author_id = models.CharField(_("author id"), max_length=128, blank=True)
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    # A hash of the normalised text, so "the same author saying the same again" is an index lookup.
    text_hash = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(_("written"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    permalink = models.URLField(_("link"), max_length=500, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    raw = models.JSONField(default=dict, blank=True)  # the platform's item, kept as evidence

    labels = models.JSONField(_("labels"), default=list, blank=True)
    suggested_action = models.CharField(
        _("suggested action"), max_length=16, choices=SuggestedAction, default=SuggestedAction.NO_ACTION
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    hidden_on_platform_at = models.DateTimeField(_("hidden on the platform"), null=True, blank=True)
    removed_on_platform_at = models.DateTimeField(_("removed on the platform"), null=True, blank=True)
    removal_source = models.CharField(_("removal seen by"), max_length=16, choices=RemovalSource, blank=True)

    # The queue: 0 is urgent (threats, racism, personal attacks), 1 everything else.
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    due_at = models.DateTimeField(_("due"))
    # A direct message can be answered only within the platform's messaging window.
    reply_window_ends_at = models.DateTimeField(_("reply window ends"), null=True, blank=True)
    # The queue's order: the due time, or the end of the reply window when that comes first.
    sort_at = models.DateTimeField()
    in_kc_queue = models.BooleanField(_("in the contact centre's queue"), default=False)
    queue_administration = models.ForeignKey(
        Administration,
        models.PROTECT,
        related_name="queued_comments",
        verbose_name=_("administration's queue"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="claimed_comments"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "sort_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "platform_id"],
                name="comment_once_per_account",
                violation_error_message=_("This comment is already stored."),
            ),
            models.CheckConstraint(
                condition=Q(priority__in=[0, 1]),
                name="comment_priority_known",
                violation_error_message=_("The comment has an unknown priority."),
            ),
            models.CheckConstraint(
                condition=Q(claimed_by__isnull=True) | Q(claimed_until__isnull=False),
                name="comment_claim_has_expiry",
                violation_error_message=_("A comment someone is handling must say until when."),
            ),
        ]
        indexes = [
            # KC's queue reads only its open rows, urgent first, then by when they are due.
            models.Index(
                fields=["priority", "sort_at", "id"],
                condition=Q(status="open", in_kc_queue=True),
                name="comment_kc_queue",
            ),
            # A förvaltning's queue: the same order within one administration.
            models.Index(
                fields=["queue_administration", "priority", "sort_at", "id"],
                condition=Q(status="open", in_kc_queue=False),
                name="comment_admin_queue",
            ),
            # Spam: has this author said this before on this account?
            models.Index(fields=["account", "author_id", "created_at"], name="comment_author_recent"),
            # The city's replies find the question they answer.
            models.Index(
                fields=["account", "parent_platform_id"],
                condition=~Q(parent_platform_id=""),
                name="comment_parent",
            ),
            # ... and a question that arrives after the city's reply (webhooks come in any order)
            # finds it among the city's replies alone.
            models.Index(
                fields=["account", "parent_platform_id", "created_at"],
                condition=Q(status="own") & ~Q(parent_platform_id=""),
                name="comment_own_reply",
            ),
            models.Index(fields=["-received_at", "-id"], name="comment_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.account} / {self.platform_id}"

    @property
    def is_urgent(self) -> bool:
        return self.priority == 0


class WebhookDeliveryQuerySet(models.QuerySet):
    def with_errors(self) -> WebhookDeliveryQuerySet:
        """Deliveries that failed, or of which some items could not be read: AKN's list."""
        return self.filter(status__in=WebhookDelivery.ERROR_STATUSES)


class WebhookDelivery(models.Model):
    """One POST from Meta, stored before it is answered so that nothing is lost if the work fails."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        PROCESSED = "processed", _("Processed")
        # Stored what could be read; `error` says which items could not be.
        PARTLY_FAILED = "partly_failed", _("Partly failed")
        # Nothing could be stored; `error` says why. Tried again only when AKN asks.
        FAILED = "failed", _("Failed")

    ERROR_STATUSES = (Status.PARTLY_FAILED, Status.FAILED)

    body = models.BinaryField()
    # Meta resends a delivery it thinks failed with the same body: the hash makes a replay a no-op.
    body_sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(default=timezone.now)
    # When the delivery was settled: processed, partly or not at all (see status).
    processed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["body_sha256"],
                name="webhook_delivery_once",
                violation_error_message=_("This webhook delivery was already received."),
            ),
            # Settled exactly when it is no longer waiting: the sweep reads one, AKN's list the other.
            models.CheckConstraint(
                condition=Q(status="pending", processed_at__isnull=True)
                | (~Q(status="pending") & Q(processed_at__isnull=False)),
                name="webhook_delivery_settled",
                violation_error_message=_("A delivery is settled exactly when it is no longer waiting."),
            ),
        ]
        indexes = [
            # The sweep finds deliveries whose task never ran (e.g. the broker was down).
            models.Index(
                fields=["received_at"], condition=Q(processed_at__isnull=True), name="webhook_unprocessed"
            ),
            # AKN's list of deliveries with errors, newest first; there are few of them.
            models.Index(
                fields=["-received_at", "-id"],
                condition=Q(status__in=["partly_failed", "failed"]),
                name="webhook_with_errors",
            ),
        ]

    def __str__(self) -> str:
        return f"webhook {self.pk} {self.received_at:%Y-%m-%d %H:%M:%S}"


class TriageRule(models.Model):
    """What one label means for handling: the suggested action, and whether it is in use."""

    label = models.CharField(_("label"), max_length=32, choices=Label, unique=True)
    action = models.CharField(_("suggested action"), max_length=16, choices=SuggestedAction)
    is_enabled = models.BooleanField(_("in use"), default=True)
    guideline = models.TextField(_("guideline rule"), blank=True)
    # Label-specific numbers, e.g. for spam: {"repeat_window_hours": 72, "burst_count": 5}.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("triage rule")
        verbose_name_plural = _("triage rules")

    def __str__(self) -> str:
        return f"{self.get_label_display()} → {self.get_action_display()}"


class TriageTerm(models.Model):
    """A word or phrase that gives a comment a label."""

    class Match(models.TextChoices):
        STEM = "stem", _("All word forms (stem)")
        EXACT = "exact", _("Exactly this form")

    label = models.CharField(_("label"), max_length=32, choices=Label)
    term = models.CharField(_("word or phrase"), max_length=200)
    match = models.CharField(_("matching"), max_length=8, choices=Match, default=Match.STEM)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["label", "term"]
        verbose_name = _("triage word")
        verbose_name_plural = _("triage words")
        constraints = [
            models.UniqueConstraint(
                fields=["label", "term"],
                name="triage_term_once_per_label",
                violation_error_message=_("The label already has this word."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.term}"


class TriageWordGroup(models.Model):
    """A named list of words that triage patterns use as {name}: groups of people, insults, verbs.

    One entry per line or comma: "word" (every form, by its stem), "=word" (this form only) or
    "word*" (every word that starts so)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    words = models.TextField(_("words"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("triage word group")
        verbose_name_plural = _("triage word groups")
        constraints = [
            # Patterns name groups in lower case ({group}); one spelling per group.
            models.CheckConstraint(
                condition=Q(name=models.functions.Lower("name")),
                name="triage_word_group_lower",
                violation_error_message=_("Write the name of a word group in lower case."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TriagePattern(models.Model):
    """Words in an order, at a distance and without a negation that give a comment a label.

    The language is described in `moderation.triage`; a pattern names word groups as {name}."""

    label = models.CharField(_("label"), max_length=32, choices=Label)
    name = models.CharField(_("what it catches"), max_length=120)
    pattern = models.CharField(_("pattern"), max_length=500)
    is_enabled = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["label", "name"]
        verbose_name = _("triage pattern")
        verbose_name_plural = _("triage patterns")
        constraints = [
            models.UniqueConstraint(
                fields=["label", "name"],
                name="triage_pattern_once_per_label",
                violation_error_message=_("This label already has a pattern with that name."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.name}"


class TriageDomain(models.Model):
    """A web domain judged by AKN: links to blocked ones are misinformation, trusted ones pass."""

    class Kind(models.TextChoices):
        BLOCKED = "blocked", _("Blocked")
        TRUSTED = "trusted", _("Trusted")

    domain = models.CharField(_("domain"), max_length=253, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "domain"]
        verbose_name = _("triage domain")
        verbose_name_plural = _("triage domains")
        constraints = [
            models.CheckConstraint(
                condition=Q(domain=models.functions.Lower("domain")),
                name="triage_domain_lower",
                violation_error_message=_("Write the domain in lower case."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} ({self.kind})"


class CommentNote(models.Model):
    """An internal note beside a comment; forwarding between KC and a förvaltning writes one too."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        FORWARD = "forward", _("Forwarded")
        RETURN = "return", _("Sent back")

    comment = models.ForeignKey(Comment, models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.NOTE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    to_administration = models.ForeignKey(
        Administration, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.comment_id}"


class AppendOnlyQuerySet(models.QuerySet):
    # The moderation log is evidence of who did what: no code path may rewrite or remove it.
    def update(self, **kwargs):
        raise TypeError("The moderation log is append-only.")

    def delete(self):
        raise TypeError("The moderation log is append-only.")


class ModerationLogEntry(models.Model):
    """One action on one comment: who, what, when, under which guideline rule, with which outcome.

    Rows hold ids and the action, never the comment's personal data (author, text): those stay on the
    comment, where retention pseudonymises them. On PostgreSQL a trigger refuses UPDATE and DELETE.
    """

    class Action(models.TextChoices):
        REPLY = "reply", _("Answered")
        LIKE = "like", _("Liked")
        NO_ACTION = "no_action", _("No action")
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        DELETE = "delete", _("Deleted")
        BLOCK = "block", _("Deleted and blocked the author")
        MESSAGE = "message", _("Messaged the author")
        REMOVED_OUTSIDE = "removed_outside", _("Removed outside the portal")

    class Outcome(models.TextChoices):
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        ALREADY_GONE = "already_gone", _("Already gone on the platform")

    # The comment by id only: the log must outlive anything done to the comment's personal data.
    comment_id = models.BigIntegerField(_("comment"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action)
    rule = models.CharField(_("guideline rule"), max_length=32, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome, default=Outcome.DONE)
    # A platform id of what the action produced (e.g. the reply's id), or an error class name.
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        indexes = [models.Index(fields=["at", "id"], name="modlog_at")]

    def __str__(self) -> str:
        return f"{self.comment_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The moderation log is append-only.")


class Evidence(models.Model):
    """The screenshot and the platform's raw item of a removed comment, as sent to the registry.

    Made before the portal deletes on the platform (kept if the deletion fails, so a retry sends the
    same evidence), or from the stored copy when the comment was removed outside the portal.
    `completed_at` is set when the removal has happened and the registry mail is in the outbox.
    """

    comment = models.ForeignKey(Comment, models.PROTECT, related_name="evidence")
    png = models.BinaryField()
    png_sha256 = models.CharField(max_length=64)
    payload = models.BinaryField()
    payload_sha256 = models.CharField(max_length=64)
    renderer = models.CharField(max_length=16)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=16, default="delete")
    rule = models.CharField(_("guideline rule"), max_length=32, blank=True)
    removed_outside_portal = models.BooleanField(_("removed outside the portal"), default=False)
    created_at = models.DateTimeField(_("captured"), default=timezone.now)
    completed_at = models.DateTimeField(_("registered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            # At most one unfinished capture per comment: a retry reuses it.
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(completed_at__isnull=True),
                name="evidence_one_pending",
                violation_error_message=_("Evidence of this comment is already being captured."),
            ),
        ]

    def __str__(self) -> str:
        return f"evidence {self.pk} for comment {self.comment_id}"


class SavedReply(models.Model):
    """A svarsmall: a prepared answer, kept per förvaltning or city-wide (no förvaltning)."""

    administration = models.ForeignKey(
        Administration,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_replies",
        verbose_name=_("administration"),
        help_text=_("Leave empty for a saved reply the whole city uses."),
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")

    def __str__(self) -> str:
        return self.title


class TriageMiss(models.Model):
    """A decision of a moderator that triage did not foresee, for AKN to learn from.

    MISSED: the comment was hidden or deleted under a guideline rule triage had not given it.
    FALSE_ALARM: triage called the comment a violation and the moderator left it (no action, a like,
    an answer). Like the moderation log it holds the comment by id and never its text, and it is
    append-only: what people decided stays as they decided it.
    """

    class Kind(models.TextChoices):
        MISSED = "missed", _("Removed, but triage did not see the rule")
        FALSE_ALARM = "false_alarm", _("Left, but triage called it a violation")

    comment_id = models.BigIntegerField(_("comment"), db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    action = models.CharField(_("action"), max_length=16, choices=ModerationLogEntry.Action)
    rule = models.CharField(_("guideline rule"), max_length=32, blank=True)
    # The labels triage had given the comment when the person decided.
    labels = models.JSONField(_("labels"), default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("triage miss")
        verbose_name_plural = _("triage misses")

    def __str__(self) -> str:
        return f"{self.comment_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Triage misses are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Triage misses are append-only.")


class AutoHideRule(models.Model):
    """AKN's rule for one account: comments that triage gives one of `labels` are hidden at once.

    Never deleted: a hidden comment stays in the queue, open, for a person to confirm or undo
    (Sprout's and Agorapulse's automatic rules, with the guideline's care). Saved only after AKN has
    tried the same labels on the account's last 30 days (`tried_labels`)."""

    account = models.OneToOneField(SocialAccount, models.CASCADE, related_name="auto_hide_rule")
    labels = models.JSONField(_("labels"), default=list, blank=True)
    is_enabled = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("automatic hiding rule")
        verbose_name_plural = _("automatic hiding rules")

    def __str__(self) -> str:
        return f"{self.account}: {', '.join(self.labels)}"

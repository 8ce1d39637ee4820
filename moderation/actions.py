"""What a person does with a comment: answer, like, leave, hide, show again — each logged.

The view has checked that the person may handle the comment (`moderation.access.access_comment`);
an action here takes that comment and does not check again. Each one locks the comment's row for its
transaction and reads its state again under the lock (`comment_lock`), so that of two people acting
on one comment at once the second sees what the first did: a second answer is refused, not
published. Then it checks that the platform offers the action (the client's capabilities, with the
platform's reason when it does not), calls the platform, and writes the comment's new state and one
`ModerationLogEntry` with the guideline rule it applies. A failed call leaves the comment as it was
and a FAILED row in the log.

Deleting (with evidence and the registry mail), and deleting and blocking, live in
`moderation/evidence.py`; blocking alone (the second half of "delete and block", retried on its own
when it failed after the deletion) and a private message to the author live here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from platforms import capabilities_of, client_for
from platforms.base import Capability, PlatformError

from .access import CheckedComments
from .models import (
    ACTION_STRENGTH,
    VIOLATION_LABELS,
    Comment,
    Evidence,
    Label,
    ModerationLogEntry,
    SuggestedAction,
)

Action = ModerationLogEntry.Action

# The platform capability each action needs; actions without one never touch the platform.
NEEDS: dict[str, Capability] = {
    Action.REPLY: Capability.REPLY,
    Action.LIKE: Capability.LIKE,
    Action.HIDE: Capability.HIDE,
    Action.UNHIDE: Capability.UNHIDE,
    Action.DELETE: Capability.DELETE,
    Action.BLOCK: Capability.BLOCK,
    Action.MESSAGE: Capability.MESSAGE_AUTHOR,
}
# A mention is in someone else's post ("gillar och kommenterar"): the only platform actions offered.
MENTION_CAPABILITIES = frozenset({Capability.REPLY, Capability.LIKE})
# A LinkedIn mention in a charged discussion (an opinion, an attack, anything triage calls a
# violation) is liked or left: the guideline keeps the city out of others' charged discussions.
CHARGED_MENTION_CAPABILITIES = frozenset({Capability.LIKE})
CHARGED_LABELS = frozenset({Label.OPINION}) | VIOLATION_LABELS
# The city's guideline, quoted as it is written (Swedish in every language: it is the rule's text).
GUIDELINE_CHARGED = (
    "Vi går som regel inte in i andras flöden eller slutna grupper, där Helsingborgs stad har taggats, "
    "för att delta i laddade diskussioner."
)
# A direct message is answered or left: no platform hides, deletes, likes or blocks from one.
MESSAGE_CAPABILITIES = frozenset({Capability.REPLY})

# The triage suggestion each action corresponds to, to preset the rule from the comment's labels.
_SUGGESTION_FOR = {
    Action.REPLY: SuggestedAction.ANSWER,
    Action.LIKE: SuggestedAction.LIKE,
    Action.NO_ACTION: SuggestedAction.NO_ACTION,
    Action.HIDE: SuggestedAction.HIDE,
    Action.DELETE: SuggestedAction.DELETE,
    Action.BLOCK: SuggestedAction.BLOCK,
}


class ActionUnavailable(Exception):
    """The platform does not offer this action; `reason` says why, for the person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class ActionFailed(Exception):
    """The platform refused or could not be reached; nothing changed on the comment."""

    def __init__(self, error: PlatformError):
        super().__init__(str(error))
        self.error = error


class BlockFailed(ActionFailed):
    """The comment was deleted and registered, but blocking its author failed: retry the block alone."""


@dataclass(frozen=True)
class Offer:
    action: str
    available: bool
    reason: str = ""


def not_connected_reason(account) -> str:
    """Why nothing can be done on the platform for an account never connected, who can change that,
    and the link to where they do it (safe HTML: the names are escaped)."""
    return format_html(
        _(
            "The account {account} is not connected to {platform}, so the portal cannot act there. "
            "AKN or the communications lead of {administration} can connect it: "
            '<a href="{url}">connect the account</a>.'
        ),
        account=account.name,
        platform=account.get_platform_display(),
        administration=account.administration.name,
        url=reverse("metrics:account-connect", args=[account.pk]),
    )


def is_charged_mention(comment: Comment) -> bool:
    """A LinkedIn mention that triage calls an opinion, an attack or another violation."""
    return (
        comment.kind == Comment.Kind.MENTION
        and comment.account.platform == "linkedin"
        and any(label in CHARGED_LABELS for label in comment.labels)
    )


def conversation_window_end(comment: Comment) -> datetime | None:
    """When the platform stops taking answers to a direct message: its messaging window runs from
    the person's latest message in the conversation. None for anything else."""
    if comment.kind != Comment.Kind.MESSAGE or comment.reply_window_ends_at is None:
        return None
    if not comment.post_platform_id:
        return comment.reply_window_ends_at
    latest = (
        Comment.objects.filter(
            account_id=comment.account_id,
            kind=Comment.Kind.MESSAGE,
            post_platform_id=comment.post_platform_id,
        )
        .exclude(status=Comment.Status.OWN)
        .aggregate(end=Max("reply_window_ends_at"))["end"]
    )
    return max(latest or comment.reply_window_ends_at, comment.reply_window_ends_at)


def reply_refusal(comment: Comment, *, now: datetime | None = None) -> str:
    """Why an answer cannot be sent now, before anyone writes it: already answered, or a direct
    message whose reply window has closed (the platform refuses it). Empty when it can."""
    if comment.status == Comment.Status.ANSWERED:
        return str(_("This has already been answered; the answer is shown with the comment."))
    end = conversation_window_end(comment)
    if end is not None and end <= (now or timezone.now()):
        return str(
            _(
                "The platform's reply window closed %(when)s: a direct message can be answered only "
                "within %(hours)s hours of the person's last message, and the platform refuses a later "
                "answer. Ask them to write again, or mark the message handled."
            )
            % {
                "when": formats.date_format(timezone.localtime(end), "j b H:i"),
                "hours": f"{settings.META_MESSAGING_WINDOW_HOURS:g}",
            }
        )
    return ""


def action_offers(comment: Comment) -> list[Offer]:
    """Each action, and for those the platform lacks, the reason to show instead of a button.

    On an account that was never connected, every action that needs the platform is refused here,
    before any call goes out (without a token the platform only answers after its retries)."""
    capabilities, missing = capabilities_of(comment.account.platform)
    unconnected = None if comment.account.is_connected else not_connected_reason(comment.account)
    if comment.kind == Comment.Kind.MENTION:
        # Someone else's post naming the city: like it or comment on it, never hide, delete or block.
        capabilities = capabilities & MENTION_CAPABILITIES
        mention = _("This mentions the city in someone else's post: like it or comment on it.")
        missing = dict(missing) | {need: mention for need in NEEDS.values() if need not in capabilities}
    if is_charged_mention(comment):
        capabilities = capabilities & CHARGED_MENTION_CAPABILITIES
        charged = _(
            "A charged discussion in someone else's post: like it or leave it, as the guideline says."
        )
        missing = dict(missing) | {need: charged for need in NEEDS.values() if need not in capabilities}
    if comment.kind == Comment.Kind.MESSAGE:
        capabilities = capabilities & MESSAGE_CAPABILITIES
        private = _(
            "The platforms do not hide, delete, like or block from a private message: answer it, or "
            "mark it handled without action."
        )
        missing = dict(missing) | {need: private for need in NEEDS.values() if need not in capabilities}
    reply_refused = reply_refusal(comment) if Capability.REPLY in capabilities and not unconnected else ""
    offers = []
    for action in Action:
        if action == Action.REMOVED_OUTSIDE:
            continue
        need = NEEDS.get(action)
        if action == Action.MESSAGE and comment.kind == Comment.Kind.MESSAGE:
            offers.append(Offer(action, False, str(_("A direct message is answered with the answer field."))))
        elif action == Action.REPLY and reply_refused:
            offers.append(Offer(action, False, reply_refused))
        elif need is not None and need in capabilities and unconnected:
            offers.append(Offer(action, False, unconnected))
        elif need is None or need in capabilities:
            offers.append(Offer(action, True))
        else:
            reason = missing.get(need) or _("The platform does not offer this.")
            offers.append(Offer(action, False, str(reason)))
    return offers


def rule_preset(comment: Comment, action: str) -> str:
    """The guideline rule to preset: the comment's label whose triage suggestion is this action, else
    its strongest label."""
    labels = [label for label in comment.labels if label in Label.values]
    if not labels:
        return ""
    from .models import TriageRule

    suggestions = dict(TriageRule.objects.filter(label__in=labels).values_list("label", "action"))
    wanted = _SUGGESTION_FOR.get(action)
    for label in labels:
        if wanted and suggestions.get(label) == wanted:
            return label
    return max(labels, key=lambda label: ACTION_STRENGTH.get(suggestions.get(label, ""), -1))


# What an action reads of the comment under its lock: everything another action may have changed.
STATE_FIELDS = (
    "status",
    "answered_at",
    "hidden_on_platform_at",
    "removed_on_platform_at",
    "removal_source",
    "claimed_by_id",
    "claimed_until",
    "in_kc_queue",
    "queue_administration_id",
)


def comment_lock(comment: Comment) -> Comment:
    """Lock the comment's row until the caller's transaction ends, and read its state again: what
    another action wrote while this one waited for the lock is what this one sees."""
    state = Comment.objects.select_for_update().filter(pk=comment.pk).values(*STATE_FIELDS).get()
    for name, value in state.items():
        setattr(comment, name, value)
    return comment


def require_offered(comment: Comment, action: str) -> None:
    for offer in action_offers(comment):
        if offer.action == action and not offer.available:
            raise ActionUnavailable(offer.reason)


def _clean_rule(rule: str) -> str:
    if rule and rule not in Label.values:
        raise ValidationError(_("Choose a rule from the guideline."), code="rule")
    return rule


def log_entry(
    *,
    comment_id: int,
    by: User | None,
    action: str,
    rule: str = "",
    outcome: str = "done",
    detail: str = "",
    labels: list[str] | None = None,
) -> ModerationLogEntry:
    """One log row; `labels` (triage's, when the caller has the comment) save reading them again."""
    entry = ModerationLogEntry.objects.create(
        comment_id=comment_id, actor=by, action=action, rule=rule, outcome=outcome, detail=detail[:200]
    )
    if outcome != ModerationLogEntry.Outcome.FAILED:
        # A decision triage did not foresee is kept for AKN to learn from (moderation/misses.py).
        from .misses import triage_miss_record

        triage_miss_record(comment_id=comment_id, by=by, action=action, rule=rule, labels=labels)
    return entry


def action_failed(
    *, comment: Comment, by: User, action: str, rule: str, error: PlatformError
) -> ActionFailed:
    """Log that the platform refused or could not be reached; the error to raise for it."""
    log_entry(
        comment_id=comment.pk,
        by=by,
        action=action,
        rule=rule,
        outcome=ModerationLogEntry.Outcome.FAILED,
        detail=type(error).__name__,
    )
    return ActionFailed(error)


def _act(
    *,
    comment: Comment,
    by: User,
    action: str,
    rule: str,
    call: Callable[[], str | None] | None,
    changes: Callable[[datetime], dict],
    release: bool = True,
    refuse: Callable[[Comment], None] | None = None,
) -> ModerationLogEntry:
    """Lock the comment, check its state (`refuse` raises ValidationError) and that the platform
    offers the action, call the platform, write the new state and the log row — one transaction."""
    rule = _clean_rule(rule)
    require_offered(comment, action)  # the platform and the kind of comment: nothing a lock protects
    failed = None
    with transaction.atomic():
        comment_lock(comment)
        if refuse is not None:
            refuse(comment)
        detail = ""
        if call is not None:
            try:
                detail = call() or ""
            except PlatformError as error:
                failed = action_failed(comment=comment, by=by, action=action, rule=rule, error=error)
        if failed is None:
            fields = changes(timezone.now())
            if release:
                fields |= {"claimed_by": None, "claimed_until": None}
            if fields:
                Comment.objects.filter(pk=comment.pk).update(**fields)
                for name, value in fields.items():
                    setattr(comment, name, value)
            entry = log_entry(
                comment_id=comment.pk, by=by, action=action, rule=rule, detail=detail, labels=comment.labels
            )
    if failed is not None:
        # Raised once the transaction is done: the FAILED row stays in the log.
        raise failed from failed.error
    return entry


def reply_text_with_signoff(*, text: str, by: User) -> str:
    return f"{text.strip()}\n\n{by.signoff_text()}"


def _not_answered(comment: Comment) -> None:
    if comment.status == Comment.Status.ANSWERED:
        raise ValidationError(
            _("This comment has already been answered. Reload the page to see the answer."), code="answered"
        )


def comment_reply(*, comment: Comment, by: User, text: str, rule: str = "") -> ModerationLogEntry:
    """Publish an answer signed with the person's sign-off; a reply with personal data is stopped, and
    so is a second answer to a comment (two people answering it at once: the second is refused)."""
    from helsocial.tone.services import reply_require_publishable

    if not text.strip():
        raise ValidationError(_("Write the answer."), code="empty")
    full = reply_text_with_signoff(text=text, by=by)
    reply_require_publishable(text=full)
    entry = _act(
        comment=comment,
        by=by,
        action=Action.REPLY,
        rule=rule,
        call=lambda: client_for(comment.account).reply(comment.platform_id, full),
        changes=lambda now: {"status": Comment.Status.ANSWERED, "answered_at": now},
        refuse=_not_answered,
    )
    own_reply_store(comment=comment, platform_id=entry.detail, text=full, at=entry.at)
    return entry


def own_reply_store(*, comment: Comment, platform_id: str, text: str, at: datetime) -> Comment | None:
    """Keep the answer the portal sent as the city's own row in the thread, so that the page shows
    what was sent (and the log row with the same platform id says by whom). A pull that finds it on
    the platform later finds it stored."""
    if not platform_id:
        return None
    message = comment.kind == Comment.Kind.MESSAGE
    row = Comment(
        account_id=comment.account_id,
        platform_id=platform_id,
        kind=Comment.Kind.MESSAGE if message else Comment.Kind.REPLY,
        post_platform_id=comment.post_platform_id,
        parent_platform_id="" if message else comment.platform_id,
        author_id=comment.account.platform_id,
        author_name=comment.account.name,
        text=text,
        created_at=at,
        received_at=at,
        status=Comment.Status.OWN,
        due_at=comment.due_at,
        sort_at=comment.sort_at,
        in_kc_queue=comment.in_kc_queue,
        queue_administration_id=comment.queue_administration_id,
    )
    # One statement; a pull that stored it first wins (ON CONFLICT DO NOTHING).
    Comment.objects.bulk_create([row], ignore_conflicts=True)
    return row


def comment_like(*, comment: Comment, by: User, rule: str = "") -> ModerationLogEntry:
    return _act(
        comment=comment,
        by=by,
        action=Action.LIKE,
        rule=rule,
        call=lambda: client_for(comment.account).like(comment.platform_id),
        changes=lambda now: {"status": Comment.Status.HANDLED},
    )


def comment_no_action(*, comment: Comment, by: User, rule: str = "") -> ModerationLogEntry:
    """ "Åsikter och tyckanden bemöter vi inte": handled without touching the platform."""
    return _act(
        comment=comment,
        by=by,
        action=Action.NO_ACTION,
        rule=rule,
        call=None,
        changes=lambda now: {"status": Comment.Status.NO_ACTION},
    )


def comment_hide(*, comment: Comment, by: User, rule: str = "", hidden: bool = True) -> ModerationLogEntry:
    """ "Som regel enbart dölja": hide on the platform (or show again)."""
    action = Action.HIDE if hidden else Action.UNHIDE

    def changes(now):
        if hidden:
            return {"status": Comment.Status.HANDLED, "hidden_on_platform_at": now}
        return {"hidden_on_platform_at": None}

    return _act(
        comment=comment,
        by=by,
        action=action,
        rule=rule,
        call=lambda: client_for(comment.account).hide(comment.platform_id, hidden),
        changes=changes,
    )


def is_registered(comment: Comment) -> bool:
    """Removed by the portal or seen removed, with its evidence sent to the registry."""
    return Evidence.objects.filter(comment=comment, completed_at__isnull=False).exists()


def author_blocked(comment: Comment) -> bool:
    return ModerationLogEntry.objects.filter(
        comment_id=comment.pk, action=Action.BLOCK, outcome=ModerationLogEntry.Outcome.DONE
    ).exists()


def comment_block_author(*, comment: Comment, by: User, rule: str = "") -> ModerationLogEntry:
    """Block the author of a comment the portal has removed: the second step of "delete and block",
    and the step to retry alone when it failed after the deletion went through."""
    require_offered(comment, Action.BLOCK)
    if not comment.author_id:
        raise ValidationError(_("The platform did not say who wrote the comment."), code="no_author")

    def refuse(comment: Comment) -> None:
        if not is_registered(comment):
            raise ValidationError(_("Delete the comment before blocking its author."), code="not_removed")
        if author_blocked(comment):
            raise ValidationError(_("The author is already blocked."), code="blocked")

    return _act(
        comment=comment,
        by=by,
        action=Action.BLOCK,
        rule=rule,
        call=lambda: client_for(comment.account).block(comment.author_id),
        changes=lambda now: {},
        refuse=refuse,
    )


def comment_message_author(*, comment: Comment, by: User, text: str, rule: str = "") -> ModerationLogEntry:
    """A private message to the author about their comment (Meta's private reply: one per comment,
    within the platform's window), signed like an answer; personal data stops it as it stops an
    answer. The comment's status and claim stay as they are: the message goes with an action."""
    from helsocial.tone.services import reply_require_publishable

    require_offered(comment, Action.MESSAGE)
    if not text.strip():
        raise ValidationError(_("Write the message."), code="empty")
    full = reply_text_with_signoff(text=text, by=by)
    reply_require_publishable(text=full)
    client = client_for(comment.account)
    window = getattr(client, "message_window", None)
    if window is not None and timezone.now() - comment.created_at > window:
        raise ValidationError(
            _("The platform takes a private message only %(days)s days after the comment.")
            % {"days": window.days},
            code="too_late",
        )

    def refuse(comment: Comment) -> None:
        if ModerationLogEntry.objects.filter(
            comment_id=comment.pk, action=Action.MESSAGE, outcome=ModerationLogEntry.Outcome.DONE
        ).exists():
            raise ValidationError(
                _("The author has already had a message about this comment; the platform takes one."),
                code="messaged",
            )

    return _act(
        comment=comment,
        by=by,
        action=Action.MESSAGE,
        rule=rule,
        call=lambda: client.message_author(comment.platform_id, full),
        changes=lambda now: {},
        release=False,
        refuse=refuse,
    )


SIMPLE_ACTIONS: dict[str, Callable[..., ModerationLogEntry]] = {
    Action.LIKE: comment_like,
    Action.NO_ACTION: comment_no_action,
    Action.HIDE: comment_hide,
    Action.UNHIDE: lambda **kw: comment_hide(hidden=False, **kw),
}


@dataclass
class BulkResult:
    done: list[int]
    failed: dict[int, str]


def comments_bulk(*, selection: CheckedComments, by: User, action: str, rule: str = "") -> BulkResult:
    """One action over a selection (`access_comments`): each comment locked, acted on and logged on
    its own, so a slow platform holds one comment at a time; those the person may not handle are
    reported, not done."""
    run = SIMPLE_ACTIONS.get(action)
    if run is None:
        raise ValidationError(_("This action cannot be done on several comments at once."), code="bulk")
    rule = _clean_rule(rule)
    refused = str(_("You may not handle this comment."))
    result = BulkResult(done=[], failed=dict.fromkeys(selection.refused, refused))
    for comment in selection.comments:
        try:
            run(comment=comment, by=by, rule=rule)
        except ActionUnavailable as exc:
            result.failed[comment.pk] = exc.reason
        except ActionFailed as exc:
            result.failed[comment.pk] = str(exc)
        else:
            result.done.append(comment.pk)
    return result

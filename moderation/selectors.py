"""Reads of the moderation app: queue rows, one comment's page and its actions panel, AKN's rule
try-out. They return data; the templates decide the markup, classes and words."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from accounts.models import SocialAccount

from .actions import (
    GUIDELINE_CHARGED,
    Action,
    action_offers,
    conversation_window_end,
    is_charged_mention,
    not_connected_reason,
    rule_preset,
)
from .models import Comment, CommentNote, Evidence, Label, ModerationLogEntry, SavedReply, SuggestedAction
from .triage import AuthorHistory, ruleset_build, triage_text
from .triage.rules import model_configured

_LABEL_NAMES = dict(Label.choices)
_ACTION_NAMES = dict(SuggestedAction.choices)


@dataclass
class QueueItem:
    """One row of a queue as data: the template decides its classes, words and markup."""

    comment: Comment
    labels: list[tuple[str, str]]  # (code, name)
    action: str
    urgent: bool
    overdue: bool
    window_left: timedelta | None
    claimed_by_other: bool
    claimed_by_me: bool
    now: datetime
    # Open and hidden: hidden by AKN's automatic rule, waiting for a person to confirm or undo.
    auto_hidden: bool = False
    # Strings the row shows, prepared here: the queue renders 50 rows every few seconds.
    due_iso: str = ""
    due_text: str = ""
    meta_text: str = ""
    account_text: str = ""
    excerpt: str = ""
    claim_url: str = ""
    window_text: str = ""

    @property
    def window_left_text(self) -> str:
        return duration_text(self.window_left) if self.window_left else ""


def duration_text(amount: timedelta) -> str:
    from django.utils.translation import gettext as _

    minutes = int(amount.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def queue_items(rows: list[Comment], *, user, now: datetime) -> list[QueueItem]:
    """What the queue shows per row, computed without further queries (account and claimer are joined)."""
    from django.utils.timezone import localtime
    from django.utils.translation import gettext as _

    # The names are translated once per page, not once per row.
    kinds = {code: str(name) for code, name in Comment.Kind.choices}
    platforms = {code: str(name) for code, name in SocialAccount.Platform.choices}
    label_names = {code: str(name) for code, name in _LABEL_NAMES.items()}
    action_names = {code: str(name) for code, name in _ACTION_NAMES.items()}
    due_text = DueFormat()
    window_closed = _("Reply window closed")
    items = []
    for c in rows:
        claim_live = c.claimed_by_id is not None and c.claimed_until is not None and c.claimed_until > now
        overdue = c.status == Comment.Status.OPEN and c.sort_at < now
        window_left = (
            (c.reply_window_ends_at - now)
            if c.reply_window_ends_at and c.reply_window_ends_at > now
            else (timedelta(0) if c.reply_window_ends_at else None)
        )
        items.append(
            QueueItem(
                comment=c,
                labels=[(label, label_names.get(label, label)) for label in c.labels],
                action=action_names.get(c.suggested_action, c.suggested_action),
                urgent=c.is_urgent,
                overdue=overdue,
                window_left=window_left,
                claimed_by_other=claim_live and c.claimed_by_id != user.pk,
                claimed_by_me=claim_live and c.claimed_by_id == user.pk,
                now=now,
                auto_hidden=c.status == Comment.Status.OPEN and c.hidden_on_platform_at is not None,
                due_iso=c.due_at.isoformat(),
                due_text=due_text(localtime(c.due_at)),
                meta_text=f"{kinds.get(c.kind, c.kind)} · {c.author_name or c.author_id}",
                account_text=f"{c.account.name} ({platforms.get(c.account.platform, c.account.platform)})",
                excerpt=excerpt(c.text),
                claim_url=reverse("moderation:comment-claim", args=[c.pk]),
                window_text=(
                    _("Reply window: %(left)s left") % {"left": duration_text(window_left)}
                    if window_left
                    else window_closed
                )
                if window_left is not None
                else "",
            )
        )
    return items


_EXCERPT_CHARS = 240


def excerpt(text: str) -> str:
    """Truncator(text).chars(240), without walking the text when it is short enough already."""
    normal = unicodedata.normalize("NFC", text)
    if len(normal) <= _EXCERPT_CHARS:  # combining characters only make it count fewer
        return normal
    return Truncator(normal).chars(_EXCERPT_CHARS)


class DueFormat:
    """formats.date_format(moment, "D j b H:i") for many moments in the active language.

    The day and month names are looked up once per page instead of once per row.
    """

    def __init__(self) -> None:
        from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR

        self.weekdays = {number: str(name) for number, name in WEEKDAYS_ABBR.items()}
        self.months = {number: str(name) for number, name in MONTHS_3.items()}

    def __call__(self, moment: datetime) -> str:
        return (
            f"{self.weekdays[moment.weekday()]} {moment.day} {self.months[moment.month]} "
            f"{moment.hour:02d}:{moment.minute:02d}"
        )


def queue_url_for(comment: Comment) -> str:
    if comment.in_kc_queue:
        return reverse("moderation:queue-kc")
    return reverse("moderation:queue-administration", args=[comment.queue_administration_id])


# --- one comment's page and its actions panel --------------------------------------------------


def claim_state(comment: Comment, *, user, now: datetime | None = None) -> dict:
    """Who handles the comment, as the "Handled by" line shows it (`_claim_state.html`)."""
    from django.utils import timezone

    now = now or timezone.now()
    held_by_other = (
        comment.claimed_by_id is not None
        and comment.claimed_by_id != user.pk
        and comment.claimed_until is not None
        and comment.claimed_until > now
    )
    held_by_me = comment.claimed_by_id == user.pk and not held_by_other
    return {"held_by_other": held_by_other, "held_by_me": held_by_me}


@dataclass(frozen=True)
class CommentFacts:
    """What the comment's page and panel read beyond the comment itself."""

    was_forwarded: bool  # KC forwarded it to its förvaltning
    messaged: bool  # the author has had the one private message
    author_blocked: bool
    block_failed: bool  # a "delete and block" whose block failed
    faq: str  # the FAQ of the booking whose published post it is on
    evidence: list[Evidence]


# The evidence the panel lists: never the screenshot's or the payload's bytes.
_EVIDENCE_SHOWN = (
    "id", "comment_id", "created_at", "completed_at", "removed_outside_portal",
    "png_sha256", "payload_sha256",
)  # fmt: skip


def comment_facts(comment: Comment) -> CommentFacts:
    """One query (the log's flags, the forward note and the booking's FAQ as subqueries), with the
    evidence prefetched."""
    from calendar_booking.models import BookingSlot

    log = ModerationLogEntry.objects.filter(comment_id=OuterRef("pk"))
    done, failed = ModerationLogEntry.Outcome.DONE, ModerationLogEntry.Outcome.FAILED
    faq = BookingSlot.objects.published_as(OuterRef("account_id"), [OuterRef("post_platform_id")]).values(
        "booking__faq_text"
    )[:1]
    row = (
        Comment.objects.filter(pk=comment.pk)
        .only("pk")
        .annotate(
            was_forwarded=Exists(
                CommentNote.objects.filter(comment=OuterRef("pk"), kind=CommentNote.Kind.FORWARD)
            ),
            messaged=Exists(log.filter(action=Action.MESSAGE, outcome=done)),
            author_blocked=Exists(log.filter(action=Action.BLOCK, outcome=done)),
            block_failed=Exists(log.filter(action=Action.BLOCK, outcome=failed)),
            faq=Subquery(faq),
        )
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.only(*_EVIDENCE_SHOWN).order_by("-created_at", "-id"),
                to_attr="evidence_shown",
            )
        )
        .get()
    )
    return CommentFacts(
        was_forwarded=row.was_forwarded,
        messaged=row.messaged,
        author_blocked=row.author_blocked,
        block_failed=row.block_failed,
        faq=(row.faq or "") if comment.post_platform_id else "",
        evidence=row.evidence_shown,
    )


def comment_notes(comment: Comment) -> list[CommentNote]:
    return list(comment.notes.select_related("author", "to_administration"))


# The action that carries out each triage suggestion, to preset the panel's rule.
_ACTION_FOR_SUGGESTION = {
    SuggestedAction.ANSWER: Action.REPLY,
    SuggestedAction.LIKE: Action.LIKE,
    SuggestedAction.NO_ACTION: Action.NO_ACTION,
    SuggestedAction.HIDE: Action.HIDE,
    SuggestedAction.DELETE: Action.DELETE,
    SuggestedAction.BLOCK: Action.BLOCK,
}


def action_panel(comment: Comment, *, user, facts: CommentFacts) -> dict:
    """What the actions panel shows (`_actions_panel.html`): the page's include and the htmx answer of
    an action alike. Two queries: the saved replies, and the rules when the comment has labels."""
    offers = action_offers(comment)
    offered = {offer.action: offer for offer in offers}
    removed = comment.removed_on_platform_at is not None
    suggested = _ACTION_FOR_SUGGESTION.get(comment.suggested_action, Action.NO_ACTION)
    not_connected = "" if comment.account.is_connected else not_connected_reason(comment.account)
    return {
        "comment": comment,
        "offers": offered,
        # Said once above the buttons, not once per action.
        "not_connected": not_connected,
        "messaged": facts.messaged,
        # "Delete and block" deleted but could not block: offer the block alone.
        "block_retry": removed
        and offered[Action.BLOCK].available
        and facts.block_failed
        and not facts.author_blocked,
        "author_blocked": facts.author_blocked,
        # One line per reason: a direct message lacks five actions for one reason.
        "unavailable": list(
            {
                o.reason: o
                for o in offers
                if not o.available and o.action != Action.MESSAGE and o.reason != not_connected
            }.values()
        ),
        # A LinkedIn mention in a charged discussion: like or nothing, with the guideline's words.
        "charged_quote": GUIDELINE_CHARGED if is_charged_mention(comment) else "",
        # A direct message's answer must go before the platform's window closes: said by the box.
        "reply_window_ends": conversation_window_end(comment) if offered[Action.REPLY].available else None,
        "message_offer": offered[Action.MESSAGE],
        "rules": Label.choices,
        "preset": rule_preset(comment, suggested),
        "evidence": facts.evidence,
        "hidden": comment.hidden_on_platform_at is not None,
        # Hidden by AKN's automatic rule: a person confirms (hides it under their name) or undoes.
        "auto_hidden_rule": _auto_hidden_rule(comment),
        "removed": removed,
        "signoff": user.signoff_text(),
        "saved_replies": list(saved_replies_for_comment(comment).select_related("administration")),
        "faq": facts.faq,
    }


def _auto_hidden_rule(comment: Comment) -> str:
    """The rule's name when the comment waits, hidden by the automatic rule, for a person; else ""."""
    if comment.status != Comment.Status.OPEN or comment.hidden_on_platform_at is None:
        return ""
    last = (
        ModerationLogEntry.objects.filter(comment_id=comment.pk, action__in=[Action.HIDE, Action.UNHIDE])
        .order_by("-at", "-id")
        .values("actor_id", "action", "rule")
        .first()
    )
    if last and last["action"] == Action.HIDE and last["actor_id"] is None:
        return str(_LABEL_NAMES.get(last["rule"], last["rule"]))
    return ""


# A conversation shows this many of its latest messages beside the one being handled.
CONVERSATION_MESSAGES = 20


@dataclass
class ConversationLine:
    message: Comment
    who: str  # the person's name, or the city for its own answers
    is_current: bool


def forwarded_to(comment: Comment) -> CommentNote | None:
    """The latest forward of the comment: where it went, when and by whom."""
    return (
        comment.notes.filter(kind=CommentNote.Kind.FORWARD)
        .select_related("author", "to_administration")
        .order_by("-created_at", "-id")
        .first()
    )


def conversation_lines(comment: Comment, *, user, readable: bool = False) -> list[ConversationLine]:
    """A direct message's conversation, its latest messages oldest first, as the user may see them.

    The webhook and the pull name a conversation alike (`conversation:<the person's id>`), so it is
    one thread whichever way each message came in. Nothing for a comment, or a lone message.
    """

    from .access import comments_visible_to

    if comment.kind != Comment.Kind.MESSAGE or not comment.post_platform_id:
        return []
    # `readable`: the user reads this comment (KC what it forwarded), so its whole conversation.
    rows = list(
        (Comment.objects.all() if readable else comments_visible_to(user))
        .filter(
            account_id=comment.account_id,
            kind=Comment.Kind.MESSAGE,
            post_platform_id=comment.post_platform_id,
        )
        .order_by("-created_at", "-id")[:CONVERSATION_MESSAGES]
    )
    if len(rows) < 2:
        return []
    senders = city_senders(comment.account_id, [row for row in rows if row.status == Comment.Status.OWN])
    return [
        ConversationLine(
            message=row,
            who=senders[row.pk] if row.status == Comment.Status.OWN else (row.author_name or row.author_id),
            is_current=row.pk == comment.pk,
        )
        for row in reversed(rows)
    ]


def city_senders(account_id: int, rows: list[Comment]) -> dict[int, str]:
    """Who sent each of the city's own rows: the person whose answer from the portal the log holds
    under the row's platform id, else the city on the platform itself. One query."""
    from django.utils.translation import gettext as _

    if not rows:
        return {}
    names = {}
    for detail, first, last, username in ModerationLogEntry.objects.filter(
        action=Action.REPLY,
        outcome=ModerationLogEntry.Outcome.DONE,
        detail__in=[row.platform_id for row in rows],
        comment_id__in=Comment.objects.filter(account_id=account_id).values("pk"),
    ).values_list("detail", "actor__first_name", "actor__last_name", "actor__username"):
        names[detail] = f"{first} {last}".strip() or username or ""
    return {
        row.pk: (
            _("The city (%(person)s, through the portal)") % {"person": names[row.platform_id]}
            if names.get(row.platform_id)
            else _("The city (on the platform)")
        )
        for row in rows
    }


def comment_thread(comment: Comment, *, user) -> dict:
    """The comment's thread as the page shows it (`_thread.html`): a direct message's conversation,
    or the city's answers to a comment."""
    return {
        "conversation": conversation_lines(comment, user=user),
        "city_replies": city_replies(comment),
    }


def city_replies(comment: Comment) -> list[ConversationLine]:
    """The city's answers to a comment, oldest first, with who sent them: what the portal sent and
    what was answered on the platform itself. Nothing for a direct message (its conversation shows
    them)."""
    # Whoever answers, in the portal or on the platform, marks the comment answered.
    if comment.kind == Comment.Kind.MESSAGE or comment.status != Comment.Status.ANSWERED:
        return []
    rows = list(
        Comment.objects.filter(
            account_id=comment.account_id,
            parent_platform_id=comment.platform_id,
            status=Comment.Status.OWN,
        ).order_by("created_at", "id")[:CONVERSATION_MESSAGES]
    )
    senders = city_senders(comment.account_id, rows)
    return [ConversationLine(message=row, who=senders[row.pk], is_current=False) for row in rows]


@dataclass
class TrialRow:
    comment: Comment
    before: list[str]
    after: list[str]
    action_before: str
    action_after: str
    # The labels a rule gave and the trained model doubted (so not given), now and with the change.
    doubted_before: list[str] = field(default_factory=list)
    doubted_after: list[str] = field(default_factory=list)

    def shown(self) -> tuple[str, str]:
        """Now and with the change, by name: "Rasism → Dölj"."""
        return _labels_and_action(self.before, self.action_before, self.doubted_before), _labels_and_action(
            self.after, self.action_after, self.doubted_after
        )


def _labels_and_action(labels: list[str], action: str, doubted: list[str]) -> str:
    names = ", ".join(str(_LABEL_NAMES.get(label, label)) for label in labels) or "–"
    shown = f"{names} → {_ACTION_NAMES.get(action, action)}"
    if doubted:
        doubts = ", ".join(str(_LABEL_NAMES.get(label, label)) for label in doubted)
        shown += " " + gettext("(the trained model doubts: %(labels)s)") % {"labels": doubts}
    return shown


def _doubted(verdict) -> list[str]:
    return [reason["label"] for reason in verdict.reasons if reason["code"] == "doubted"]


@dataclass
class TrialOutcome:
    tried: int
    changed: list[TrialRow]


def triage_trial(
    *,
    add_label: str = "",
    add_term: str = "",
    add_match: str = "stem",
    remove_term=None,
    block_domain: str = "",
    action_label: str = "",
    action: str = "",
    last: int = 500,
) -> TrialOutcome:
    """The current rules and the changed ones over the last `last` comments, in arrival order."""
    from accounts.models import Administration

    from .models import TriageDomain, TriagePattern, TriageRule, TriageTerm, TriageWordGroup

    rules = list(TriageRule.objects.values_list("label", "action", "is_enabled", "params"))
    terms = list(TriageTerm.objects.values_list("pk", "label", "term", "match"))
    domains = list(TriageDomain.objects.values_list("domain", "kind"))
    contacts = [v for pair in Administration.objects.values_list("phone", "email") for v in pair if v]
    # The patterns and the trained model stay as they are on both sides: the trial compares the change
    # alone (and a term for what the model labels already changes nothing).
    unchanged = {
        "groups": list(TriageWordGroup.objects.values_list("name", "words")),
        "patterns": list(
            TriagePattern.objects.filter(is_enabled=True).values_list("label", "name", "pattern")
        ),
        "model": model_configured(),
    }
    current = ruleset_build(
        rules=rules, terms=[t[1:] for t in terms], domains=domains, allowed_contacts=contacts, **unchanged
    )
    changed_terms = [t[1:] for t in terms if remove_term is None or t[0] != remove_term.pk]
    if add_term and add_label:
        changed_terms.append((add_label, add_term, add_match))
    changed_domains = list(domains)
    if block_domain:
        domain = block_domain.strip().lower().removeprefix("www.")
        changed_domains = [d for d in changed_domains if d[0] != domain] + [(domain, "blocked")]
    changed_rules = list(rules)
    if action_label and action:
        changed_rules = [r for r in changed_rules if r[0] != action_label]
        old = next((r for r in rules if r[0] == action_label), None)
        changed_rules.append((action_label, action, old[2] if old else True, old[3] if old else {}))
    changed = ruleset_build(
        rules=changed_rules,
        terms=changed_terms,
        domains=changed_domains,
        allowed_contacts=contacts,
        **unchanged,
    )
    recent = list(
        Comment.objects.exclude(status=Comment.Status.OWN)
        .select_related("account")
        .order_by("-received_at", "-id")[:last]
    )
    recent.reverse()
    before_history, after_history = AuthorHistory(), AuthorHistory()
    rows = []
    for c in recent:
        kwargs = {
            "text": c.text,
            "author_id": c.author_id,
            "created_at": c.created_at,
            "attachments": c.attachments,
        }
        before = triage_text(rules=current, history=before_history, **kwargs)
        after = triage_text(rules=changed, history=after_history, **kwargs)
        # A term the model doubts changes no label, but AKN must see that it matched.
        doubted_before, doubted_after = _doubted(before), _doubted(after)
        if (before.labels, before.action, doubted_before) != (after.labels, after.action, doubted_after):
            rows.append(
                TrialRow(
                    c, before.labels, after.labels, before.action, after.action, doubted_before, doubted_after
                )
            )
    return TrialOutcome(tried=len(recent), changed=rows)


def saved_replies_for_comment(comment: Comment) -> QuerySet[SavedReply]:
    """The city-wide saved replies and those of the comment's förvaltning (queue and account)."""
    ids = {comment.queue_administration_id, comment.account.administration_id}
    return SavedReply.objects.filter(Q(administration__isnull=True) | Q(administration_id__in=ids))

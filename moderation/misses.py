"""The portal learns from its people: decisions that triage did not foresee.

When a moderator hides or deletes a comment under a guideline rule triage had not given it, or leaves
(no action, a like, an answer) a comment triage called a violation, `triage_miss_record` keeps the
decision as a `TriageMiss`. The action services call it as they write their log row, so every path
that acts (the panel, the bulk page) records the same way. AKN sees the misses on a page
(`views_misses`), turns a phrase into a pattern in one click (`phrase_pattern` pre-fills the
patterns page), and gets a weekly mail (`triage_misses_mail`) when there were any. The same
decisions train triage's model (`decisions_corpus`, `manage.py triage --train … --with-decisions`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from helsocial.mail import mail_enqueue

from .models import VIOLATION_LABELS, Comment, Label, ModerationLogEntry, TriageMiss
from .triage import reason_text
from .triage.words import WORD_RE
from .triage_eval import CorpusItem

Action = ModerationLogEntry.Action

REMOVING = frozenset({Action.HIDE, Action.DELETE, Action.BLOCK})
LEAVING = frozenset({Action.NO_ACTION, Action.LIKE, Action.REPLY})
# An unjudged link is labelled misinformation for a person to review: leaving it is no false alarm.
_ALARMS = frozenset(VIOLATION_LABELS) - {Label.MISINFORMATION}
PHRASE_WORDS = 8
PAGE_MOST = 200
MAIL_LINES = 20


def triage_miss_record(
    *, comment_id: int, by: User | None, action: str, rule: str = "", labels: list[str] | None = None
) -> TriageMiss | None:
    """Record the decision if triage did not foresee it; None when it did (or for other actions).
    `labels` are the comment's triage labels when the caller has them (else they are read)."""
    if by is None or (action not in REMOVING and action not in LEAVING):
        return None
    if labels is None:
        labels = Comment.objects.filter(pk=comment_id).values_list("labels", flat=True).first()
    if labels is None:
        return None
    if action in REMOVING:
        if not rule or rule in labels:
            return None
        kind = TriageMiss.Kind.MISSED
    else:
        if not _ALARMS.intersection(labels):
            return None
        kind = TriageMiss.Kind.FALSE_ALARM
    return TriageMiss.objects.create(
        comment_id=comment_id, kind=kind, action=action, rule=rule, labels=list(labels), actor=by
    )


def phrase_pattern(phrase: str) -> str:
    """A starting pattern for a phrase: its first words, every form of each, at most one other word
    between them. AKN trims the phrase or edits the pattern before saving it."""
    words = [w.casefold() for w in WORD_RE.findall(phrase) if not w.isdigit() and "_" not in w]
    return " ..1 ".join(words[:PHRASE_WORDS])


def decisions_corpus() -> list[CorpusItem]:
    """The city's decisions as training comments for triage's model: a comment removed under a
    rule triage had not given must get that label; one left although triage called it a violation
    must not get those labels (a hard negative, which training weighs double). Only the model's
    labels count; a comment whose text is gone (deleted, or pseudonymised by gallring) is left out,
    and of several decisions on one comment the latest counts. Ids are "decisions-YYYYMM-<comment>",
    so that training's cross-validation leaves a month's decisions out at a time."""
    from .triage.model import MODEL_LABELS

    latest: dict[int, tuple[str, str, list[str], datetime]] = {}
    for comment_id, kind, rule, labels, at in TriageMiss.objects.order_by("at", "id").values_list(
        "comment_id", "kind", "rule", "labels", "at"
    ):
        latest[comment_id] = (kind, rule, labels, at)
    texts = dict(Comment.objects.filter(pk__in=latest).exclude(text="").values_list("pk", "text"))
    items = []
    for comment_id, (kind, rule, labels, at) in latest.items():
        text = texts.get(comment_id)
        if not text:
            continue
        if kind == TriageMiss.Kind.MISSED:
            must, must_not, what = frozenset({rule}) & frozenset(MODEL_LABELS), frozenset(), "violation"
        else:
            must, must_not, what = frozenset(), frozenset(labels) & frozenset(MODEL_LABELS), "hard_negative"
        if must or must_not:
            month = timezone.localtime(at).strftime("%Y%m")
            items.append(
                CorpusItem(f"decisions-{month}-{comment_id}", text, must, must_not, f"{what}:decision")
            )
    return items


@dataclass(frozen=True)
class MissRow:
    miss: TriageMiss
    text: str  # the comment's text now ("" when the comment is gone)
    reasons: list[str]  # why triage labelled it, in words
    phrase: str  # the start of the text, offered as the phrase of a new pattern
    labels: list[str]  # triage's labels when the person decided, by name
    rule: str  # the rule the person chose, by name


def misses_recent(*, kind: str = "", most: int = PAGE_MOST) -> list[MissRow]:
    """The latest misses, newest first, each with its comment's text and triage's reasons."""
    misses = TriageMiss.objects.select_related("actor")
    if kind:
        misses = misses.filter(kind=kind)
    misses = list(misses[:most])
    comments = {
        row["id"]: row
        for row in Comment.objects.filter(pk__in={m.comment_id for m in misses}).values(
            "id", "text", "reasons"
        )
    }
    names = dict(Label.choices)
    rows = []
    for miss in misses:
        comment = comments.get(miss.comment_id, {})
        text = comment.get("text") or ""
        rows.append(
            MissRow(
                miss=miss,
                text=text,
                reasons=[reason_text(reason) for reason in comment.get("reasons") or []],
                phrase=" ".join(WORD_RE.findall(text)[:PHRASE_WORDS]),
                labels=[str(names.get(label, label)) for label in miss.labels],
                rule=str(names.get(miss.rule, miss.rule)),
            )
        )
    return rows


def triage_misses_mail(*, now: datetime | None = None) -> bool:
    """The week's misses to AKN, counted by kind and rule (the texts stay in the portal); nothing
    when there were none. Once per ISO week, however often the task runs."""
    now = now or timezone.now()
    since = now - timedelta(days=7)
    misses = list(TriageMiss.objects.filter(at__gte=since, at__lte=now).values_list("kind", "rule", "labels"))
    if not misses:
        return False
    names = dict(Label.choices)
    missed = Counter(rule for kind, rule, _labels in misses if kind == TriageMiss.Kind.MISSED)
    alarms = Counter(
        label
        for kind, _rule, labels in misses
        if kind == TriageMiss.Kind.FALSE_ALARM
        for label in labels
        if label in _ALARMS
    )
    year, week, _day = now.isocalendar()
    mail_enqueue(
        key=f"triage-misses:{year}-{week:02d}",
        name="triage_misses",
        to=[settings.AKN_EMAIL],
        context={
            "since": since,
            "count": len(misses),
            "missed": [(names.get(rule, rule), n) for rule, n in missed.most_common(MAIL_LINES)],
            "alarms": [(names.get(label, label), n) for label, n in alarms.most_common(MAIL_LINES)],
        },
    )
    return True

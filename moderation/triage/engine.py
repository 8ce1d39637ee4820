"""One comment: its labels, the action they suggest and why (`triage_text`), where it starts
(`initial_status`), and each reason in words for the page (`reason_text`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from helsocial.personal_data import find_personal_data

from ..models import ACTION_STRENGTH, URGENT_LABELS, VIOLATION_LABELS, Comment, Label, SuggestedAction
from .matching import match_terms
from .rules import Ruleset
from .words import text_hash, words_and_stems

_LABEL_ORDER = {label.value: index for index, label in enumerate(Label)}
_LABEL_NAMES = {label.value: label.label for label in Label}
_URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"')\]]+")
_HOST_RE = re.compile(r"(?i)^(?:https?://)?(?:[^@/\s]+@)?([a-z0-9.\-\u00c0-\u024f]+)")


@dataclass
class Verdict:
    labels: list[str]
    action: str
    reasons: list[dict]

    @property
    def is_urgent(self) -> bool:
        return any(label in URGENT_LABELS for label in self.labels)

    def as_dict(self) -> dict:
        return {"labels": self.labels, "action": self.action, "reasons": self.reasons}


class AuthorHistory:
    """What each author said before (times and text hashes), fed in arrival order for spam."""

    def __init__(self) -> None:
        self._seen: dict[str, list[tuple[datetime, str]]] = defaultdict(list)

    def add(self, author_id: str, created_at: datetime, digest: str) -> None:
        self._seen[author_id].append((created_at, digest))

    def before(self, author_id: str) -> list[tuple[datetime, str]]:
        return self._seen.get(author_id, [])


def _domain_of(url: str) -> str:
    match = _HOST_RE.match(url)
    return match.group(1).lower().rstrip(".").removeprefix("www.") if match else ""


def _in_domains(host: str, domains: frozenset[str]) -> str | None:
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in domains:
            return candidate
    return None


def triage_text(
    *,
    text: str,
    author_id: str = "",
    created_at: datetime | None = None,
    attachments: Sequence[str] = (),
    rules: Ruleset,
    history: AuthorHistory | None = None,
    kind: str = "comment",
) -> Verdict:
    """Labels, suggested action and reasons for one comment; records it in `history` for spam.

    "Upprepade inlägg från samma användare" is about the comment flow: a direct message is never
    spam, and a question asked again is a question nobody answered (reason "repeated_question", with
    when it was first asked, so that it is due from then), never spam."""
    enabled = rules.enabled
    labels: set[str] = set()
    reasons: list[dict] = []

    def add(label: str, code: str, **detail: str) -> None:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": code, **detail})

    text_words, text_stems = words_and_stems(text)
    term_hits, pattern_hits = match_terms(text, rules, words=text_words, stems=text_stems)
    for label, term, words in term_hits:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": "term", "term": term, "match": words})
    for label, name, words in pattern_hits:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": "pattern", "pattern": name, "match": words})
    model = rules.model
    guessed: set[str] = set()
    doubted = False
    if model is not None and text_words:
        # The model adds what the rules did not see, and doubts a rule's label it finds unlike
        # every comment so labelled: that label is not given, and a person decides (the comment
        # stays open, the rule's reason and the doubt both shown).
        hits, doubts = model.judge(words=text_words, stems=text_stems, given=labels)
        for label, probability in doubts:
            labels.discard(label)
            doubted = True
            # Right after the rule's own reasons for the label, which the doubt answers.
            last = max(i for i, reason in enumerate(reasons) if reason["label"] == label)
            reasons.insert(
                # Rounded down: a doubt is below DOUBT, and its score reads so ("4 of 100", never 5).
                last + 1,
                {"label": label, "code": "doubted", "probability": str(int(probability * 100))},
            )
        for hit in hits:
            if hit.label in enabled:
                labels.add(hit.label)
                guessed.add(hit.label)
                reasons.append(
                    {
                        "label": hit.label,
                        "code": "model",
                        "probability": str(round(hit.probability * 100)),
                        "match": ", ".join(hit.words),
                    }
                )
    if "?" in text and _QUESTION not in labels:
        add(_QUESTION, "question_mark")

    for found in find_personal_data(text, allow=rules.allowed_contacts):
        add(_PERSONAL_DATA, "personal_data", kind=found.kind)

    blocked_hit = False
    # Every link the pattern finds holds "://" or "www." (in any case): most comments hold neither.
    urls = _URL_RE.findall(text) if "://" in text or "www." in text.casefold() else ()
    for url in urls:
        host = _domain_of(url)
        if not host:
            continue
        if domain := _in_domains(host, rules.blocked_domains):
            blocked_hit = True
            add(_MISINFORMATION, "blocked_domain", domain=domain)
        elif not _in_domains(host, rules.trusted_domains):
            add(_MISINFORMATION, "unknown_domain", domain=host)

    if attachments:
        add(_RIGHTS, "attachment", count=str(len(attachments)))

    if history is not None and author_id:
        digest = text_hash(text)
        if created_at is not None:
            before = history.before(author_id)
            if _QUESTION in labels:
                _repeated_question(add, rules, before, created_at, digest, text)
            elif kind == "message":
                pass  # a private conversation is no comment flow: saying it again is no spam
            elif before or rules.spam["burst_count"] <= 1:
                _spam(add, rules, before, created_at, digest, text)
            history.add(author_id, created_at, digest)

    if not labels and _OPINION in enabled and not doubted:
        add(_OPINION, "no_question")
    ordered = sorted(labels, key=_label_rank) if len(labels) > 1 else list(labels)
    # A violation decides the action on its own: a threat phrased as a question is not answered,
    # whatever AKN set for questions. A link nobody has judged is no violation yet.
    deciding = [
        label for label in ordered if label in VIOLATION_LABELS and (label != _MISINFORMATION or blocked_hit)
    ] or ordered
    action = _NO_ACTION
    for label in deciding:
        candidate = rules.actions.get(label, _NO_ACTION)
        if label == _MISINFORMATION and not blocked_hit:
            candidate = _NO_ACTION  # unknown domains: a person reviews them
        elif label in guessed and ACTION_STRENGTH[candidate] > _HIDE_STRENGTH:
            # A label only the model gave is a likeness, not a finding: hiding can be undone,
            # deleting (and registering) cannot, so a person decides more.
            candidate = _HIDE
        if ACTION_STRENGTH[candidate] > ACTION_STRENGTH[action]:
            action = str(candidate)
    # Duplicate reasons (the same phone number twice) say nothing new.
    unique = []
    for reason in reasons:
        if reason not in unique:
            unique.append(reason)
    return Verdict(labels=ordered, action=action, reasons=unique)


# The labels as plain strings: triage compares and hashes them for every comment.
_QUESTION = Label.QUESTION.value
_PERSONAL_DATA = Label.PERSONAL_DATA.value
_MISINFORMATION = Label.MISINFORMATION.value
_RIGHTS = Label.RIGHTS.value
_OPINION = Label.OPINION.value
_SPAM = Label.SPAM.value
_NO_ACTION = SuggestedAction.NO_ACTION.value
_HIDE = SuggestedAction.HIDE.value
_HIDE_STRENGTH = ACTION_STRENGTH[_HIDE]


def _label_rank(label: str) -> int:
    return _LABEL_ORDER.get(label, 99)


def _spam(add, rules: Ruleset, before, created_at: datetime, digest: str, text: str) -> None:
    params = rules.spam
    window = timedelta(hours=params["repeat_window_hours"])
    if digest and len(text.strip()) >= params["repeat_min_chars"]:
        for when, earlier in before:
            if earlier == digest and abs(created_at - when) <= window:
                add(_SPAM, "repeat")
                return
    burst_window = timedelta(minutes=params["burst_minutes"])
    recent = sum(1 for when, _d in before if abs(created_at - when) <= burst_window)
    if recent + 1 >= params["burst_count"]:
        add(_SPAM, "burst", count=str(recent + 1))


def _repeated_question(add, rules: Ruleset, before, created_at: datetime, digest: str, text: str) -> None:
    window = timedelta(hours=rules.spam["repeat_window_hours"])
    if digest and len(text.strip()) >= rules.spam["repeat_min_chars"]:
        earlier = [when for when, seen in before if seen == digest and abs(created_at - when) <= window]
        if earlier:
            add(_QUESTION, "repeated_question", first=min(earlier).isoformat())


def initial_status(*, labels: Sequence[str], kind: str, is_own: bool) -> str:
    """Where a new comment starts: the city's own replies and mere opinions need nobody's time."""
    if is_own:
        return Comment.Status.OWN
    if kind in (Comment.Kind.MESSAGE, Comment.Kind.MENTION):
        return Comment.Status.OPEN
    if labels and all(label == Label.OPINION for label in labels):
        return Comment.Status.NO_ACTION
    return Comment.Status.OPEN


def reason_text(reason: dict) -> str:
    """One reason in words for the page (the codes stay stable in JSON for the command and tests)."""
    from django.utils.translation import gettext as _

    code = reason.get("code")
    if code == "term":
        return _("the words “%(match)s” match “%(term)s”") % reason
    if code == "pattern":
        return _("the words “%(match)s” match the pattern “%(pattern)s”") % reason
    if code == "model":
        phrases = ", ".join(
            _("“%(phrase)s”") % {"phrase": p} for p in reason.get("match", "").split(", ") if p
        )
        name = _LABEL_NAMES.get(reason.get("label", ""), reason.get("label", ""))
        return _(
            "resembles comments labelled %(label)s (the trained model's score: %(probability)s of 100); "
            "the words that weighed most: %(phrases)s"
        ) % {"label": str(name).lower(), "probability": reason.get("probability", ""), "phrases": phrases}
    if code == "doubted":
        name = _LABEL_NAMES.get(reason.get("label", ""), reason.get("label", ""))
        return _(
            "the trained model doubts this: it reads unlike comments labelled %(label)s (its score: "
            "%(probability)s of 100), so it is not labelled so and a person decides"
        ) % {"label": str(name).lower(), "probability": reason.get("probability", "")}
    if code == "question_mark":
        return _("asks something (question mark)")
    if code == "personal_data":
        kinds = {
            "phone": _("a phone number"),
            "email": _("an e-mail address"),
            "personnummer": _("a personal identity number"),
            "address": _("a street address"),
        }
        return _("contains %(kind)s") % {"kind": kinds.get(reason.get("kind", ""), reason.get("kind", ""))}
    if code == "blocked_domain":
        return _("links to %(domain)s, which is on the block list") % reason
    if code == "unknown_domain":
        return _("links to %(domain)s, which nobody has judged yet: review it") % reason
    if code == "attachment":
        return _("has an image or video: check the rights and the people shown")
    if code == "repeated_question":
        return _("the same author asked this before: it is due as from the first time")
    if code == "repeat":
        return _("the same author wrote the same text before")
    if code == "burst":
        return _("the same author wrote %(count)s comments in a few minutes") % reason
    if code == "no_question":
        return _("no question, praise or violation found")
    return str(code)

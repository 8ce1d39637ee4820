"""Automatic triage: which labels a comment gets, the action they suggest, and why.

Everything here is a pure function of the text and a `Ruleset`, which `ruleset_load()` reads from the
database once per batch (AKN edits the words, domains and actions in the portal, so a change takes
effect with the next batch). Nothing here writes.

Words are matched as whole words on Snowball stems (Swedish), so "hotar", "hotade" and "hotet" all
match the term "hota" while "hotell" does not; a term marked `exact` matches only the listed form,
for words whose stem collides with an innocent word ("härligt" stems to "här"). A term may be a
phrase ("döda dig"); a term starting with "^" only counts at the start of a sentence ("^hur" makes
"Hur gör jag?" a question but not "Jag vet inte hur ni tänker").
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

import snowballstemmer

from helsocial.personal_data import find_personal_data

from .models import ACTION_STRENGTH, URGENT_LABELS, Comment, Label, SuggestedAction

__all__ = [
    "DEFAULT_ACTIONS",
    "AuthorHistory",
    "Ruleset",
    "Verdict",
    "initial_status",
    "ruleset_build",
    "ruleset_load",
    "text_hash",
    "triage_text",
]

DEFAULT_ACTIONS: dict[str, str] = {
    Label.QUESTION: SuggestedAction.ANSWER,
    Label.OPINION: SuggestedAction.NO_ACTION,
    Label.PRAISE: SuggestedAction.LIKE,
    Label.RACISM: SuggestedAction.DELETE,
    Label.THREAT: SuggestedAction.DELETE,
    Label.PERSONAL_ATTACK: SuggestedAction.BLOCK,
    Label.PERSONAL_DATA: SuggestedAction.HIDE,
    Label.SPAM: SuggestedAction.DELETE,
    Label.MISINFORMATION: SuggestedAction.DELETE,
    Label.RIGHTS: SuggestedAction.HIDE,
}
DEFAULT_SPAM = {"repeat_window_hours": 72, "repeat_min_chars": 12, "burst_count": 5, "burst_minutes": 10}
_LABEL_ORDER = {label.value: index for index, label in enumerate(Label)}

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END_RE = re.compile(r"[.!?\n:;]")
_URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"')\]]+")
_HOST_RE = re.compile(r"(?i)^(?:https?://)?(?:[^@/\s]+@)?([a-z0-9.\-\u00c0-\u024f]+)")
_NORMALISE_RE = re.compile(r"[\W_]+", re.UNICODE)

_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # Snowball stemmers keep state between calls: one per thread.
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


# Stems by word. A plain dict read is cheaper than an lru_cache call, and triage stems every word
# of every comment; the dict is emptied when it grows past the bound (reads and writes of one key
# are atomic under the GIL, so threads share it safely).
_STEMS: dict[str, str] = {}
_STEMS_BOUND = 200_000


def _stem_new(word: str) -> str:
    # A number has no vowel, so the stemmer's region R1 is empty and it removes nothing: numbers
    # ("#4711", order and case numbers) are their own stem, and never fill the cache.
    if word.isdigit():
        return word
    if len(_STEMS) >= _STEMS_BOUND:
        _STEMS.clear()
    stem = _STEMS[word] = _stemmer().stemWord(word)
    return stem


def _stem(word: str) -> str:
    return _STEMS.get(word) or _stem_new(word)


# Ingest asks for the hash of the same text twice in a row (spam history, then the stored row).
@lru_cache(maxsize=4096)
def text_hash(text: str) -> str:
    """A short hash of the text without case, punctuation and spacing: "the same thing said again"."""
    normal = _NORMALISE_RE.sub(" ", text.casefold()).strip()
    if not normal:
        return ""
    return hashlib.blake2b(normal.encode(), digest_size=8).hexdigest()


# --- the rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    label: str
    term: str
    keys: tuple[tuple[str, str], ...]  # ("s", stem) or ("e", exact form) per word
    sentence_start: bool


@dataclass(frozen=True)
class Ruleset:
    actions: dict[str, str]
    enabled: frozenset[str]
    by_first_key: dict[tuple[str, str], tuple[_Phrase, ...]]
    first_stems: frozenset[str]  # the stems and exact words that begin some phrase: most comments
    first_words: frozenset[str]  # contain none, and one set intersection tells so
    symbols: tuple[tuple[str, str], ...]  # (label, term) for terms without letters, e.g. emojis
    blocked_domains: frozenset[str]
    trusted_domains: frozenset[str]
    allowed_contacts: tuple[str, ...]
    spam: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SPAM))


def _term_keys(term: str, exact: bool) -> tuple[tuple[str, str], ...]:
    words = [w.casefold() for w in _WORD_RE.findall(term)]
    return tuple(("e", w) if exact else ("s", _stem(w)) for w in words)


def ruleset_build(
    *,
    rules: Iterable[tuple[str, str, bool, dict]] = (),
    terms: Iterable[tuple[str, str, str]] = (),
    domains: Iterable[tuple[str, str]] = (),
    allowed_contacts: Iterable[str] = (),
) -> Ruleset:
    """A ruleset from plain values: rules (label, action, enabled, params), terms (label, term,
    "stem"|"exact"), domains (domain, "blocked"|"trusted") and the city's public contact details."""
    actions = dict(DEFAULT_ACTIONS)
    enabled = set(DEFAULT_ACTIONS)
    spam = dict(DEFAULT_SPAM)
    for label, action, is_enabled, params in rules:
        actions[label] = action
        if not is_enabled:
            enabled.discard(label)
        if label == Label.SPAM and params:
            spam.update({k: float(v) for k, v in params.items() if k in DEFAULT_SPAM})
    index: dict[tuple[str, str], list[_Phrase]] = defaultdict(list)
    symbols: list[tuple[str, str]] = []
    for label, term, match in terms:
        raw = term.strip()
        sentence_start = raw.startswith("^")
        raw = raw.lstrip("^").strip()
        keys = _term_keys(raw, match == "exact")
        if not keys:
            if raw:
                symbols.append((label, raw))
            continue
        index[keys[0]].append(_Phrase(label, raw, keys, sentence_start))
    blocked, trusted = set(), set()
    for domain, kind in domains:
        (blocked if kind == "blocked" else trusted).add(domain.strip().lower().removeprefix("www."))
    contacts = list(allowed_contacts) + [f"@{d}" for d in sorted(trusted)]
    return Ruleset(
        actions=actions,
        enabled=frozenset(enabled),
        by_first_key={k: tuple(v) for k, v in index.items()},
        first_stems=frozenset(value for kind, value in index if kind == "s"),
        first_words=frozenset(value for kind, value in index if kind == "e"),
        symbols=tuple(symbols),
        blocked_domains=frozenset(blocked),
        trusted_domains=frozenset(trusted),
        allowed_contacts=tuple(c for c in contacts if c),
        spam=spam,
    )


def ruleset_load() -> Ruleset:
    """The rules as AKN has them now: four small queries, once per batch."""
    from accounts.models import Administration

    from .models import TriageDomain, TriageRule, TriageTerm

    contacts: list[str] = []
    for phone, email in Administration.objects.values_list("phone", "email"):
        contacts.extend(v for v in (phone, email) if v)
    return ruleset_build(
        rules=TriageRule.objects.values_list("label", "action", "is_enabled", "params"),
        terms=TriageTerm.objects.values_list("label", "term", "match"),
        domains=TriageDomain.objects.values_list("domain", "kind"),
        allowed_contacts=contacts,
    )


# --- one comment ----------------------------------------------------------------------------------


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


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(word, stem, starts a sentence) for each word."""
    out = []
    append = out.append
    ends_sentence = _SENTENCE_END_RE.search
    previous_end = 0
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        word = match.group().casefold()
        # Searching the gap in place: the pattern is one character class, so the bounds act as a slice.
        starts = not out or ends_sentence(text, previous_end, start) is not None
        append((word, _stem(word), starts))
        previous_end = end
    return out


def _match_terms(text: str, rules: Ruleset) -> list[tuple[str, str, str]]:
    """(label, term, the words that matched) for every term found, first hit per term.

    What `_tokens` gives, read lazily: words and stems for every comment (one set intersection
    with the rules' first words says whether any phrase can start here at all), and where the
    sentences start only when a phrase that must begin one is a candidate.
    """
    found: dict[tuple[str, str], str] = {}
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    if words:
        get = _STEMS.get
        # Numbers are their own stems and stay out of the cache (see `_stem_new`).
        stems = [get(w) or (w if w.isdigit() else _stem_new(w)) for w in words]
        hit_stems = rules.first_stems.intersection(stems)
        hit_words = rules.first_words.intersection(words)
        if hit_stems or hit_words:
            _match_phrases(text, words, stems, hit_stems, hit_words, rules, found)
    for label, symbol in rules.symbols:
        if symbol in text:
            found.setdefault((label, symbol), symbol)
    return [(label, term, words) for (label, term), words in found.items()]


def _sentence_starts(text: str) -> list[bool]:
    """For each word of `_tokens`, whether it starts a sentence: the first word of each stretch
    between sentence ends (no word contains one, so splitting there never cuts a word)."""
    starts: list[bool] = []
    for stretch in _SENTENCE_END_RE.split(text):
        count = len(_WORD_RE.findall(stretch))
        if count:
            starts.append(True)
            starts.extend([False] * (count - 1))
    return starts


def _match_phrases(text, words, stems, hit_stems, hit_words, rules: Ruleset, found: dict) -> None:
    starts: list[bool] | None = None
    count = len(words)
    by_first_key = rules.by_first_key
    for i in range(count):
        stem, word = stems[i], words[i]
        if stem in hit_stems:
            candidates = by_first_key[("s", stem)]
            if word in hit_words:
                candidates = candidates + by_first_key[("e", word)]
        elif word in hit_words:
            candidates = by_first_key[("e", word)]
        else:
            continue
        for phrase in candidates:
            if phrase.sentence_start:
                if starts is None:
                    starts = _sentence_starts(text)
                if not starts[i]:
                    continue
            n = len(phrase.keys)
            if n > 1 and (
                i + n > count
                or not all(
                    (stems[i + j] if kind == "s" else words[i + j]) == value
                    for j, (kind, value) in enumerate(phrase.keys[1:], 1)
                )
            ):
                continue
            found.setdefault((phrase.label, phrase.term), word if n == 1 else " ".join(words[i : i + n]))


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
) -> Verdict:
    """Labels, suggested action and reasons for one comment; records it in `history` for spam."""
    enabled = rules.enabled
    labels: set[str] = set()
    reasons: list[dict] = []

    def add(label: str, code: str, **detail: str) -> None:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": code, **detail})

    for label, term, words in _match_terms(text, rules):
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": "term", "term": term, "match": words})
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
            if before or rules.spam["burst_count"] <= 1:
                _spam(add, rules, before, created_at, digest, text)
            history.add(author_id, created_at, digest)

    if not labels and _OPINION in enabled:
        add(_OPINION, "no_question")
    ordered = sorted(labels, key=_label_rank) if len(labels) > 1 else list(labels)
    action = _NO_ACTION
    for label in ordered:
        candidate = rules.actions.get(label, _NO_ACTION)
        if label == _MISINFORMATION and not blocked_hit:
            candidate = _NO_ACTION  # unknown domains: a person reviews them
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
    if code == "repeat":
        return _("the same author wrote the same text before")
    if code == "burst":
        return _("the same author wrote %(count)s comments in a few minutes") % reason
    if code == "no_question":
        return _("no question, praise or violation found")
    return str(code)

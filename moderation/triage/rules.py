"""The rules triage applies: AKN's words, domains, actions, word groups and patterns as one
`Ruleset`, read from the database once per batch (`ruleset_load`) or built from plain values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Label, SuggestedAction
from .language import CompiledPattern, SlotIndex, patterns_compile
from .model import TriageModel, model_load
from .words import WORD_RE, stem_of

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
    patterns: tuple[CompiledPattern, ...] = ()
    slot_index: SlotIndex | None = None
    model: TriageModel | None = None  # the second reader; None: the rules alone


def _term_keys(term: str, exact: bool) -> tuple[tuple[str, str], ...]:
    words = [w.casefold() for w in WORD_RE.findall(term)]
    return tuple(("e", w) if exact else ("s", stem_of(w)) for w in words)


def ruleset_build(
    *,
    rules: Iterable[tuple[str, str, bool, dict]] = (),
    terms: Iterable[tuple[str, str, str]] = (),
    domains: Iterable[tuple[str, str]] = (),
    allowed_contacts: Iterable[str] = (),
    groups: Iterable[tuple[str, str]] = (),
    patterns: Iterable[tuple[str, str, str]] = (),
    model: TriageModel | None = None,
) -> Ruleset:
    """A ruleset from plain values: rules (label, action, enabled, params), terms (label, term,
    "stem"|"exact"), domains (domain, "blocked"|"trusted"), the city's public contact details, word
    groups (name, words) and patterns (label, name, pattern). A pattern that does not parse (AKN's
    form refuses those; a group removed since is the likely cause) is left out, never an error."""
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
    compiled, slot_index = patterns_compile(groups, patterns)
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
        patterns=compiled,
        slot_index=slot_index,
        model=model,
    )


def ruleset_load() -> Ruleset:
    """The rules as AKN has them now: six small queries, once per batch."""
    from accounts.models import Administration

    from ..models import TriageDomain, TriagePattern, TriageRule, TriageTerm, TriageWordGroup

    contacts: list[str] = []
    for phone, email in Administration.objects.values_list("phone", "email"):
        contacts.extend(v for v in (phone, email) if v)
    return ruleset_build(
        rules=TriageRule.objects.values_list("label", "action", "is_enabled", "params"),
        terms=TriageTerm.objects.values_list("label", "term", "match"),
        domains=TriageDomain.objects.values_list("domain", "kind"),
        allowed_contacts=contacts,
        groups=TriageWordGroup.objects.values_list("name", "words"),
        patterns=TriagePattern.objects.filter(is_enabled=True).values_list("label", "name", "pattern"),
        model=model_configured(),
    )


def model_configured() -> TriageModel | None:
    """The model of the TRIAGE_MODEL setting: its file, the shipped one when unset, none when "off"."""
    from django.conf import settings

    path = getattr(settings, "TRIAGE_MODEL", "")
    if path.strip().lower() == "off":
        return None
    return model_load(path or None)

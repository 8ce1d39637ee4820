"""Automatic triage: which labels a comment gets, the action they suggest, and why.

Everything here is a pure function of the text and a `Ruleset`, which `ruleset_load()` reads from the
database once per batch (AKN edits the words, domains and actions in the portal, so a change takes
effect with the next batch). Nothing here writes.

Words are matched as whole words on Snowball stems (Swedish), so "hotar", "hotade" and "hotet" all
match the term "hota" while "hotell" does not; a term marked `exact` matches only the listed form,
for words whose stem collides with an innocent word ("härligt" stems to "här"). A term may be a
phrase ("döda dig"); a term starting with "^" only counts at the start of a sentence ("^hur" makes
"Hur gör jag?" a question but not "Jag vet inte hur ni tänker").

Patterns read word order, distance and negation rather than single words, over named word groups
AKN edits (`TriageWordGroup`, `TriagePattern`). A pattern is a row of slots, each one word:

    {group}        any word of the group (a group lists words in the three forms below)
    word           any form of the word (its Snowball stem): "skjutas" also matches "skjuts"
    =word          exactly this form: "=borde"
    word*          any word that starts so: "invandrar*" matches "invandrarna", "invandrarhorder"
    (a|=b|c*|{g})  any of these

Slots follow each other directly unless a gap stands between them: "..N" lets up to N other words
come between, in this order; "~N" the same in either order. A match never spans two sentences.
Guards keep a match from counting: "!slot" when such a word stands among the matched words, or up to
three words before them or one after, within the same clause (commas end one): "!{negation}" reads
"ingen borde skjutas" and "borde inte skjutas" as no threat, but not "Förstår du inte, ditt pucko".
"!!slot" when such a word stands anywhere in the sentence.

    {group_of_people} ~6 {expel} ..2 {away}     "Muslimerna borde kastas ut", "kasta ut alla invandrare"
    {intent} ..3 {violence_passive} !{negation} "kommunalrådet borde skjutas", not "ingen borde skjutas"

The patterns are compiled once per ruleset; each distinct word is looked up once per ruleset and its
slots remembered, so a comment costs one dictionary read per word when no pattern can match.
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
from django.utils.translation import gettext_lazy as _

from helsocial.personal_data import find_personal_data

from .models import ACTION_STRENGTH, URGENT_LABELS, VIOLATION_LABELS, Comment, Label, SuggestedAction

__all__ = [
    "DEFAULT_ACTIONS",
    "AuthorHistory",
    "PatternError",
    "Ruleset",
    "Verdict",
    "initial_status",
    "pattern_parse",
    "patterns_match",
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
    patterns: tuple[_Pattern, ...] = ()
    slot_index: _SlotIndex | None = None


def _term_keys(term: str, exact: bool) -> tuple[tuple[str, str], ...]:
    words = [w.casefold() for w in _WORD_RE.findall(term)]
    return tuple(("e", w) if exact else ("s", _stem(w)) for w in words)


def ruleset_build(
    *,
    rules: Iterable[tuple[str, str, bool, dict]] = (),
    terms: Iterable[tuple[str, str, str]] = (),
    domains: Iterable[tuple[str, str]] = (),
    allowed_contacts: Iterable[str] = (),
    groups: Iterable[tuple[str, str]] = (),
    patterns: Iterable[tuple[str, str, str]] = (),
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
    compiled, slot_index = _patterns_compile(groups, patterns)
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
    )


def ruleset_load() -> Ruleset:
    """The rules as AKN has them now: six small queries, once per batch."""
    from accounts.models import Administration

    from .models import TriageDomain, TriagePattern, TriageRule, TriageTerm, TriageWordGroup

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
    )


# --- patterns -------------------------------------------------------------------------------------

GROUP_NAME_RE = re.compile(r"^[^\W\d_][\w]*$")
_PATTERN_TOKEN_RE = re.compile(r"!?\([^()]*\)|\S+")
_GAP_RE = re.compile(r"^(\.\.|~)(\d{1,2})$")
_GAP_MAX = 12
_PREFIX_MIN = 3
_SLOT_CACHE_BOUND = 100_000


class PatternError(ValueError):
    """A pattern or a word group AKN wrote that cannot be read; the message is for the form."""


@dataclass(frozen=True)
class _Slot:
    """The words one slot accepts: Snowball stems, exact forms and form prefixes."""

    stems: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]

    def __or__(self, other: _Slot) -> _Slot:
        return _Slot(self.stems | other.stems, self.words | other.words, self.prefixes | other.prefixes)


_EMPTY_SLOT = _Slot(frozenset(), frozenset(), frozenset())


@dataclass(frozen=True)
class _ParsedPattern:
    slots: tuple[_Slot, ...]
    gaps: tuple[tuple[int, bool], ...]  # before slot k+1: (most words between, either order)
    guards: tuple[_Slot, ...]  # near the match, in its clause
    sentence_guards: tuple[_Slot, ...]  # anywhere in its sentence


@dataclass(frozen=True)
class _Pattern:
    label: str
    name: str
    slots: tuple[int, ...]  # slot ids in the ruleset's index
    gaps: tuple[tuple[int, bool], ...]
    guards: tuple[int, ...]
    sentence_guards: tuple[int, ...]
    required: frozenset[int]


_GUARD_BEFORE = 3
_GUARD_AFTER = 1

# Swedish words in nearly every comment (and the pronouns people write to each other): a pattern
# is looked at only when one of its slots that none of these fill is there.
_COMMON_TEXT = (
    "och att det som en på är av för med till den har de inte om ett han men var jag sig från vi så "
    "kan man när år hon under också efter eller nu sin där vid mot ska skall skulle kommer ut blir "
    "bara då hade alla andra mycket du ni er era dig din ditt dina får få vet hur vad varför vem "
    "här dom dem honom henne hen mig min mitt mina oss vår vårt våra ingen inget inga aldrig ju "
    "borde bör måste vill tycker hoppas gör göra ta tar komma går gå stå står se ser ge ger hem "
    "över in upp ner igen än sen tid dag"
)
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())


class _SlotIndex:
    """Which slots each word fills, looked up by stem, exact form and prefix, and remembered."""

    def __init__(self, slots: Sequence[_Slot]) -> None:
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_prefix: dict[str, list[int]] = defaultdict(list)
        for slot_id, slot in enumerate(slots):
            for stem in slot.stems:
                self.by_stem[stem].append(slot_id)
            for word in slot.words:
                self.by_word[word].append(slot_id)
            for prefix in slot.prefixes:
                self.by_prefix[prefix].append(slot_id)
        self.prefix_lengths = tuple(sorted({len(p) for p in self.by_prefix}))
        # Word -> the slots it fills (mostly none). Shared by threads like `_STEMS`.
        self.cache: dict[str, tuple[int, ...]] = {}
        self.by_anchor: dict[int, tuple[_Pattern, ...]] = {}

    def anchor(self, patterns: Sequence[_Pattern]) -> None:
        """File each pattern under one slot that common words do not fill, where it has one: most
        comments then reach no pattern at all, and the rest only the few their rare words anchor."""
        common = {slot for word in _COMMON_WORDS for slot in self.slots_of(word, _stem(word))}
        self.cache.clear()
        by_anchor: dict[int, list[_Pattern]] = defaultdict(list)
        for pattern in patterns:
            rare = [slot for slot in pattern.slots if slot not in common]
            by_anchor[(rare or pattern.slots)[0]].append(pattern)
        self.by_anchor = {slot: tuple(found) for slot, found in by_anchor.items()}

    def slots_of(self, word: str, stem: str) -> tuple[int, ...]:
        # Numbers (order numbers, "#4711") fill no slot and would only fill the cache.
        if word.isdigit():
            return ()
        found: list[int] = []
        found += self.by_stem.get(stem, ())
        found += self.by_word.get(word, ())
        by_prefix = self.by_prefix
        size = len(word)
        for length in self.prefix_lengths:
            if length > size:
                break
            hit = by_prefix.get(word[:length])
            if hit:
                found += hit
        if len(self.cache) >= _SLOT_CACHE_BOUND:
            self.cache.clear()
        ids = self.cache[word] = tuple(sorted(set(found))) if found else ()
        return ids


def _message(text, **values) -> str:
    """A lazily translated message in the language active when the error is raised."""
    return str(text) % values if values else str(text)


def _atom(raw: str, groups: dict[str, _Slot]) -> _Slot:
    """One word of a slot or a group: {group}, =exact, prefix* or a word matched on its stem."""
    if raw.startswith("{") and raw.endswith("}"):
        name = raw[1:-1].strip().casefold()
        if name not in groups:
            raise PatternError(_message(_("There is no word group called %(name)s."), name=name))
        return groups[name]
    word = raw.casefold()
    kind = "stem"
    if word.startswith("="):
        kind, word = "exact", word[1:]
    elif word.endswith("*"):
        kind, word = "prefix", word[:-1]
    if not word or _WORD_RE.fullmatch(word) is None:
        raise PatternError(_message(_("“%(atom)s” is not one word."), atom=raw))
    if kind == "prefix":
        if len(word) < _PREFIX_MIN:
            raise PatternError(
                _message(_("“%(atom)s”: a word that ends in * needs at least three letters."), atom=raw)
            )
        return _Slot(frozenset(), frozenset(), frozenset({word}))
    if kind == "exact":
        return _Slot(frozenset(), frozenset({word}), frozenset())
    return _Slot(frozenset({_stem(word)}), frozenset(), frozenset())


def _group_entries(words: str) -> list[str]:
    return [entry.strip() for entry in re.split(r"[,\n]", words) if entry.strip()]


def group_parse(words: str, groups: dict[str, _Slot]) -> _Slot:
    """A word group's words, separated by commas or lines: "word", "=word", "word*" or another
    group as "{name}" (which must be in `groups`)."""
    entries = _group_entries(words)
    if not entries:
        raise PatternError(_message(_("A word group needs at least one word.")))
    slot = _EMPTY_SLOT
    for entry in entries:
        slot = slot | _atom(entry, groups)
    return slot


def groups_parse(groups: Iterable[tuple[str, str]]) -> dict[str, _Slot]:
    """The groups that parse, by name, each with the words of the groups it names. One that does
    not parse, or names a missing group or itself through others, is left out (and so are the
    patterns that use it)."""
    raw = {name.strip().casefold(): words for name, words in groups}
    parsed: dict[str, _Slot] = {}
    failed: set[str] = set()

    def resolve(name: str, visiting: frozenset[str]) -> None:
        if name in parsed or name in failed:
            return
        for entry in _group_entries(raw[name]):
            if entry.startswith("{") and entry.endswith("}"):
                other = entry[1:-1].strip().casefold()
                if other in visiting or other not in raw:
                    failed.add(name)
                    return
                resolve(other, visiting | {other})
        try:
            parsed[name] = group_parse(raw[name], parsed)
        except PatternError:
            failed.add(name)

    for name in raw:
        resolve(name, frozenset({name}))
    return parsed


def _slot_parse(raw: str, groups: dict[str, _Slot]) -> _Slot:
    if raw.startswith("(") and raw.endswith(")"):
        parts = [part.strip() for part in raw[1:-1].split("|")]
        if not all(parts):
            raise PatternError(_message(_("“%(slot)s” has an empty alternative."), slot=raw))
        slot = _EMPTY_SLOT
        for part in parts:
            slot = slot | _atom(part, groups)
        return slot
    if "(" in raw or ")" in raw or "|" in raw:
        raise PatternError(_message(_("“%(slot)s”: alternatives are written (a|b|c)."), slot=raw))
    return _atom(raw, groups)


def pattern_parse(pattern: str, groups: dict[str, _Slot]) -> _ParsedPattern:
    """Read a pattern (see the module's docstring) against the parsed word groups."""
    slots: list[_Slot] = []
    gaps: list[tuple[int, bool]] = []
    guards: list[_Slot] = []
    sentence_guards: list[_Slot] = []
    pending_gap: tuple[int, bool] | None = None
    for token in _PATTERN_TOKEN_RE.findall(pattern):
        gap = _GAP_RE.match(token)
        if gap:
            if not slots or pending_gap is not None:
                raise PatternError(_message(_("A gap (%(gap)s) must stand between two words."), gap=token))
            distance = int(gap.group(2))
            if distance > _GAP_MAX:
                raise PatternError(_message(_("A gap can be at most %(most)s words."), most=_GAP_MAX))
            pending_gap = (distance, gap.group(1) == "~")
            continue
        if token.startswith("!!"):
            sentence_guards.append(_slot_parse(token[2:].strip(), groups))
            continue
        if token.startswith("!"):
            guards.append(_slot_parse(token[1:].strip(), groups))
            continue
        if slots:
            gaps.append(pending_gap or (0, False))
        slots.append(_slot_parse(token, groups))
        pending_gap = None
    if pending_gap is not None:
        raise PatternError(
            _message(_("A gap (%(gap)s) must stand between two words."), gap=pattern.split()[-1])
        )
    if not slots:
        raise PatternError(_message(_("A pattern needs at least one word.")))
    return _ParsedPattern(tuple(slots), tuple(gaps), tuple(guards), tuple(sentence_guards))


def _patterns_compile(
    groups: Iterable[tuple[str, str]], patterns: Iterable[tuple[str, str, str]]
) -> tuple[tuple[_Pattern, ...], _SlotIndex | None]:
    parsed_groups = groups_parse(groups)
    slot_ids: dict[_Slot, int] = {}

    def slot_id(slot: _Slot) -> int:
        return slot_ids.setdefault(slot, len(slot_ids))

    compiled = []
    for label, name, text in patterns:
        try:
            parsed = pattern_parse(text, parsed_groups)
        except PatternError:
            continue
        slots = tuple(slot_id(slot) for slot in parsed.slots)
        guards = tuple(slot_id(slot) for slot in parsed.guards)
        sentence_guards = tuple(slot_id(slot) for slot in parsed.sentence_guards)
        compiled.append(_Pattern(label, name, slots, parsed.gaps, guards, sentence_guards, frozenset(slots)))
    if not compiled:
        return (), None
    index = _SlotIndex(list(slot_ids))
    index.anchor(compiled)
    return tuple(compiled), index


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


def _match_terms(text: str, rules: Ruleset) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(label, term, the words that matched) for every term found, first hit per term, and
    (label, pattern name, the words that matched) for every pattern found, first hit per pattern.

    What `_tokens` gives, read lazily: words and stems for every comment (one set intersection
    with the rules' first words says whether any phrase can start here at all), and where the
    sentences start only when a phrase that must begin one is a candidate.
    """
    found: dict[tuple[str, str], str] = {}
    patterns: list[tuple[str, str, str]] = []
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    if words:
        get = _STEMS.get
        # Numbers are their own stems and stay out of the cache (see `_stem_new`).
        stems = [get(w) or (w if w.isdigit() else _stem_new(w)) for w in words]
        hit_stems = rules.first_stems.intersection(stems)
        hit_words = rules.first_words.intersection(words)
        if hit_stems or hit_words:
            _match_phrases(text, words, stems, hit_stems, hit_words, rules, found)
        if rules.slot_index is not None:
            _match_patterns(text, words, stems, rules, patterns)
    for label, symbol in rules.symbols:
        if symbol in text:
            found.setdefault((label, symbol), symbol)
    return [(label, term, words) for (label, term), words in found.items()], patterns


_CLAUSE_END_RE = re.compile(r"[.!?\n:;,]")


def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """For each word of `_tokens`, the number of its sentence and of its clause (commas end one)."""
    sentences: list[int] = []
    clauses: list[int] = []
    sentence = clause = 0
    previous_end = -1
    clause_end = _CLAUSE_END_RE.search
    sentence_end = _SENTENCE_END_RE.search
    for match in _WORD_RE.finditer(text):
        start = match.start()
        # Most words are apart by one space: nothing ends there.
        apart = previous_end >= 0 and not (start - previous_end == 1 and text[previous_end] == " ")
        if apart and clause_end(text, previous_end, start) is not None:
            clause += 1
            if sentence_end(text, previous_end, start) is not None:
                sentence += 1
        sentences.append(sentence)
        clauses.append(clause)
        previous_end = match.end()
    return sentences, clauses


def _match_patterns(text: str, words: list[str], stems: list[str], rules: Ruleset, out: list) -> None:
    index = rules.slot_index
    cached = index.cache.get
    positions: dict[int, list[int]] = {}
    for i, word in enumerate(words):
        ids = cached(word)
        if ids is None:
            ids = () if word.isdigit() else index.slots_of(word, stems[i])
        if ids:
            for slot in ids:
                if slot in positions:
                    positions[slot].append(i)
                else:
                    positions[slot] = [i]
    if not positions:
        return
    present = positions.keys()
    by_anchor = index.by_anchor
    bounds: tuple[list[int], list[int]] | None = None
    for slot in list(present):
        for pattern in by_anchor.get(slot, ()):
            if not present >= pattern.required:
                continue
            if bounds is None:
                bounds = _boundaries(text)
            span = _pattern_find(pattern, positions, *bounds)
            if span is not None:
                out.append((pattern.label, pattern.name, " ".join(words[span[0] : span[1] + 1])))


def _pattern_find(
    pattern: _Pattern, positions: dict[int, list[int]], sentences: list[int], clauses: list[int]
) -> tuple[int, int] | None:
    """The first and last word of the first unguarded match of `pattern`, or None."""
    slots, gaps = pattern.slots, pattern.gaps
    guarded_sentences = {sentences[p] for guard in pattern.sentence_guards for p in positions.get(guard, ())}
    near = [p for guard in pattern.guards for p in positions.get(guard, ())]

    def unguarded(used: list[int]) -> bool:
        first, last = min(used), max(used)
        clause_first, clause_last = clauses[first], clauses[last]
        for p in near:
            if (
                first - _GUARD_BEFORE <= p <= last + _GUARD_AFTER
                and clause_first <= clauses[p] <= clause_last
            ):
                return False
        return True

    def extend(used: list[int]) -> list[int] | None:
        k = len(used)
        if k == len(slots):
            return used if unguarded(used) else None
        previous = used[-1]
        most, either = gaps[k - 1]
        for p in positions[slots[k]]:
            distance = p - previous
            if not (0 < distance <= most + 1 or (either and 0 < -distance <= most + 1)):
                continue
            if p in used or sentences[p] != sentences[previous]:
                continue
            found = extend([*used, p])
            if found is not None:
                return found
        return None

    for start in positions[slots[0]]:
        if sentences[start] in guarded_sentences:
            continue
        found = extend([start])
        if found is not None:
            return min(found), max(found)
    return None


def patterns_match(text: str, rules: Ruleset) -> list[tuple[str, str, str]]:
    """(label, pattern name, the words that matched) for each pattern of `rules` found in `text`."""
    found: list[tuple[str, str, str]] = []
    if rules.slot_index is None:
        return found
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    if words:
        _match_patterns(text, words, [_stem(w) for w in words], rules, found)
    return found


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

    term_hits, pattern_hits = _match_terms(text, rules)
    for label, term, words in term_hits:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": "term", "term": term, "match": words})
    for label, name, words in pattern_hits:
        if label in enabled:
            labels.add(label)
            reasons.append({"label": label, "code": "pattern", "pattern": name, "match": words})
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
    if code == "pattern":
        return _("the words “%(match)s” match the pattern “%(pattern)s”") % reason
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

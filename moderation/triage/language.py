"""The pattern language (see the package's docstring): word groups and patterns read from AKN's
text, and compiled, once per ruleset, into slots that a slot index finds by word."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .words import WORD_RE, stem_of

GROUP_NAME_RE = re.compile(r"^[^\W\d_][\w]*$")
_PATTERN_TOKEN_RE = re.compile(r"(?:!!?|&)?\([^()]*\)|\S+")
_GAP_RE = re.compile(r"^(\.\.|~)(\d{1,2})$")
_GAP_MAX = 12
_NOT_QUESTION = "!?"  # the guard "not in a sentence that ends with a question mark"
_PREFIX_MIN = 3
_SLOT_CACHE_BOUND = 100_000


class PatternError(ValueError):
    """A pattern or a word group AKN wrote that cannot be read; the message is for the form."""


@dataclass(frozen=True)
class _Slot:
    """The words one slot accepts: Snowball stems, exact forms, form prefixes and suffixes (the last
    part of a Swedish compound: "*chefen" is "skolchefen" and "miljöchefen")."""

    stems: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str] = frozenset()

    def __or__(self, other: _Slot) -> _Slot:
        return _Slot(
            self.stems | other.stems,
            self.words | other.words,
            self.prefixes | other.prefixes,
            self.suffixes | other.suffixes,
        )


_EMPTY_SLOT = _Slot(frozenset(), frozenset(), frozenset(), frozenset())


@dataclass(frozen=True)
class _ParsedPattern:
    slots: tuple[_Slot, ...]
    gaps: tuple[tuple[int, bool], ...]  # before slot k+1: (most words between, either order)
    guards: tuple[_Slot, ...]  # near the match, in its clause
    sentence_guards: tuple[_Slot, ...]  # anywhere in its sentence
    companions: tuple[_Slot, ...] = ()  # needed anywhere in the comment
    not_question: bool = False  # no match in a sentence that ends with a question mark


@dataclass(frozen=True)
class CompiledPattern:
    label: str
    name: str
    slots: tuple[int, ...]  # slot ids in the ruleset's index
    gaps: tuple[tuple[int, bool], ...]
    guards: tuple[int, ...]
    sentence_guards: tuple[int, ...]
    required: frozenset[int]
    not_question: bool = False


GUARD_BEFORE = 3
GUARD_AFTER = 1

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


class SlotIndex:
    """Which slots each word fills, looked up by stem, exact form and prefix, and remembered."""

    def __init__(self, slots: Sequence[_Slot]) -> None:
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_prefix: dict[str, list[int]] = defaultdict(list)
        self.by_suffix: dict[str, list[int]] = defaultdict(list)
        for slot_id, slot in enumerate(slots):
            for suffix in slot.suffixes:
                self.by_suffix[suffix].append(slot_id)
            for stem in slot.stems:
                self.by_stem[stem].append(slot_id)
            for word in slot.words:
                self.by_word[word].append(slot_id)
            for prefix in slot.prefixes:
                self.by_prefix[prefix].append(slot_id)
        self.prefix_lengths = tuple(sorted({len(p) for p in self.by_prefix}))
        self.suffix_lengths = tuple(sorted({len(p) for p in self.by_suffix}))
        # Word -> the slots it fills and those of them that anchor a pattern (`entry`). Shared by
        # threads like `STEMS`.
        self.cache: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self.by_anchor: dict[int, tuple[CompiledPattern, ...]] = {}

    def anchor(self, patterns: Sequence[CompiledPattern]) -> None:
        """File each pattern under one slot that common words do not fill, where it has one: most
        comments then reach no pattern at all, and the rest only the few their rare words anchor."""
        common = {slot for word in _COMMON_WORDS for slot in self.slots_of(word, stem_of(word))}
        self.cache.clear()  # what `entry` remembered was read before the anchors were known
        by_anchor: dict[int, list[CompiledPattern]] = defaultdict(list)
        for pattern in patterns:
            rare = [slot for slot in pattern.slots if slot not in common]
            by_anchor[(rare or pattern.slots)[0]].append(pattern)
        self.by_anchor = {slot: tuple(found) for slot, found in by_anchor.items()}

    def entry(self, word: str, stem: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The slots a word fills, and those of them that anchor a pattern, remembered per word:
        most words anchor none, so most comments are done with once their words are looked up."""
        if word.isdigit():  # see `slots_of`
            return _NO_SLOTS
        ids = self.slots_of(word, stem)
        if len(self.cache) >= _SLOT_CACHE_BOUND:
            self.cache.clear()
        found = self.cache[word] = (ids, tuple(slot for slot in ids if slot in self.by_anchor))
        return found

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
        for length in self.suffix_lengths:
            if length > size:
                break
            hit = self.by_suffix.get(word[-length:])
            if hit:
                found += hit
        return tuple(sorted(set(found))) if found else ()


_NO_SLOTS: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())


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
    elif word.startswith("*"):
        kind, word = "suffix", word[1:]
    if not word or WORD_RE.fullmatch(word) is None:
        raise PatternError(_message(_("“%(atom)s” is not one word."), atom=raw))
    if kind == "prefix":
        if len(word) < _PREFIX_MIN:
            raise PatternError(
                _message(_("“%(atom)s”: a word that ends in * needs at least three letters."), atom=raw)
            )
        return _Slot(frozenset(), frozenset(), frozenset({word}))
    if kind == "suffix":
        if len(word) < _PREFIX_MIN:
            raise PatternError(
                _message(_("“%(atom)s”: a word that starts with * needs at least three letters."), atom=raw)
            )
        return _Slot(frozenset(), frozenset(), frozenset(), frozenset({word}))
    if kind == "exact":
        return _Slot(frozenset(), frozenset({word}), frozenset())
    return _Slot(frozenset({stem_of(word)}), frozenset(), frozenset())


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
    companions: list[_Slot] = []
    not_question = False
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
        if token == _NOT_QUESTION:
            not_question = True
            continue
        if token.startswith("&"):
            companions.append(_slot_parse(token[1:].strip(), groups))
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
    return _ParsedPattern(
        tuple(slots), tuple(gaps), tuple(guards), tuple(sentence_guards), tuple(companions), not_question
    )


def patterns_compile(
    groups: Iterable[tuple[str, str]], patterns: Iterable[tuple[str, str, str]]
) -> tuple[tuple[CompiledPattern, ...], SlotIndex | None]:
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
        # A companion only has to be somewhere in the comment: being present is all it asks.
        required = frozenset(slots) | {slot_id(slot) for slot in parsed.companions}
        compiled.append(
            CompiledPattern(
                label, name, slots, parsed.gaps, guards, sentence_guards, required, parsed.not_question
            )
        )
    if not compiled:
        return (), None
    index = SlotIndex(list(slot_ids))
    index.anchor(compiled)
    return tuple(compiled), index

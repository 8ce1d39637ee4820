"""Finding a ruleset's terms and patterns in one text: the words that matched, for the reasons."""

from __future__ import annotations

from typing import NamedTuple

from .language import GUARD_AFTER, GUARD_BEFORE, CompiledPattern
from .rules import Ruleset
from .words import WORD_RE, boundaries, question_sentences, sentence_starts, stem_of, words_and_stems


def match_terms(
    text: str, rules: Ruleset, *, words: list[str] | None = None, stems: list[str] | None = None
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(label, term, the words that matched) for every term found, first hit per term, and
    (label, pattern name, the words that matched) for every pattern found, first hit per pattern.

    What `tokens` gives, read lazily: words and stems for every comment (one set intersection
    with the rules' first words says whether any phrase can start here at all), and where the
    sentences start only when a phrase that must begin one is a candidate.
    """
    found: dict[tuple[str, str], str] = {}
    patterns: list[tuple[str, str, str]] = []
    if words is None or stems is None:  # the caller may have read them already (`words_and_stems`)
        words, stems = words_and_stems(text)
    if words:
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


def _match_patterns(text: str, words: list[str], stems: list[str], rules: Ruleset, out: list) -> None:
    index = rules.slot_index
    cached = index.cache.get
    filled: list[tuple[int, ...]] = []  # the slots each word fills
    anchors: dict[int, None] = {}  # the anchoring slots there, as first met: the order of the hits
    for i, word in enumerate(words):
        entry = cached(word)
        if entry is None:
            entry = index.entry(word, stems[i])
        filled.append(entry[0])
        for slot in entry[1]:
            anchors[slot] = None
    if not anchors:  # most comments: no pattern can match, and where each slot stands is not needed
        return
    present = set().union(*filled)
    by_anchor = index.by_anchor
    positions: dict[int, list[int]] | None = None
    bounds: tuple[list[int], list[int]] | None = None
    questions: set[int] | None = None
    for anchor in anchors:
        for pattern in by_anchor[anchor]:
            if not present >= pattern.required:
                continue
            if positions is None:
                positions = {}
                for i, slots in enumerate(filled):
                    for slot in slots:
                        if slot in positions:
                            positions[slot].append(i)
                        else:
                            positions[slot] = [i]
                bounds = boundaries(text)
            if pattern.not_question and questions is None:
                questions = question_sentences(text) if "?" in text else set()
            span = _pattern_find(pattern, positions, *bounds, questions if pattern.not_question else None)
            if span is not None:
                out.append((pattern.label, pattern.name, " ".join(words[span[0] : span[1] + 1])))


def _pattern_find(
    pattern: CompiledPattern,
    positions: dict[int, list[int]],
    sentences: list[int],
    clauses: list[int],
    questions: set[int] | None = None,
) -> tuple[int, int] | None:
    """The first and last word of the first unguarded match of `pattern`, or None."""
    guarded_sentences = {sentences[p] for guard in pattern.sentence_guards for p in positions.get(guard, ())}
    if questions:
        guarded_sentences |= questions
    near = [p for guard in pattern.guards for p in positions.get(guard, ())]
    match = _Match(pattern.slots, pattern.gaps, positions, sentences, clauses, near)
    for start in positions[pattern.slots[0]]:
        if sentences[start] in guarded_sentences:
            continue
        found = _extend(match, [start])
        if found is not None:
            return min(found), max(found)
    return None


class _Match(NamedTuple):
    """What `_extend` reads while it looks for one pattern in one text.

    Plain arguments rather than a closure: a nested function that calls itself is a reference
    cycle, which only the cyclic collector frees, and ingest pauses that collector for a whole batch
    (`collector_paused`), so each comment's cycle (and the word positions it holds) stayed in memory
    until the batch ended, and the collector's pass then had every one of them to walk."""

    slots: tuple[int, ...]
    gaps: tuple[tuple[int, bool], ...]
    positions: dict[int, list[int]]
    sentences: list[int]
    clauses: list[int]
    near: list[int]  # where the pattern's guards stand


def _extend(match: _Match, used: list[int]) -> list[int] | None:
    k = len(used)
    if k == len(match.slots):
        return used if _unguarded(match, used) else None
    sentences = match.sentences
    previous = used[-1]
    most, either = match.gaps[k - 1]
    for p in match.positions[match.slots[k]]:
        distance = p - previous
        if not (0 < distance <= most + 1 or (either and 0 < -distance <= most + 1)):
            continue
        if p in used or sentences[p] != sentences[previous]:
            continue
        found = _extend(match, [*used, p])
        if found is not None:
            return found
    return None


def _unguarded(match: _Match, used: list[int]) -> bool:
    clauses = match.clauses
    first, last = min(used), max(used)
    clause_first, clause_last = clauses[first], clauses[last]
    for p in match.near:
        if first - GUARD_BEFORE <= p <= last + GUARD_AFTER and clause_first <= clauses[p] <= clause_last:
            return False
    return True


def patterns_match(text: str, rules: Ruleset) -> list[tuple[str, str, str]]:
    """(label, pattern name, the words that matched) for each pattern of `rules` found in `text`."""
    found: list[tuple[str, str, str]] = []
    if rules.slot_index is None:
        return found
    words = [w.casefold() for w in WORD_RE.findall(text)]
    if words:
        _match_patterns(text, words, [stem_of(w) for w in words], rules, found)
    return found


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
                    starts = sentence_starts(text)
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

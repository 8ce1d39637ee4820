"""The words of a text as triage reads them: words, their Swedish stems, where sentences and
clauses end, and the hash that tells "the same thing said again".

A word is a run of word characters (letters, digits, "_"), case-folded; its stem is Snowball's
(Swedish), remembered per word in `STEMS`, which every comment of every batch reads.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?\n:;]")
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
STEMS: dict[str, str] = {}
_STEMS_BOUND = 200_000


def stem_new(word: str) -> str:
    # A number has no vowel, so the stemmer's region R1 is empty and it removes nothing: numbers
    # ("#4711", order and case numbers) are their own stem, and never fill the cache.
    if word.isdigit():
        return word
    if len(STEMS) >= _STEMS_BOUND:
        STEMS.clear()
    stem = STEMS[word] = _stemmer().stemWord(word)
    return stem


def stem_of(word: str) -> str:
    return STEMS.get(word) or stem_new(word)


def words_and_stems(text: str) -> tuple[list[str], list[str]]:
    """The words of a text, case-folded, and their stems. Numbers are their own stems and stay out
    of the cache (see `stem_new`)."""
    words = [w.casefold() for w in WORD_RE.findall(text)]
    get = STEMS.get
    return words, [get(w) or (w if w.isdigit() else stem_new(w)) for w in words]


# Ingest asks for the hash of the same text twice in a row (spam history, then the stored row).
@lru_cache(maxsize=4096)
def text_hash(text: str) -> str:
    """A short hash of the text without case, punctuation and spacing: "the same thing said again"."""
    normal = _NORMALISE_RE.sub(" ", text.casefold()).strip()
    if not normal:
        return ""
    return hashlib.blake2b(normal.encode(), digest_size=8).hexdigest()


def tokens(text: str) -> list[tuple[str, str, bool]]:
    """(word, stem, starts a sentence) for each word."""
    out = []
    append = out.append
    ends_sentence = SENTENCE_END_RE.search
    previous_end = 0
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        word = match.group().casefold()
        # Searching the gap in place: the pattern is one character class, so the bounds act as a slice.
        starts = not out or ends_sentence(text, previous_end, start) is not None
        append((word, stem_of(word), starts))
        previous_end = end
    return out


_CLAUSE_END_RE = re.compile(r"[.!?\n:;,]")


def boundaries(text: str) -> tuple[list[int], list[int]]:
    """For each word of `tokens`, the number of its sentence and of its clause (commas end one)."""
    sentences: list[int] = []
    clauses: list[int] = []
    sentence = clause = 0
    previous_end = -1
    clause_end = _CLAUSE_END_RE.search
    sentence_end = SENTENCE_END_RE.search
    for match in WORD_RE.finditer(text):
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


def question_sentences(text: str) -> set[int]:
    """The numbers (as `boundaries` counts them) of the sentences that end with a question mark."""
    found: set[int] = set()
    sentence = 0
    previous_end = -1
    for match in WORD_RE.finditer(text):
        start = match.start()
        if previous_end >= 0:
            gap = text[previous_end:start]
            if SENTENCE_END_RE.search(gap) is not None:
                if "?" in gap:
                    found.add(sentence)
                sentence += 1
        previous_end = match.end()
    if previous_end >= 0 and "?" in text[previous_end:]:
        found.add(sentence)
    return found


def sentence_starts(text: str) -> list[bool]:
    """For each word of `tokens`, whether it starts a sentence: the first word of each stretch
    between sentence ends (no word contains one, so splitting there never cuts a word)."""
    starts: list[bool] = []
    for stretch in SENTENCE_END_RE.split(text):
        count = len(WORD_RE.findall(stretch))
        if count:
            starts.append(True)
            starts.extend([False] * (count - 1))
    return starts

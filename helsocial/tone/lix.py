"""LIX: what a word, a long word and a sentence are, and the bands a LIX value falls in.

Counting, for LIX
-----------------
LIX = words / sentences + 100 × long words / words.

* A **word** is a run of letters (Unicode letters in any script: å ä ö é ü, Arabic, Cyrillic …) with
  inner hyphens: "e-post" is one word. A hyphen that does not join two letters is not part of a
  word: in "Skol- och fritidsförvaltningen" the words are "Skol", "och", "fritidsförvaltningen".
  Digits, punctuation, emojis and control characters separate words. Combining marks (decomposed
  "å"), soft hyphens and zero-width non-joiners stay inside the word they belong to.
* A **long word** has more than six letters. Hyphens and combining marks are not letters:
  "e-postadress" has 11 letters and is long, "e-post" has 5 and is not.
* A **sentence** ends at a run of ``.``, ``!``, ``?`` or ``:`` (optionally followed by closing
  quotes or brackets: ``" ' » ” ’ ) ]``) that is followed by whitespace or the end of the text, but
  not when that run ends inside a listed abbreviation: in "t.ex. när" the dot after "ex" ends no
  sentence, and "m.m. Välkommen" does not either (write "med mera" and it will). A line break is
  whitespace, it ends nothing by itself. Only sentences that hold at least one word count; a text
  with words but no terminator is one sentence.
* A text without words has no LIX (``None``).

LIX bands
---------
The five standard Swedish bands (a value on a boundary belongs to the higher band):

=============  ===========  =============================================
key            label        typical text
=============  ===========  =============================================
``very_easy``  Mycket lätt  under 30: children's books, very easy texts
``easy``       Lätt         30–40: fiction, popular magazines
``medium``     Medelsvår    40–50: normal newspaper text
``hard``       Svår         50–60: normal for official texts
``very_hard``  Mycket svår  60 and over: bureaucratic Swedish, research
=============  ===========  =============================================

The issue's wording, "under 25 very easy … over 60 very hard", holds: everything under 25 falls in
the very easy band (which reaches 30), everything over 60 in the very hard band. Some tables split
the lowest band at 25 ("barnböcker" under 25, "enkla texter" 25–30); AKN can do that by editing
``ToneLists.lix_bands`` without a deploy. LIX is reported as a finding from ``lix_info_from``
(default 40, info) and ``lix_warning_from`` (default 50, warning); the value and band are always in
the report.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class LixBand:
    key: str
    label: str
    below: float | None  # exclusive upper bound; None for the last band


DEFAULT_LIX_BANDS: tuple[LixBand, ...] = (
    LixBand("very_easy", "Mycket lätt", 30.0),
    LixBand("easy", "Lätt", 40.0),
    LixBand("medium", "Medelsvår", 50.0),
    LixBand("hard", "Svår", 60.0),
    LixBand("very_hard", "Mycket svår", None),
)

# Inside a word but not letters: combining marks (decomposed å ä ö, Cyrillic and Arabic marks),
# soft hyphen, zero-width non-joiner.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u00ad\u200c"
LETTER = r"[^\W\d_]"
WORD_RE = re.compile(rf"{LETTER}+(?:[{MARKS}]+{LETTER}*)*(?:-{LETTER}+(?:[{MARKS}]+{LETTER}*)*)*")
MARK_RE = re.compile(f"[{MARKS}]")
WORD_CHAR_RE = re.compile(rf"{LETTER}|[{MARKS}]")
WORD_FULL_RE = re.compile(rf"{LETTER}+(?:-{LETTER}+)*")

# The first terminator of a run (the lookbehind comes after it so the engine can scan for the
# class), the rest of the run possessively: linear on "......" of any length.
_TERMINATOR_RE = re.compile(r"(?P<t>[.!?:](?<![.!?:].)[.!?:]*+)[\"'»”’)\]]*+(?=\s|\Z)")


class Sentences(NamedTuple):
    words: list[str]  # every word of the text, in order
    count: int  # sentences that hold at least one word
    too_long: list[tuple[int, int, int]]  # (start, end, words) of each sentence over the limit


def inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when ``position`` lies in one of the sorted, non-overlapping ``spans`` (``starts`` are
    their starts)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def count_sentences(text: str, abbreviation_spans: list[tuple[int, int]], *, max_words: int) -> Sentences:
    """All words and the number of sentences; a dot inside an abbreviation's span ends nothing."""
    starts = [s for s, _ in abbreviation_spans]
    ends = [
        m.end()
        for m in _TERMINATOR_RE.finditer(text)
        if not (abbreviation_spans and inside(m.end("t") - 1, abbreviation_spans, starts))
    ]
    all_words: list[str] = []
    too_long: list[tuple[int, int, int]] = []
    sentences = 0
    position = 0
    for index in range(len(ends) + 1):
        terminated = index < len(ends)
        boundary = ends[index] if terminated else len(text)
        # A boundary is followed by whitespace, so no word crosses it.
        sentence = WORD_RE.findall(text, position, boundary)
        if sentence:
            sentences += 1
            all_words += sentence
            if len(sentence) > max_words:
                first = WORD_RE.search(text, position, boundary)
                start = first.start() if first else position
                end = boundary if terminated else len(text.rstrip())
                too_long.append((start, end, len(sentence)))
        position = boundary
    return Sentences(all_words, sentences, too_long)


def _letters(word: str) -> int:
    count = len(word) - word.count("-")
    if count > 6 and not word.isascii():
        count -= len(MARK_RE.findall(word))
    return count


def count_long_words(text: str, words: list[str]) -> int:
    if MARK_RE.search(text) is not None:
        return sum(1 for w in words if len(w) > 6 and _letters(w) > 6)
    # Count by length in C; then take back the hyphenated words that are long only with their hyphens.
    lengths = sorted(map(len, words))
    long_words = len(lengths) - bisect.bisect_right(lengths, 6)
    if "-" in text:
        long_words -= sum(1 for w in words if "-" in w and len(w) > 6 and len(w) - w.count("-") <= 6)
    return long_words


def lix(words: int, sentences: int, long_words: int) -> float:
    return words / sentences + 100 * long_words / words


def band_of(value: float, bands: tuple[LixBand, ...]) -> LixBand | None:
    """The band ``value`` falls in; ``bands`` sorted by their upper bound, the open one last."""
    for band in bands:
        if band.below is None or value < band.below:
            return band
    return bands[-1] if bands else None

"""The word lists as patterns, built once per ``ToneLists`` (``ToneLists._compiled``).

Speed: the live panel checks on every pause in typing. Patterns run on the lower-cased text (same
length, same offsets) without IGNORECASE, and start with a literal or a character class where they
can, so the regex engine skips ahead instead of trying every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lix import WORD_FULL_RE

if TYPE_CHECKING:
    from .lists import ToneLists

# Formal address is no list AKN edits: the six words and what to write instead.
FORMAL = {"ni": "du", "er": "dig eller din", "ert": "ditt", "era": "dina", "eder": "dig", "edra": "dina"}

_EMOJI_BASE = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07"
    "\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# What may follow an emoji: variation selectors, keycap, skin tones, tags; ZWJ joins another base.
_EMOJI_MOD = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI_STRIP_RE = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True)
class PhrasePattern:
    """Whole-word phrases as one trie-shaped pattern, for the lower-cased text and for any case."""

    lower: re.Pattern[str]
    any_case: re.Pattern[str]

    def finditer(self, text: str, lowered: str | None) -> Iterable[re.Match[str]]:
        # Offsets are the same in both; callers read the matched text from ``text``.
        return self.lower.finditer(lowered) if lowered is not None else self.any_case.finditer(text)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        return self.lower.search(lowered) if lowered is not None else self.any_case.search(text)


def phrase_pattern(entries: Iterable[str], *, optional_final_dot: bool) -> PhrasePattern | None:
    """Alternatives share their prefixes (t.ex., t.o.m., t ex …), so a failed position costs little."""
    trie: dict[str, Any] = {}
    for raw in entries:
        entry = " ".join(str(raw).lower().split())
        if not entry:
            continue
        if optional_final_dot and entry.endswith(".") and len(entry) > 1:
            body = entry[:-1]
            tail = r"(?:\.|(?!\w))" if body[-1].isalnum() else r"\."
        else:
            body = entry
            tail = r"(?!\w)" if body[-1].isalnum() else ""
        node = trie
        for char in body:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node.setdefault("", set()).add(tail)
    if not trie:
        return None

    def emit(node: dict[str, Any], guard: str = "") -> str:
        alternatives = [atom + guard + emit(child) for atom, child in node.items() if atom]
        alternatives += sorted(node.get("", ()), key=len, reverse=True)  # after the longer ones
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    # With few first letters the boundary goes after the first letter, so the pattern starts with
    # literals the engine scans for (three times faster on the slang phrases); with many, that scan
    # stops too often and the boundary first is faster.
    few_first_letters = len(trie) <= 5
    pattern = emit(trie, guard=r"(?<![\w.].)") if few_first_letters else r"(?<![\w.])" + emit(trie)
    return PhrasePattern(re.compile(pattern), re.compile(pattern, re.IGNORECASE))


def phrase_key(value: str) -> str:
    """The key a matched phrase is looked up by: lower case, single spaces, no final dot."""
    return " ".join(value.lower().split()).rstrip(".")


def emoji_key(value: str) -> str:
    """An emoji without its variation selectors and skin tones."""
    return _EMOJI_STRIP_RE.sub("", value)


class Compiled:
    """The patterns and lookup tables built once per ToneLists."""

    def __init__(self, lists: ToneLists) -> None:
        self.abbreviation_re = phrase_pattern(lists.abbreviations, optional_final_dot=True)
        self.abbreviations = {phrase_key(k): v for k, v in lists.abbreviations.items()}
        single = {k: v for k, v in lists.slang.items() if WORD_FULL_RE.fullmatch(k.strip())}
        self.slang_words = {k.strip().lower(): v for k, v in single.items()}
        self.slang_re = phrase_pattern([k for k in lists.slang if k not in single], optional_final_dot=False)
        self.slang_phrases = {phrase_key(k): v for k, v in lists.slang.items() if k not in single}
        self.word_rules = frozenset(FORMAL) | frozenset(self.slang_words)
        self.emojis = {emoji_key(k): (k, v) for k, v in lists.misread_emojis.items() if emoji_key(k)}
        # Scan only for the listed emojis' first characters: a text full of other emojis costs
        # nothing. Not in the middle of a ZWJ sequence.
        firsts = sorted({key[0] for key in self.emojis})
        self.emoji_re = (
            re.compile(
                "[" + "".join(re.escape(c) for c in firsts) + "](?<!\u200d.)"
                f"[\U0001f1e6-\U0001f1ff]?[{_EMOJI_MOD}]*(?:\u200d[{_EMOJI_BASE}][{_EMOJI_MOD}]*)*"
            )
            if firsts
            else None
        )
        self.cta_re = phrase_pattern(lists.call_to_action, optional_final_dot=False)

"""The rules: each looks at the text and adds its findings (``report.Findings``).

``checker.check_text`` calls them in order; the rule table is in ``checker.py``, the Swedish texts
in ``messages.py``. The rarer rules look only around a literal anchor ("förvaltning", "@", a
top-level domain), so a long text without one costs them almost nothing.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from itertools import compress
from typing import TYPE_CHECKING

from helsocial.personal_data import find_personal_data

from . import messages
from .lix import LETTER, WORD_CHAR_RE, LixBand, inside
from .patterns import FORMAL, Compiled, emoji_key, phrase_key
from .report import BLOCKING, INFO, MAX_FINDINGS_PER_RULE, WARNING, CheckContext, Findings

if TYPE_CHECKING:
    from .lists import ToneLists

_PREVIOUS_WORD_RE = re.compile(rf"({LETTER}+)\W*\Z")

_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ufff9-\ufffb]+"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# "en ny era" is an era, not "your".
_ERA_NOUN_AFTER = frozenset({"en", "ny", "den", "denna", "vår", "hela", "ett", "varje"})

_ADMIN_ANCHORS = ("förvaltning", "nämnd")
_ADMIN_NAME = rf"(?:{LETTER}++-\s+(?:och|&)\s+)?{LETTER}*(?:förvaltning|nämnd)(?:en)?"
_SENDER_PATTERN = (
    r"(?<!\w)(?:"
    rf"vi\s+(?:här\s+)?på\s+{_ADMIN_NAME}"
    rf"|här\s+på\s+{_ADMIN_NAME}"
    rf"|(?:hälsningar|mvh)[,:]?\s+(?:från\s+)?(?:oss\s+på\s+)?{_ADMIN_NAME}"
    rf"|{_ADMIN_NAME}\s+(?:informerar|meddelar|vill|önskar|påminner|tipsar|hälsar|bjuder|välkomnar"
    r"|uppmanar|ber|tackar|berättar|svarar)"
    r")(?!\w)"
)
_SENDER_RE = re.compile(_SENDER_PATTERN)
_SENDER_RE_ANY_CASE = re.compile(_SENDER_PATTERN, re.IGNORECASE)
_SENDER_BEFORE, _SENDER_AFTER = 80, 40

_DOMAIN_CHAR = re.compile(r"[\w.\-]").match
_TLD_RE = re.compile(r"\.(?:se|nu|com|org|net|eu|info|io)(?![\w@])")
_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def check_empty(out: Findings) -> None:
    out.add("text.empty", INFO, (0, 0), messages.EMPTY)


def check_control_characters(text: str, out: Findings) -> None:
    for match in _CONTROL_RE.finditer(text):
        chars = match.group()
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars[:20]))
        template = messages.CONTROL_BIDI if any(c in _BIDI for c in chars) else messages.CONTROL_OTHER
        message = template.format(codes=codes)
        if not out.add("text.control_character", WARNING, match.span(), message, messages.CONTROL_SUGGESTION):
            break


def check_abbreviations(
    text: str, lowered: str | None, compiled: Compiled, out: Findings
) -> list[tuple[int, int]]:
    """Report abbreviations; return all their spans, which decide where sentences end."""
    if compiled.abbreviation_re is None:
        return []
    spans = [m.span() for m in compiled.abbreviation_re.finditer(text, lowered)]
    for start, end in spans:
        found = text[start:end]
        if not out.add(
            "klarsprak.abbreviation",
            WARNING,
            (start, end),
            messages.ABBREVIATION.format(found=found),
            compiled.abbreviations.get(phrase_key(found)) or None,
        ):
            break
    return spans


def check_long_sentences(too_long: list[tuple[int, int, int]], limit: int, out: Findings) -> None:
    for start, end, words in too_long:
        out.add(
            "klarsprak.long_sentence",
            WARNING,
            (start, end),
            messages.LONG_SENTENCE.format(words=words, limit=limit),
            messages.LONG_SENTENCE_SUGGESTION,
        )


def _is_token(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word as lix.WORD_RE reads words."""
    if start > 0:
        before = text[start - 1]
        if WORD_CHAR_RE.match(before) or (
            before == "-" and start > 1 and WORD_CHAR_RE.match(text[start - 2])
        ):
            return False
    if end < len(text):
        after = text[end]
        if WORD_CHAR_RE.match(after) or (
            after == "-" and end + 1 < len(text) and WORD_CHAR_RE.match(text[end + 1])
        ):
            return False
    return True


def _occurrences(haystack: str, text: str, needle: str) -> Iterable[int]:
    """Offsets where ``needle`` is a whole word of ``text``; ``haystack`` is ``text`` or its lower case."""
    index = haystack.find(needle)
    while index >= 0:
        if _is_token(text, index, index + len(needle)):
            yield index
        index = haystack.find(needle, index + 1)


def _occurrences_any_case(text: str, lowered: str | None, lower_word: str) -> Iterable[int]:
    if lowered is not None:
        return _occurrences(lowered, text, lower_word)
    pattern = re.compile(re.escape(lower_word), re.IGNORECASE)
    return [m.start() for m in pattern.finditer(text) if _is_token(text, m.start(), m.end())]


def check_word_rules(
    text: str,
    lowered: str | None,
    words: list[str],
    lists: ToneLists,
    compiled: Compiled,
    abbreviation_spans: list[tuple[int, int]],
    out: Findings,
) -> None:
    """Formal address, slang and acronyms: each distinct word is looked up once, offsets only for hits."""
    distinct = list(set(words))
    abbreviation_starts = [s for s, _ in abbreviation_spans]
    hits = set(map(str.lower, distinct)) & compiled.word_rules
    for hit in sorted(hits):
        for start in _occurrences_any_case(text, lowered, hit):
            end = start + len(hit)
            word = text[start:end]
            if hit in FORMAL:
                if hit == "era" and _previous_word(text, start) in _ERA_NOUN_AFTER:
                    continue
                suggestion = FORMAL[hit]
                if word[:1].isupper():
                    suggestion = suggestion[0].upper() + suggestion[1:]
                added = out.add(
                    "address.formal_ni",
                    WARNING,
                    (start, end),
                    messages.FORMAL_ADDRESS.format(word=word),
                    suggestion,
                )
            elif abbreviation_spans and inside(start, abbreviation_spans, abbreviation_starts):
                continue  # already reported as an abbreviation
            else:
                added = out.add(
                    "klarsprak.slang",
                    WARNING,
                    (start, end),
                    messages.SLANG.format(found=word),
                    compiled.slang_words[hit] or None,
                )
            if not added:
                break

    # Acronyms: only words with a capital after the first letter can hold one (w[1:].islower() is
    # False); the test runs in C over the distinct words.
    tails_lower = map(str.islower, map(operator.itemgetter(slice(1, None)), distinct))
    for word in compress(distinct, map(operator.not_, tails_lower)):
        flagged = _acronyms_in(word, lists.allowed_acronyms)
        if not flagged:
            continue
        for start in _occurrences(text, text, word):
            for offset, core in flagged:
                position = start + offset
                if abbreviation_spans and inside(position, abbreviation_spans, abbreviation_starts):
                    continue  # ÅVC on the abbreviation list: reported as an abbreviation
                if not out.add(
                    "klarsprak.acronym",
                    INFO,
                    (position, position + len(core)),
                    messages.ACRONYM.format(acronym=core),
                    compiled.abbreviations.get(core.lower()) or None,
                ):
                    return


def _previous_word(text: str, start: int) -> str:
    match = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    return match.group(1).lower() if match else ""


def _acronyms_in(word: str, allowed: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, acronym) for the parts of ``word`` written in 2–6 capitals and not allowed."""
    found = []
    offset = 0
    for part in word.split("-"):
        core = part
        if len(part) >= 3 and part[-1] == "s" and part[:-1].isupper():
            core = part[:-1]  # genitive: SFIs
        if (
            2 <= len(core) <= 6
            and core.isupper()
            and core.upper() not in allowed
            and not _ROMAN_RE.fullmatch(core)
        ):
            found.append((offset, core))
        offset += len(part) + 1
    return found


def check_lix(lix: float, band: LixBand | None, lists: ToneLists, out: Findings) -> None:
    if lix >= lists.lix_warning_from:
        severity = WARNING
    elif lix >= lists.lix_info_from:
        severity = INFO
    else:
        return
    out.add(
        "klarsprak.lix",
        severity,
        (0, 0),
        messages.LIX.format(lix=lix, label=band.label if band else ""),
        messages.LIX_SUGGESTION.format(target=lists.lix_info_from),
    )


def check_slang_phrases(text: str, lowered: str | None, compiled: Compiled, out: Findings) -> None:
    if compiled.slang_re is None:
        return
    for match in compiled.slang_re.finditer(text, lowered):
        span = match.span()
        found = text[span[0] : span[1]]
        if not out.add(
            "klarsprak.slang",
            WARNING,
            span,
            messages.SLANG.format(found=found),
            compiled.slang_phrases.get(phrase_key(found)) or None,
        ):
            break


def check_sender(text: str, lowered: str | None, out: Findings) -> None:
    if lowered is None:
        # Offsets of text.lower() may differ from the text's: search the text itself, in any case.
        folded = text.lower()
        matches = _SENDER_RE_ANY_CASE.finditer(text) if any(a in folded for a in _ADMIN_ANCHORS) else ()
        spans = [m.span() for m in matches]
    else:
        spans = []
        # Look only around each "förvaltning" and "nämnd", in windows long enough for
        # "hälsningar från oss på vård- och omsorgsförvaltningen"; overlapping windows are merged
        # so no character is searched twice.
        anchors = sorted(index for anchor in _ADMIN_ANCHORS for index in _find_all(lowered, anchor))
        length = len(lowered)
        windows: list[list[int]] = []
        for index in anchors:
            window_start = max(0, index - _SENDER_BEFORE)
            window_end = min(length, index + len("förvaltningen") + _SENDER_AFTER)
            if windows and window_start <= windows[-1][1]:
                windows[-1][1] = window_end
            else:
                windows.append([window_start, window_end])
        for window_start, window_end in windows:
            for match in _SENDER_RE.finditer(lowered, window_start, window_end):
                if match.end() == window_end < length:
                    continue  # the window may have cut the match's last word
                spans.append(match.span())
    for span in spans:
        if not out.add(
            "address.administration_sender", WARNING, span, messages.SENDER, messages.SENDER_SUGGESTION
        ):
            break


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    index = haystack.find(needle)
    while index >= 0:
        yield index
        index = haystack.find(needle, index + 1)


def check_emojis(text: str, compiled: Compiled, out: Findings) -> None:
    if compiled.emoji_re is None or text.isascii():
        return
    for match in compiled.emoji_re.finditer(text):
        key = emoji_key(match.group())
        entry = compiled.emojis.get(key) or compiled.emojis.get(key[:1])
        if entry is None:
            continue
        emoji, reason = entry
        message = messages.EMOJI.format(emoji=emoji, reason=reason)
        if not out.add("emoji.misread", WARNING, match.span(), message, None):
            break


def check_personal_data(text: str, context: CheckContext, lists: ToneLists, out: Findings) -> None:
    reply = context.kind == "reply"
    found = find_personal_data(text, allow=lists.allowed_personal_data, limit=MAX_FINDINGS_PER_RULE + 1)
    for match in found:
        label = messages.PERSONAL_DATA_LABELS.get(match.kind, messages.PERSONAL_DATA_LABEL_OTHER)
        if reply:
            added = out.add(
                "reply.personal_data",
                BLOCKING,
                (match.start, match.end),
                messages.PERSONAL_DATA_REPLY.format(label=label),
                messages.PERSONAL_DATA_REPLY_SUGGESTION,
            )
        else:
            added = out.add(
                "text.personal_data",
                WARNING,
                (match.start, match.end),
                messages.PERSONAL_DATA_TEXT.format(label=label),
                messages.PERSONAL_DATA_TEXT_SUGGESTION,
            )
        if not added:
            break


def _has_link(text: str, lowered: str | None) -> bool:
    folded = lowered if lowered is not None else text.lower()
    if "://" in folded or "www." in folded:
        return True
    for match in _TLD_RE.finditer(folded):
        # helsingborg.se/sommarlov is a link, kontaktcenter@helsingborg.se is not.
        start = match.start()
        index = start
        while index > 0 and start - index < 253 and _DOMAIN_CHAR(folded[index - 1]):
            index -= 1
        if index == start:
            continue
        if index > 0 and folded[index - 1] == "@":
            continue
        return True
    return False


# X's rule: 280 characters, a link counting as 23 whatever its length (t.co).
X_MAX_CHARS, X_LINK_CHARS = 280, 23
_X_LINK_RE = re.compile(r"https?://\S+|\b(?:[\w-]+\.)+[a-z]{2,}/\S*", re.IGNORECASE)


def x_length(text: str) -> int:
    """The text's length as X counts it: each link 23 characters."""
    return len(_X_LINK_RE.sub("x" * X_LINK_CHARS, text))


def check_booking(
    text: str, lowered: str | None, context: CheckContext, compiled: Compiled, out: Findings
) -> None:
    if context.for_x and (length := x_length(text)) > X_MAX_CHARS:
        out.add(
            "booking.x_length",
            WARNING,
            (0, 0),
            messages.X_LENGTH.format(length=length, max=X_MAX_CHARS, link=X_LINK_CHARS),
            messages.X_LENGTH_SUGGESTION,
        )
    media = context.media_type
    if media == "video" and not context.captions_confirmed:
        out.add("booking.captions", WARNING, (0, 0), messages.CAPTIONS, messages.CAPTIONS_SUGGESTION)
    if media in ("image", "carousel") and not context.alt_text.strip():
        out.add("booking.alt_text", WARNING, (0, 0), messages.ALT_TEXT, messages.ALT_TEXT_SUGGESTION)
    if media in ("image", "video", "carousel"):
        if not context.rights_confirmed:
            out.add("booking.rights", WARNING, (0, 0), messages.RIGHTS, None)
        if not context.consent_confirmed:
            out.add("booking.consent", WARNING, (0, 0), messages.CONSENT, None)
    if context.objective == "activate":
        has_link = bool((context.link or "").strip()) or _has_link(text, lowered)
        has_call = compiled.cta_re is not None and compiled.cta_re.search(text, lowered) is not None
        missing = []
        if not has_link:
            missing.append(messages.CALL_TO_ACTION_LINK)
        if not has_call:
            missing.append(messages.CALL_TO_ACTION_CALL)
        if missing:
            out.add(
                "booking.call_to_action",
                WARNING,
                (0, 0),
                messages.CALL_TO_ACTION.format(missing=" och ".join(missing)),
                None,
            )

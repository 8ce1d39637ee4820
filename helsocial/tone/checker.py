"""The tone checker: the guideline's "Tonalitet" as findings on a text the city writes.

``check_text(text, context=…, lists=…)`` is pure: no database, no network, no Django. The calendar
(drafts), the comment queues (replies) and the "Språkgranskning" page (free text) call it; the word
lists come from the database through ``ToneLists``, starting from ``DEFAULT_LISTS``.

LIX
---
What a word, a long word and a sentence are, and the five bands, are in ``lix.py``: LIX = words /
sentences + 100 × long words / words, reported as a finding from ``lix_info_from`` (default 40,
info) and ``lix_warning_from`` (default 50, warning); the value and band are always in the report.

Rules
-----
Every finding names its rule (a stable id), the guideline sentence it applies, a severity, a span of
code-point offsets into the text exactly as received (``(0, 0)`` for whole-text findings), a message
in Swedish and a suggestion where one exists. Nothing is normalised, so spans need no offset map.

=================================  ========  ===================================================
rule                               severity  what
=================================  ========  ===================================================
``klarsprak.lix``                  info/warn LIX at or above the thresholds
``klarsprak.long_sentence``        warning   more than ``max_sentence_words`` words
``klarsprak.abbreviation``         warning   a listed abbreviation (case-insensitive, whole word)
``klarsprak.acronym``              info      2–6 capitals (LSS, HVB, KC-) not on the allowed list
``klarsprak.slang``                warning   a listed slang or internal word or phrase
``address.formal_ni``              warning   ni, er, ert, era, eder, edra as words (not "en ny era")
``address.administration_sender``  warning   "vi på miljöförvaltningen", "förvaltningen informerar"
``emoji.misread``                  warning   an emoji on the list of easily misread ones
``booking.captions``               warning   a video draft without captions confirmed
``booking.x_length``               warning   a draft for an X account longer than 280 (a link counts 23)
``booking.alt_text``               warning   an image/carousel draft without an alternative text
``booking.rights``                 warning   an image/video/carousel draft without rights confirmed
``booking.consent``                warning   … without the consent of the people shown confirmed
``booking.call_to_action``         warning   objective ``activate`` without a link or a call to action
``reply.personal_data``            blocking  personal data in a reply (``helsocial.personal_data``)
``text.personal_data``             warning   personal data in a draft or free text
``text.control_character``         warning   control, bidi and invisible characters (U+202E …)
``text.empty``                     info      nothing but whitespace
=================================  ========  ===================================================

Lists are matched case-insensitively, whole words only ("ni" is not found in "nio" or "januari",
"ca" not in "Afrika"); an abbreviation ending in "." also matches without its last dot, and a
space in an entry matches any whitespace. An acronym that is also listed as an abbreviation is
reported once, as an abbreviation, with the list's suggestion: that is how AKN gives "ÅVC" the
suggestion "återvinningscentral" (and "SFIs", which the abbreviation does not match, is an acronym
with that suggestion). A text with a great many hits keeps the first ``MAX_FINDINGS_PER_RULE`` per
rule, stops looking for more of that rule, and names it in ``ToneReport.capped_rules``.

Bad input never raises: empty text, very long text (linear time, no backtracking regexes), mixed
scripts, control characters and right-to-left marks all give a report.
"""

from __future__ import annotations

from . import rules
from .lists import (
    DEFAULT_ABBREVIATIONS,
    DEFAULT_ALLOWED_ACRONYMS,
    DEFAULT_ALLOWED_PERSONAL_DATA,
    DEFAULT_CALL_TO_ACTION,
    DEFAULT_LISTS,
    DEFAULT_MISREAD_EMOJIS,
    DEFAULT_SLANG,
    ToneLists,
)
from .lix import DEFAULT_LIX_BANDS, LixBand, band_of, count_long_words, count_sentences, lix
from .messages import GUIDELINES
from .report import (
    KINDS,
    MAX_FINDINGS_PER_RULE,
    MEDIA_TYPES,
    OBJECTIVES,
    CheckContext,
    Finding,
    Findings,
    ToneReport,
)

__all__ = [
    "DEFAULT_ABBREVIATIONS",
    "DEFAULT_ALLOWED_ACRONYMS",
    "DEFAULT_ALLOWED_PERSONAL_DATA",
    "DEFAULT_CALL_TO_ACTION",
    "DEFAULT_LISTS",
    "DEFAULT_LIX_BANDS",
    "DEFAULT_MISREAD_EMOJIS",
    "DEFAULT_SLANG",
    "GUIDELINES",
    "KINDS",
    "MAX_FINDINGS_PER_RULE",
    "MEDIA_TYPES",
    "OBJECTIVES",
    "CheckContext",
    "Finding",
    "LixBand",
    "ToneLists",
    "ToneReport",
    "check_text",
]


def check_text(text: str, *, context: CheckContext, lists: ToneLists) -> ToneReport:
    """Check ``text`` against the tonality rules; never raises on any string."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    compiled = lists._compiled
    out = Findings()

    rules.check_control_characters(text, out)
    if not text or text.isspace():
        rules.check_empty(out)
        return out.report(None, None, 0, 0, 0)

    # Lower-casing keeps every offset unless a character grows (İ → i̇; none shrinks, so equal
    # lengths mean one to one); then the case-insensitive patterns run on the text itself.
    lowered: str | None = text.lower()
    if len(lowered) != len(text):
        lowered = None

    abbreviation_spans = rules.check_abbreviations(text, lowered, compiled, out)
    sentences = count_sentences(text, abbreviation_spans, max_words=lists.max_sentence_words)
    rules.check_long_sentences(sentences.too_long, lists.max_sentence_words, out)
    words = len(sentences.words)
    long_words = count_long_words(text, sentences.words)
    rules.check_word_rules(text, lowered, sentences.words, lists, compiled, abbreviation_spans, out)
    value = band = None
    if words:
        value = lix(words, sentences.count, long_words)
        band = band_of(value, lists.lix_bands)
        rules.check_lix(value, band, lists, out)
    rules.check_slang_phrases(text, lowered, compiled, out)
    rules.check_sender(text, lowered, out)
    rules.check_emojis(text, compiled, out)
    rules.check_personal_data(text, context, lists, out)
    if context.kind == "draft":
        rules.check_booking(text, lowered, context, compiled, out)
    return out.report(value, band, words, sentences.count, long_words)

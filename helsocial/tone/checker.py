"""The tone checker: the guideline's "Tonalitet" as findings on a text the city writes.

``check_text(text, context=…, lists=…)`` is pure: no database, no network, no Django. The calendar
(drafts), the comment queues (replies) and the "Språkgranskning" page (free text) call it; the word
lists come from the database through ``ToneLists``, starting from ``DEFAULT_LISTS`` below.

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

import bisect
import math
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import Any

from helsocial.personal_data import find_personal_data

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
    "MAX_FINDINGS_PER_RULE",
    "CheckContext",
    "Finding",
    "LixBand",
    "ToneLists",
    "ToneReport",
    "check_text",
]

INFO = "info"
WARNING = "warning"
BLOCKING = "blocking"
SEVERITIES = (INFO, WARNING, BLOCKING)

KINDS = ("draft", "reply", "free")
MEDIA_TYPES = ("none", "image", "video", "carousel", "link")
OBJECTIVES = ("inform", "activate", "engage")

MAX_FINDINGS_PER_RULE = 200

# --- the guideline sentences each rule applies ------------------------------------------------------

_KLARSPRAK = (
    "Vi pratar klarspråk, vilket betyder att vi uttrycker oss tydligt och enkelt "
    "för att alla ska förstå vad vi menar."
)
_ABBREVIATIONS = "Vi undviker förkortningar, slang och interna uttryck."
_PERSONAL_DATA = "Skriv inte ut personuppgifter, telefonnummer eller annat material som kan vara känsligt."

GUIDELINES: dict[str, str] = {
    "klarsprak.lix": _KLARSPRAK,
    "klarsprak.long_sentence": _KLARSPRAK,
    "klarsprak.abbreviation": _ABBREVIATIONS,
    "klarsprak.acronym": _ABBREVIATIONS,
    "klarsprak.slang": _ABBREVIATIONS,
    "address.formal_ni": "Vi skriver vi och oss, samt du och dig. Vi är personliga i tilltalet.",
    "address.administration_sender": (
        "Tänk på att det alltid är staden som är avsändare i våra stadsgemensamma kanaler, "
        "inte den enskilda förvaltningen."
    ),
    "emoji.misread": (
        "Vi är noga med att inte använda emojis som är lätta att missuppfatta eller som är svåra att förstå."
    ),
    "booking.captions": "Vi textar allt rörligt material i den utsträckning det är möjligt.",
    "booking.rights": "Lägg inte upp bilder eller videos om du inte har rättigheter till dem.",
    "booking.consent": (
        "Lägg inte upp bilder eller video på personer om du inte är säker på att det är okej "
        "för personer som syns i bild eller i en video."
    ),
    "booking.call_to_action": (
        "Aktivera: när mottagaren förväntas göra något aktivt, som att klicka på en länk för att "
        "anmäla sig till en utbildning eller ett evenemang, eller läsa mer på en webbplats."
    ),
    "reply.personal_data": _PERSONAL_DATA,
    "text.personal_data": _PERSONAL_DATA,
    # Technical findings: no guideline sentence.
    "text.control_character": "",
    "text.empty": "",
}

# --- the starting lists (seed for the data migration) -----------------------------------------------

# Abbreviation → what to write instead. An entry ending in "." also matches without its last dot
# ("t.ex" and "osv" are found by "t.ex." and "osv."); spaces match any whitespace.
DEFAULT_ABBREVIATIONS: dict[str, str] = {
    "t.ex.": "till exempel",
    "t ex": "till exempel",
    "bl.a.": "bland annat",
    "bl a": "bland annat",
    "m.m.": "med mera",
    "osv.": "och så vidare",
    "o.s.v.": "och så vidare",
    "etc.": "och så vidare",
    "dvs.": "det vill säga",
    "d.v.s.": "det vill säga",
    "ca.": "cirka",
    "c:a": "cirka",
    "fr.o.m.": "från och med",
    "fr o m": "från och med",
    "t.o.m.": "till och med",
    "t o m": "till och med",
    "p.g.a.": "på grund av",
    "pga.": "på grund av",
    "p g a": "på grund av",
    "m.fl.": "med flera",
    "mfl.": "med flera",
    "m fl": "med flera",
    "s.k.": "så kallad",
    "f.d.": "före detta",
    "o.d.": "och dylikt",
    "e.d.": "eller dylikt",
    "m.a.o.": "med andra ord",
    "fr.a.": "framför allt",
    "f.ö.": "för övrigt",
    "t.v.": "tills vidare",
    "inkl.": "inklusive",
    "exkl.": "exklusive",
    "ev.": "eventuellt",
    "resp.": "respektive",
    "ang.": "angående",
    "enl.": "enligt",
    "jfr.": "jämför",
    "tel.": "telefon",
    "tfn.": "telefon",
    "kl.": "klockan",
    "nr.": "nummer",
    "st.": "stycken",
    "iaf": "i alla fall",
    "ÅVC": "återvinningscentral",
    "SFI": "svenska för invandrare",
    "AKN": "avdelningen för kommunikation och näringsliv",
}

DEFAULT_ALLOWED_ACRONYMS: tuple[str, ...] = (
    "EU",
    "FN",
    "USA",
    "SMS",
    "IT",
    "TV",
    "CV",
    "ID",
    "PDF",
    "OK",
    "GPS",
    "DJ",
    "VR",
    "AI",
    "WC",
    "UV",
    "HBTQ",
    "HBTQI",
    "HBTQIA",
    "SVT",
    "IKEA",
    "LED",
)

# Slang, internal and bureaucratic words → a plainer word ("" when there is nothing to suggest).
DEFAULT_SLANG: dict[str, str] = {
    "asså": "alltså",
    "ba": "bara",
    "mkt": "mycket",
    "lr": "eller",
    "iofs": "i och för sig",
    "btw": "förresten",
    "omg": "",
    "lol": "",
    "najs": "trevligt",
    "nice": "bra",
    "chilla": "ta det lugnt",
    "käka": "äta",
    "grej": "sak",
    "grejen": "saken",
    "japp": "ja",
    "nope": "nej",
    "shit": "",
    "jävla": "",
    "erhålla": "få",
    "erhåller": "får",
    "erhållit": "fått",
    "tillhandahålla": "ge",
    "tillhandahåller": "ger",
    "inkomma": "skicka in",
    "inkommit": "kommit in",
    "delge": "berätta för",
    "tillse": "se till",
    "vederbörande": "personen",
    "därest": "om",
    "framgent": "i framtiden",
    "ombesörja": "ordna",
    "åligger": "ska",
    "beakta": "tänka på",
    "skyndsamt": "snabbt",
    "samtliga": "alla",
    "erforderlig": "nödvändig",
    "erforderliga": "nödvändiga",
    "inneha": "ha",
    "innehar": "har",
    "tillställa": "skicka",
    "avseende": "om",
    "emellertid": "men",
    "således": "alltså",
    "icke": "inte",
    "ej": "inte",
    "torde": "bör",
    "ånyo": "igen",
    "såsom": "som",
    "i syfte att": "för att",
    "äga rum": "hållas",
    "i dagsläget": "nu",
    "i nuläget": "nu",
    "förvaltningsövergripande": "gemensam",
    "medborgardialog": "samtal med invånarna",
}

DEFAULT_MISREAD_EMOJIS: dict[str, str] = {
    "🙃": "Den upp-och-nedvända smileyn läses ofta som ironi eller irritation.",
    "🙂": "Den lilla smileyn uppfattas ofta som kylig eller passivt aggressiv.",
    "🙏": "Läses både som tack, be om ursäkt, bön och high five.",
    "😅": "Det nervösa skrattet kan se ut som att vi skämtar bort något allvarligt.",
    "💀": "Betyder ”jag dör av skratt” för många unga, men död för andra.",
    "🤡": "Clownen uppfattas som hån.",
    "🍆": "Har en sexuell betydelse.",
    "🍑": "Har en sexuell betydelse.",
    "💦": "Har ofta en sexuell betydelse.",
    "👌": "OK-tecknet kan uppfattas som en stötande gest eller en hatsymbol.",
    "😏": "Flinet uppfattas som flörtigt eller nedlåtande.",
    "🙄": "Himlande ögon uppfattas som nedlåtande.",
    "😬": "Grimasen tolkas olika: obekvämt, nervöst eller ett leende.",
    "😭": "Gråten används ofta för skratt eller rörelse – lätt att missförstå.",
    "🥲": "Leendet med en tår läses både som glädje och som smärta.",
    "😤": "Ska betyda triumf men läses ofta som ilska.",
    "👀": "Läses både som nyfikenhet och som misstänksamhet eller skvaller.",
    "🐍": "Ormen betyder en svekfull person.",
    "🧂": "Saltet betyder att någon är bitter eller sur.",
    "💅": "Uppfattas som nonchalant eller nedlåtande.",
    "🫠": "Den smältande smileyn är svår att tolka.",
    "🖕": "Långfingret är en stötande gest.",
}

# Calls to action for the objective "activate" (imperatives and phrases, whole words, any case).
DEFAULT_CALL_TO_ACTION: tuple[str, ...] = (
    "anmäl",
    "anmäla",
    "boka",
    "svara",
    "tyck till",
    "klicka",
    "ansök",
    "ansöka",
    "sök",
    "registrera",
    "köp",
    "besök",
    "delta",
    "rösta",
    "läs mer",
    "läs",
    "ladda ner",
    "fyll i",
    "beställ",
    "ta del",
    "lämna",
    "skicka in",
    "titta",
    "lyssna",
    "följ",
    "tipsa",
    "häng med",
    "kom och",
    "prova",
    "upptäck",
    "hämta",
    "skriv upp dig",
    "gå in på",
    "se mer",
)

# City contact details that may appear in replies.
DEFAULT_ALLOWED_PERSONAL_DATA: tuple[str, ...] = (
    "042-10 50 00",
    "kontaktcenter@helsingborg.se",
    "kommunstyrelsen@helsingborg.se",
    "Drottninggatan 2",
)


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

# --- public types -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    guideline: str
    severity: str  # "info" | "warning" | "blocking"
    span: tuple[int, int]
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "span": [self.span[0], self.span[1]],
            "message": self.message,
            "suggestion": self.suggestion,
            "guideline": self.guideline,
        }


@dataclass(frozen=True, slots=True)
class ToneReport:
    """The counts, LIX and its band (``None`` without words), and the findings sorted by span start
    then rule. ``blocking`` is true when a finding stops publishing (personal data in a reply)."""

    lix: float | None
    lix_band: LixBand | None
    words: int
    sentences: int
    long_words: int
    findings: list[Finding]
    capped_rules: list[str] = field(default_factory=list)  # rules with more hits than were reported

    @property
    def blocking(self) -> bool:
        return any(f.severity == BLOCKING for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        band = self.lix_band
        return {
            "lix": None if self.lix is None else round(self.lix, 1),
            "lix_band": None if band is None else {"key": band.key, "label": band.label},
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "blocking": self.blocking,
            "findings": [f.to_dict() for f in self.findings],
            "capped_rules": list(self.capped_rules),
        }


@dataclass(frozen=True)
class CheckContext:
    """Where the text is written. Booking rules run only for ``kind="draft"``; personal data blocks
    only for ``kind="reply"``. An unknown kind, media type or objective is read as none."""

    kind: str = "free"  # "draft" | "reply" | "free"
    media_type: str = "none"  # "none" | "image" | "video" | "carousel" | "link"
    objective: str | None = None  # "inform" | "activate" | "engage"
    link: str = ""
    captions_confirmed: bool = False
    rights_confirmed: bool = False
    consent_confirmed: bool = False


@dataclass(frozen=True)
class ToneLists:
    """The word lists AKN edits. Values are copied on creation; treat them as read-only."""

    abbreviations: Mapping[str, str] = field(default_factory=dict)
    allowed_acronyms: frozenset[str] = frozenset()
    slang: Mapping[str, str] = field(default_factory=dict)
    misread_emojis: Mapping[str, str] = field(default_factory=dict)
    allowed_personal_data: tuple[str, ...] = ()
    call_to_action: tuple[str, ...] = ()
    max_sentence_words: int = 25
    lix_bands: tuple[LixBand, ...] = DEFAULT_LIX_BANDS
    lix_info_from: float = 40.0
    lix_warning_from: float = 50.0

    def __post_init__(self) -> None:
        # Lists arrive from the database as lists and dicts: copy them into the shapes the checker
        # reads, so a caller's later edit cannot change an instance whose patterns are compiled.
        set_ = object.__setattr__
        set_(self, "abbreviations", {str(k): str(v or "") for k, v in dict(self.abbreviations).items()})
        set_(self, "allowed_acronyms", frozenset(str(a).upper() for a in self.allowed_acronyms))
        set_(self, "slang", {str(k): str(v or "") for k, v in dict(self.slang).items()})
        set_(self, "misread_emojis", {str(k): str(v or "") for k, v in dict(self.misread_emojis).items()})
        set_(self, "allowed_personal_data", tuple(str(a) for a in self.allowed_personal_data))
        set_(self, "call_to_action", tuple(str(a) for a in self.call_to_action))
        bands = tuple(
            b if isinstance(b, LixBand) else LixBand(**b) if isinstance(b, Mapping) else LixBand(*b)
            for b in self.lix_bands
        )
        set_(self, "lix_bands", tuple(sorted(bands, key=lambda b: math.inf if b.below is None else b.below)))

    @cached_property
    def _compiled(self) -> _Compiled:
        return _Compiled(self)


DEFAULT_LISTS = ToneLists(
    abbreviations=DEFAULT_ABBREVIATIONS,
    allowed_acronyms=frozenset(DEFAULT_ALLOWED_ACRONYMS),
    slang=DEFAULT_SLANG,
    misread_emojis=DEFAULT_MISREAD_EMOJIS,
    allowed_personal_data=DEFAULT_ALLOWED_PERSONAL_DATA,
    call_to_action=DEFAULT_CALL_TO_ACTION,
)

# --- patterns ---------------------------------------------------------------------------------------
#
# Speed: the live panel calls this on every pause in typing. Patterns run on the lower-cased text
# (same length, same offsets) without IGNORECASE, and start with a literal or a character class where
# they can, so the regex engine skips ahead instead of trying every position; the rarer rules look
# only around a literal anchor ("förvaltning", "@", a top-level domain).

# Inside a word but not letters: combining marks (decomposed å ä ö, Cyrillic and Arabic marks),
# soft hyphen, zero-width non-joiner.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u00ad\u200c"
_L = r"[^\W\d_]"
_WORD_RE = re.compile(rf"{_L}+(?:[{_MARKS}]+{_L}*)*(?:-{_L}+(?:[{_MARKS}]+{_L}*)*)*")
_MARK_RE = re.compile(f"[{_MARKS}]")
_WORD_CHAR_RE = re.compile(rf"{_L}|[{_MARKS}]")
_WORD_FULL_RE = re.compile(rf"{_L}+(?:-{_L}+)*")
_PREVIOUS_WORD_RE = re.compile(rf"({_L}+)\W*\Z")

# The first terminator of a run (the lookbehind comes after it so the engine can scan for the
# class), the rest of the run possessively: linear on "......" of any length.
_TERMINATOR_RE = re.compile(r"(?P<t>[.!?:](?<![.!?:].)[.!?:]*+)[\"'»”’)\]]*+(?=\s|\Z)")

_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ufff9-\ufffb]+"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_EMOJI_BASE = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07"
    "\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# What may follow an emoji: variation selectors, keycap, skin tones, tags; ZWJ joins another base.
_EMOJI_MOD = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI_STRIP_RE = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")

_FORMAL = {"ni": "du", "er": "dig eller din", "ert": "ditt", "era": "dina", "eder": "dig", "edra": "dina"}
# "en ny era" is an era, not "your".
_ERA_NOUN_AFTER = frozenset({"en", "ny", "den", "denna", "vår", "hela", "ett", "varje"})

_ADMIN_ANCHORS = ("förvaltning", "nämnd")
_ADMIN_NAME = rf"(?:{_L}++-\s+(?:och|&)\s+)?{_L}*(?:förvaltning|nämnd)(?:en)?"
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

_PERSONAL_DATA_LABELS = {
    "phone": "ett telefonnummer",
    "email": "en e-postadress",
    "personnummer": "ett personnummer",
    "address": "en adress",
}


@dataclass(frozen=True)
class _PhrasePattern:
    """Whole-word phrases as one trie-shaped pattern, for the lower-cased text and for any case."""

    lower: re.Pattern[str]
    any_case: re.Pattern[str]

    def finditer(self, text: str, lowered: str | None) -> Iterable[re.Match[str]]:
        # Offsets are the same in both; callers read the matched text from ``text``.
        return self.lower.finditer(lowered) if lowered is not None else self.any_case.finditer(text)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        return self.lower.search(lowered) if lowered is not None else self.any_case.search(text)


def _phrase_pattern(entries: Iterable[str], *, optional_final_dot: bool) -> _PhrasePattern | None:
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
    return _PhrasePattern(re.compile(pattern), re.compile(pattern, re.IGNORECASE))


def _phrase_key(value: str) -> str:
    return " ".join(value.lower().split()).rstrip(".")


def _emoji_key(value: str) -> str:
    return _EMOJI_STRIP_RE.sub("", value)


class _Compiled:
    """The patterns and lookup tables built once per ToneLists."""

    def __init__(self, lists: ToneLists) -> None:
        self.abbreviation_re = _phrase_pattern(lists.abbreviations, optional_final_dot=True)
        self.abbreviations = {_phrase_key(k): v for k, v in lists.abbreviations.items()}
        single = {k: v for k, v in lists.slang.items() if _WORD_FULL_RE.fullmatch(k.strip())}
        self.slang_words = {k.strip().lower(): v for k, v in single.items()}
        self.slang_re = _phrase_pattern([k for k in lists.slang if k not in single], optional_final_dot=False)
        self.slang_phrases = {_phrase_key(k): v for k, v in lists.slang.items() if k not in single}
        self.word_rules = frozenset(_FORMAL) | frozenset(self.slang_words)
        self.emojis = {_emoji_key(k): (k, v) for k, v in lists.misread_emojis.items() if _emoji_key(k)}
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
        self.cta_re = _phrase_pattern(lists.call_to_action, optional_final_dot=False)


# --- the checker ------------------------------------------------------------------------------------


class _Findings:
    def __init__(self) -> None:
        self.items: list[Finding] = []
        self.per_rule: dict[str, int] = {}
        self.capped: set[str] = set()

    def add(
        self, rule: str, severity: str, span: tuple[int, int], message: str, suggestion: str | None = None
    ) -> bool:
        """Record a finding; False once the rule is full, and the caller stops looking for more."""
        count = self.per_rule.get(rule, 0)
        if count >= MAX_FINDINGS_PER_RULE:
            self.capped.add(rule)
            return False
        self.per_rule[rule] = count + 1
        self.items.append(Finding(rule, GUIDELINES[rule], severity, span, message, suggestion))
        return True


def check_text(text: str, *, context: CheckContext, lists: ToneLists) -> ToneReport:
    """Check ``text`` against the tonality rules; never raises on any string."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    compiled = lists._compiled
    out = _Findings()

    _check_control_characters(text, out)
    if not text or text.isspace():
        out.add("text.empty", INFO, (0, 0), "Texten är tom.")
        return _report(None, None, 0, 0, 0, out)

    # Lower-casing keeps every offset unless a character grows (İ → i̇; none shrinks, so equal
    # lengths mean one to one); then the case-insensitive patterns run on the text itself.
    lowered: str | None = text.lower()
    if len(lowered) != len(text):
        lowered = None

    abbreviation_spans = _check_abbreviations(text, lowered, compiled, out)
    all_words, sentences = _count_sentences(text, lists, abbreviation_spans, out)
    words = len(all_words)
    long_words = _count_long_words(text, all_words)
    _check_word_rules(text, lowered, all_words, lists, compiled, abbreviation_spans, out)
    lix = band = None
    if words:
        lix = words / sentences + 100 * long_words / words
        band = _band(lix, lists.lix_bands)
        _check_lix(lix, band, lists, out)
    _check_slang_phrases(text, lowered, compiled, out)
    _check_sender(text, lowered, out)
    _check_emojis(text, compiled, out)
    _check_personal_data(text, context, lists, out)
    if context.kind == "draft":
        _check_booking(text, lowered, context, compiled, out)
    return _report(lix, band, words, sentences, long_words, out)


def _report(
    lix: float | None, band: LixBand | None, words: int, sentences: int, long_words: int, out: _Findings
) -> ToneReport:
    findings = sorted(out.items, key=lambda f: (f.span[0], f.rule, f.span[1]))
    return ToneReport(lix, band, words, sentences, long_words, findings, sorted(out.capped))


def _band(lix: float, bands: tuple[LixBand, ...]) -> LixBand | None:
    for band in bands:
        if band.below is None or lix < band.below:
            return band
    return bands[-1] if bands else None


def _check_control_characters(text: str, out: _Findings) -> None:
    for match in _CONTROL_RE.finditer(text):
        chars = match.group()
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars[:20]))
        if any(c in _BIDI for c in chars):
            message = f"Osynligt tecken för skrivriktning ({codes}). Det kan vända eller dölja text."
        else:
            message = f"Osynligt styrtecken ({codes})."
        if not out.add("text.control_character", WARNING, match.span(), message, "Ta bort tecknet."):
            break


def _check_abbreviations(
    text: str, lowered: str | None, compiled: _Compiled, out: _Findings
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
            f"Skriv ut förkortningen ”{found}”.",
            compiled.abbreviations.get(_phrase_key(found)) or None,
        ):
            break
    return spans


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _letters(word: str) -> int:
    count = len(word) - word.count("-")
    if count > 6 and not word.isascii():
        count -= len(_MARK_RE.findall(word))
    return count


def _is_token(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word as _WORD_RE reads words."""
    if start > 0:
        before = text[start - 1]
        if _WORD_CHAR_RE.match(before) or (
            before == "-" and start > 1 and _WORD_CHAR_RE.match(text[start - 2])
        ):
            return False
    if end < len(text):
        after = text[end]
        if _WORD_CHAR_RE.match(after) or (
            after == "-" and end + 1 < len(text) and _WORD_CHAR_RE.match(text[end + 1])
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


def _count_sentences(
    text: str, lists: ToneLists, abbreviation_spans: list[tuple[int, int]], out: _Findings
) -> tuple[list[str], int]:
    """All words, and the number of sentences; reports sentences that are too long."""
    starts = [s for s, _ in abbreviation_spans]
    ends = [
        m.end()
        for m in _TERMINATOR_RE.finditer(text)
        if not (abbreviation_spans and _inside(m.end("t") - 1, abbreviation_spans, starts))
    ]
    limit = lists.max_sentence_words
    all_words: list[str] = []
    sentences = 0
    position = 0
    for index in range(len(ends) + 1):
        terminated = index < len(ends)
        boundary = ends[index] if terminated else len(text)
        # A boundary is followed by whitespace, so no word crosses it.
        sentence = _WORD_RE.findall(text, position, boundary)
        if sentence:
            sentences += 1
            all_words += sentence
            if len(sentence) > limit:
                first = _WORD_RE.search(text, position, boundary)
                start = first.start() if first else position
                end = boundary if terminated else len(text.rstrip())
                out.add(
                    "klarsprak.long_sentence",
                    WARNING,
                    (start, end),
                    f"Meningen har {len(sentence)} ord. Skriv högst {limit} ord i en mening.",
                    "Dela upp meningen i två eller flera.",
                )
        position = boundary
    return all_words, sentences


def _count_long_words(text: str, words: list[str]) -> int:
    if _MARK_RE.search(text) is not None:
        return sum(1 for w in words if len(w) > 6 and _letters(w) > 6)
    # Count by length in C; then take back the hyphenated words that are long only with their hyphens.
    lengths = sorted(map(len, words))
    long_words = len(lengths) - bisect.bisect_right(lengths, 6)
    if "-" in text:
        long_words -= sum(1 for w in words if "-" in w and len(w) > 6 and len(w) - w.count("-") <= 6)
    return long_words


def _check_word_rules(
    text: str,
    lowered: str | None,
    words: list[str],
    lists: ToneLists,
    compiled: _Compiled,
    abbreviation_spans: list[tuple[int, int]],
    out: _Findings,
) -> None:
    """Formal address, slang and acronyms: each distinct word is looked up once, offsets only for hits."""
    distinct = list(set(words))
    abbreviation_starts = [s for s, _ in abbreviation_spans]
    hits = set(map(str.lower, distinct)) & compiled.word_rules
    for hit in sorted(hits):
        for start in _occurrences_any_case(text, lowered, hit):
            end = start + len(hit)
            word = text[start:end]
            if hit in _FORMAL:
                if hit == "era" and _previous_word(text, start) in _ERA_NOUN_AFTER:
                    continue
                suggestion = _FORMAL[hit]
                if word[:1].isupper():
                    suggestion = suggestion[0].upper() + suggestion[1:]
                added = out.add(
                    "address.formal_ni",
                    WARNING,
                    (start, end),
                    f"Skriv du och dig i stället för ”{word}”.",
                    suggestion,
                )
            elif abbreviation_spans and _inside(start, abbreviation_spans, abbreviation_starts):
                continue  # already reported as an abbreviation
            else:
                added = out.add(
                    "klarsprak.slang",
                    WARNING,
                    (start, end),
                    f"”{word}” är slang eller ett internt uttryck.",
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
                if abbreviation_spans and _inside(position, abbreviation_spans, abbreviation_starts):
                    continue  # ÅVC on the abbreviation list: reported as an abbreviation
                if not out.add(
                    "klarsprak.acronym",
                    INFO,
                    (position, position + len(core)),
                    f"Alla känner inte till förkortningen ”{core}”. Skriv ut den, eller förklara den.",
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


def _check_lix(lix: float, band: LixBand | None, lists: ToneLists, out: _Findings) -> None:
    if lix >= lists.lix_warning_from:
        severity = WARNING
    elif lix >= lists.lix_info_from:
        severity = INFO
    else:
        return
    label = band.label if band else ""
    out.add(
        "klarsprak.lix",
        severity,
        (0, 0),
        f"LIX {lix:.0f} ({label}). Texten är svår att läsa för många: skriv kortare meningar och ord.",
        f"Sikta på LIX under {lists.lix_info_from:g}.",
    )


def _check_slang_phrases(text: str, lowered: str | None, compiled: _Compiled, out: _Findings) -> None:
    if compiled.slang_re is None:
        return
    for match in compiled.slang_re.finditer(text, lowered):
        span = match.span()
        found = text[span[0] : span[1]]
        if not out.add(
            "klarsprak.slang",
            WARNING,
            span,
            f"”{found}” är slang eller ett internt uttryck.",
            compiled.slang_phrases.get(_phrase_key(found)) or None,
        ):
            break


def _check_sender(text: str, lowered: str | None, out: _Findings) -> None:
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
            "address.administration_sender",
            WARNING,
            span,
            "Det är alltid staden som är avsändare, inte förvaltningen.",
            "Skriv ”vi” eller ”Helsingborgs stad”.",
        ):
            break


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    index = haystack.find(needle)
    while index >= 0:
        yield index
        index = haystack.find(needle, index + 1)


def _check_emojis(text: str, compiled: _Compiled, out: _Findings) -> None:
    if compiled.emoji_re is None or text.isascii():
        return
    for match in compiled.emoji_re.finditer(text):
        key = _emoji_key(match.group())
        entry = compiled.emojis.get(key) or compiled.emojis.get(key[:1])
        if entry is None:
            continue
        emoji, reason = entry
        if not out.add("emoji.misread", WARNING, match.span(), f"{emoji} kan missuppfattas. {reason}", None):
            break


def _check_personal_data(text: str, context: CheckContext, lists: ToneLists, out: _Findings) -> None:
    reply = context.kind == "reply"
    found = find_personal_data(text, allow=lists.allowed_personal_data, limit=MAX_FINDINGS_PER_RULE + 1)
    for match in found:
        label = _PERSONAL_DATA_LABELS.get(match.kind, "en personuppgift")
        if reply:
            added = out.add(
                "reply.personal_data",
                BLOCKING,
                (match.start, match.end),
                f"Svaret innehåller {label}. Ett svar med personuppgifter kan inte publiceras.",
                "Ta bort uppgiften, eller be personen kontakta oss i ett direktmeddelande.",
            )
        else:
            added = out.add(
                "text.personal_data",
                WARNING,
                (match.start, match.end),
                f"Texten innehåller {label}. Publicera inte personuppgifter.",
                "Ta bort uppgiften.",
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


def _check_booking(
    text: str, lowered: str | None, context: CheckContext, compiled: _Compiled, out: _Findings
) -> None:
    media = context.media_type
    if media == "video" and not context.captions_confirmed:
        out.add(
            "booking.captions",
            WARNING,
            (0, 0),
            "Bekräfta att videon är textad.",
            "Texta videon och kryssa i att den är textad.",
        )
    if media in ("image", "video", "carousel"):
        if not context.rights_confirmed:
            out.add(
                "booking.rights",
                WARNING,
                (0, 0),
                "Bekräfta att staden har rättigheter till bilderna eller filmen.",
                None,
            )
        if not context.consent_confirmed:
            out.add(
                "booking.consent",
                WARNING,
                (0, 0),
                "Bekräfta att personerna som syns har sagt ja till att vara med.",
                None,
            )
    if context.objective == "activate":
        has_link = bool((context.link or "").strip()) or _has_link(text, lowered)
        has_call = compiled.cta_re is not None and compiled.cta_re.search(text, lowered) is not None
        missing = []
        if not has_link:
            missing.append("en länk")
        if not has_call:
            missing.append("en uppmaning (till exempel ”Läs mer”, ”Anmäl dig”, ”Boka”)")
        if missing:
            out.add(
                "booking.call_to_action",
                WARNING,
                (0, 0),
                "Målet är att aktivera: inlägget behöver " + " och ".join(missing) + ".",
                None,
            )

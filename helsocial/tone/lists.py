"""The word lists the checker reads: their shape (``ToneLists``) and the Swedish starting lists.

AKN edits the lists as data (``models.py``); the data migration and ``seed.py`` start them from the
``DEFAULT_*`` below, and ``selectors.tone_lists()`` builds a ``ToneLists`` from the rows.

Lists are matched case-insensitively, whole words only ("ni" is not found in "nio" or "januari",
"ca" not in "Afrika"); an abbreviation ending in "." also matches without its last dot, and a
space in an entry matches any whitespace.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .lix import DEFAULT_LIX_BANDS, LixBand
from .patterns import Compiled


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
    def _compiled(self) -> Compiled:
        return Compiled(self)


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


DEFAULT_LISTS = ToneLists(
    abbreviations=DEFAULT_ABBREVIATIONS,
    allowed_acronyms=frozenset(DEFAULT_ALLOWED_ACRONYMS),
    slang=DEFAULT_SLANG,
    misread_emojis=DEFAULT_MISREAD_EMOJIS,
    allowed_personal_data=DEFAULT_ALLOWED_PERSONAL_DATA,
    call_to_action=DEFAULT_CALL_TO_ACTION,
)

"""Find personal data in Swedish text: phone numbers, e-mail addresses, personnummer and street addresses.

Used by the tone checker (a reply that would publish personal data is stopped) and by comment triage
(a comment that exposes personal data is hidden). It knows nothing about either: it only finds.

What is found
-------------
``phone``
    Swedish numbers written the usual ways: ``070-123 45 67``, ``0701234567``, ``+46 70 123 45 67``,
    ``0046 70-123 45 67``, ``+46 (0)42-10 50 00``, ``042-10 50 00``, ``08-123 456 78``, ``(042) 10 50 00``.
    A national number has 8 to 10 digits including the leading 0; separators are a single space,
    non-breaking space, hyphen, en dash or slash between digits.
``email``
    ``local@domain.tld`` with a top-level domain of at least two letters.
``personnummer``
    ``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (100 years or older), ``YYMMDDNNNN``, ``YYYYMMDD-NNNN`` and
    ``YYYYMMDDNNNN`` (also with a single space as separator), including samordningsnummer (day + 60).
    Only numbers with a real month and day and a valid Luhn check digit count: ``811218-9876`` is
    found, ``811218-9875`` is not. Organisation numbers (month 20 or more) are never found.
    Ten digits without separator that start with 0 and also read as a phone number are reported as a
    phone number (mobile numbers are far more common than personnummer of people born 2000-2009).
``address``
    A street name ending in a street word (``-gatan``, ``-vägen``, ``-gränd``, ``-allén``, ``-torget``,
    ``-stigen``, ``-leden``, ``-backen``, ``-plan``, ``-platsen`` …) or the two-word form
    (``Carl Krooks gata``), followed by a street number, optionally a letter (``12B``, ``12 B``) and a
    postcode and town (``, 252 21 Helsingborg``). Street words that are also common nouns (``leden``,
    ``backen``, ``plan``, ``platsen``, ``gången`` …) count only when the name is capitalised, and a
    name must have at least two letters before its street word (``på vägen 2`` is not an address).

Offsets are code-point offsets into the text exactly as received; ``text[m.start:m.end] == m.value``.

The allow-list
--------------
``allow`` holds the city's own public contact details. A match equal to an entry is not reported.
Comparison is normalised: phone numbers by their digits (``+46`` and ``0046`` read as ``0``), so
``042105000`` equals ``042-10 50 00``; e-mail addresses and street addresses case-insensitively with
whitespace collapsed, addresses by street and number (``Drottninggatan 2`` also allows
``Drottninggatan 2, 252 21 Helsingborg``). An entry starting with ``@`` allows a whole e-mail domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["KINDS", "PersonalDataMatch", "find_personal_data", "luhn_valid"]

KINDS = ("phone", "email", "personnummer", "address")


@dataclass(frozen=True, slots=True)
class PersonalDataMatch:
    kind: str  # one of KINDS
    start: int
    end: int
    value: str


# --- phone numbers ----------------------------------------------------------------------------------

_SEP = r"[ \u00a0\-\u2013/]?"
_PHONE_RE = re.compile(
    # Not in the middle of a longer number, a word or an international number.
    r"(?<![\w+])"
    r"(?:"
    # +46 / 0046, optionally with the national 0 in brackets: +46 (0)42-10 50 00.
    rf"(?:\+|00)\s?46[ \u00a0\-]?(?:\(0\)[ \u00a0\-]?)?[1-9](?:{_SEP}\d){{6,8}}"
    # Area code in brackets: (042) 10 50 00.
    rf"|\(0[1-9]\d{{0,2}}\)\s?\d(?:{_SEP}\d){{4,7}}"
    # National: 0 followed by 7-9 more digits.
    rf"|0[1-9](?:{_SEP}\d){{6,8}}"
    r")"
    r"(?!\d)"
)

# --- e-mail -----------------------------------------------------------------------------------------

# Read outwards from each "@": the local part backwards (at most 64 characters, RFC 5321, starting
# where its run starts), the domain forwards. Each "@" costs a bounded amount of work.
_LOCAL_CHARS = r"[\w.%+\-]"
_LOCAL_RE = re.compile(rf"(?<!{_LOCAL_CHARS}){_LOCAL_CHARS}{{1,64}}\Z")
_DOMAIN_RE = re.compile(r"[\w\-]+(?:\.[\w\-]+)+")
_LOCAL_CHAR = re.compile(_LOCAL_CHARS).match

# --- personnummer -----------------------------------------------------------------------------------

_PNR_RE = re.compile(
    r"(?<![\d+\-])"
    r"(?P<century>1[89]|20)?"
    r"(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+ ]?)"
    r"(?P<serial>\d{3})(?P<check>\d)"
    r"(?![\d])"
)
# The shortest text either pattern matches is eight characters ("01234567"); most numbers in
# comments (years, house numbers, "#4711") are shorter.
_SHORTEST_NUMBER = 8
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# --- street addresses -------------------------------------------------------------------------------

# Street words found at the end of a name, written in lower case or capitalised.
_STRONG_SUFFIXES = (
    "gatan",
    "vägen",
    "gränden",
    "gränd",
    "allén",
    "allé",
    "torget",
    "stigen",
    "esplanaden",
    "promenaden",
    "kajen",
    "stråket",
)
# Street words that are also common nouns: only after a capitalised name.
_WEAK_SUFFIXES = (
    "leden",
    "backen",
    "backe",
    "gången",
    "platsen",
    "plan",
    "torg",
    "väg",
    "gata",
    "stig",
    "parken",
    "slingan",
    "vallen",
    "bron",
)
_SUFFIXES = tuple(sorted(_STRONG_SUFFIXES + _WEAK_SUFFIXES, key=len, reverse=True))
_SUFFIX_LOOKBEHIND = "|".join(f"(?<={s})" for s in _SUFFIXES)
_L = r"[^\W\d_]"
_UPPER = "A-ZÅÄÖÉÜ"
# The street name, read backwards from the whitespace before a number: a short window ends with it.
_STREET_RE = re.compile(
    r"(?<![\w\-])"
    r"(?P<street>"
    rf"(?:(?i:södra|norra|östra|västra|gamla|nya|stora|lilla|sankt|s:t)\s)?"
    r"(?:"
    # Two-word form: Carl Krooks gata 30, Olof Palmes plats 1.
    rf"(?P<two_words>(?:[{_UPPER}]{_L}*+\s)?[{_UPPER}]{_L}*+(?<=s)\s(?i:gata|väg|gränd|torg|plats|allé|stig|backe))"
    # One word ending in a street word: Drottninggatan, Järnvägsgatan, Hälsovägen, Stortorget.
    # Possessive: once the letters are read there is nothing to give back.
    rf"|{_L}++(?:-{_L}++)*(?i:{_SUFFIX_LOOKBEHIND})"
    r")"
    r")\Z"
)
_STREET_WINDOW = 60
# What follows the street name: number, letter, postcode and town.
_ADDRESS_TAIL_RE = re.compile(
    r"\s{1,3}(?P<number>\d{1,4}(?:\s?[-\u2013]\s?\d{1,4})?(?![\d,.:]\d))"
    r"(?P<letter>(?:[A-Za-z]|\s[A-HJ-Z])(?!\w))?"
    rf"(?P<postcode>,?\s\d{{3}}\s?\d{{2}}(?!\d)(?:\s[{_UPPER}]{_L}+)?)?"
)
# Where numbers may be: every phone number, personnummer and street number starts such a region.
# It starts with a character class, which the regex engine scans for quickly.
_DIGIT_REGION_RE = re.compile(r"[\d(+][\d \u00a0()+\-\u2013/]*")
_EMAIL_WINDOW = 64  # the longest local part RFC 5321 allows
_SPACE_RE = re.compile(r"\s+")
_NON_DIGIT_RE = re.compile(r"\D")
_DIGIT_RE = re.compile(r"\d")


def luhn_valid(digits: str) -> bool:
    """True when the last digit of ``digits`` is the Luhn check digit of the others."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _personnummer_valid(match: re.Match[str]) -> bool:
    month = int(match["mm"])
    day = int(match["dd"])
    if day > 60:  # samordningsnummer
        day -= 60
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return False
    if match["century"] and match["sep"] == "+":
        return False  # "+" only replaces "-" in the ten-digit form
    return luhn_valid(match["yy"] + match["mm"] + match["dd"] + match["serial"] + match["check"])


def _phone_key(value: str) -> str:
    """Digits of a phone number in national form: +46 8 … and 0046 8 … become 08 …."""
    digits = _NON_DIGIT_RE.sub("", value)
    stripped = value.lstrip()
    if stripped.startswith("+") and digits.startswith("46"):
        digits = "0" + digits[2:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    if digits.startswith("00"):  # +46 (0)42 …
        digits = digits[1:]
    return digits


def _text_key(value: str) -> str:
    return _SPACE_RE.sub(" ", value).strip().casefold()


@dataclass(frozen=True, slots=True)
class _Address:
    start: int
    end: int
    key: str  # street and number, normalised, for the allow-list


def _find_addresses(
    text: str, regions: Iterable[tuple[int, int]], *, limit: int | None = None
) -> list[_Address]:
    """Addresses whose number starts one of ``regions``."""
    found: list[_Address] = []
    for region_start, _region_end in regions:
        if limit is not None and len(found) >= limit:
            break
        if not text[region_start].isdigit():
            continue
        # Back over the whitespace between street and number, to the street's last letter.
        street_end = region_start
        while street_end > 0 and region_start - street_end < 3 and text[street_end - 1].isspace():
            street_end -= 1
        if street_end == region_start or street_end == 0 or not text[street_end - 1].isalpha():
            continue
        window_start = max(0, street_end - _STREET_WINDOW)
        street = _STREET_RE.search(text[window_start:street_end])
        if street is None or not _street_ok(street):
            continue
        start = window_start + street.start()
        if start == window_start and start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue  # the window began inside a longer word
        tail = _ADDRESS_TAIL_RE.match(text, street_end)
        if tail is None:
            continue
        number = _SPACE_RE.sub("", tail["number"])
        letter = (tail["letter"] or "").strip()
        key = f"{_text_key(street['street'])} {number}{letter}".casefold()
        found.append(_Address(start, tail.end(), key))
    return found


def _street_ok(match: re.Match[str]) -> bool:
    if match["two_words"]:
        return True  # "Carl Krooks gata": the pattern already asked for capitals
    name = match["street"].rsplit(None, 1)[-1]
    lowered = name.casefold()
    suffix = next(s for s in _SUFFIXES if lowered.endswith(s))
    if len(lowered) - len(suffix) < 2:
        return False
    return suffix in _STRONG_SUFFIXES or name[0].isupper()


@dataclass(frozen=True, slots=True)
class _Allowed:
    phones: frozenset[str]
    emails: frozenset[str]
    email_domains: tuple[str, ...]
    addresses: frozenset[str]


@lru_cache(maxsize=64)
def _parse_allow(entries: tuple[str, ...]) -> _Allowed:
    phones: set[str] = set()
    emails: set[str] = set()
    domains: list[str] = []
    addresses: set[str] = set()
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            continue
        entry = entry.strip()
        if entry.startswith("@"):
            domains.append(entry.casefold())
            continue
        if "@" in entry:
            emails.add(_text_key(entry))
            continue
        entry_addresses = _find_addresses(entry, _regions(entry))
        if entry_addresses:
            addresses.update(a.key for a in entry_addresses)
            addresses.add(_text_key(entry))
            continue
        digits = _phone_key(entry)
        if len(digits) >= 6:
            phones.add(digits)
    return _Allowed(frozenset(phones), frozenset(emails), tuple(domains), frozenset(addresses))


def _regions(text: str) -> list[tuple[int, int]]:
    regions = []
    for match in _DIGIT_REGION_RE.finditer(text):
        start, end = match.span()
        if text[start].isdigit() or _DIGIT_RE.search(text, start, end):
            regions.append((start, end))
    return regions


# Rank among candidates starting at the same offset and of the same length.
_PRIORITY = {"email": 0, "personnummer": 1, "phone": 2, "address": 3}


def find_personal_data(
    text: str, *, allow: Iterable[str] = (), limit: int | None = None
) -> list[PersonalDataMatch]:
    """All personal data in ``text``, in order, without overlaps, minus what ``allow`` permits.

    ``limit`` bounds the work on hostile text: the scan stops after that many e-mail addresses, that
    many phone numbers and personnummer, and that many addresses (the earliest of each), and at most
    that many matches are returned. Without it, everything is found.
    """
    if not isinstance(text, str) or not text:
        return []
    if "@" not in text and _DIGIT_RE.search(text) is None:
        return []  # every kind needs an "@" (e-mail) or a digit (the rest): most comments have neither
    allowed = _parse_allow(tuple(allow))
    # (start, -end, priority, kind): sorted, the earliest and then the longest come first.
    candidates: list[tuple[int, int, int, str]] = []

    for at in _find_all(text, "@"):
        if at == 0 or not _LOCAL_CHAR(text[at - 1]):
            continue
        domain = _DOMAIN_RE.match(text, at + 1)
        if domain is None:
            continue
        tld = domain.group().rsplit(".", 1)[-1]
        if len(tld) < 2 or not tld.isalpha():
            continue
        local = _LOCAL_RE.search(text, max(0, at - 64), at)
        if local is None:
            continue
        key = text[local.start() : domain.end()].casefold()
        if key in allowed.emails or any(key.endswith(d) for d in allowed.email_domains):
            continue
        candidates.append((local.start(), -domain.end(), _PRIORITY["email"], "email"))
        if limit is not None and len(candidates) >= limit:
            break

    regions = _regions(text)
    most = len(text) if limit is None else limit
    numbers = 0
    for region_start, region_end in regions:
        if region_end - region_start < _SHORTEST_NUMBER:
            continue
        for match in _PNR_RE.finditer(text, region_start, region_end):
            if numbers >= most:
                break
            if not _personnummer_valid(match):
                continue
            value = match.group()
            if _phone_key(value) in allowed.phones:
                continue
            priority = _PRIORITY["personnummer"]
            if not match["century"] and not match["sep"] and value[0] == "0":
                priority = _PRIORITY["phone"] + 1  # read as a phone number when it also is one
            candidates.append((match.start(), -match.end(), priority, "personnummer"))
            numbers += 1
        for match in _PHONE_RE.finditer(text, region_start, region_end):
            if numbers >= most:
                break
            if _phone_key(match.group()) in allowed.phones:
                continue
            candidates.append((match.start(), -match.end(), _PRIORITY["phone"], "phone"))
            numbers += 1
        if numbers >= most:
            break

    for address in _find_addresses(text, regions, limit=limit):
        if address.key in allowed.addresses:
            continue
        if _text_key(text[address.start : address.end]) in allowed.addresses:
            continue
        candidates.append((address.start, -address.end, _PRIORITY["address"], "address"))

    candidates.sort()
    found: list[PersonalDataMatch] = []
    covered_until = 0
    for start, neg_end, _priority, kind in candidates:
        if start < covered_until:
            continue
        end = -neg_end
        found.append(PersonalDataMatch(kind=kind, start=start, end=end, value=text[start:end]))
        covered_until = end
        if limit is not None and len(found) >= limit:
            break
    return found


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    index = haystack.find(needle)
    while index >= 0:
        yield index
        index = haystack.find(needle, index + 1)

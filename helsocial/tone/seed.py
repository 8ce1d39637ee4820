"""The Swedish starting lists (lists.DEFAULT_*) as rows: used by the data migration, by
``seed_demo`` and by tests after a test that emptied the tables."""

from __future__ import annotations

from .lists import (
    DEFAULT_ABBREVIATIONS,
    DEFAULT_ALLOWED_ACRONYMS,
    DEFAULT_ALLOWED_PERSONAL_DATA,
    DEFAULT_CALL_TO_ACTION,
    DEFAULT_MISREAD_EMOJIS,
    DEFAULT_SLANG,
)

PERSONAL_DATA_NOTES = {
    "042-10 50 00": "Växeln",
    "kontaktcenter@helsingborg.se": "Kontaktcenter",
    "kommunstyrelsen@helsingborg.se": "Registraturen",
    "Drottninggatan 2": "Kontaktcenters besöksadress",
}


def starting_rows() -> list[tuple[str, str, str]]:
    """(kind, text, note) for every entry of the starting lists."""
    return [
        *(("abbreviation", k, v) for k, v in DEFAULT_ABBREVIATIONS.items()),
        *(("acronym", a, "") for a in DEFAULT_ALLOWED_ACRONYMS),
        *(("slang", k, v) for k, v in DEFAULT_SLANG.items()),
        *(("emoji", k, v) for k, v in DEFAULT_MISREAD_EMOJIS.items()),
        *(("call_to_action", c, "") for c in DEFAULT_CALL_TO_ACTION),
        *(("personal_data", p, PERSONAL_DATA_NOTES.get(p, "")) for p in DEFAULT_ALLOWED_PERSONAL_DATA),
    ]


def seed_starting_lists(word_model, settings_model) -> bool:
    """Fill empty lists with the starting lists (models given, so migrations pass their own).
    Lists AKN has filled are left alone. True if anything was written."""
    wrote = False
    if not word_model.objects.exists():
        word_model.objects.bulk_create(word_model(kind=k, text=t, note=n) for k, t, n in starting_rows())
        wrote = True
    _row, created = settings_model.objects.get_or_create(pk=1)
    return wrote or created

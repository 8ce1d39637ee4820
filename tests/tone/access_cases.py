"""The access matrix's rows for the tone checker (see tests/access.py).

The Språkgranskning page and the live panel are for anyone with a role; the word lists are AKN's.
The lists are city-wide: a word has no förvaltning, so "own" and "other" only differ in the marker
planted in the other side's word, which nobody but AKN may see.
"""

from helsocial.tone.models import ToneWord
from helsocial.tone.services import tone_word_add
from tests.access import LOGIN, MARKER, Case, everyone, expect, only_akn

HTMX = {"HX-Request": "true"}
NON_AKN_403 = expect(403, akn=302)


def build(world):
    world.own.tone_word = tone_word_add(by=None, kind=ToneWord.Kind.SLANG, text="jättenajs", note="trevligt")
    world.other.tone_word = tone_word_add(
        by=None, kind=ToneWord.Kind.SLANG, text=f"ordet {MARKER}", note=f"förslag {MARKER}"
    )


def word(side):
    return {"pk": side.tone_word.pk}


PANEL_POST = {
    "text": "Vi på miljöförvaltningen vill t.ex. informera er.",
    "kind": "draft",
    "media_type": "video",
}

CASES = [
    Case("tone:check", own=everyone(200)),
    Case(
        "tone:check",
        method="POST",
        data={"text": "Hej! Välkommen till oss.", "kind": "free"},
        own=everyone(200),
    ),
    Case("tone:check", method="PUT", own=everyone(405)),
    Case("tone:panel", method="POST", data=PANEL_POST, headers=HTMX, own=everyone(200)),
    Case(
        "tone:panel",
        label="reply",
        method="POST",
        data={"text": "Ring 070-123 45 67", "kind": "reply"},
        own=everyone(200),
    ),
    Case("tone:panel", own=everyone(405), anonymous=LOGIN),
    Case("tone:lists", own=only_akn(200)),
    Case("tone:lists", method="POST", own=everyone(405)),
    Case(
        "tone:word-add",
        kwargs=lambda side: {"kind": "slang"},
        other=NON_AKN_403,
        method="POST",
        data={"slang-text": "supernajs", "slang-note": "mycket trevligt"},
        own=NON_AKN_403,
    ),
    Case(
        "tone:word-add",
        label="htmx",
        kwargs=lambda side: {"kind": "emoji"},
        other=expect(403, akn=200),
        method="POST",
        headers=HTMX,
        data={"emoji-text": "🫡", "emoji-note": "Honnören läses som ironi."},
        own=expect(403, akn=200),
    ),
    Case(
        "tone:word-add",
        label="unknown list",
        kwargs=lambda side: {"kind": "nonsense"},
        other=expect(403, akn=404),
        method="POST",
        data={"nonsense-text": "x"},
        own=expect(403, akn=404),
    ),
    Case(
        "tone:word-add",
        label="GET",
        kwargs=lambda side: {"kind": "slang"},
        own=everyone(405),
        other=everyone(405),
    ),
    Case("tone:word-remove", method="POST", kwargs=word, own=NON_AKN_403, other=NON_AKN_403),
    Case(
        "tone:word-remove",
        label="htmx",
        method="POST",
        headers=HTMX,
        kwargs=word,
        own=expect(403, akn=200),
        other=expect(403, akn=200),
    ),
    Case("tone:word-remove", kwargs=word, own=everyone(405), other=everyone(405)),
    Case(
        "tone:settings-edit",
        method="POST",
        data={"max_sentence_words": "20", "lix_info_from": "40", "lix_warning_from": "50"},
        own=NON_AKN_403,
    ),
    Case(
        "tone:settings-edit",
        label="invalid",
        method="POST",
        data={"max_sentence_words": "20", "lix_info_from": "55", "lix_warning_from": "50"},
        own=expect(403, akn=400),
    ),
    Case("tone:settings-edit", own=everyone(405)),
]

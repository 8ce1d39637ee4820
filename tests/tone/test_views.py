"""The Språkgranskning page and the live panel: what a person sees for a draft and a reply, and what
bad input does (nothing bad)."""

import html
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Role
from helsocial.tone.checker import DEFAULT_LISTS, CheckContext, Finding, check_text
from helsocial.tone.models import ToneWord
from helsocial.tone.panel import MAX_PANEL_CHARS, segments
from helsocial.tone.services import tone_lists_changed
from tests.factories import UserFactory
from tests.hypothesis_profiles import examples

PANEL = reverse("tone:panel")
PAGE = reverse("tone:check")
HTMX = {"HX-Request": "true"}


def panel(client, **data):
    response = client.post(PANEL, data, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


def rules_in(body: str) -> list[str]:
    return re.findall(r'data-rule="([^"]+)"', body)


def highlighted(body: str) -> str:
    match = re.search(r'<div class="tone-highlight"[^>]*>(.*?)</div>', body, re.S)
    assert match, body
    return match.group(1)


def test_the_page_holds_the_live_panel_wired_to_the_endpoint(communicator_client):
    body = communicator_client.get(PAGE).content.decode()
    assert "Språkgranskning" in body or "Language check" in body
    assert f'hx-post="{PANEL}"' in body
    assert "input changed delay:400ms from:#id_text" in body
    assert 'aria-live="polite"' in body
    assert 'hx-include="closest form"' in body


def test_a_draft_gets_lix_its_band_and_booking_findings(editor_client):
    # "Vi på miljöförvaltningen vill t.ex. bjuda in er till en ny lekplats." — 13 words ("t" and "ex"
    # are two: a word is a run of letters), one sentence (the dot of t.ex. ends none), long words:
    # miljöförvaltningen, lekplats = 2. LIX = 13/1 + 100·2/13 = 28.38 → "Mycket lätt".
    text = "Vi på miljöförvaltningen vill t.ex. bjuda in er till en ny lekplats."
    body = panel(editor_client, text=text, kind="draft", media_type="video", objective="activate")
    assert "data-tone-lix>28,4<" in body
    assert 'data-tone-band="very_easy"' in body and "Mycket lätt" in body
    rules = rules_in(body)
    for rule in (
        "klarsprak.abbreviation",
        "address.formal_ni",
        "address.administration_sender",
        "booking.captions",
        "booking.rights",
        "booking.consent",
        "booking.call_to_action",
    ):
        assert rule in rules
    # The suggestion and the guideline sentence are shown with the Swedish message.
    assert "till exempel" in body
    assert "Vi undviker förkortningar, slang och interna uttryck." in body
    assert "data-tone-blocking" not in body  # a draft has no blocking finding
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", highlighted(body))
    assert "t.ex." in marks and "er" in marks


def test_the_booking_forms_field_names_are_read(communicator_client):
    # The calendar's form posts its text as draft_text and says so in text_field; "text" (media type
    # "text only") is read as no media.
    body = panel(
        communicator_client,
        text_field="draft_text",
        draft_text="Läs mer om sommarlovet.",
        kind="draft",
        media_type="text",
        objective="activate",
        link="https://helsingborg.se/sommarlov",
        title="Rubrik",
    )
    assert rules_in(body) == []
    assert "✓" in body


def test_confirmed_media_are_not_flagged(communicator_client):
    body = panel(
        communicator_client,
        text="Se filmen från invigningen.",
        kind="draft",
        media_type="video",
        captions_confirmed="on",
        rights_confirmed="on",
        consent_confirmed="on",
    )
    assert not {"booking.captions", "booking.rights", "booking.consent"} & set(rules_in(body))


def test_personal_data_in_a_reply_is_blocking_and_shown(kc_client):
    text = "Hej! Ring Anna på 070-123 45 67 eller mejla anna.svensson@gmail.com så löser vi det."
    body = panel(kc_client, text=text, kind="reply")
    assert "data-tone-blocking" in body
    assert rules_in(body).count("reply.personal_data") == 2
    marks = re.findall(r'<mark class="tone-mark tone-mark-blocking">(.*?)</mark>', highlighted(body))
    assert marks == ["070-123 45 67", "anna.svensson@gmail.com"]
    # Severity is written out, not only coloured.
    assert "✖" in body and ("Blockerande" in body or "Blocking" in body)


def test_the_citys_own_number_in_a_reply_is_allowed(kc_client):
    body = panel(kc_client, text="Ring gärna kontaktcenter på 042-10 50 00 så hjälper vi dig.", kind="reply")
    assert "reply.personal_data" not in rules_in(body)
    assert "data-tone-blocking" not in body


def test_the_same_personal_data_in_a_draft_is_a_warning(communicator_client):
    body = panel(communicator_client, text="Ring Anna på 070-123 45 67.", kind="draft")
    assert "text.personal_data" in rules_in(body)
    assert "data-tone-blocking" not in body


def test_script_in_the_text_is_escaped_in_the_highlight(editor_client):
    text = '<script>alert("x")</script> Vi ses t.ex. <b onmouseover="x()">i morgon</b> & ni?'
    body = panel(editor_client, text=text)
    shown = highlighted(body)
    assert "<script>" not in body and "<b " not in body
    assert "&lt;script&gt;" in shown
    # Unescaped, the highlighted copy is the text exactly, with marks around the findings.
    plain = html.unescape(re.sub(r"</?mark[^>]*>", "", shown))
    assert plain == text
    assert "<mark" in shown


def test_overlapping_spans_merge_into_one_mark():
    findings = [
        Finding("a", "", "info", (2, 6), "m"),
        Finding("b", "", "blocking", (4, 9), "m"),
        Finding("c", "", "warning", (9, 11), "m"),  # touches the previous one
        Finding("d", "", "warning", (0, 0), "m"),  # whole text: no mark
        Finding("e", "", "warning", (13, 14), "m"),
    ]
    parts = segments("0123456789abcdef", findings)
    assert [(s.text, s.severity) for s in parts] == [
        ("01", None),
        ("23456789a", "blocking"),
        ("bc", None),
        ("d", "warning"),
        ("ef", None),
    ]


def test_control_characters_and_rtl_marks_are_shown_not_obeyed(editor_client):
    text = "Hej\u202eden här texten\u202c vänds\x00 och \u200fsen"
    body = panel(editor_client, text=text)
    assert "text.control_character" in rules_in(body)
    assert "\u202e" not in body and "\x00" not in body and "\u200f" not in body
    assert "⟦U+202E⟧" in highlighted(body)


def test_empty_text_gives_a_prompt(editor_client):
    body = panel(editor_client, text="", kind="reply")
    assert "tone-highlight" not in body
    body = panel(editor_client, text="   \n ")
    assert "tone-highlight" not in body


def test_a_text_over_the_cap_gets_a_clear_message(editor_client):
    body = panel(editor_client, text="ord " * 25_000)  # 100,000 characters
    assert str(MAX_PANEL_CHARS) in body.replace("\xa0", "").replace(" ", "").replace(",", "")
    assert "tone-highlight" not in body and "data-rule" not in body


def test_a_long_text_under_the_cap_is_checked(editor_client):
    text = ("Vi öppnar en ny lekplats i Slottshagen. " * 1200)[:MAX_PANEL_CHARS]
    body = panel(editor_client, text=text)
    assert "data-tone-lix" in body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": "Hej", "kind": "nonsense", "media_type": "hologram", "objective": "x" * 500},
        {"text_field": "missing"},
        {"text": "😀" * 5000 + "\U0001f3fb\u200d" * 100},
        {"text": "مرحبا بكم في هلسينغبورغ. Привет! Hej då."},
        {"text": "İSTANBUL ni era ERA Ni"},
    ],
)
def test_odd_input_never_fails(editor_client, data):
    response = editor_client.post(PANEL, data, headers=HTMX)
    assert response.status_code == 200


def test_the_page_works_without_javascript(communicator_client):
    response = communicator_client.post(PAGE, {"text": "Vi ses t.ex. i morgon.", "kind": "free"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "klarsprak.abbreviation" in rules_in(body)
    assert "Vi ses t.ex. i morgon." in body  # back in the textarea


def test_a_person_without_a_role_gets_403(client, db):
    nobody = UserFactory(username="nobody")
    client.force_login(nobody)
    assert client.get(PAGE).status_code == 403
    assert client.post(PANEL, {"text": "Hej"}).status_code == 403


def test_the_panel_endpoint_queries_stay_flat_while_the_lists_grow(
    communicator_client, django_assert_num_queries, django_db_blocker
):
    data = {"text": "Vi på miljöförvaltningen vill t.ex. informera er om asså allt 🙃.", "kind": "draft"}
    communicator_client.post(PANEL, data)  # builds this process's lists

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert communicator_client.post(PANEL, data).status_code == 200
    ToneWord.objects.bulk_create(ToneWord(kind="slang", text=f"slangord{i}", note="ord") for i in range(500))
    tone_lists_changed()
    communicator_client.post(PANEL, data)  # rebuilds once
    with CaptureQueriesContext(connection) as large:
        assert communicator_client.post(PANEL, data).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 6  # session, user, roles: no list is read
    assert not [q for q in small.captured_queries if "tone_" in q["sql"]]


def test_the_checker_the_panel_uses_matches_the_pure_one(editor_client):
    # The seeded lists are the module's starting lists: the panel reports what check_text reports.
    text = "Asså, bl.a. ÅVC och LSS har öppet 🙃. Kontakta oss på 070-123 45 67."
    expected = check_text(text, context=CheckContext(kind="reply"), lists=DEFAULT_LISTS)
    body = panel(editor_client, text=text, kind="reply")
    assert sorted(rules_in(body)) == sorted(f.rule for f in expected.findings)


def test_roles_all_reach_the_page(akn_client, lead_client, editor_client, communicator_client, kc_client):
    for client in (akn_client, lead_client, editor_client, communicator_client, kc_client):
        assert client.get(PAGE).status_code == 200


def test_only_akn_sees_the_link_to_the_lists(akn_client, editor_client):
    lists = reverse("tone:lists")
    assert lists in akn_client.get(PAGE).content.decode()
    assert lists not in editor_client.get(PAGE).content.decode()


def test_role_fixture_sanity(communicator):
    assert communicator.role_assignments.filter(role=Role.COMMUNICATOR).exists()


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=400),
    kind=st.sampled_from(["free", "draft", "reply", "", "x"]),
    media=st.sampled_from(["none", "text", "image", "video", "carousel", "link", "?"]),
    objective=st.sampled_from(["", "inform", "activate", "engage", "??"]),
    link=st.text(max_size=40),
)
def test_any_posted_text_and_context_gives_a_panel(editor_client, text, kind, media, objective, link):
    # Form data cannot carry lone surrogates (not UTF-8); everything else arrives as generated.
    text = text.encode("utf-8", "replace").decode("utf-8")
    link = link.encode("utf-8", "replace").decode("utf-8")
    response = editor_client.post(
        PANEL,
        {"text": text, "kind": kind, "media_type": media, "objective": objective, "link": link},
        headers=HTMX,
    )
    assert response.status_code == 200

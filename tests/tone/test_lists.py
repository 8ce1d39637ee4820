"""The word lists are data AKN edits: seeded from the starting lists, and a change takes effect on
the very next check — in this process, and in every other one through the version in the cache."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from helsocial.tone.checker import (
    DEFAULT_ABBREVIATIONS,
    DEFAULT_ALLOWED_ACRONYMS,
    DEFAULT_ALLOWED_PERSONAL_DATA,
    DEFAULT_CALL_TO_ACTION,
    DEFAULT_LISTS,
    DEFAULT_MISREAD_EMOJIS,
    DEFAULT_SLANG,
)
from helsocial.tone.models import ToneSettings, ToneWord
from helsocial.tone.selectors import VERSION_KEY, lists_from_db, tone_lists
from helsocial.tone.services import reply_require_publishable, tone_settings_update, tone_word_add

PANEL = reverse("tone:panel")
HTMX = {"HX-Request": "true"}


def rules(client, text, **context):
    body = client.post(PANEL, {"text": text, **context}, headers=HTMX).content.decode()
    return re.findall(r'data-rule="([^"]+)"', body)


def test_the_migration_seeds_the_starting_lists(db):
    counts = {kind: ToneWord.objects.filter(kind=kind).count() for kind in ToneWord.Kind.values}
    assert counts == {
        "abbreviation": len(DEFAULT_ABBREVIATIONS),
        "acronym": len(DEFAULT_ALLOWED_ACRONYMS),
        "slang": len(DEFAULT_SLANG),
        "emoji": len(DEFAULT_MISREAD_EMOJIS),
        "call_to_action": len(DEFAULT_CALL_TO_ACTION),
        "personal_data": len(DEFAULT_ALLOWED_PERSONAL_DATA),
    }
    lists = lists_from_db()
    assert lists.abbreviations == DEFAULT_LISTS.abbreviations
    assert lists.slang == DEFAULT_LISTS.slang
    assert lists.misread_emojis == DEFAULT_LISTS.misread_emojis
    assert lists.allowed_acronyms == DEFAULT_LISTS.allowed_acronyms
    assert set(lists.call_to_action) == set(DEFAULT_LISTS.call_to_action)
    assert set(lists.allowed_personal_data) == set(DEFAULT_LISTS.allowed_personal_data)
    assert (lists.max_sentence_words, lists.lix_info_from, lists.lix_warning_from) == (25, 40.0, 50.0)


def test_a_slang_word_akn_adds_is_flagged_on_the_next_check(akn_client, editor_client):
    text = "Det blir supernajs i parken på lördag."
    assert "klarsprak.slang" not in rules(editor_client, text)
    response = akn_client.post(
        reverse("tone:word-add", args=["slang"]),
        {"slang-text": "supernajs", "slang-note": "mycket trevligt"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'id="tone-list-slang"' in response.content.decode() and "supernajs" in response.content.decode()
    body = editor_client.post(PANEL, {"text": text}, headers=HTMX).content.decode()
    assert 'data-rule="klarsprak.slang"' in body and "mycket trevligt" in body


def test_a_removed_word_is_no_longer_flagged(akn_client, editor_client):
    text = "Vi har ca 40 platser kvar."
    assert "klarsprak.abbreviation" in rules(editor_client, text)
    word = ToneWord.objects.get(kind="abbreviation", text="ca.")
    response = akn_client.post(reverse("tone:word-remove", args=[word.pk]), headers=HTMX)
    assert response.status_code == 200 and "ca." not in re.findall(
        r"<td>([^<]*)</td>", response.content.decode()
    )
    assert "klarsprak.abbreviation" not in rules(editor_client, text)


def test_an_allowed_acronym_stops_being_flagged(akn_client, editor_client):
    text = "LSS ger stöd till personer med funktionsnedsättning."
    assert "klarsprak.acronym" in rules(editor_client, text)
    akn_client.post(reverse("tone:word-add", args=["acronym"]), {"acronym-text": "lss"})
    assert ToneWord.objects.filter(kind="acronym", text="LSS").exists()
    assert "klarsprak.acronym" not in rules(editor_client, text)


def test_a_city_contact_detail_added_to_the_allow_list_may_be_in_a_reply(akn_client, kc_client):
    text = "Ring miljöförvaltningens jour på 042-10 60 00."
    assert "reply.personal_data" in rules(kc_client, text, kind="reply")
    akn_client.post(
        reverse("tone:word-add", args=["personal_data"]),
        {"personal_data-text": "042-10 60 00", "personal_data-note": "Miljöförvaltningens jour"},
    )
    assert "reply.personal_data" not in rules(kc_client, text, kind="reply")


def test_a_new_threshold_applies_on_the_next_check(akn_client, editor_client):
    text = "Nu kan du boka en tid för att lämna in grovsopor på återvinningscentralen vid hamnen i dag."
    assert "klarsprak.long_sentence" not in rules(editor_client, text)
    response = akn_client.post(
        reverse("tone:settings-edit"),
        {"max_sentence_words": "10", "lix_info_from": "40", "lix_warning_from": "50"},
    )
    assert response.status_code == 302
    assert ToneSettings.objects.get(pk=1).max_sentence_words == 10
    assert "klarsprak.long_sentence" in rules(editor_client, text)


def test_thresholds_in_the_wrong_order_are_refused_with_a_message(akn_client):
    response = akn_client.post(
        reverse("tone:settings-edit"),
        {"max_sentence_words": "25", "lix_info_from": "55", "lix_warning_from": "50"},
    )
    assert response.status_code == 400
    assert ToneSettings.objects.get(pk=1).lix_info_from == Decimal(40)


def test_a_duplicate_in_another_case_is_refused_not_a_500(akn_client):
    response = akn_client.post(
        reverse("tone:word-add", args=["abbreviation"]), {"abbreviation-text": "T.EX."}, headers=HTMX
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert ToneWord.objects.filter(kind="abbreviation", text__iexact="t.ex.").count() == 1


def test_an_empty_word_is_refused(akn_client):
    response = akn_client.post(reverse("tone:word-add", args=["slang"]), {"slang-text": "   "})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()


def test_the_lists_page_shows_every_list(akn_client):
    body = akn_client.get(reverse("tone:lists")).content.decode()
    for kind in ToneWord.Kind.values:
        assert f'id="tone-list-{kind}"' in body
    assert "till exempel" in body and "🙃" in body


def test_a_process_reuses_its_lists_until_the_version_changes(db, django_assert_num_queries):
    first = tone_lists()
    with django_assert_num_queries(0):
        assert tone_lists() is first


def test_a_change_committed_by_another_process_is_picked_up(db):
    before = tone_lists()
    # Another process writes and announces the change: a row, and a new version in the shared cache.
    ToneWord.objects.create(kind="slang", text="fräsig", note="fin")
    assert tone_lists() is before  # not announced yet: this process keeps its copy
    cache.set(VERSION_KEY, "written-by-another-process", timeout=None)
    assert "fräsig" in tone_lists().slang


def test_a_lost_cache_version_makes_processes_rebuild(db):
    before = tone_lists()
    cache.delete(VERSION_KEY)  # Redis restarted or the key was evicted
    after = tone_lists()
    assert after is not before and after.slang == before.slang


def test_every_write_announces_itself_again_after_commit(db, django_capture_on_commit_callbacks):
    tone_lists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tone_word_add(by=None, kind="slang", text="mysigt", note="")
        token_now = cache.get(VERSION_KEY)
    assert len(callbacks) == 1
    assert cache.get(VERSION_KEY) != token_now


def test_settings_update_refuses_a_warning_below_the_note(db):
    with pytest.raises(ValidationError):
        tone_settings_update(
            by=None, max_sentence_words=20, lix_info_from=Decimal(50), lix_warning_from=Decimal(40)
        )


def test_a_reply_with_personal_data_is_refused_by_the_service(db):
    with pytest.raises(ValidationError) as error:
        reply_require_publishable(text="Hej Anna! Ditt personnummer 811218-9876 är registrerat.")
    assert [e.code for e in error.value.error_list] == ["reply.personal_data"]
    report = reply_require_publishable(text="Ring kontaktcenter på 042-10 50 00, så hjälper vi dig.")
    assert not report.blocking

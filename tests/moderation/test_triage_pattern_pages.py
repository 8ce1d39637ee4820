"""AKN's pattern page: a pattern or group saved there applies to the next comment; a try saves nothing."""

import pytest
from django.urls import reverse

from moderation.ingest import comments_ingest
from moderation.models import Comment, TriagePattern, TriageWordGroup
from moderation.triage import patterns_match, ruleset_load

from .helpers import remote

pytestmark = pytest.mark.django_db


def test_a_pattern_added_in_the_portal_applies_to_the_next_comment(akn_client, account):
    response = akn_client.post(
        reverse("moderation:triage-pattern-add"),
        {"label": "threat", "name": "krossa någon", "pattern": "=krossa ..2 {offer}"},
    )
    assert response.status_code == 302
    assert TriagePattern.objects.get(name="krossa någon").updated_by is not None
    comments_ingest(account=account, items=[remote("c1", "Jag ska krossa den där handläggaren")])
    comment = Comment.objects.get()
    assert "threat" in comment.labels
    assert {
        "label": "threat",
        "code": "pattern",
        "pattern": "krossa någon",
        "match": "krossa den där handläggaren",
    } in (comment.reasons)


def test_a_pattern_that_cannot_be_read_is_refused_in_swedish(akn_client):
    response = akn_client.post(
        reverse("moderation:triage-pattern-add"),
        {"label": "threat", "name": "x", "pattern": "{finns_inte} ~2 =dig"},
    )
    assert response.status_code == 400
    assert "Det finns ingen ordgrupp som heter finns_inte." in response.content.decode()
    assert not TriagePattern.objects.filter(name="x").exists()


def test_a_switched_off_pattern_gives_no_label(akn_client, account, settings):
    # Several starting patterns read a modal near a violent passive (a narrow and a wider reading);
    # every one of them is switched off. The trained model, which reads the same words, is too.
    settings.TRIAGE_MODEL = "off"
    text = "Kommunalrådet borde skjutas"
    names = {name for label, name, _words in patterns_match(text, ruleset_load()) if label == "threat"}
    assert {"avsikt och våld i passiv form", "avsikt och våld i passiv form, nära"} <= names
    for name in names:
        pattern = TriagePattern.objects.get(label="threat", name=name)
        assert (
            akn_client.post(reverse("moderation:triage-pattern-toggle", args=[pattern.pk])).status_code == 302
        )
    comments_ingest(account=account, items=[remote("c1", text)])
    assert "threat" not in Comment.objects.get().labels


def test_a_group_change_that_would_break_a_pattern_is_refused(akn_client):
    before = TriageWordGroup.objects.get(name="avsikt").words
    response = akn_client.post(
        reverse("moderation:triage-group-save"), {"name": "avsikt", "words": "{finns_inte}", "note": ""}
    )
    assert response.status_code == 400
    assert TriageWordGroup.objects.get(name="avsikt").words == before


def test_a_group_cannot_contain_itself(akn_client):
    akn_client.post(reverse("moderation:triage-group-save"), {"name": "a", "words": "=ord", "note": ""})
    akn_client.post(reverse("moderation:triage-group-save"), {"name": "b", "words": "{a}", "note": ""})
    response = akn_client.post(
        reverse("moderation:triage-group-save"), {"name": "a", "words": "{b}", "note": ""}
    )
    assert response.status_code == 400
    assert TriageWordGroup.objects.get(name="a").words == "=ord"


def test_a_group_saved_in_the_portal_widens_its_patterns(akn_client, account):
    words = TriageWordGroup.objects.get(name="våld_passiv").words
    response = akn_client.post(
        reverse("moderation:triage-group-save"),
        {"name": "våld_passiv", "words": words + ", =dränkas", "note": ""},
    )
    assert response.status_code == 302
    comments_ingest(account=account, items=[remote("c1", "Den där tjänstemannen borde dränkas")])
    assert "threat" in Comment.objects.get().labels


def test_the_try_page_shows_what_a_pattern_would_catch_escaped_and_saves_nothing(akn_client, account):
    comments_ingest(
        account=account,
        items=[remote("c1", "Jag ska krossa dig <b>nu</b>"), remote("c2", "Krossade tomater på pizzan")],
    )
    patterns = TriagePattern.objects.count()
    response = akn_client.post(
        reverse("moderation:triage-pattern-try"),
        {"label": "threat", "pattern": "=krossa ..2 {offer}", "last": "100"},
    )
    assert response.status_code == 200
    trial = response.context["trial"]
    assert trial.tried == 2
    assert [(m.comment.platform_id, m.match) for m in trial.matches] == [("c1", "krossa dig")]
    assert "Jag ska krossa dig &lt;b&gt;nu&lt;/b&gt;" in response.content.decode()
    assert TriagePattern.objects.count() == patterns

"""Every named constraint says in Swedish what is wrong: a constraint's name never reaches a person.

A ModelForm validates the model's constraints and shows each one's `violation_error_message`; without
one Django printed "Begränsningen “tone_settings_lix_order” överträds." on AKN's settings page (issue
#12). This walks every constraint of the project's models, as the access matrix walks every URL: a
new constraint without a message of its own, translated, fails here.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

PROJECT_PACKAGES = {"accounts", "calendar_booking", "moderation", "metrics", "platforms", "helsocial"}


def project_constraints():
    for model in apps.get_models():
        if model._meta.app_config.name.split(".")[0] in PROJECT_PACKAGES:
            for constraint in model._meta.constraints:
                yield pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")


CONSTRAINTS = list(project_constraints())


def test_the_walk_finds_the_constraints():
    # Guards the parametrised test below against passing because it found nothing.
    assert len(CONSTRAINTS) >= 30


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS)
def test_every_constraint_has_its_own_message_in_swedish(model, constraint):
    message = constraint.violation_error_message
    assert message != constraint.default_violation_error_message, "give it a violation_error_message"
    with translation.override("en"):
        english = str(message)
    with translation.override("sv"):
        swedish = str(message)
    assert swedish != english, f"no Swedish translation of {english!r}"
    for text in (english, swedish):
        assert constraint.name not in text and "%(name)s" not in text


@pytest.mark.django_db
def test_the_lix_order_is_refused_in_swedish_without_the_constraint_name(akn_client):
    response = akn_client.post(
        reverse("tone:settings-edit"),
        {"max_sentence_words": "25", "lix_info_from": "55", "lix_warning_from": "45"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "LIX-värdet för en notering får inte vara högre än värdet för en varning." in body
    assert "tone_settings_lix_order" not in body and "Begränsningen" not in body


@pytest.mark.django_db
def test_an_agreement_ending_before_it_starts_is_refused_in_swedish(akn_client, administration):
    response = akn_client.post(
        reverse("calendar_booking:agreement-create"),
        {"administration": administration.pk, "valid_from": "2026-05-01", "valid_until": "2026-04-01"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Överenskommelsen kan inte sluta före den dag den börjar." in body
    assert "kc_agreement_period_ordered" not in body


@pytest.mark.django_db
def test_a_triage_word_twice_on_a_label_is_refused_in_swedish(akn_client):
    url = reverse("moderation:triage-term-add")
    data = {"label": "spam", "term": "tjäna pengar snabbt", "match": "exact"}
    assert akn_client.post(url, data).status_code == 302
    response = akn_client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Etiketten har redan det här ordet." in body
    assert "triage_term_once_per_label" not in body


@pytest.mark.django_db
def test_two_guideline_versions_on_one_day_are_refused_in_swedish(akn_client):
    url = reverse("accounts:guideline-create")
    data = {
        "title": "Riktlinjer för sociala medier",
        "in_force_from": "2027-03-01",
        "url": "https://helsingborg.se/riktlinjer.pdf",
        "changes": "",
    }
    assert akn_client.post(url, data).status_code == 302
    response = akn_client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "En version börjar redan gälla den dagen." in body
    assert "guideline_version_one_per_day" not in body

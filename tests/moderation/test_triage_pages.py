"""AKN's triage pages: lists edited in the portal take effect at once; a change is tried first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from moderation import services
from moderation.ingest import comments_ingest
from moderation.models import Comment, TriageDomain, TriageRule, TriageTerm

from .helpers import remote

pytestmark = pytest.mark.django_db


def test_only_akn_edits_the_lists(lead_client, kc_client):
    for client in (lead_client, kc_client):
        assert client.get(reverse("moderation:triage-lists")).status_code == 403
        assert (
            client.post(reverse("moderation:triage-term-add"), {"label": "threat", "term": "x"}).status_code
            == 403
        )


def test_a_word_added_in_the_portal_applies_to_the_next_comment(akn_client, account):
    response = akn_client.post(
        reverse("moderation:triage-term-add"), {"label": "threat", "term": "krossa dig", "match": "stem"}
    )
    assert response.status_code == 302
    comments_ingest(account=account, items=[remote("c1", "Jag ska krossa dig")])
    assert Comment.objects.get().labels == ["threat"]


def test_a_domain_is_stored_without_scheme_or_path(akn_client):
    akn_client.post(
        reverse("moderation:triage-domain-add"), {"domain": "https://www.Fejk.example/a/b", "kind": "blocked"}
    )
    assert TriageDomain.objects.filter(domain="fejk.example", kind="blocked").exists()


def test_the_try_page_shows_whose_labels_would_change_and_saves_nothing(akn_client, account):
    comments_ingest(
        account=account, items=[remote("c1", "Jag ska mosa dig <b>nu</b>"), remote("c2", "Hur gör jag?")]
    )
    terms = TriageTerm.objects.count()
    response = akn_client.post(
        reverse("moderation:triage-try"),
        {"add_label": "threat", "add_term": "mosa dig", "add_match": "stem", "last": "100"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.tried == 2
    assert [row.comment.platform_id for row in outcome.changed] == ["c1"]
    assert outcome.changed[0].after == ["threat"]
    assert "<td>Hot → Ta bort</td>" in body  # names in Swedish, not the codes
    assert "Jag ska mosa dig &lt;b&gt;nu&lt;/b&gt;" in body
    assert TriageTerm.objects.count() == terms


def test_the_try_page_can_block_a_domain_or_remove_a_word(akn_client, account):
    comments_ingest(
        account=account, items=[remote("c1", "Läs https://okand.example/x"), remote("c2", "Tack för idag!")]
    )
    response = akn_client.post(
        reverse("moderation:triage-try"), {"block_domain": "okand.example", "add_match": "stem", "last": "10"}
    )
    assert [r.action_after for r in response.context["outcome"].changed] == ["delete"]
    tack = TriageTerm.objects.get(label="praise", term="tack")
    response = akn_client.post(
        reverse("moderation:triage-try"), {"remove_term": tack.pk, "add_match": "stem", "last": "10"}
    )
    assert [r.comment.platform_id for r in response.context["outcome"].changed] == ["c2"]


def test_an_invalid_rule_edit_shows_its_error_beside_the_rule(akn_client):
    rule = TriageRule.objects.get(label="spam")
    response = akn_client.post(
        reverse("moderation:triage-rule-edit", args=[rule.pk]), {"action": "explode", "is_enabled": "on"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    row = body[body.index(f'<tr id="triage-rule-{rule.pk}">') :]
    row = row[: row.index("</tr>")]
    assert 'aria-invalid="true"' in row and f'id="rule-errors-{rule.pk}"' in row
    assert "explode" in row  # Django's "not one of the available choices", in Swedish
    assert TriageRule.objects.get(pk=rule.pk).action == rule.action


def test_a_word_already_on_the_label_is_refused_in_swedish(akn_client):
    url = reverse("moderation:triage-term-add")
    data = {"label": "threat", "term": "krossa dig", "match": "stem"}
    assert akn_client.post(url, data).status_code == 302
    response = akn_client.post(url, data)
    assert response.status_code == 400
    assert "Etiketten har redan det här ordet." in response.content.decode()
    assert TriageTerm.objects.filter(label="threat", term="krossa dig").count() == 1


def test_the_words_and_domains_unique_keys_decide_not_a_prior_lookup(akn_user):
    # What two people adding the same word at once meet: the second insert hits the constraint.
    services.triage_term_add(by=akn_user, label="threat", term="plommonstop", match="stem")
    with pytest.raises(ValidationError) as caught:
        services.triage_term_add(by=akn_user, label="threat", term="plommonstop", match="exact")
    assert caught.value.message_dict == {"term": ["Etiketten har redan det här ordet."]}
    services.triage_domain_add(by=akn_user, domain="fejk.example", kind="blocked")
    with pytest.raises(ValidationError) as caught:
        services.triage_domain_add(by=akn_user, domain="fejk.example", kind="trusted")
    assert caught.value.message_dict == {"domain": ["Domänen finns redan i listan."]}
    assert TriageDomain.objects.get(domain="fejk.example").kind == "blocked"

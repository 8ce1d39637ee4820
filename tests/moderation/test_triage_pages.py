"""AKN's triage pages: lists edited in the portal take effect at once; a change is tried first."""

import pytest
from django.urls import reverse

from moderation.ingest import comments_ingest
from moderation.models import Comment, TriageDomain, TriageTerm

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
        account=account, items=[remote("c1", "Jag ska krossa dig <b>nu</b>"), remote("c2", "Hur gör jag?")]
    )
    terms = TriageTerm.objects.count()
    response = akn_client.post(
        reverse("moderation:triage-try"),
        {"add_label": "threat", "add_term": "krossa dig", "add_match": "stem", "last": "100"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.tried == 2
    assert [row.comment.platform_id for row in outcome.changed] == ["c1"]
    assert outcome.changed[0].after == ["threat"]
    assert "Jag ska krossa dig &lt;b&gt;nu&lt;/b&gt;" in body
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

"""Nothing a logged-in person sees is kept by a cache; the access matrix checks every URL, this the
details."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_logged_in_page_and_its_fragment_are_private_and_not_stored(lead_client):
    for headers in ({}, {"HX-Request": "true"}):
        response = lead_client.get(reverse("accounts:account-list"), headers=headers)
        assert response["Cache-Control"] == "private, no-store"


def test_an_error_page_for_a_logged_in_person_is_not_stored(lead_client):
    assert lead_client.get("/no-such-page/")["Cache-Control"] == "private, no-store"
    assert lead_client.get(reverse("accounts:person-list"))["Cache-Control"] == "private, no-store"


def test_a_view_that_forbids_caching_keeps_its_own_stricter_header(akn_client):
    header = akn_client.get(reverse("healthz"))["Cache-Control"]
    assert "no-store" in header and "must-revalidate" in header


def test_an_answer_to_an_anonymous_visitor_is_left_to_its_view(client):
    # Public answers (the calendar feeds Outlook reads, the health check) set their own headers.
    assert "Cache-Control" not in client.get("/no-such-page/")

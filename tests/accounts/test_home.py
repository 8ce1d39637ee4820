"""The start page offers each role its cards; the access layer decides, the template only shows."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

CARDS = {
    "register": "AKN: the city's accounts",
    "editors": "Editors of your accounts",
    "books": "Communicator",
    "kc": "Contact centre",
}


@pytest.mark.parametrize(
    ("who", "offered"),
    [
        ("akn_client", {"register", "editors"}),
        ("lead_client", {"editors"}),
        ("editor_client", set()),
        ("communicator_client", {"books"}),
        ("kc_client", {"kc"}),
    ],
)
def test_the_start_page_offers_each_role_its_cards(request, who, offered):
    body = request.getfixturevalue(who).get(reverse("home")).content.decode()
    with translation.override("sv"):
        shown = {
            card
            for card, title in CARDS.items()
            if f'<h3 class="h6 card-title">{gettext(title)}</h3>' in body
        }
    assert shown == offered

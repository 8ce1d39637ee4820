"""Personal data in Swedish text: what is found, what is not, and the city's own details.

Pure Python: runs with `pytest -p no:django` as well as in the Django suite.
"""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helsocial.personal_data import find_personal_data, luhn_valid
from tests.hypothesis_profiles import examples

CITY = ("042-10 50 00", "kontaktcenter@helsingborg.se", "Drottninggatan 2")


def kinds_and_values(text, **kwargs):
    return [(m.kind, m.value) for m in find_personal_data(text, **kwargs)]


# --- phone numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67",
        "0701234567",
        "070 123 45 67",
        "+46 70 123 45 67",
        "+46701234567",
        "0046 70-123 45 67",
        "042-12 34 56",
        "08-123 456 78",
        "08-12 34 56",
        "0431-123 45",
        "(042) 12 34 56",
        "+46 (0)42-12 34 56",
    ],
)
def test_swedish_phone_numbers_are_found_whole(number):
    text = f"Ring mig på {number} efter lunch."
    assert kinds_and_values(text) == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Eldningsförbudet gäller från 2024-05-17.",
        "Vi har öppet kl 08.00–17.00 på vardagar.",
        "Vi plogar 500 kilometer gator.",
        "Huset byggdes år 1990 och renoverades 2015.",
        "Blanda 0,5 liter vatten med mjölet.",
        "Matchen slutade 3-1 efter förlängning.",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_not_found(text):
    assert find_personal_data(text) == []


# --- e-mail -----------------------------------------------------------------------------------------


def test_an_email_address_is_found_without_the_full_stop_after_it():
    text = "Mejla anna.svensson@example.com."
    [match] = find_personal_data(text)
    assert (match.kind, match.value) == ("email", "anna.svensson@example.com")
    assert text[match.start : match.end] == match.value


def test_an_address_without_a_top_level_domain_is_not_an_email():
    assert find_personal_data("Skriv till info@intranatet eller @helsingborg på Instagram.") == []


def test_a_number_before_the_at_sign_is_part_of_the_email_not_a_phone():
    assert kinds_and_values("Skicka till 0701234567@sms.example.se") == [
        ("email", "0701234567@sms.example.se")
    ]


# --- personnummer -----------------------------------------------------------------------------------

# Luhn over YYMMDDNNN, weights 2,1,2,1,… from the left; a product over 9 counts its digit sum.
# 811218-987?: 8·2=16→7, 1, 1·2=2, 2, 1·2=2, 8, 9·2=18→9, 8, 7·2=14→5; sum 44 → check digit 6.
# 811278-987? (samordningsnummer, day 18+60): 7, 1, 2, 2, 7·2=14→5, 8, 9, 8, 5; sum 47 → check digit 3.


@pytest.mark.parametrize(
    "number",
    [
        "811218-9876",
        "8112189876",
        "811218+9876",
        "19811218-9876",
        "198112189876",
        "811218 9876",
        "811278-9873",
    ],
)
def test_personnummer_with_a_valid_check_digit_are_found(number):
    text = f"Mitt personnummer är {number}, kan ni kolla?"
    assert kinds_and_values(text) == [("personnummer", number)]


@pytest.mark.parametrize(
    "number",
    [
        "811218-9875",  # wrong check digit
        "811218-9870",
        "198112189875",
        "811318-9876",  # month 13
        "811232-9876",  # day 32
        "212000-1132",  # an organisation number: month 20
    ],
)
def test_numbers_without_a_valid_date_and_check_digit_are_not_personnummer(number):
    assert ("personnummer", number) not in kinds_and_values(f"Numret {number} stod på blanketten.")


def test_luhn_matches_the_hand_computed_check_digits():
    assert luhn_valid("8112189876")
    assert luhn_valid("8112789873")
    assert not luhn_valid("8112189875")


# --- street addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12",
        "Storgatan 12B",
        "Södra Storgatan 5 A",
        "Järnvägsgatan 3",
        "drottninggatan 14",
        "Hälsovägen 7",
        "Stortorget 17",
        "Carl Krooks gata 30",
        "Olof Palmes plats 1",
        "Rådhusplan 4",
        "Kullaleden 112",
        "Storgatan 12, 252 21 Helsingborg",
    ],
)
def test_street_addresses_are_found(address):
    text = f"Hon bor på {address} sedan i våras."
    assert kinds_and_values(text) == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "Vi var på vägen 2 gånger i veckan.",
        "Mötet är på plan 2 i stadshuset.",
        "Den här gången 3 barn fick plats.",
        "Storgatan är avstängd i helgen.",
        "Under leden 4 kilometer söderut finns en rastplats.",
    ],
)
def test_street_words_that_are_ordinary_nouns_are_not_addresses(text):
    assert find_personal_data(text) == []


# --- the allow-list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ring växeln på 042-10 50 00.",
        "Ring växeln på 042105000.",
        "Ring växeln på +46 42 10 50 00.",
        "Ring växeln på (042) 10 50 00.",
        "Mejla KontaktCenter@Helsingborg.se så hjälper vi dig.",
        "Besök oss på Drottninggatan 2.",
        "Besök oss på drottninggatan 2, 252 21 Helsingborg.",
    ],
)
def test_the_citys_own_contact_details_are_allowed_however_they_are_written(text):
    assert find_personal_data(text, allow=CITY) == []


def test_the_allow_list_allows_only_its_own_entries():
    text = "Ring 042-10 50 01, mejla anna@helsingborg.se eller gå till Drottninggatan 3."
    assert kinds_and_values(text, allow=CITY) == [
        ("phone", "042-10 50 01"),
        ("email", "anna@helsingborg.se"),
        ("address", "Drottninggatan 3"),
    ]


def test_an_allow_list_entry_starting_with_at_allows_a_whole_domain():
    assert find_personal_data("Mejla anna.larsson@helsingborg.se", allow=["@helsingborg.se"]) == []


# --- offsets, order, limits -------------------------------------------------------------------------


def test_offsets_are_code_points_into_the_text_as_received():
    text = "🙂🙂 Ring 070-123 45 67 eller mejla a@b.se 🙂"
    for match in find_personal_data(text):
        assert text[match.start : match.end] == match.value
    assert [m.start for m in find_personal_data(text)] == [8, 34]


def test_matches_come_in_order_without_overlaps():
    text = "a@b.se 811218-9876 Storgatan 1 070-123 45 67"
    matches = find_personal_data(text)
    assert [m.kind for m in matches] == ["email", "personnummer", "address", "phone"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


def test_a_limit_stops_the_scan_early():
    text = "070-123 45 67 " * 1000
    assert len(find_personal_data(text, limit=5)) == 5
    assert len(find_personal_data(text)) == 1000


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_any_text_gives_matches_that_index_it(text):
    previous_end = 0
    for match in find_personal_data(text, allow=CITY):
        assert previous_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.value
        previous_end = match.end


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["070-123 45 67", "811218-9876", "a@b.se", "Storgatan 5", " ", "\n", "-", "+", "(", "0", "@", "é"]
        )
    ).map("".join)
)
def test_glued_fragments_of_personal_data_never_break_the_finder(text):
    for match in find_personal_data(text):
        assert text[match.start : match.end] == match.value


@settings(max_examples=examples(2000), deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"0123456789 -+()/#–\u00a0aGt.", "gatan ", "@x.se", "19", "46", "070"]),
        max_size=30,
    ).map("".join)
)
def test_skipping_short_numbers_finds_what_scanning_every_number_finds(text):
    from helsocial import personal_data

    fast = personal_data.find_personal_data(text)
    shortest, personal_data._SHORTEST_NUMBER = personal_data._SHORTEST_NUMBER, 0
    try:
        slow = personal_data.find_personal_data(text)
    finally:
        personal_data._SHORTEST_NUMBER = shortest
    assert fast == slow

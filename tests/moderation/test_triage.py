"""Triage per label on real Swedish comments, including ones that must not be flagged."""

import pytest

from moderation.models import TriageDomain, TriageRule, TriageTerm
from moderation.triage import AuthorHistory, ruleset_load, triage_text

from .helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(administration):
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def labels(text, rules, **kwargs):
    return triage_text(text=text, rules=rules, **kwargs).labels


@pytest.mark.parametrize(
    "text",
    [
        "Hur gör jag för att söka plats på fritidsgården",
        "Undrar om biblioteket har öppet på lördag",
        "Vet någon när simhallen öppnar igen",
        "Hej! Var kan jag hämta ut mitt lånekort",
        "När börjar sommarlovsaktiviteterna?",
        "Jag skulle vilja veta vem jag kontaktar om bygglov",
    ],
)
def test_questions_are_recognised_with_and_without_a_question_mark(text, rules):
    assert "question" in labels(text, rules)


@pytest.mark.parametrize(
    "text",
    [
        "Jag vet inte hur ni tänker med den nya cykelbanan",
        "Vi bor på hotell i helgen, fint väder",
        "Det var bättre förr när det fanns en kiosk här",
    ],
)
def test_statements_with_question_words_inside_are_not_questions(text, rules):
    assert "question" not in labels(text, rules)


def test_an_opinion_is_not_answered(rules):
    verdict = triage_text(
        text="Slöseri med skattepengar, borde lagt pengarna på skolan istället", rules=rules
    )
    assert verdict.labels == ["opinion"]
    assert verdict.action == "no_action"


def test_plain_text_without_anything_is_an_opinion_with_a_reason(rules):
    verdict = triage_text(text="Det var bättre förr", rules=rules)
    assert verdict.labels == ["opinion"]
    assert verdict.reasons == [{"label": "opinion", "code": "no_question"}]


@pytest.mark.parametrize(
    "text", ["Tack för en härlig dag i parken!", "Bra jobbat med julmarknaden ❤️", "Toppen 👏"]
)
def test_praise_gets_a_like(text, rules):
    verdict = triage_text(text=text, rules=rules)
    assert "praise" in verdict.labels
    assert verdict.action == "like"


def test_a_greeting_is_no_praise_and_here_is_not_lovely(rules):
    assert "praise" not in labels("Hej, här är det fullt med löv på gångvägen", rules)


@pytest.mark.parametrize(
    "text",
    [
        "Jag ska döda dig om du kommer hit igen",
        "Jag vet var du bor",
        "Någon borde sätta eld på stadshuset",
        "Vi ska spränga hela rådhuset",
        "Han mördade ju nästan hela debatten… nej vänta, jag ska mörda er alla",
    ],
)
def test_threats_in_their_word_forms(text, rules):
    verdict = triage_text(text=text, rules=rules)
    assert "threat" in verdict.labels
    assert verdict.action in {"delete", "block"}


@pytest.mark.parametrize(
    "text",
    [
        "Vi bor på hotell vid Stortorget",
        "Klimathotet är vår tids största fråga",
        "Min morfar dog förra året, tack för en fin minnesstund",
        "Bomullsväskorna på biblioteket är så fina",
    ],
)
def test_innocent_words_that_look_like_threats_are_not(text, rules):
    assert "threat" not in labels(text, rules)


@pytest.mark.parametrize(
    "text", ["Åk hem till ditt eget land", "Jävla svartskallar överallt", "Blattarna förstör allt"]
)
def test_racism(text, rules):
    verdict = triage_text(text=text, rules=rules)
    assert "racism" in verdict.labels
    assert verdict.action == "delete"


@pytest.mark.parametrize(
    "text", ["Du är en idiot", "Vilka idioter som jobbar där", "Håll käften, din korkade tönt"]
)
def test_personal_attacks_suggest_blocking(text, rules):
    verdict = triage_text(text=text, rules=rules)
    assert "personal_attack" in verdict.labels
    assert verdict.action == "block"


def test_a_question_with_a_personal_attack_is_urgent_and_blocked(rules):
    verdict = triage_text(text="Varför är ni så korkade?", rules=rules)
    assert verdict.labels == ["question", "personal_attack"]
    assert verdict.action == "block"
    assert verdict.is_urgent


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ring mig på 070-123 45 67 så löser vi det", "phone"),
        ("Min mejl är anna.andersson@gmail.com", "email"),
        ("Mitt personnummer är 811218-9876", "personnummer"),
        ("Hon bor på Drottninggatan 14 i Helsingborg", "address"),
    ],
)
def test_personal_data_is_hidden(text, kind, rules):
    verdict = triage_text(text=text, rules=rules)
    assert "personal_data" in verdict.labels
    assert verdict.action == "hide"
    assert {"label": "personal_data", "code": "personal_data", "kind": kind} in verdict.reasons


def test_a_personnummer_with_a_wrong_check_digit_is_not_personal_data(rules):
    assert "personal_data" not in labels("Ärendenummer 811218-9875", rules)


def test_the_citys_own_contact_details_are_not_personal_data(rules):
    assert "personal_data" not in labels("Ring 042-10 50 00 eller mejla kontaktcenter@helsingborg.se", rules)


def test_a_link_to_a_blocked_domain_is_misinformation_to_delete(rules):
    verdict = triage_text(text="Läs sanningen här https://www.samnytt.se/artikel/123", rules=rules)
    assert verdict.labels == ["misinformation"]
    assert verdict.action == "delete"
    assert verdict.reasons == [{"label": "misinformation", "code": "blocked_domain", "domain": "samnytt.se"}]


def test_an_unknown_domain_is_flagged_for_review_without_an_action(rules):
    verdict = triage_text(text="Se https://okand-blogg.example/inlagg", rules=rules)
    assert verdict.labels == ["misinformation"]
    assert verdict.action == "no_action"
    assert verdict.reasons[0]["code"] == "unknown_domain"


def test_links_to_trusted_domains_pass(rules):
    assert labels("Info finns på https://helsingborg.se/skola och krisinformation.se", rules) == ["opinion"]


def test_an_image_is_flagged_for_rights(rules):
    verdict = triage_text(text="Kolla bilden", attachments=("https://cdn.example/bild.jpg",), rules=rules)
    assert "rights" in verdict.labels


def test_the_same_author_repeating_themselves_is_spam(rules):
    history = AuthorHistory()
    first = triage_text(
        text="Köp billiga solglasögon på min sida nu",
        author_id="7",
        created_at=at("2026-11-23 10:00"),
        rules=rules,
        history=history,
    )
    second = triage_text(
        text="Köp billiga solglasögon på min sida NU!",
        author_id="7",
        created_at=at("2026-11-23 11:00"),
        rules=rules,
        history=history,
    )
    other = triage_text(
        text="Köp billiga solglasögon på min sida nu",
        author_id="8",
        created_at=at("2026-11-23 11:00"),
        rules=rules,
        history=history,
    )
    assert "spam" not in first.labels
    assert "spam" in second.labels
    assert "spam" not in other.labels


def test_a_short_thanks_twice_is_not_spam(rules):
    history = AuthorHistory()
    for hour in (10, 11):
        verdict = triage_text(
            text="Tack!", author_id="7", created_at=at(f"2026-11-23 {hour}:00"), rules=rules, history=history
        )
    assert "spam" not in verdict.labels


def test_a_burst_of_comments_is_spam(rules):
    history = AuthorHistory()
    texts = ["Första", "Andra inlägget", "Tredje gången", "Fjärde raden", "Femte biten"]
    verdicts = [
        triage_text(text=t, author_id="7", created_at=at(f"2026-11-23 10:0{i}"), rules=rules, history=history)
        for i, t in enumerate(texts)
    ]
    assert "spam" not in verdicts[3].labels
    assert "spam" in verdicts[4].labels


def test_a_word_akn_adds_takes_effect_at_the_next_load(rules, settings):
    settings.TRIAGE_MODEL = "off"  # the trained model reads "ska … dig" as a threat already
    assert "threat" not in labels("Jag ska mosa dig", ruleset_load())
    TriageTerm.objects.create(label="threat", term="mosa dig")
    assert "threat" in labels("Jag ska mosa dig", ruleset_load())


def test_a_domain_akn_blocks_takes_effect_at_the_next_load(rules):
    TriageDomain.objects.create(domain="okand-blogg.example", kind="blocked")
    assert triage_text(text="https://okand-blogg.example/x", rules=ruleset_load()).action == "delete"


def test_a_disabled_rule_gives_no_label_and_a_changed_action_is_used(rules):
    TriageRule.objects.filter(label="praise").update(is_enabled=False)
    TriageRule.objects.filter(label="personal_data").update(action="delete")
    fresh = ruleset_load()
    assert "praise" not in labels("Tack så mycket!", fresh)
    assert triage_text(text="Ring 070-123 45 67", rules=fresh).action == "delete"

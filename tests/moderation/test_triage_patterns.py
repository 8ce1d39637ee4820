"""Triage patterns: word order, distance, negation and sentences, and the issue's kinds of comment."""

import pytest

from moderation.models import TriageRule
from moderation.triage import (
    PatternError,
    groups_parse,
    pattern_parse,
    ruleset_build,
    ruleset_load,
    triage_text,
)

pytestmark = pytest.mark.django_db

GROUPS = [
    ("folk", "invandrar*, =somalier"),
    ("ut", "utvis*, deporter*"),
    ("modal", "=borde, =ska"),
    ("våld", "=skjutas, =hängas"),
    ("neg", "=inte, =ingen"),
    ("allt", "{folk}, {modal}"),
]


def labels(text, *patterns, groups=GROUPS):
    rules = ruleset_build(groups=groups, patterns=[(label, "p", p) for label, p in patterns])
    return triage_text(text=text, rules=rules).labels


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Somalier borde utvisas", True),
        ("Utvisa alla invandrare nu", True),  # either order
        ("Invandrarna från Syrien och Irak och Iran borde utvisas", False),  # too far apart
        ("Många invandrare. Utvisning av dömda är en annan fråga", False),  # another sentence
    ],
)
def test_either_order_within_a_distance_and_one_sentence(text, found):
    assert ("racism" in labels(text, ("racism", "{folk} ~3 {ut}"))) is found


def test_an_ordered_gap_needs_the_order():
    assert "threat" in labels("Han borde nog skjutas", ("threat", "{modal} ..2 {våld}"))
    assert "threat" not in labels("Skjutas borde ingen", ("threat", "{modal} ..2 {våld}"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ingen borde skjutas för sina åsikter", False),
        ("Politikern borde inte skjutas", False),
        ("Jag förstår inte, men han borde skjutas", True),  # the negation is in another clause
        ("Politikern borde skjutas", True),
    ],
)
def test_a_negation_near_the_match_drops_it(text, found):
    assert ("threat" in labels(text, ("threat", "{modal} ..2 {våld} !{neg}"))) is found


def test_a_sentence_guard_drops_a_match_anywhere_in_its_sentence():
    pattern = ("threat", "=kommer =hem =till =dig !!(tack|=tårta)")
    assert "threat" in labels("Jag kommer hem till dig ikväll", pattern)
    assert "threat" not in labels("Jag kommer hem till dig på fredag med tårta som tack", pattern)


def test_stems_exact_forms_prefixes_and_groups_in_groups():
    assert "racism" in labels("Invandrarhorder överallt", ("racism", "{allt}"))
    assert "threat" in labels("De hotade oss", ("threat", "hota"))  # any form of the word
    assert "threat" not in labels("De hotade oss", ("threat", "=hota"))  # only that form


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{finns_inte} ~2 =dig", "Det finns ingen ordgrupp som heter finns_inte"),
        ("=krossa ..2", "måste stå mellan två ord"),
        ("..2 =krossa", "måste stå mellan två ord"),
        ("=krossa ..40 =dig", "högst 12 ord"),
        ("ab* =dig", "minst tre bokstäver"),
        ("(=a|) =dig", "tomt alternativ"),
        ("", "minst ett ord"),
    ],
)
def test_a_pattern_that_cannot_be_read_says_why_in_swedish(pattern, message):
    with pytest.raises(PatternError, match=message):
        pattern_parse(pattern, groups_parse(GROUPS))


def test_a_broken_pattern_or_group_is_left_out_and_the_rest_still_work():
    groups = [*GROUPS, ("loop", "{loop2}"), ("loop2", "{loop}"), ("trasig", "två ord")]
    rules = ruleset_build(
        groups=groups,
        patterns=[
            ("threat", "a", "{loop} =dig"),
            ("threat", "b", "{trasig}"),
            ("threat", "c", "{modal} {våld}"),
        ],
    )
    assert [p.name for p in rules.patterns] == ["c"]
    assert triage_text(text="Han ska hängas", rules=rules).labels == ["threat"]


def test_a_pattern_shows_why_it_gave_its_label():
    verdict = triage_text(
        text="Kommunalrådet borde skjutas",
        rules=ruleset_build(groups=GROUPS, patterns=[("threat", "modal och våld", "{modal} ..2 {våld}")]),
    )
    assert {"label": "threat", "code": "pattern", "pattern": "modal och våld", "match": "borde skjutas"} in (
        verdict.reasons
    )


# --- the starting patterns on the kinds of comment ----------------------------------------


@pytest.fixture
def rules():
    return ruleset_load()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Alla somalier borde skickas tillbaka", "racism"),
        ("Invandrarna förstör hela stan", "racism"),
        ("Kommunalrådet borde skjutas", "threat"),
        ("Någon borde tända eld på stadshuset", "threat"),
        ("Jag kommer hem till dig ikväll", "threat"),
        ("Varför är du så jävla korkad?", "personal_attack"),
        ("Vilka inkompetenta pajasar som sitter i nämnden", "personal_attack"),
    ],
)
def test_violations_phrased_without_a_listed_word_are_found_and_win_the_action(text, label, rules):
    verdict = triage_text(text=text, rules=rules)
    assert label in verdict.labels
    assert verdict.action in {"delete", "block"}


@pytest.mark.parametrize(
    "text",
    [
        "Jag skrattade ihjäl mig åt julspelet",
        "Blir det någon mordgåta på biblioteket i sommar?",
        "Priserna på badet är mördande",
        "Budgeten sprängdes redan i mars",
        "Festivalen var en bomb!",
        "Kan vi skjuta upp mötet?",
        "Finns det information på arabiska och somaliska?",
        "Vilket korkat beslut att stänga biblioteket",
        "Min katt är en idiot som fastnade i trädet",
    ],
)
def test_figurative_violence_neutral_groups_and_criticism_of_decisions_are_no_violations(text, rules):
    assert not {"racism", "threat", "personal_attack"} & set(triage_text(text=text, rules=rules).labels)


def test_a_violation_decides_the_action_even_when_the_question_is_set_stronger(rules):
    TriageRule.objects.filter(label="personal_attack").update(action="hide")
    TriageRule.objects.filter(label="question").update(action="delete")
    verdict = triage_text(text="Hur kan man vara så korkad som du?", rules=ruleset_load())
    assert verdict.labels == ["question", "personal_attack"]
    assert verdict.action == "hide"


def test_a_question_with_a_link_nobody_judged_is_still_answered(rules):
    verdict = triage_text(text="Stämmer det här? https://okand.example/a", rules=rules)
    assert verdict.labels == ["question", "misinformation"]
    assert verdict.action == "answer"

"""Round 11 of the rules (migration 0023), read by the rules alone (the model off): the guards keep
innocent contexts of the v11 batches' kinds from a violation label, and the constructions read the
veiled threats, racism and attacks those batches showed the rules missing. The sentences are written
for this test, not taken from the corpus."""

import pytest

from moderation.triage import ruleset_load, triage_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules_alone(settings, administration):
    settings.TRIAGE_MODEL = "off"
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def got(text, rules):
    return triage_text(text=text, rules=rules).labels


# Each of these was given its label by the rules of round 8 (migration 0021).
GUARDED = [
    ("threat", "Polisen sköt en man vid stationen i natt enligt tidningen"),  # news
    ("threat", "Jag ska bränna alla gamla kvitton i kaminen i helgen"),  # papers in the stove
    ("threat", "I spelet ska man spränga ett stadshus, ungarna älskar det"),  # a game
    ("threat", "Läser en pastisch där kommunalrådet hittas mördad i Pålsjö"),  # fiction
    ("threat", "Vår politiker har fått dödshot och behöver livvakt, hemskt"),  # a threat received
    ("threat", "Jag vill strypa larmklockan på skolan som tjuter hela natten"),  # a thing
    ("threat", "Vi kommer att stå utanför stadshuset med plakat tills ni lyssnar"),  # protest
    ("threat", "Jag skulle döda för att få en sån handläggare i min kommun"),  # an idiom
    ("threat", "Det är barnen som får betala priset för beslutet"),  # an idiom
    ("threat", "Mamma kommer slå ihjäl mig när hon ser min frisyr"),  # oneself
    ("threat", "Den som äter sista kanelbullen i fikarummet ska skjutas"),  # a coffee break
    ("threat", "Den här detaljplanen borde brännas"),  # a plan
    ("threat", "Vi ska krossa dem i arenan på lördag"),  # a match
    ("threat", "Barn ska få se att familjer ser olika ut"),  # was a term
    ("threat", "Om någon hotar er i skolan, berätta för en vuxen och ring 112"),  # was a term
    ("racism", 'Någon har sprejat "invandrare ut" på muren vid skolan, vidrigt'),  # sprayed
    ("racism", 'Någon skrev "skicka hem dem" om invandrarna på boendet, skäms'),  # reported
    ("racism", 'Vi tar avstånd från kommentarer som "somalierna förstör allt"'),  # condemned
    ("racism", "Kommunen borde sprida ut de nyanlända över fler stadsdelar"),  # settling
    ("racism", "Hela konspirationsteorin om att judarna styr bankerna är farlig"),  # a theory named
    ("personal_attack", "Att någon kallar städpersonalen för dumma kärringar är under all kritik"),
    ("personal_attack", "Vilken idiot till mås som tog min korv i hamnen"),  # a gull
    ("personal_attack", "Du är galen, fyra mål på en match"),  # a match
    ("personal_attack", "Du e helt sjuk i huvudet, hur orkade du simma 5 km"),  # a swim
]
STILL_VIOLATIONS = [
    ("threat", "Polisen ska skjutas"),
    ("threat", "Jag ska bränna ner stadshuset"),
    ("threat", "Jag ska spränga stadshuset"),
    ("threat", "Rektorn borde mördas"),
    ("threat", "Du behöver skaffa livvakt nu"),
    ("threat", "Jag vill strypa handläggaren"),
    ("threat", "Jag ska slå ihjäl dig"),
    ("threat", "Handläggaren ska skjutas"),
    ("threat", "Ni ska få se!"),
    ("threat", "Jag hotar er"),
    ("racism", "Invandrarna förstör allt"),
    ("racism", "Skicka hem dem, alla invandrare"),
    ("personal_attack", "Vilken idiot du är"),
    ("personal_attack", "Du är en idiot"),
]


@pytest.mark.parametrize(("label", "text"), GUARDED)
def test_a_round11_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS)
def test_the_round11_guarded_rules_still_read_the_violation(label, text, rules_alone):
    assert label in got(text, rules_alone)


CONSTRUCTIONS = [
    ("threat", "Nästa gång åker vakten ambulans"),
    ("threat", "Rektorn får gå med kryckor resten av terminen"),
    ("threat", "Ha ambulansen redo, rektorn"),
    ("threat", "Kanske dags att hälsa på borgmästaren efter jobbet"),
    ("threat", "Vi knackar inte nästa gång, handläggaren"),
    ("threat", "Hoppas han som stängde badet får gå hem ensam i mörkret"),
    ("threat", "Vi ses på parkeringen, vakten"),
    ("threat", "Kom ihåg mitt ansikte, kommunalrådet"),
    ("threat", "Förr hängde man förrädare i lyktstolparna"),
    ("threat", "Sätt upp en galge åt hela nämnden"),
    ("threat", "Ni kommer att hänga"),
    ("threat", "Vi har bensin och mycket fritid, kommunstyrelsen"),
    ("threat", "Det vore synd om någon la ut handläggarens adress"),
    ("threat", "Hoppas den som stängde badet får en stroke"),
    ("threat", "Ni går inte hem på egna ben"),
    ("threat", "Anders, kolla bromsarna på din bil innan du kör hem"),
    ("racism", "Samma lilla folk som alltid styr allt"),
    ("racism", "Det ligger i deras kultur att fuska"),
    ("racism", "De är som kackerlackor, släpper man in en kommer hundra"),
    ("racism", "Badet borde vara endast för svenskar"),
    ("racism", "Bidragsturisterna får lägenheter före oss"),  # a coded slur
    ("personal_attack", "Kommunalrådet sjunger som en död kråka"),
    ("personal_attack", "Ordföranden har lika mycket ryggrad som en manet"),
    ("personal_attack", "Handläggaren har IQ som rumstemperatur"),
    ("personal_attack", "Rektorn har hjärnan i röven"),
    ("personal_attack", "Skaffa ett liv, Bengt"),
    ("personal_attack", "Gå och lägg dig, Bengt"),
    ("personal_attack", "Du är en sån wannabe"),  # an insult added to `skällsord`
    ("personal_attack", "Ordföranden är så slemmig"),  # belittling words added
]
CONSTRUCTIONS_INNOCENT = [
    ("threat", "Vi ses utanför stadshuset på lördag för manifestationen"),
    ("threat", "Hoppas den som körde på min cykel får dåligt samvete resten av livet"),
    ("threat", "Ni kommer få se på valdagen"),
    ("threat", "Mormor fick åka ambulans till lasarettet i går"),
    ("threat", "Har ni bensin till gräsklipparen i förrådet?"),
    ("threat", "Kom och hälsa på oss på biblioteket en kväll, vi har sagostund"),
    ("racism", "Jag älskar att lära mig om deras kultur och mat"),
    ("personal_attack", "Min mamma sjunger som en näktergal"),
    ("personal_attack", "Gå och lägg dig tidigt före provet, sa läraren"),
]


@pytest.mark.parametrize(("label", "text"), CONSTRUCTIONS)
def test_round11_constructions_read_the_violation(label, text, rules_alone):
    assert label in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), CONSTRUCTIONS_INNOCENT)
def test_round11_constructions_leave_the_innocent_context_alone(label, text, rules_alone):
    assert label not in got(text, rules_alone)

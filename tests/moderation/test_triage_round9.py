"""Round 9 of the rules' guards (migration 0022_triage_round9), read by the rules alone: innocent
contexts of the classes the batches `dev-v9a…` to `dev-v9d…` showed, and the violations the guarded
patterns must still read. The sentences are written for these tests (none is in the corpus)."""

import pytest

from moderation.models import TriagePattern, TriageWordGroup
from moderation.triage import groups_parse, pattern_parse, ruleset_load, triage_text


@pytest.fixture
def rules_alone(settings, administration):
    settings.TRIAGE_MODEL = "off"
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def got(text, rules):
    return triage_text(text=text, rules=rules).labels


GUARDED_ROUND9 = [
    # banter between friends: congratulations, a shared plan, a won match
    ("personal_attack", "@Linus din gamla tönt, grattis på födelsedagen!"),
    ("personal_attack", "Haha du är ju knäpp, klart vi ses på fika imorgon"),
    ("personal_attack", "Haha din idiot, du lovade ju bjuda på kaffe efter träningen"),
    ("personal_attack", "Galna idioter, ni vann hela turneringen!"),
    # a name someone was called, told
    ("personal_attack", "Min son kallades 'mongo' av en tränare, vem kan jag prata med?"),
    ("personal_attack", "Hon kallade mig idiot inför hela klassen"),
    ("personal_attack", "Min granne fick höra att hon var en parasit på mötet"),
    # expulsion and slurs quoted or sprayed by someone else
    ("racism", "Någon har sprayat 'ut med invandrarna' på cykelgaraget vid stationen"),
    ("racism", "Någon skrev 'skicka hem dem' om flyktingarna i tråden igår"),
    ("racism", "Min son fick höra 'åk hem till Somalia' på rasten"),
    # civil debate that condemns blaming a group; a group as whom a service is for
    ("racism", "Att skylla allt på invandrare är lat och orättvist"),
    ("racism", "Mannen som har hand om boendet för flyktingar är helt inkompetent"),
    # a game, a question about money, what residents know, a group described
    ("threat", "Barnen spelar Fortnite och ropar 'jag ska döda dig' hela kvällen"),
    ("threat", "Vem ska betala för alla nya bänkar i parken?"),
    ("threat", "Busslinjen behövs, det vet alla som bor i Påarp"),
    ("threat", "Enligt polisen greps två somalier med kniv vid stationen"),
    # a group told to learn Swedish or go back: racism, not an attack on the person answering
    ("personal_attack", "Lär er svenska eller åk tillbaka hem"),
    # the constructions of round 9 in innocent contexts: illness, animals, a term questioned,
    # longing for home, a reported slur, one's own brain, a decision
    ("racism", "Smittan sprider sig snabbt på förskolan, vinterkräksjukan är tillbaka"),
    ("racism", "Råttorna i källaren förökar sig, de förökar sig snabbt på vintern"),
    ("racism", "Vad betyder det ens att vara riktiga svenskar?"),
    ("racism", "Många flyktingar längtar hem till sitt eget land när kriget är slut"),
    ("racism", "En man skrek 'lär er svenska eller åk hem' åt min mamma på bussen"),
    ("racism", "Det sitter inte i generna, det handlar om fattigdom och trångboddhet"),
    ("personal_attack", "Min pappa har en hjärnskada efter olyckan, finns det färdtjänst?"),
    ("personal_attack", "Vilken hjärndöd idé att flytta busshållplatsen"),
    ("personal_attack", "Min son ser ut som en clown i maskeradkostymen, älskar det"),
    ("personal_attack", "Någon kallade honom gubbjävel på bussen, det är inte okej"),
    ("personal_attack", "Fysioterapeuten säger att ryggraden är sned, har ni bassäng för rehab?"),
    ("personal_attack", "Har du feber så gå och lägg dig direkt, vi löser passet"),
    ("personal_attack", "Jag borde skaffa ett liv istället för att scrolla hela kvällen"),
    ("personal_attack", "Någon kallade mig idiot i receptionen igår, är det okej?"),
    ("racism", "Att säga 'jag är inte rasist men' om flyktingar är ett gammalt knep"),
    ("racism", "Svenskar och flyktingar hör ihop i vår förening, alla är välkomna"),
    ("racism", "Anpassa farten eller åk hem och vila, säger polisen om trötta bilister"),
    ("racism", "Judiska församlingen bestämmer själv när synagogan har öppet hus"),
    ("racism", "Kackerlackor i källaren igen, kan ni skicka saneringen hit?"),
    ("racism", "Min granne kallar somalier för apor i hela landet, var anmäler jag det?"),
]
STILL_VIOLATIONS_ROUND9 = [
    ("personal_attack", "Din gamla tönt"),
    ("personal_attack", "@Linus du är en idiot"),
    ("personal_attack", "Hon är en idiot"),
    ("personal_attack", "Du är en mongo"),
    ("personal_attack", "Vilken mongo har gjort schemat"),
    ("personal_attack", "Lär dig läsa innan du svarar"),
    ("racism", "Skicka hem dem allihop, invandrarna förstör allt"),
    ("racism", "Åk hem till Somalia"),
    ("racism", "Ut med invandrarna"),
    ("racism", "Invandrare är lata"),
    ("threat", "Jag ska döda dig"),
    ("threat", "Jag kommer att döda er alla"),
    ("threat", "Ni ska få betala för det här"),
    ("threat", "Vi vet var du bor"),
    ("threat", "Jag kommer med kniv till mötet"),
    # the constructions of round 9
    ("racism", "Smittan har nått vår gata nu också, snart bor inga svenskar här"),
    ("racism", "Somalier stjäl, det sitter i generna"),
    ("racism", "De tvåbenta som flyttade in förra året är värre än råttorna"),
    ("racism", "Flyktingarna förökar sig och vi får betala"),
    ("racism", "Ingen riktig svensk beter sig så"),
    ("racism", "Snart är vi främlingar i vårt eget land"),
    ("racism", "Du kan åka hem till ditt eget land om du inte trivs"),
    ("racism", "Lär er svenska eller åk hem"),
    ("racism", "Blattegänget vid torget igen"),
    ("personal_attack", "Handläggaren ser ut som en kokt korv och pratar som en också"),
    ("personal_attack", "Rektorn har uppenbarligen hjärnskada"),
    ("personal_attack", "Nämndjävlarna har sovit hela mandatperioden"),
    ("personal_attack", "Rektorn är en snorvalp"),
    ("personal_attack", "Stadsdirektören har noll ryggrad"),
    ("racism", "Jag är inte rasist men somalierna borde flytta härifrån"),
    ("racism", "Muslimer och svenska skolor hör inte ihop"),
    ("racism", "Anpassa er eller åk hem"),
    ("racism", "Apor ska inte gå i svensk skola"),
    ("personal_attack", "Skaffa ett liv istället för att klaga på allt"),
    ("personal_attack", "Gå och lägg dig, ingen bryr sig"),
    ("personal_attack", "Idioten i växeln lade på luren"),
    ("personal_attack", "Där har vi kommunens egen pajas igen"),
    ("racism", "Judarna styr allt i den här stan"),
    ("racism", "Det här är inte ert land"),
    ("racism", "Ni är gäster i det här landet, glöm inte det"),
    ("racism", "Hur många fler kackerlackor ska ni släppa in i landet"),
]


@pytest.mark.parametrize(("label", "text"), GUARDED_ROUND9)
def test_a_round9_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS_ROUND9)
def test_the_round9_guarded_rules_still_read_the_violation(label, text, rules_alone):
    assert label in got(text, rules_alone)


def test_every_pattern_in_the_rules_parses(db):
    groups = groups_parse([(group.name, group.words) for group in TriageWordGroup.objects.all()])
    for pattern in TriagePattern.objects.all():
        pattern_parse(pattern.pattern, groups)  # raises PatternError on a pattern that cannot be read

"""Round 12 of the rules' guards and constructions (migration 0024_triage_round12), read by the rules
alone: innocent contexts of the classes the batches `dev-v12a…` to `dev-v12f…` showed, and the
violations the new and guarded patterns must read. The sentences are written for these tests (none
is in the corpus)."""

import pytest

from moderation.models import TriagePattern, TriageTerm, TriageWordGroup
from moderation.triage import groups_parse, pattern_parse, ruleset_load, triage_text


@pytest.fixture
def rules_alone(settings, administration):
    settings.TRIAGE_MODEL = "off"
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def got(text, rules):
    return triage_text(text=text, rules=rules).labels


GUARDED_ROUND12 = [
    # elections
    ("threat", "Vi ska krossa dem i valet i september, det lovar jag"),
    ("threat", "De kommer få ett rejält kok stryk i kommunvalet"),
    ("threat", "Ni kommer få betala med era mandat, vänta bara"),
    # sport and games
    ("threat", "Vi kommer krossa dem i handbollen på lördag, heja F14!"),
    ("threat", "Han sköt ner hela motståndarlaget i Valorant igår"),
    # figures of speech
    ("threat", "Vi måste slå ihjäl ryktet om att badet ska stängas"),
    ("threat", "Ert svar sköt ner alla myter om den nya skolan"),
    ("threat", "Jag skulle döda för en sån glass som de säljer i hamnen"),
    ("threat", "Han sitter och väntar på att något ska hända med dig i tråden"),
    # a weapon described as a habit
    ("threat", "Killarna som går runt med kniv i centrum borde polisen ta hand om"),
    # a fee
    ("threat", "Nu ska ni betala extra för hjälpen med tvätten, säger kommunen"),
    # fiction, a process mocked
    ("personal_attack", "Vilken idiot skurken i farsen var, vi skrattade hela kvällen"),
    ("personal_attack", "Boven i avsnittet var ett sånt äckel att jag bytte kanal"),
    ("personal_attack", "Vilken clownshow hela upphandlingsprocessen har blivit"),
    # names reported
    ("personal_attack", "'Fegis' och 'idiot' är vad personalen i kassan får höra varje vecka"),
    ("personal_attack", "Min syster blev kallad dum kärring på bussen, så tråkigt"),
    ("personal_attack", "Ni som kallar den som svarar för pajas borde skämmas"),
    # slogans reported; a crime against a group condemned
    ("racism", "'Invandrarna förstör allt' skriver någon här, vilket trams"),
    ("racism", "Polisen utreder flygblad med texten 'judarna styr allt' som delats ut i Råå"),
    ("racism", "'Sverige åt svenskarna' stod det på klistermärken vid busshållplatsen"),
    ("racism", "Polisen utreder hotet mot moskén, vidrigt"),
    # the constructions of round 12 in innocent contexts
    ("threat", "Barnen ska inte behöva känna sig otrygga på skolvägen"),
    ("threat", "Jag säger bara det: brandövningen gick jättebra"),
    ("racism", "Vissa folk firar nyår i mars, inte i januari, intressant att läsa om"),
    ("personal_attack", "Skurken i boken är en riktig pajas, rolig läsning"),
    ("personal_attack", "Vi måste vara naiva om vi tror att bussen kommer i tid"),
    # "galen" in admiration, an insult softened by agreement
    ("personal_attack", "Du är ju helt galen som cyklar till Höganäs varje dag 😄"),
    ("personal_attack", "Du är inte klok, men du har rätt om parkeringen"),
    ("personal_attack", "Haha du är ju knäpp, klart vi ses på loppis på lördag"),
    # the second part's constructions in innocent contexts
    ("threat", "Vi ska hälsa på mormor i påsk och ta med kniven till lammsteken"),
    ("threat", "Jag ska personligen se till att du får svar på din fråga i morgon"),
    ("threat", "På museet berättade guiden att man förr hängde sådana som stal hästar"),
    ("racism", "Ögonfärgen är genetiskt betingad, sa läraren om arabiska hästar"),
    ("racism", "Sverige exporterar sitt elektronikskrot och annat skräp till tredje världen"),
    ("racism", "De här råttorna i källaren måste kommunen ta hand om"),
    ("racism", "Utställningen om folk från stenåldern på Kulturmagasinet är jättebra"),
    ("personal_attack", "Min dotter är fem år och kan inte ens läsa än, är det normalt?"),
    ("personal_attack", "Han ramlade av cykeln och fick huvudet röntgat på akuten"),
    # the third part's constructions in innocent contexts
    ("threat", "Jag kommer till mötet med något annat än klagomål, nämligen ett förslag"),
    ("threat", "Sommaravslutningen blir det sista för några av er innan pensionen, tack för allt"),
    ("threat", "Det vore synd om barnen fick gå hem ensamma när bussen dras in"),
    ("threat", "Han klarade sig inte helt oskadd ur olyckan på E6:an"),
    ("threat", "Jag önskar att jag aldrig varit född på nittiotalet, haha"),
    ("threat", "En kula glass för 35 kronor i hamnen, det är ju rån"),
    ("threat", "Flytten av biblioteket är ett skott i foten för Råå"),
    ("threat", "Tänk på det när ni tänder grillen i parken: brandrisken är hög"),
]
STILL_VIOLATIONS_ROUND12 = [
    ("threat", "Ordföranden ska nog inte känna sig så trygg på parkeringen i kväll"),
    ("threat", "Jag har ett hagelgevär i garderoben. Säger bara det."),
    ("threat", "Det finns många träd i Ramlösa, bara så ni vet"),
    ("threat", "Rektorn får sova med ena ögat öppet nu"),
    ("threat", "Vi ska krossa dig, Anders"),
    ("racism", "Vissa folkslag är helt enkelt inte gjorda för att jobba"),
    ("racism", "Somalierna är inte som vi och kommer aldrig bli det"),
    ("racism", "Ökenfolket borde bo kvar där de kom ifrån"),
    ("personal_attack", "Handläggaren på socialkontoret var en riktig pajas i telefon"),
    ("personal_attack", "Den nya chefen har intelligensen av en brödrost"),
    ("personal_attack", "Nämndordföranden måste vara totalt efterbliven"),
    ("personal_attack", "Vilken idiot du är, Kalle"),
    ("personal_attack", "Du är ett äckel"),
    ("threat", "Vi borde hälsa på kommunalrådet med facklorna i helgen"),
    ("threat", "Jag ska personligen se till att rektorn ångrar det här resten av livet"),
    ("threat", "Förr i tiden tjärade man såna som er"),
    ("threat", "Fortsätt så, Erik, så kan du bli nästa som ligger på gatan"),
    ("racism", "Somalierna bråkar i skolan, det är genetiskt"),
    ("racism", "Vi har tagit in ogräs från hela tredje världen"),
    ("racism", "Nu flyttar de här gräshopporna till nästa kommun"),
    ("racism", "Vi betalar för att lära folk från stenåldern att cykla"),
    ("racism", "Kan tänka mig att rånarna inte hette Andersson direkt"),
    ("personal_attack", "Kommunikatören kan uppenbarligen inte ens stava"),
    ("personal_attack", "Han som ritade rondellen borde få hjärnan undersökt"),
    ("threat", "Nästa gång kommer vi till stadshuset med något annat än plakat"),
    ("threat", "Nästa nämndmöte blir det sista för några av er"),
    ("threat", "Det vore synd om rektorn råkade ut för något på vägen hem"),
    ("threat", "Ordföranden lär inte gå hem helskinnad i kväll"),
    ("threat", "Chefen kommer önska att hon aldrig blivit född"),
    ("threat", "En kula räcker för kommunalrådet"),
    ("threat", "Jag har tändstickor och en dunk bensin. Tänk på det."),
]


@pytest.mark.parametrize(("label", "text"), GUARDED_ROUND12)
def test_a_round12_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS_ROUND12)
def test_the_round12_rules_read_the_violation(label, text, rules_alone):
    assert label in got(text, rules_alone)


def test_aeckel_is_a_guarded_pattern_not_a_term(db):
    assert not TriageTerm.objects.filter(label="personal_attack", term="äckel").exists()
    assert TriagePattern.objects.filter(label="personal_attack", name="äckel, utom i fiktion").exists()


def test_every_pattern_in_the_rules_parses(db):
    groups = groups_parse([(group.name, group.words) for group in TriageWordGroup.objects.all()])
    for pattern in TriagePattern.objects.all():
        pattern_parse(pattern.pattern, groups)  # raises PatternError on a pattern that cannot be read

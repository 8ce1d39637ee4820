"""The starting patterns of migration 0014, rule by rule, on sentences written for these tests (none
is in the evaluation corpus), and the parts of the pattern language they rely on."""

import pytest

from moderation.triage import ruleset_build, ruleset_load, triage_text

# --- the pattern language ---------------------------------------------------------------------------

GROUPS = [("titel", "*chefen, *rådet"), ("grupp", "somali*"), ("ut", "=ut, =hem"), ("dem", "=dem, =dom")]


def labels_with(text, pattern, label="racism"):
    rules = ruleset_build(groups=GROUPS, patterns=[(label, "p", pattern)])
    return triage_text(text=text, rules=rules).labels


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Skolchefen är en idiot", True),
        ("Miljöchefen är en idiot", True),
        ("Chefen är en idiot", True),  # the suffix may be the whole word
        ("Chefsstolen är en idiot", False),
    ],
)
def test_a_suffix_reads_the_last_part_of_a_compound(text, found):
    assert ("personal_attack" in labels_with(text, "{titel} ..3 =idiot", "personal_attack")) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Somalierna får bo gratis. Skicka ut dem!", True),
        ("Skicka ut dem till gården, barnen.", False),  # no group named anywhere
    ],
)
def test_a_companion_may_stand_in_another_sentence(text, found):
    assert ("racism" in labels_with(text, "skicka ..1 {ut} ..1 {dem} &{grupp}")) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Somalier skickas hem.", True),
        ("Skickas somalier hem på sommarlovet?", False),
        ("Varför frågar ni? Somalier skickas hem.", True),  # only the question itself is kept out
    ],
)
def test_not_in_a_question(text, found):
    assert ("racism" in labels_with(text, "{grupp} ..2 {ut} !?")) is found


# --- the starting patterns ----------------------------------------------------------------------------


@pytest.fixture
def rules(administration):
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def got(text, rules):
    return triage_text(text=text, rules=rules).labels


RACISM = [
    "Alla eritreaner borde sättas på ett plan hem i morgon",  # group and expulsion
    "Pakistanierna är rena ohyran i trappuppgången",  # group as vermin
    "Somalierna har förvandlat torget till en soptipp",  # group ruining a place
    "Ni tar emot afghaner hela tiden. Kasta ut dem nu!",  # "them", the group in another sentence
    "Tjetjenerna hör inte hemma i vår kommun",  # excluded from living here
    "Sverige vore bättre utan alla dessa araber",  # better without a group
    "Romer är sämre än vanligt folk",  # a group called worse than others
    "Rumänerna har inget här att göra",
    "Jävla svartskallar på bussen igen",  # a slur on its own
    "Tjetjenerna borde avrättas allihop",  # violence against a group
    "Pakistanierna snattar i varenda butik",  # a group generalised as criminal
]
NOT_RACISM = [
    "Finns det böcker på tigrinja för eritreanska barn?",  # a neutral question naming a group
    "Min kurdiska granne bjöd hela huset på mat, så fint",
    "Det är fel att skicka hem familjer som bott här i tio år",  # against an expulsion
    "Rasism mot romer måste stoppas",  # a call against racism
    "Skicka ut kallelsen till alla nyanlända föräldrar i tid",  # a letter, not people
    "Hur många somaliska elever går i Råå skola?",
]


@pytest.mark.parametrize("text", RACISM)
def test_racism_read_by_construction(text, rules):
    assert "racism" in got(text, rules)


@pytest.mark.parametrize("text", NOT_RACISM)
def test_no_racism_in_neutral_mentions(text, rules):
    assert "racism" not in got(text, rules)


THREATS = [
    "Förvaltningschefen borde avrättas på torget",  # modal and a violent passive
    "Skulle inte gråta om någon slog ner nämndens ordförande",  # a wish that someone else acts
    "Hoppas någon tänder eld på stadshuset i natt",  # arson
    "Vi står utanför din dörr på söndag, Lena",  # turning up at a home
    "Ni kommer att få ångra det här, allihop",  # you will regret it
    "Jag har en kniv med mig till mötet",  # a weapon brought along
    "Var rädd, socialsekreteraren, väldigt rädd",  # veiled
    "Era namn och adresser finns på vår lista",  # doxxing
    "Du kommer att ångra att du föddes",
    "Vi vet vem du är och var du jobbar",
    "Jag ska slå ihjäl Mikael på byggnadsnämnden",  # a named person
]
NOT_THREATS = [
    "Jag skrattade ihjäl mig åt revyn i Folkets park",  # figurative
    "Kan ni skjuta upp mötet en vecka?",
    "Bokcirkelns mordgåta var den bästa hittills",
    "Passa på att besöka Sofiero i helgen",
    "Jag kommer att frysa ihjäl vid hållplatsen i vinter",
    "Den nya backen tar livet av mina knän",
    "Hoppas någon hittar min borttappade nyckel",
    "Vi väntar på dig vid entrén till museet klockan tio",
    "Budgeten för konserthuset sprängdes redan i våras",
]


@pytest.mark.parametrize("text", THREATS)
def test_threats_read_by_construction(text, rules):
    assert "threat" in got(text, rules)


@pytest.mark.parametrize("text", NOT_THREATS)
def test_no_threat_in_figurative_or_everyday_speech(text, rules):
    assert "threat" not in got(text, rules)


ATTACKS = [
    "Du är en ynklig liten fegis",  # the person addressed and an insult
    "Miljöchefen är en lat skithög",  # an office holder (a compound title) and an insult
    "Den som skrev svaret är helt efterbliven",  # "the one who ..." and an insulting adjective
    "Lär dig läsa innan du svarar",  # belittling
    "Har du ens en hjärna?",
    "Varför är rektorn så jävla korkad?",  # a question word in front changes nothing
    "Stadsarkitekten är inte klok",
    "Fy fan för er på tekniska",
    "Jag föraktar dig, Eva",
    "Du är ett enda stort misslyckande",
    "Alla på kontoret skrattar åt dig",
]
NOT_ATTACKS = [
    "Jag är en sån klant, jag glömde lösenordet igen",  # about oneself
    "Beslutet att stänga badet är helt korkat",  # about a decision
    "Du är en stjärna, tack för hjälpen!",
    "Rektorn borde förklara beslutet för föräldrarna",
    "Jag hatar regn på midsommar",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_personal_attacks_read_by_construction(text, rules):
    assert "personal_attack" in got(text, rules)


@pytest.mark.parametrize("text", NOT_ATTACKS)
def test_no_personal_attack_on_decisions_oneself_or_pets(text, rules):
    assert "personal_attack" not in got(text, rules)


def test_a_pet_called_an_idiot_is_no_attack_to_the_rules_and_at_most_hidden_by_the_model(rules, settings):
    # The model trained on 10,516 comments scores this about 0.56 for personal_attack (its threshold is
    # 0.55): "idiot" weighs more than the cat. A label only the model gives suggests hiding at most,
    # so a person sees it before anything is deleted.
    text = "Min katt är en liten idiot som jagar sin svans"
    verdict = triage_text(text=text, rules=rules)
    if "personal_attack" in verdict.labels:
        assert {r["code"] for r in verdict.reasons if r["label"] == "personal_attack"} == {"model"}
        assert verdict.action in ("hide", "no_action")
    settings.TRIAGE_MODEL = "off"
    assert "personal_attack" not in got(text, ruleset_load())


def test_a_violation_decides_the_action_over_a_question_and_says_why(rules):
    verdict = triage_text(text="När ska kommunalrådet avrättas för det här?", rules=rules)
    assert "threat" in verdict.labels and "question" in verdict.labels
    assert verdict.action == "delete"
    assert any(r["label"] == "threat" and r["code"] == "pattern" for r in verdict.reasons)


def test_a_violation_decides_the_action_over_an_opinion(rules):
    verdict = triage_text(text="Jag tycker att alla somalier borde utvisas", rules=rules)
    assert "racism" in verdict.labels
    assert verdict.action == "delete"
    assert {r["label"] for r in verdict.reasons} >= set(verdict.labels)


# --- round 6: guards against false alarms (migration 0019), read by the rules alone ---------------------


@pytest.fixture
def rules_alone(settings, administration):
    settings.TRIAGE_MODEL = "off"
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


GUARDED = [
    ("racism", "Någon i tråden skrev att somalier är kackerlackor. Sånt hör inte hemma här."),  # reported
    ("racism", "Min morfar blev kallad blatte på fabriken varje dag"),  # what someone was called
    ("racism", "Hela återvandring-retoriken är lånad från extremhögern"),  # a word named as a word
    ("personal_attack", "En kund sa 'du är en värdelös kassörska' till min syster, vad gör man?"),  # reported
    ("personal_attack", "Du är ju helt galen som cyklar till jobbet i snöstorm, respekt!"),  # teasing
    ("personal_attack", "Min katt är helt dum i huvudet, den jagar dammsugaren"),  # a pet
    ("personal_attack", "Jag säger inte att rektorn är dum, bara att schemat är fel"),  # negation
    ("personal_attack", "Skäms på er som parkerar på cykelbanan"),  # a rebuke, no insult
    ("threat", "Pappa slog ihjäl en råtta i källaren, finns det fler getingar och råttorna kvar där?"),
    ("threat", "Mina barn ska spela ett spel där man ska skjuta monster, är det lämpligt?"),  # a game
    ("threat", "Kommunen borde skjuta till pengar till simskolan"),  # money
    ("threat", "De ska spränga för tunnelbygget hela nästa vecka, hela huset skakar"),  # building work
    ("threat", "Gamla rådhuset brann för hundra år sedan, finns det bilder?"),  # a past fire
    ("threat", "Min morbror kommer att döda mig om jag missar hans födelsedag"),  # oneself
    ("threat", "Den där gropen kommer att döda min cykel"),  # one's own thing
    ("threat", "Grannen skrek 'jag vet var du bor' åt katten som ätit hans fisk"),  # reported, in jest
]
STILL_VIOLATIONS = [
    ("racism", "Somalier är kackerlackor, allihop"),
    ("racism", "Din jävla blatte, dra hem"),
    ("racism", "Dags för återvandring av alla afghaner"),
    ("personal_attack", "Du är en värdelös kassörska"),
    ("personal_attack", "hahaha vilken pajas du är"),  # laughter alone is no teasing
    ("personal_attack", "Du är dum i huvudet"),
    ("personal_attack", "Rektorn är dum"),
    ("threat", "Jag ska slå ihjäl dig"),
    ("threat", "Någon borde skjuta kommunalrådet"),
    ("threat", "Vi ska spränga stadshuset i natt"),
    ("threat", "Jag vet var du bor, Lena"),
]


# --- round 7: guards against false alarms (migration 0020), read by the rules alone ---------------------

GUARDED_ROUND7 = [
    ("threat", "Vi ska döda lite tid på stranden i väntan på färjan"),  # time killed figuratively
    ("threat", "Nya avgiften kommer att döda all lust att handla"),  # a feeling
    ("threat", "Man borde bränna alla gamla regler om staket"),  # rules
    ("threat", "Gängen skjuter ihjäl varandra i Malmö, vi måste prata om orsakerna"),  # one another
    ("threat", "En kille skrev att han skulle sticka ner honom efter skolan"),  # reported
    ("threat", "Grannen sa att han skulle skjuta henne om hon ringde polisen"),  # reported
    ("threat", "Hyresvärden har skrivit att du ska få ångra dig"),  # reported
    ("threat", "skulle jag kunna mörda för en p-plats vid stationen, ni vet att folk jobbar natt va"),
    ("threat", "Tänker krama ihjäl dig när du kommer hem från resan"),  # affection
    ("threat", "Vem ska man ringa om en död fågel vid lekplatsen?"),  # an animal
    ("threat", "HIF ska krossa dom på lördag"),  # the local team
    ("threat", "Ni dödade den med fyrverkeriet i år"),  # "nailed it"
    ("threat", "Nya schemat håller på att ta livet av personalen"),  # hyperbole
    ("personal_attack", "'Du är ett pucko' sa min brorson när jag tappade glassen"),  # reported
    ("personal_attack", "Beslutet att spara på resurslärare i Påarp var ett av de dummaste på länge"),
    ("personal_attack", "Haha min kusin är en sån tönt som gick vilse på Väla"),  # one's own
    ("personal_attack", "Du är ju sjuk i huvudet som sprang hela maratonet i regnet"),  # a race
    ("personal_attack", "Kör man mot rött är man en idiot"),  # anyone, not a person
    ("personal_attack", "Ska vi bara hålla käften när skolan läggs ner?"),  # not the imperative
    ("racism", "En man på tåget skrek 'åk hem till ditt eget land' åt min granne"),  # reported
    ("racism", "Min kollega blev kallad jävla somalier av en kund"),  # what someone was called
    ("racism", "Någon har klottrat 'Sverige åt svenskarna' på busskuren vid Ica"),  # graffiti
]
STILL_VIOLATIONS_ROUND7 = [
    ("threat", "Jag ska döda dig"),
    ("threat", "Jag ska skjuta ihjäl dig"),
    ("threat", "Jag ska sticka ner honom"),
    ("threat", "Jag ska sätta eld på stadshuset"),
    ("threat", "Du ska få ångra dig"),
    ("threat", "Jag ska krossa dig"),
    ("personal_attack", "Du är ett pucko"),
    ("personal_attack", "Håll käften, din idiot"),
    ("personal_attack", "Du är sjuk i huvudet"),
    ("personal_attack", "Du är en sån tönt"),
    ("personal_attack", "Jag tycker du är en idiot"),
    ("personal_attack", "Förstår du ens vad du skriver, ditt pucko?"),
    ("racism", "Åk hem till ditt eget land"),
    ("racism", "Jävla somalier"),
]


@pytest.mark.parametrize(("label", "text"), GUARDED + GUARDED_ROUND7)
def test_a_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS + STILL_VIOLATIONS_ROUND7)
def test_the_guarded_rules_still_read_the_violation_without_the_context(label, text, rules_alone):
    assert label in got(text, rules_alone)


# --- round 8: guards against false alarms (migration 0021), read by the rules alone ---------------------

GUARDED_ROUND8 = [
    ("threat", "Pappa fick en lapp där det stod att de vet var du bor, vi har polisanmält"),  # reported
    ("threat", "Min bror blev hotad med kniv vid stationen i natt"),  # a threat received
    ("threat", "Han som skrev att han skulle ta hand om rektorn har polisanmälts"),  # condemned
    ("threat", "Jag tar alltid med en kniv till picknicken för att skära upp melonen"),  # food
    ("threat", "Vi ska slakta kycklingar till middagen på gården"),  # cooking
    ("threat", "Barnen fick släcka en brand med räddningstjänsten på skolans övning"),  # a fire drill
    ("threat", "Den nya taxan kommer att explodera i ansiktet på nämnden"),  # an idiom
    ("threat", "Jag är livrädd att någon ska drunkna i den där bassängen"),  # worry about an accident
    ("threat", "Det är så halt att någon kommer bryta benet på trappan"),  # an accident
    ("threat", "Min farbror undrar om han får skjuta dom, vildsvinen förstör hela åkern"),  # hunting
    ("threat", "Kan någon ta livet av alla råttor i källaren?"),  # pests, asked
    ("threat", "Tränaren ville att vi skulle döda dem men vi förlorade ändå"),  # sport
    ("threat", "Den nya skattehöjningen kommer att döda alla butiker i centrum"),  # businesses killed
    ("threat", "Mamma kommer döda mej när hon ser räkningen"),  # oneself
    ("threat", "Ni skjuter er själva i foten med den här budgeten"),  # an idiom
    ("threat", "Jag kommer att sitta där på läktaren med min skylt tills ni lyssnar"),  # protest
    ("threat", "Jag vet var du bor, vi är ju grannar!"),  # neighbours
    ("threat", "Skönt att ni slår till hårt mot dem som fuskar med kontrakt"),  # a crackdown
    ("threat", "Farfar sa 'jag ska slå ihjäl dig' varje gång han förlorade i Monopol"),  # a board game
    ("personal_attack", "Vilken clownshow hela den här upphandlingen blev"),  # a procurement
    ("personal_attack", "Beslutet är fel, politikerna har noll koll på trafiken här"),  # a decision
    ("personal_attack", "Jag hatar era nya öppettider på återvinningen"),  # opening hours
    ("personal_attack", "Jag var dum som trodde att ni skulle bygga den där cykelbanan"),  # oneself fooled
    ("racism", "Sluta kalla dem tjuvar, de flesta romer jobbar hårt"),  # a slur condemned
]
STILL_VIOLATIONS_ROUND8 = [
    ("threat", "Vi vet var du bor"),
    ("threat", "Jag ska döda dig"),
    ("threat", "Jag ska döda honom"),
    ("threat", "Jag tar med en kniv till mötet"),
    ("threat", "Jag ska spränga stadshuset"),
    ("threat", "Någon kommer skjuta dig snart"),
    ("threat", "Jag ska slå ihjäl dig"),
    ("threat", "Jag ska skjuta er"),
    ("threat", "Grabbarna väntar på dig utanför kontoret"),
    ("personal_attack", "Vilken clown du är"),
    ("personal_attack", "Jag hatar dig"),
    ("personal_attack", "Du är dum"),
    ("personal_attack", "Du är ett sånt där fyllo som alltid klagar"),  # insults added in round 8
    ("personal_attack", "Vilken fjant du är"),
]


@pytest.mark.parametrize(("label", "text"), GUARDED_ROUND8)
def test_a_round8_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS_ROUND8)
def test_the_round8_guarded_rules_still_read_the_violation_without_the_context(label, text, rules_alone):
    assert label in got(text, rules_alone)


# --- round 8: constructions of the missed threats (migration 0021), read by the rules alone -----------

THREATS_ROUND8 = [
    "Bygglovshandläggaren borde passa sig när han går till parkeringen ikväll",  # advice as a warning
    "Ni på skolkontoret kan gå och titta er över axeln nu",
    "Ni har blivit varnade, nästa gång blir det värre",
    "Jag vet vad du heter nu, killen i kassan",  # knowing someone
    "Jag har sparat ditt namn och din bild, vi ses",
    "Jag vet vilken bil hon kör, rektorn",
    "Tänk på att era barn går i skolan här i stan",
    "Miljöchefen ska få ett litet besök i helgen",  # a visit
    "Nämndens ordförande kan behöva få ett besök av några av oss",
    "Hoppas någon kör över den där politikern",  # a wish that someone acts
    "Någon borde tutta på hela stadshuset",
    "Jag kommer dit med en bensindunk efter stängning, kontoret får se",
    "Om ni röstar ja är ni inte säkra längre",
    "Det är inget hot utan ett löfte",
    "Det här slutar inte bra för er på förvaltningen",
    "Han kommer inte gå därifrån på egna ben",
    "Rektorn kan sova med ett öga öppet",
    "Parkeringsvakterna är döda män",
    "Om ni lägger ner fritidsgården så brinner det på förvaltningen",  # a condition, then harm
    "Stänger ni badet så blir det blod",
    "Bibliotekarien som stängde av mitt kort ska få ångra sig",
    "Jag har inget att förlora nu, tänk på det",
    "Skulle inte förvåna mig om nån bränner ner hela kommunhuset",
    "Hoppas den som flyttade busshållplatsen blir påkörd",
]
NOT_THREATS_ROUND8 = [
    "Cyklisterna borde se sig om när de svänger vid korsningen",  # traffic
    "Ni har blivit varnade för halkan, tack SMHI",  # weather
    "Vet du vad han heter som hjälpte mig i receptionen? Vill tacka honom",  # a question, thanks
    "Tack för att ni sparade mitt namn på väntelistan",
    "Era barn går väl i skolan i Påarp?",  # a question
    "Tomten ska göra ett litet besök på förskolan",  # an event
    "Vi fick besök av några brandmän från räddningstjänsten",  # the rescue service
    "Någon kör över rondellen i fel riktning varje morgon",  # traffic
    "De tände på julgranen på Stortorget i går",  # lights
    "Hoppas grillen på stranden tänds med tändvätska i kväll, vi tar med korv",  # food
    "Det här slutar inte bra för handeln i centrum",  # business
    "Filmen om de döda männen på Kullaberg var spännande",  # fiction
    "Om ni inte sandar trappan så hamnar någon på akuten, det är så halt",  # worry about an accident
    "Om det blir fint väder så tänder vi grillen på stranden",  # food
    "Han kommer få ångra sig att han missade konserten",  # an event missed
    "Testa simskolan, ni har inget att förlora på det",
    "Skulle inte förvåna mig om nån bränner sig på grillen i sommar",  # oneself, food
    "Hoppas ingen blir påkörd vid övergångsstället",  # negation
]


@pytest.mark.parametrize("text", THREATS_ROUND8)
def test_round8_constructions_read_the_veiled_threat(text, rules_alone):
    assert "threat" in got(text, rules_alone)


@pytest.mark.parametrize("text", NOT_THREATS_ROUND8)
def test_round8_constructions_leave_the_innocent_context_alone(text, rules_alone):
    assert "threat" not in got(text, rules_alone)


RACISM_ROUND8 = [
    "Somalierna stjäl, det sitter i generna",  # a trait in a group's genes
    "Det blir alltid bråk i tvättstugan, ni vet vilka jag menar",
    "Det är en invasion på Söder nu",
    "Svenskarna byts ut kvarter för kvarter",
    "Kommunen vill byta ut oss, det är tydligt",
    "Svenska pensionärer är snart en minoritet i sitt eget land",
    "Titta på gänget vid stationen, inte en enda Johan bland dem",
    "De som snattar på Väla heter inte Svensson direkt",
    "Det är importerade problem, inget annat",
    "Skicka hem dem och ge jobben till svenskar",
]
NOT_RACISM_ROUND8 = [
    "Det sitter i generna hos oss, mormor var också lång",  # no group
    "Vet ni vilka jag menar med de nya handläggarna? Jag vill tacka dem",  # a question
    "Det är en invasion av elsparkcyklar på Stortorget",  # things
    "Myrorna har gjort en invasion i köket",  # pests
    "Alla lampor i trapphuset byts ut i vår",  # no people
    "Det finns inte en enda Johan i klassen, men tre Eliasar",  # names, nobody blamed
    "Vanliga Svensson har inte råd med det här",  # the average Swede
    "Importerade varor blir dyrare i år",  # goods
    "Skicka hem dem tidigare i dag, barnen är trötta",  # no Swedes
    "Någon skrev att det sitter i generna hos somalier, sånt är rasism",  # reported and condemned
]


@pytest.mark.parametrize("text", RACISM_ROUND8)
def test_round8_constructions_read_racism(text, rules_alone):
    assert "racism" in got(text, rules_alone)


@pytest.mark.parametrize("text", NOT_RACISM_ROUND8)
def test_round8_racism_constructions_leave_the_innocent_context_alone(text, rules_alone):
    assert "racism" not in got(text, rules_alone)

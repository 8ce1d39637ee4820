"""Round 15 of the rules' guards and constructions (migration 0025_triage_round15), read by the rules
alone: innocent contexts of the classes the batch `dev-v15a…` to `dev-v15d…` showed, and the racism the
new and guarded patterns must read. The sentences are written for these tests (none is in the corpus
or the batch)."""

from importlib import import_module

import pytest

from moderation.models import TriagePattern, TriageWordGroup
from moderation.triage import groups_parse, pattern_parse, ruleset_load, triage_text

# The migration's module name starts with a digit: it is imported by name.
ROUND15 = import_module("moderation.migrations.0025_triage_round15")


@pytest.fixture
def rules_alone(settings, administration):
    settings.TRIAGE_MODEL = "off"
    administration.phone = "042-10 50 00"
    administration.save()
    return ruleset_load()


def got(text, rules):
    return triage_text(text=text, rules=rules).labels


GUARDED_ROUND15 = [
    # a group's association picking up litter; a congregation threatened, met with solidarity
    ("racism", "Eritreanska föreningen plockade skräp längs stranden i Råå i lördags, stort tack!"),
    ("racism", "Synagogan i Göteborg har fått hot igen. All solidaritet till församlingen"),
    # a slur named in order to rebut it; one's own forebears
    (
        "racism",
        "Ni som snackar om kulturberikare borde kolla hur många undersköterskor som är födda utomlands",
    ),
    ("racism", "Min gammelfarfar var tattare och reste runt med häst och vagn i hela Skåne"),
    # black as the colour of a thing; one's own family coming home beside a group's sweets
    ("racism", "Lägg ut svarta listan över städfirmorna som fuskar med lönerna"),
    ("racism", "Sluta sälja arabiskt godis i kiosken, sonen kommer hem helt uppe i varv"),
    # a burial by a tradition; a question one is asked; a dish that beats another
    ("racism", "Var ligger den muslimska gravplatsen? Min morbror vill begravas enligt muslimsk tradition."),
    ("threat", "Var ligger den muslimska gravplatsen? Min morbror vill begravas enligt muslimsk tradition."),
    (
        "threat",
        "Dottern är adopterad från Vietnam och har fått frågan 'var kommer du ifrån egentligen' hela livet",
    ),
    ("threat", "Renskav i tunnbröd slår pizza alla dagar i veckan"),
    # someone ill who needs care; politicians called naive for a policy
    ("personal_attack", "Mannen som sover i busskuren är inte farlig, han är sjuk och behöver vård"),
    ("personal_attack", "Jag tycker att politikerna har varit naiva om skolan i tjugo år"),
    # the new constructions in innocent contexts
    ("racism", "Hunden hade parasiter som lever på blod, veterinären gav avmaskning"),
    (
        "racism",
        "Vi bor nära flyktingboendet. Det är som med råttor i källaren, man måste ringa Anticimex tidigt.",
    ),
    ("racism", "Gökungen trycker ut de andra äggen ur boet, såg det på naturprogrammet"),
    ("racism", "Tyskland ockuperade Danmark och folk i stan levde i skräck, visar utställningen på museet"),
    ("racism", "Förskolan var som en djurpark idag, barnen hade kalas"),
    ("racism", "Apberget på Kolmården är fullt av aporna som kliar varandra"),
    ("racism", "Polisen vet inte vilken bakgrund gärningsmannen har, enligt tidningen"),
    ("racism", "Ge alla pensionärer en enkel biljett till konserten gratis"),
    ("racism", "Skicka hem varenda en i klassen, skolan stänger för stormen"),
    ("racism", "Barnen fick berätta hur man kan fira där de kommer ifrån"),
    ("racism", "Jag bor inte i Sverige längre, flyttade till Norge i fjol"),
    ("racism", "Minns ni när Volvo var svenskt?"),
    ("racism", "Jag har inget emot moskén, men parkeringen på Drottninggatan klarar inte fler bilar"),
    (
        "racism",
        "Vad heter man på svenska om man kommer från Somalia, somalier eller somalisk? Ordet förvirrar",
    ),
    ("racism", "Min mormor flydde från Kabul som ung och har bott i Helsingborg sedan dess"),
    ("racism", "Jag är så tacksam att jag får bo här, är inte du?"),
    ("racism", "Skräp plockat vid stranden av Somaliska kvinnoföreningen 🙏"),
    ("racism", "Vi reste till Kabul som journalister 2019, det var en lång resa"),
    ("racism", "Hela klanen kommer efter middagen på farmors 90-årskalas!"),
    ("racism", "Att kalla muslimer för smitta säger mer om en själv"),
    ("racism", "Kommunalrådet är en parasit som lever på våra skatter"),
]
STILL_VIOLATIONS_ROUND15 = [
    # dehumanising metaphors
    ("racism", "Somalierna är parasiter som suger ut välfärden"),
    ("racism", "Varför importerar vi parasiter från andra sidan jorden?"),
    ("racism", "Araberna är som kackerlackor, släpper man in en kommer hundra"),
    ("racism", "Moskén är ogräs som måste ryckas upp med roten"),
    ("racism", "Man kan inte integrera en apa hur många kurser man än ger den"),
    ("racism", "De lever som grisar i de där lägenheterna på Söder"),
    ("racism", "Afghanerna är inte människor"),
    ("racism", "Nysvenskarna är gökungar som knuffar ut oss"),
    ("racism", "Dalhem är koloniserat av utlänningar"),
    ("racism", "Nya moskén i stan, smittan sprider sig snart ända hit"),
    ("racism", "Flytta flyktingboendet så slipper vi smittan"),
    ("racism", "Islam är en cancer i samhället"),
    ("racism", "Bygg en mur runt hela stadsdelen och låt invandrarna sköta sig själva"),
    ("racism", "Linje 3 efter kvällen är som ett zoo numera"),
    ("racism", "Torget är ett enda stort apberg numera"),
    ("racism", "Bort med det där medeltida packet och deras slöjor"),
    ("racism", "Ziggetiggarna är tillbaka vid Maxi"),
    ("racism", "Varför ska vi ta emot folk från skitländer?"),
    # collective blame
    ("racism", "Rumäner har alltid varit tjuvar, alla vet det"),
    ("racism", "Romerna är här igen, göm plånboken"),
    ("racism", "Det folket lever på att stjäla från andra, så är det bara, säger somaliska kollegor"),
    ("racism", "Albaner och kriminalitet, lika säkert som amen i kyrkan"),
    ("racism", "Afghaner och jobb, två saker som aldrig passat ihop"),
    ("racism", "Kniven igen i centrum. Gissa vilken bakgrund gärningsmannen har"),
    ("racism", "Allt blev sämre när somalierna flyttade hit"),
    ("racism", "Invandrare ger mer brott, så enkelt är det"),
    ("racism", "Hälften av de syriska läkarna har köpt sina betyg"),
    ("racism", "De har bara kommit hit för att snylta"),
    ("racism", "De kom hit för att leva på bidrag och inget annat"),
    ("racism", "Sen poppar de ut tio ungar var på bidrag"),
    ("racism", "Somaliska kvinnor föder barn på löpande band"),
    ("racism", "Araberna får nya lägenheter på vår bekostnad"),
    ("racism", "Staden satsar mer på invandrarna än på våra pensionärer"),
    ("racism", "Kurderna och resten av det folket, de är likadana allihop"),
    ("racism", "Klassen behöver färre av en viss sort, om ni fattar vad jag menar"),
    ("racism", "Det är samma sorts folk varje gång, ni vet vilka"),
    ("racism", "Ju mörkare område desto fler poliser behövs"),
    ("racism", "Att bråka är deras sätt att vara, somalierna"),
    ("racism", "Det kan de hålla på med där de kommer ifrån"),
    ("racism", "Ramadan kan de fira i Bagdad"),
    ("racism", "Ungarna på Drottninghög blir kriminella som sina pappor"),
    ("racism", "Judarna tjänar på varje kris som drabbar oss"),
    ("racism", "Vi vet ju vilka som styr medierna, judiska pengar"),
    ("racism", "Soros och hans vänner finansierar invasionen"),
    ("racism", "Muslimerna spelar offer för att få mer pengar"),
    ("racism", "Judarna i stan borde sluta bomba barn innan de kräver vakter"),
    # home and one-way tickets
    ("racism", "Ge dom en enkel biljett så blir alla nöjda"),
    ("racism", "Köp dem en enkelbiljett till Damaskus"),
    ("racism", "Skicka tillbaka hela klabbet med första båt"),
    ("racism", "Behåll ukrainarna, resten kan åka hem"),
    ("racism", "@Leyla din sort förstör allt här"),
    ("racism", "@Omar var tacksam att du ens får bo här"),
    ("racism", "@Samir ingen bad dig komma hit"),
    ("racism", "@Yusuf åk hem om du inte trivs i Sverige"),
    ("racism", "Skicka hem dem till sina sandlådor"),
    ("racism", "Våra kära gäster från öknen ska ha ny moské nu"),
    ("racism", "Inga julgranar i skolan, våra gäster kan ju bli kränkta"),
    ("racism", "Anställ personal som ser ut som folk"),
    ("racism", "Polackerna är i alla fall vita och kristna"),
    ("racism", "Dom borde aldrig ha släppts in"),
    ("racism", "Det är folk som inte hör hemma här"),
    ("racism", "Dom kommer aldrig bli svenskar"),
    ("racism", "En kultur som är femhundra år efter Europa"),
    ("racism", "Jag vill inte att dottern ska sitta i klassrum med en massa afghaner"),
    ("racism", "Man ska inte blanda raser"),
    ("racism", "De där fattar inget annat språk än batongen"),
    ("racism", "Först en kille, sen kommer hela klanen efter"),
    ("racism", "Ensamkommande killar med skägg ner till magen"),
    ("racism", "De kliver av båten och får lägenhet och bidrag direkt"),
    ("racism", "SFI är slöseri, de vill bara ha bidragen"),
    ("racism", "Sätt upp skyltar på arabiska, fast de kan inte läsa ändå"),
    ("racism", "Synd att asylboendet inte brann ner helt"),
    ("racism", "Sluta ta hit fler somalier"),
    ("racism", "Helsingborg är ingen soptipp för tredje världen"),
    # the land lost
    ("racism", "Snart införs sharia i Helsingborg"),
    ("racism", "Söder är ett litet Kabul nu"),
    ("racism", "Det här är inte Sverige längre"),
    ("racism", "Det här är inte mitt land längre"),
    ("racism", "Minns ni när Råå var svenskt?"),
    ("racism", "Snart är vi svenskar främlingar i vårt eget land"),
    ("racism", "Snart är det fler slöjor på torget än svenskar"),
    ("racism", "Jag var enda svensken på hela bussen"),
    ("racism", "Mångkultur betyder fickstölder och gäng"),
    ("racism", "Tiggarna från Rumänien igen. Kör dom till gränsen."),
    ("racism", "Vissa folk kan aldrig anpassa sig"),
    ("racism", "Irakierna vill inte arbeta"),
    ("racism", "Muslimer har inte samma värderingar som oss svenskar"),
    ("racism", "Var är alla svenskar? Ni vet vad jag menar"),
    ("racism", "Lasta dem i boskapsvagnar och kör dem hem"),
    ("racism", "Romer har ju en annan syn på äganderätt"),
    # racist "jokes"
    ("racism", "Vad kallar man en afghan med körkort? Ett under 😂"),
    ("racism", "Vad är skillnaden mellan en rumän och en kråka? Kråkan stjäl bara glitter"),
    ("racism", "Vet ni varför romerna aldrig spelar kort? För att de fuskar 😂"),
    # racism that denies itself
    ("racism", "Jag är inte rasist men mina skattepengar ska inte gå till dom"),
    ("racism", "Jag har inget emot invandrare, men de borde stanna hemma"),
    ("racism", "Det är inte invandrarna jag har problem med, det är bara att de aldrig lär sig"),
    ("racism", "Somalier är lata. Det får man inte säga längre"),
]


@pytest.mark.parametrize(("label", "text"), GUARDED_ROUND15)
def test_a_round15_guard_keeps_an_innocent_context_from_a_violation_label(label, text, rules_alone):
    assert label not in got(text, rules_alone)


@pytest.mark.parametrize(("label", "text"), STILL_VIOLATIONS_ROUND15)
def test_the_round15_rules_read_the_racism(label, text, rules_alone):
    assert label in got(text, rules_alone)


def test_each_round15_pattern_reads_one_of_the_violations(rules_alone):
    read = set()
    for label, text in STILL_VIOLATIONS_ROUND15:
        for reason in triage_text(text=text, rules=rules_alone).reasons:
            if reason["label"] == label and reason["code"] == "pattern":
                read.add(reason["pattern"])
    assert {name for _label, name, _pattern in ROUND15.PATTERNS} <= read


def test_the_round15_groups_and_patterns_are_in_the_starting_rules(db):
    for name in ("historia", "släkt", "familj", "svart_sak", "ohyra", "djurbild"):
        assert TriageWordGroup.objects.filter(name=name).exists()
    rasord = TriageWordGroup.objects.get(name="rasord").words
    assert "ziggetigg*" in rasord and "skitländer*" in rasord
    groups = groups_parse([(group.name, group.words) for group in TriageWordGroup.objects.all()])
    for pattern in TriagePattern.objects.filter(label="racism"):
        pattern_parse(pattern.pattern, groups)  # raises PatternError on a pattern that cannot be read

"""The Swedish starting lists for triage. AKN edits them in the portal afterwards; this only seeds.

Terms are matched on Snowball stems unless marked exact ("härligt" stems to "här", "borde" to "bord",
so those are listed in their forms). A leading "^" means "only at the start of a sentence".
"""

from django.db import migrations

RULES = [
    ("question", "answer", "Vi svarar alltid på direkta, konkreta och seriösa frågor som ställs."),
    ("opinion", "no_action", "Åsikter och tyckanden är ingenting vi går in och bemöter."),
    ("praise", "like", "Ge gärna en like till vänliga kommentarer från våra mottagare."),
    ("racism", "delete", "Inlägg eller kommentarer som innehåller rasism ska tas bort."),
    ("threat", "delete", "Inlägg eller kommentarer som innehåller hot ska tas bort."),
    ("personal_attack", "block", "Vid personliga påhopp kan man behöva blockera avsändaren och ta bort kommentaren."),
    ("personal_data", "hide", "Skriv inte ut personuppgifter, telefonnummer eller annat känsligt material."),
    ("spam", "delete", "Spam är inte tillåtet; upprepade inlägg från samma användare ska tas bort."),
    ("misinformation", "delete", "Alla länkningar till obekräftad eller vilseledande information ska tas bort."),
    ("rights", "hide", "Lägg inte upp bilder eller video på personer utan att det är okej för dem."),
]
SPAM_PARAMS = {"repeat_window_hours": 72, "repeat_min_chars": 12, "burst_count": 5, "burst_minutes": 10}

STEM, EXACT = "stem", "exact"
TERMS = {
    "question": [
        ("undrar", STEM),
        ("vet någon", STEM),
        ("vet ni", STEM),
        ("hur gör jag", STEM),
        ("hur gör man", STEM),
        ("hur ansöker", STEM),
        ("var hittar jag", STEM),
        ("var kan jag", STEM),
        ("kan någon", STEM),
        ("går det att", STEM),
        ("finns det möjlighet", STEM),
        ("någon som vet", STEM),
        ("skulle vilja veta", STEM),
        ("vill gärna veta", STEM),
        ("vem kontaktar", STEM),
        ("vart vänder", STEM),
        ("^hur", EXACT),
        ("^var", EXACT),
        ("^vart", EXACT),
        ("^när", EXACT),
        ("^varför", EXACT),
        ("^vem", EXACT),
        ("^vilken", EXACT),
        ("^vilket", EXACT),
        ("^vilka", EXACT),
        ("^kan man", EXACT),
        ("^kan jag", EXACT),
        ("^kan ni", EXACT),
        ("^får man", EXACT),
        ("^får jag", EXACT),
        ("^finns det", EXACT),
        ("^behöver man", EXACT),
        ("^ska man", EXACT),
        ("^gäller det", EXACT),
        ("^är det", EXACT),
        ("^stämmer det", EXACT),
    ],
    "praise": [
        ("tack", STEM),
        ("tusen tack", EXACT),
        ("bra jobbat", STEM),
        ("bra gjort", STEM),
        ("fantastisk", STEM),
        ("underbar", STEM),
        ("underbart", EXACT),
        ("härligt", EXACT),
        ("härlig", EXACT),
        ("härliga", EXACT),
        ("grymt", EXACT),
        ("snyggt", EXACT),
        ("toppen", EXACT),
        ("älskar", STEM),
        ("heja", EXACT),
        ("stolt", STEM),
        ("vad kul", EXACT),
        ("så kul", EXACT),
        ("så fint", EXACT),
        ("vad fint", EXACT),
        ("❤️", EXACT),
        ("👏", EXACT),
        ("😍", EXACT),
        ("👍", EXACT),
    ],
    "opinion": [
        ("tycker", STEM),
        ("anser", EXACT),
        ("borde", EXACT),
        ("skandal", STEM),
        ("slöseri", STEM),
        ("skattepengar", STEM),
        ("bedrövligt", EXACT),
        ("dåligt", EXACT),
        ("katastrof", STEM),
        ("fattar inte", STEM),
    ],
    "threat": [
        ("hotar dig", EXACT),
        ("hotar er", EXACT),
        ("det här är ett hot", EXACT),
        ("döda dig", STEM),
        ("döda er", STEM),
        ("döda honom", STEM),
        ("döda henne", STEM),
        ("ska döda", STEM),
        ("mörda", STEM),
        ("slå ihjäl", STEM),
        ("skjuta dig", STEM),
        ("skjuta er", STEM),
        ("skjuta ihjäl", STEM),
        ("spränga", STEM),
        ("bomba", STEM),
        ("sätta eld på", STEM),
        ("bränna ner", STEM),
        ("vet var du bor", STEM),
        ("vet var ni bor", STEM),
        ("hoppas du dör", STEM),
        ("ska få se", EXACT),
        ("akta dig", STEM),
        ("våldta", EXACT),
        ("våldtar", EXACT),
        ("spöa", STEM),
        ("misshandla", STEM),
    ],
    "racism": [
        ("blatte", STEM),
        ("svartskalle", STEM),
        ("neger", EXACT),
        ("negrer", EXACT),
        ("negrerna", EXACT),
        ("zigenarpack", STEM),
        ("invandrarpack", STEM),
        ("muslimjävlar", STEM),
        ("judejävlar", STEM),
        ("rasfrämling", STEM),
        ("åk hem till ditt eget land", STEM),
        ("åk hem dit ni kom ifrån", STEM),
        ("inte riktiga svenskar", STEM),
        ("vit makt", STEM),
        ("folkutbyte", STEM),
    ],
    "personal_attack": [
        ("idiot", STEM),
        ("pucko", STEM),
        ("korkad", STEM),
        ("dum i huvudet", STEM),
        ("cp", EXACT),
        ("mongo", STEM),
        ("hora", EXACT),
        ("horor", EXACT),
        ("fitta", STEM),
        ("äckel", STEM),
        ("äckliga", EXACT),
        ("håll käften", STEM),
        ("dra åt helvete", STEM),
        ("värdelösa människa", STEM),
        ("din tönt", STEM),
        ("loser", STEM),
        ("patetisk", STEM),
    ],
}

DOMAINS = [
    ("helsingborg.se", "trusted", "Helsingborgs stad"),
    ("krisinformation.se", "trusted", "Myndigheternas krisinformation"),
    ("1177.se", "trusted", "Vårdguiden"),
    ("polisen.se", "trusted", "Polisen"),
    ("regeringen.se", "trusted", "Regeringen"),
    ("riksdagen.se", "trusted", "Riksdagen"),
    ("skatteverket.se", "trusted", "Skatteverket"),
    ("folkhalsomyndigheten.se", "trusted", "Folkhälsomyndigheten"),
    ("msb.se", "trusted", "Myndigheten för samhällsskydd och beredskap"),
    ("smhi.se", "trusted", "SMHI"),
    ("skane.se", "trusted", "Region Skåne"),
    ("skanetrafiken.se", "trusted", "Skånetrafiken"),
    ("svt.se", "trusted", "SVT"),
    ("sverigesradio.se", "trusted", "Sveriges Radio"),
    ("hd.se", "trusted", "Helsingborgs Dagblad"),
    ("sydsvenskan.se", "trusted", "Sydsvenskan"),
    ("dn.se", "trusted", "Dagens Nyheter"),
    ("svd.se", "trusted", "Svenska Dagbladet"),
    ("facebook.com", "trusted", "Länkar inom plattformen"),
    ("instagram.com", "trusted", "Länkar inom plattformen"),
    ("linkedin.com", "trusted", "Länkar inom plattformen"),
    ("youtube.com", "trusted", "Videotjänst"),
    ("wikipedia.org", "trusted", "Uppslagsverk"),
    ("friatider.se", "blocked", "Återkommande vilseledande innehåll"),
    ("samnytt.se", "blocked", "Återkommande vilseledande innehåll"),
    ("nyadagbladet.se", "blocked", "Återkommande vilseledande innehåll"),
    ("newsvoice.se", "blocked", "Konspirationsteorier"),
    ("exakt24.se", "blocked", "Återkommande vilseledande innehåll"),
]


def seed(apps, schema_editor):
    TriageRule = apps.get_model("moderation", "TriageRule")
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    TriageDomain = apps.get_model("moderation", "TriageDomain")
    for label, action, guideline in RULES:
        TriageRule.objects.get_or_create(
            label=label,
            defaults={"action": action, "guideline": guideline, "params": SPAM_PARAMS if label == "spam" else {}},
        )
    for label, terms in TERMS.items():
        for term, match in terms:
            TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": match})
    for domain, kind, note in DOMAINS:
        TriageDomain.objects.get_or_create(domain=domain, defaults={"kind": kind, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("moderation", "TriageTerm").objects.all().delete()
    apps.get_model("moderation", "TriageDomain").objects.all().delete()
    apps.get_model("moderation", "TriageRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

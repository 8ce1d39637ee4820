"""Round 6 of the starting patterns: guards against the false alarms the development part's batches
`dev-v6a…` to `dev-v6f…` showed (see moderation/corpus/README.md, round 6).

What they guard (each a class of innocent context, not one comment):

* words reported rather than said: "någon skrev att invandrare är parasiter", "jag blev kallad
  svartskalle", "en lärare sa 'du är lat'", "sånt hör inte hemma här", "till den som skrev 'Sverige åt svenskarna'" (the group
  `återgivning`, on the racism and attack patterns that read a group or a person with an insult);
  a word named as a word ("folkutbyte-retoriken", "det är ingen återvandring");
* friendly teasing: "haha du är ju helt knäpp, älskar dig", "du är bäst, galning!" (the group
  `tillgivenhet`, on the attack patterns over insults);
* oneself, one's own things and pets: "mamma kommer döda mig", "kommer att döda min bil", "min hund
  är helt dum i huvudet", "folk höll på att slå ihjäl sig";
* pests, plants and farm animals: "slog ihjäl tre getingar", "parkslide är en parasit i rabatterna",
  "akta er för getterna";
* games and play: "spel där man ska skjuta zombies", "plantade bomben" on a LAN, "nu ska jag ta
  dig!" in hide and seek, bats for a baseball game;
* money, budgets, building work and problems: "borde skjuta till mer pengar", "slakta budgeten",
  "sprängde berget vid tunnelbygget", "lärarbristen kommer att explodera";
* a past fire ("skolan brann för några år sedan"), an almost-accident ("nästan kör ihjäl"), a
  warning about a roundabout with "skyltar", a shop's advertising ("vi vet var ni bor" on a flyer)
  and waste collection ("era egna sopor");
* "Jag säger inte att kommunalrådet är dum" (negation), "slå ett slag för" (an idiom).

Laughter alone ("haha") is no guard: "hahaha vilken clown du är" is an attack. The pattern "skäms"
goes: "Skäms på er" rebukes people for what they did or decided, and the development part labels it
no attack; the attacks that say "skäms" also insult ("Skäms ditt sjuka pucko") and other patterns
read them.

Terms that cannot be guarded became guarded patterns: the slurs "svartskalle", "blatte", "neger",
"negrer", "negrerna" and "sandneger" (read by the pattern over `rasord`, which holds them), "Sverige åt
svenskarna" (read by "staden åt svenskarna"), "återvandring", "remigration", "folkutbyte" and
"befolkningsutbyte" (new patterns), "dum i huvudet" (a new pattern), "hora" (the insult patterns over `skällsord`),
and "vet var du bor"/"vet var ni bor" (the patterns "vet var du bor" and "jag vet var du bor").

As in 0018: words are added to groups (nothing AKN wrote is removed), patterns are added by name
(one AKN already has under that name is left alone), and guards are appended to a starting pattern
only when it does not hold them already. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    # New groups.
    "återgivning": (
        "Words reported rather than said: a comment that tells what someone wrote, said or was called.",
        "=skrev, =skriver, =skrivit, =skrivits, =sa, =sade, =sagt, =kallade, =kallad, =kallat, =kallas, "
        "=skrek, =ropade, =höra, =hört, =citerar, =citat, =citatet",
    ),
    "tillgivenhet": (
        "Laughter and affection: an insult among them is teasing between friends.",
        "=älskar, =älskade, =respekt, =legend, =legenden, =bäst, =hjälte, =hjälten, "
        "=kram, =kramar, =puss, =ses",
    ),
    "natur": (
        "Pests, plants and animals: violent or insulting words about them are no threat or attack.",
        "=getingar, =getingarna, =getingbo, =getingboet, =myror, =myrorna, =råttorna, =flugor, =flugorna, "
        "=getter, =getterna, =fåren, =lammen, =korna, =måsarna, =kråkorna, =rabatterna, =rabatten, =växten, "
        "=växter, =växterna, parkslide*, =blomsterlandet, =gräsmattan, =ekorrar, =ekorrarna",
    ),
    "pengar": (
        "Money: \"skjuta till pengar\" gives money, it shoots no one.",
        "=pengar, =pengarna, =medel, =medlen, =miljoner, =miljonerna, =kronor, =resurser, =resurserna, =anslag, "
        "=anslagen",
    ),
    "förr": (
        "The past: a fire years ago is news, not a threat.",
        "=sedan, =fjol, =förra, =historien, =historia",
    ),
    "om_ord": (
        "A word named as a word: talk about a term rather than using it.",
        "=ord, =ordet, =orden, =begreppet, =uttrycket, retorik*, =retoriken, extremhöger*, extremist*, "
        "extremisternas, konspirationsteori*, =myten, =lögnen",
    ),
    "avfall": (
        "Waste collection: \"sopor\" there are rubbish, not an insult.",
        "=hämtat, =hämtar, =hämtas, =hämta, =hämtning, =hämtningen, sophämtning*, soptunn*, =kärl, =kärlet, "
        "=kärlen, =sortera, =sorterar, =sopbil, =sopbilen, sopkärl*",
    ),
    "annons": (
        "Advertising and a business's own address: \"vi vet var ni bor\" on a flyer sells something.",
        "reklam*, =slogan, =sloganen, =lokalerna, =lokaler, =firman, =firma, =öppnat, =nyöppnat",
    ),
    # Words added to groups of earlier rounds.
    "sakmål": (
        "Things, trades and places violent words are used about figuratively: a sentence naming one "
        "is no threat to a person (\"slår ihjäl föreningslivet\", \"döda all handel\").",
        "=bygget, *bygget, =berget, tunnel*, sprängning*, budget*, *bristen, =krisen, *krisen, kostnad*",
    ),
    "spel": (
        "Games, matches and play: violent words in a sentence about one are part of the game.",
        "=spel, =spela, =spelar, zombie*, =cs, =lan, =lanet, =runda, =rundan, =kurragömma, =tafatt, "
        "=labyrinten, =baseboll, =brännboll",
    ),
    "trafikfara": (
        "Traffic and slippery roads: someone who \"will be run over\" there is a danger, no threat.",
        "=skyltar, =skyltning, =dödsfälla, =dödsfällan, elspark*, =farthinder, =farthindret",
    ),
}

PATTERNS = [
    (
        "racism",
        "återvandring, inte som ord",
        "(återvandr*|remigration*) !{negation} !? !!{återgivning} !!{om_ord}",
    ),
    (
        "racism",
        "folkutbyte, inte som ord",
        "(folkutbyt*|befolkningsutbyt*) !{negation} !!{återgivning} !!{om_ord}",
    ),
    (
        "personal_attack",
        "dum i huvudet",
        "(=dum|=dumma) =i (=huvudet|=huvet|=huvve|=skallen) !{egna} !{kalla} !!{tillgivenhet}",
    ),
]

PATTERNS_REMOVE: list[tuple[str, str]] = [("personal_attack", "skäms")]

# Starting patterns that read reported words, teasing, oneself, pests, games, money and the past as
# violations: a guard is added to those AKN has not changed since (only when the pattern lacks it).
_REPORTED = "!!{återgivning}"
_TEASING = "!!{tillgivenhet}"
PATTERNS_GUARD = [
    # racism: reported words and words named as words
    *(
        ("racism", name, _REPORTED)
        for name in (
            "grupp med nedsättande ord",
            "grupp som ohyra eller fara",
            "grupp som ohyra, smuts eller djur",
            "grupp som ohyra, vidare",
            "grupp som brottslingar eller som förstör",
            "grupp som förstör, vidare",
            "de förstör",
            "rasistiskt skällsord",
            "staden åt svenskarna",
        )
    ),
    ("racism", "rasistiskt skällsord", "!!{kalla}"),
    ("racism", "rasistiskt skällsord", "!!{om_ord}"),
    ("racism", "de hör inte hit", "!(=sånt|=sådant|=sådana|=sånt|=språk|=språket|=kommentarer|=kommentaren)"),
    # personal attacks: reported words, teasing, plants, waste
    *(
        ("personal_attack", name, _REPORTED)
        for name in (
            "du som svarar är så dum",
            "du nära ett nedsättande ord",
            "du och ett nedsättande ord",
            "förtroendevald eller tjänsteperson och ett skällsord",
            "person på jobbet och ett skällsord",
            "lär dig läsa",
            "utrop med ett skällsord",
            "vilken idiot",
        )
    ),
    *(
        ("personal_attack", name, _TEASING)
        for name in (
            "är ett gäng idioter",
            "en sådan idiot",
            "du som svarar är så dum",
            "du nära ett nedsättande ord",
            "du och ett nedsättande ord",
            "namn och ett skällsord",
            "du eller en tjänsteperson och ett skällsord, vidare",
            "du nära ett skällsord",
            "du och ett skällsord",
            "utrop med ett skällsord",
            "vilken idiot",
            "borta i huvudet",
            "han eller hon och ett skällsord",
            "han är psykotisk, om en person på jobbet",
            "förtroendevald eller tjänsteperson och ett skällsord",
            "person på jobbet och ett skällsord",
        )
    ),
    ("personal_attack", "är ett gäng idioter", "!!{natur}"),
    ("personal_attack", "chefen är idiotisk", "!{negation}"),
    *(
        ("personal_attack", name, "!!{avfall}")
        for name in ("du nära ett skällsord", "du och ett skällsord", "utrop med ett skällsord", "vilken idiot")
    ),
    # threats
    ("threat", "då blir det blod", "!(=svenskt|=svensk|=svenska|blodgiv*|=blodbanken)"),
    ("threat", "ni ska få ångra er", "!(=man)"),
    ("threat", "ni ska få ångra er", "!!{evenemang}"),
    ("threat", "slå eller köra ihjäl", "!(=sig|=nästan)"),
    ("threat", "slå eller köra ihjäl", "!!{natur}"),
    ("threat", "avsikt och våldshandling", "!(=mig|=min|=mitt|=mina|=oss)"),
    ("threat", "avsikt och våldshandling", "!!{natur}"),
    ("threat", "avsikt och våldshandling", "!!{spel}"),
    ("threat", "avsikt och våldshandling, nära", "!{pengar}"),
    ("threat", "avsikt och våldshandling, nära", "!(=slag)"),
    ("threat", "eld mot en byggnad", "!!{sakmål}"),
    ("threat", "eld mot en byggnad", _REPORTED),
    ("threat", "eld mot en byggnad", "!!{förr}"),
    ("threat", "eld eller bomb mot en byggnad", "!!{spel}"),
    ("threat", "eld eller bomb mot en byggnad", _REPORTED),
    ("threat", "eld eller bomb mot en byggnad", "!!{förr}"),
    ("threat", "brand i en byggnad, vidare", _REPORTED),
    ("threat", "med vapen", "!!{spel}"),
    ("threat", "vapen med avsikt", "!!{spel}"),
    ("threat", "ta någon", "!!{spel}"),
    ("threat", "någon borde göra något", "!!{spel}"),
    *(
        ("threat", name, "!(=min|=mitt|=mina)")
        for name in (
            "avsikt och våldshandling, nära",
            "avsikt eller önskan och våld, vidare",
            "önskan om någons död, vidare",
        )
    ),
    ("threat", "få stryk eller en kula", _REPORTED),
    ("threat", "akta dig, utom för halkan", "!!{natur}"),
    *(
        ("threat", name, guard)
        for name in ("vet var du bor", "jag vet var du bor", "har koll på när någon går hem", "vi vet vilken skola")
        for guard in (_REPORTED, "!!{annons}", "!!{tack}")
    ),
]

# Terms that cannot be guarded: the patterns named in the docstring read them, with the guards above.
TERMS_REMOVE = [
    ("racism", "svartskalle"),
    ("racism", "blatte"),
    ("racism", "neger"),
    ("racism", "negrer"),
    ("racism", "negrerna"),
    ("racism", "sandneger"),
    ("racism", "sverige åt svenskarna"),
    ("racism", "återvandring"),
    ("racism", "remigration"),
    ("racism", "folkutbyte"),
    ("racism", "befolkningsutbyte"),
    ("personal_attack", "dum i huvudet"),
    ("personal_attack", "hora"),
    ("threat", "vet var du bor"),
    ("threat", "vet var ni bor"),
]


def words_merge(existing: str, added: str) -> str:
    """`existing` with the entries of `added` it lacks appended (comma-separated, order kept)."""
    have = [entry.strip() for entry in existing.replace("\n", ",").split(",") if entry.strip()]
    seen = {entry.casefold() for entry in have}
    for entry in (entry.strip() for entry in added.split(",")):
        if entry and entry.casefold() not in seen:
            have.append(entry)
            seen.add(entry.casefold())
    return ", ".join(have)


def seed(apps, schema_editor):
    TriageWordGroup = apps.get_model("moderation", "TriageWordGroup")
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    for name, (note, words) in GROUPS_ADD.items():
        group, created = TriageWordGroup.objects.get_or_create(name=name, defaults={"words": words, "note": note})
        if not created:
            merged = words_merge(group.words, words)
            if merged != group.words:
                group.words = merged
                group.save(update_fields=["words"])
    for label, name, pattern in PATTERNS:
        TriagePattern.objects.get_or_create(label=label, name=name, defaults={"pattern": pattern})
    for label, name in PATTERNS_REMOVE:
        TriagePattern.objects.filter(label=label, name=name).delete()
    for label, name, guard in PATTERNS_GUARD:
        for pattern in TriagePattern.objects.filter(label=label, name=name).exclude(pattern__contains=guard):
            pattern.pattern = f"{pattern.pattern} {guard}"
            pattern.save(update_fields=["pattern"])
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.filter(label=label, term=term).delete()


def unseed(apps, schema_editor):
    # The patterns added here go and the terms come back; words added to groups and guards stay
    # (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    for label, name, _pattern in PATTERNS:
        TriagePattern.objects.filter(label=label, name=name).delete()
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": "stem"})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0018_triage_round5")]

    operations = [migrations.RunPython(seed, unseed)]

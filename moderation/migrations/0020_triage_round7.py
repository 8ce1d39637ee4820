"""Round 7 of the starting patterns: guards against the false alarms the development part's batches
`dev-v7a…` to `dev-v7d…` showed (see moderation/corpus/README.md, round 7).

What they guard (each a class of innocent context, not one comment):

* time, feelings, tasks, rules and the town centre killed or burnt figuratively: "ska döda lite tid
  på Sofiero", "dödar all motivation", "slog ihjäl all min pessimism", "ska döda uppsatsen i kväll",
  "avgifterna kommer att döda centrum", "borde bränna alla gamla regler" (the new group `bildligt`);
* violence told about, not threatened: people who hurt one another ("skjuter ihjäl varandra",
  "skjuta varandra", "skriker och slåss"), a threat someone else wrote or said and the writer
  reports ("någon skrev att de skulle sticka ner honom", "killen sa att han skulle skjuta henne",
  "folk som skriver 'skjut dem'", "han har skrivit att jag ska få ångra mig"). Cars that burnt are
  not guarded: "huset började brinna en natt" and "förvaltningen brann för några år sen" are veiled
  threats in the development part;
* who carries a knife, asked about rather than threatened ("vilka som har kniv i fickan");
* hyperbole and idioms: "skulle kunna mörda för en p-plats", "ful som stryk", "ni dödade den med
  julbelysningen", "håller på att ta livet av personalen", "kommer hem helt sönderslagen";
* affection ("krama ihjäl dig"), a dead bird or other animals (`natur` widened), the local
  football team ("HIF ska krossa Malmö", `spel` widened);
* personal attacks: a quotation followed by who said it ("'Du är ett pucko pappa' sa min 6-åring";
  "skrev"/"skriver" are no guard here: "Förstår du ens vad du skriver, din idiot?"), a decision
  called stupid ("beslutet var ett av de dummaste"), one's own and anyone ("min man är en sån
  tönt", "så är man en parasit"), a race ("du e sjuk i huvudet, hur hann du springa hela loppet"),
  "vi ska bara hålla käften" (the term "håll käften" now matches only that form);
* racism: words reported or scribbled on a wall ("gubben som skrek 'åk hem till ditt eget land'",
  "blev kallad 'jävla blatte'", "'Sverige åt svenskarna' stod klottrat på muren").

Terms that cannot be guarded became guarded patterns: "ska döda" (read by "avsikt och
våldshandling"), "skjuta ihjäl" (read by "slå eller köra ihjäl"), "åk hem till ditt eget land"
(read by "åk hem till ditt land"), "pucko" (read by the insult patterns over `skällsord`) and
"sätta eld på" (read by the fire patterns).

As in 0019: words are added to groups (nothing AKN wrote is removed), and guards are appended to a
starting pattern only when it does not hold them already. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    # New groups.
    "bildligt": (
        "Time, feelings, tasks, rules and places that are killed or burnt figuratively: \"döda lite tid\", "
        "\"dödar all motivation\", \"borde bränna alla gamla regler\".",
        "=tid, =tiden, =motivation, =motivationen, =pessimism, =pessimismen, =lust, =lusten, =glädje, =glädjen, "
        "=stämning, =stämningen, =hopp, =hoppet, =tristess, =tristessen, =uppsats, =uppsatsen, =uppsatser, "
        "=tenta, =tentan, =läxan, =läxorna, =centrum, =stadskärnan, =regler, =reglerna, =regel, =regeln, "
        "*budgeten, *budget",
    ),
    "lopp": (
        "Races: \"du är sjuk i huvudet\" to someone who ran a whole race admires them.",
        "=loppet, =loppen, =maraton, =maratonet, =maran, =halvmaran, =milen, =triathlon, =ironman, "
        "=vasaloppet, =tjejmilen",
    ),
    # Words added to groups of earlier rounds.
    "återgivning": (
        "Words reported rather than said: a comment that tells what someone wrote, said or was called.",
        "=klottrat, =klottrad, =klottrade, =klotter, =klottret, =klottra, =skrevs, =sms, =lapp, =lappar, "
        "=lapparna",
    ),
    "tillgivenhet": (
        "Laughter and affection: an insult among them is teasing between friends.",
        "=krama, =kramas, =pussa, =mysa",
    ),
    "natur": (
        "Pests, plants and animals: violent or insulting words about them are no threat or attack.",
        "=fågel, =fågeln, =fåglar, =fåglarna, =duva, =duvan, =duvor, =duvorna, =anka, =ankan, =ankor, "
        "=ankorna, =fisk, =fisken, =fiskar, =fiskarna, =räv, =räven, =igelkott, =igelkotten, =rådjur, =rådjuret",
    ),
    "spel": (
        "Games, matches and play: violent words in a sentence about one are part of the game.",
        "=hif, =mff, =hbk, =allsvenskan",
    ),
}

_REPORTED = "!!{återgivning}"
_TEASING = "!!{tillgivenhet}"
_FIGURATIVE = "!!{bildligt}"
PATTERNS_GUARD = [
    # threats: time, feelings, tasks and rules killed figuratively
    *(
        ("threat", name, _FIGURATIVE)
        for name in (
            "avsikt och våldshandling",
            "avsikt och våldshandling, nära",
            "avsikt eller önskan och våld, vidare",
            "önskan om någons död, vidare",
            "avsikt och ihjäl",
            "slå eller köra ihjäl",
            "våld mot någon",
            "avsikt och eld mot en person eller byggnad",
            "någon borde göra något",
        )
    ),
    # threats: violence told about rather than threatened
    *(
        ("threat", name, _REPORTED)
        for name in (
            "våld mot en person",
            "våld mot någon",
            "sticka ner någon",
            "avsikt och våldshandling, nära",
        )
    ),
    ("threat", "ni ska få ångra er", "!(=skrivit|=skrev|=sagt|=sa)"),
    ("threat", "slå eller köra ihjäl", "!(=varandra)"),
    ("threat", "våld mot någon", "!(=varandra|=slåss)"),
    ("threat", "våld mot en person", "!(=varandra|=slåss)"),
    ("threat", "våld mot en person", "!!{spel}"),
    ("threat", "med vapen", "!!(=vilka)"),
    ("threat", "vapen med avsikt", "!!(=vilka)"),
    # threats: hyperbole, idioms, affection, animals
    ("threat", "avsikt eller önskan och våld, vidare", "!(=för)"),
    ("threat", "avsikt eller önskan och våld, vidare", "!(=ful|=fula)"),
    ("threat", "en person och våld i passiv form, vidare", "!(=den)"),
    ("threat", "ta livet av någon", "!(=håller)"),
    ("threat", "avsikt och våld i passiv form", "!(=hem)"),
    ("threat", "avsikt och ihjäl", _TEASING),
    ("threat", "vi kommer att hitta dig", _TEASING),
    ("threat", "önskan om någons död, vidare", _TEASING),
    ("threat", "önskan om någons död, vidare", "!!{natur}"),
    # personal attacks: reported words, a decision called stupid, oneself and one's own
    *(
        ("personal_attack", name, "!!(=sa|=sade|=skrek)")
        for name in (
            "du eller en tjänsteperson och ett skällsord, vidare",
            "du nära ett skällsord",
            "du och ett skällsord",
        )
    ),
    ("personal_attack", "förtroendevald eller tjänsteperson och ett skällsord", "!!(=beslut|=beslutet|{beslutsord})"),
    ("personal_attack", "person på jobbet och ett skällsord", "!!(=beslut|=beslutet|{beslutsord})"),
    ("personal_attack", "en sådan idiot", "!!(=min|=mitt|=mina)"),
    *(
        ("personal_attack", name, "!!{lopp}")
        for name in (
            "borta i huvudet",
            "du som svarar är så dum",
            "du nära ett nedsättande ord",
            "du och ett nedsättande ord",
        )
    ),
    ("personal_attack", "är ett gäng idioter", "!(=min|=mitt|=mina)"),
    ("personal_attack", "är ett gäng idioter", "!(=man)"),
    # racism: reported words
    ("racism", "åk hem till ditt land", _REPORTED),
    ("racism", "jävla grupp", _REPORTED),
    ("racism", "jävla grupp", "!!{kalla}"),
]

# Terms that cannot be guarded: the patterns named in the docstring read them, with the guards above.
TERMS_REMOVE = [
    ("threat", "ska döda"),
    ("threat", "skjuta ihjäl"),
    ("racism", "åk hem till ditt eget land"),
    ("personal_attack", "pucko"),
    ("threat", "sätta eld på"),
]

# Terms that should match only the listed form: "håll käften" tells someone to shut up, "vi ska bara
# hålla käften" complains about having to.
TERMS_EXACT = [("personal_attack", "håll käften")]


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
    for label, name, guard in PATTERNS_GUARD:
        for pattern in TriagePattern.objects.filter(label=label, name=name).exclude(pattern__contains=guard):
            pattern.pattern = f"{pattern.pattern} {guard}"
            pattern.save(update_fields=["pattern"])
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.filter(label=label, term=term).delete()
    for label, term in TERMS_EXACT:
        TriageTerm.objects.filter(label=label, term=term).update(match="exact")


def unseed(apps, schema_editor):
    # The terms come back; words added to groups and guards stay (AKN may rely on them).
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": "stem"})
    for label, term in TERMS_EXACT:
        TriageTerm.objects.filter(label=label, term=term).update(match="stem")


class Migration(migrations.Migration):
    dependencies = [("moderation", "0019_triage_round6")]

    operations = [migrations.RunPython(seed, unseed)]

"""Round 11 of the starting patterns: guards against the false alarms the development part's batches
`dev-v11a…` to `dev-v11f…` showed (see moderation/corpus/README.md, round 11).

What they guard (each a class of innocent context, not one comment):

* violence in the news: "polisen sköt en man i natt enligt tidningen" (the new group `nyhet`);
* slogans sprayed on a wall and comments quoted to be condemned: "någon har sprejat '… ut' på
  muren", "kommentarerna här om 'invasion' är samma språk som …", "vi tar avstånd från kommentarer
  som …" (`återgivning`, `om_ord` and `mot_rasism` widened, and on more racism patterns), a slogan
  reported with "skrev" or "sa" ("någon skrev 'skicka hem dem' … skäms");
* settling newcomers: "sprida ut de nyanlända över fler stadsdelar" is no call to send them away;
* a threat received: "fått dödshot och behöver livvakt" (`hot_anmält` widened);
* papers burnt in the stove, an alarm bell strangled, a plan burnt and a block "killed"
  figuratively (`bildligt` widened, and on more threat patterns);
* a game about blowing up a town hall, a match in the arena, a goal scored ("du e galen, 3 mål på en
  match") (`spel` widened, and on more patterns);
* a crime novel or pastiche ("läser senaste deckaren där ett kommunalråd hittas mördad") (`fiktion`
  widened);
* a swim or a ride ("du e sjuk i huvet, hur orkade du simma 3 km") (`lopp` widened);
* a gull that steals an ice cream ("vilken idiot till mås") (`natur` widened, on the exclamation
  patterns);
* a bun at the coffee break ("den som tar sista bullen ska skjutas i gryningen") (`mat` widened);
* a protest with a placard outside the town hall (`demokrati` on "komma hem till någon, vidare");
* idioms: "skulle döda för att få …", "det ligger i blodet", "barnen får betala priset", "ska jag
  betala hans lön?" (the speaker pays), "mamma skulle slå ihjäl mig";
* personal attacks: an insult quoted to be condemned ("att någon kallar personalen 'lata kärringar'
  är under all kritik").

New patterns read the constructions behind the threats, racism and attacks the v11 batches showed
the rules missing, over word groups and each guarded (see PATTERNS_ADD), and insults the batches
used joined `skällsord`.

As in 0019–0021: words are added to groups (nothing AKN wrote is removed), guards are appended to a
pattern only when it does not hold them already, and an added pattern is left alone when AKN already
has one under that name, so that this migration and another round's may run in either order. The
words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    # New groups.
    "nyhet": (
        'Violence in the news: "polisen sköt en man i natt enligt tidningen" is a report, not a threat.',
        "=enligt, =tidningen, =tidningar, =hd, =sydsvenskan, =artikeln, =artikel, =nyheterna, =nyheter, "
        "=rapporterar, =rapporterade, =rapporteras, =reportaget, =läste, =läser",
    ),
    # Words added to groups of earlier rounds.
    "återgivning": (
        'Words reported rather than said: "någon skrev att …", "någon har sprejat …".',
        "=sprejat, =sprejade, =sprejad, =sprayat, =sprayade, =sprayad, =sprejats, =sprayats",
    ),
    "om_ord": (
        'A word named as a word: "samma språk som användes i …".',
        "=språk, =språket, =språkbruk, =språkbruket, =kommentarerna, =kommentarer, =konspirationsteorier",
    ),
    "mot_rasism": (
        "Speaking against racism.",
        "=avstånd, =vidrigt, =vidriga, =skäms",
    ),
    "hot_anmält": (
        'A threat received, reported or condemned: "fått dödshot och behöver livvakt".',
        "dödshot*, =hot, =hoten, =hotet, =hotbrev, =hotbild, =hotbilden",
    ),
    "bildligt": (
        "Things killed, burnt or strangled figuratively: papers in the stove, an alarm bell, a block.",
        "=deklarationer, =deklarationerna, =deklarationen, =papper, =pappren, =papperen, =kvitton, "
        "=kvittona, =kaminen, =kamin, =brasan, larmklock*, =kvarteret, =kvarter, =kvarteren, =stadsdelen",
    ),
    "spel": (
        "Games, matches and play: violent words in a sentence about one are part of the game.",
        "=arenan, =arena, =simulatorn, *simulatorn, =simulator, =mål",
    ),
    "fiktion": (
        "Fiction: a crime novel or a pastiche.",
        "deckar*, pastisch*, *pastischen, =mankell, =wallander, =kapitlet, =novellen, =novell, =författaren, "
        "=mordgåta, =mordgåtan",
    ),
    "lopp": (
        "Races and long swims, runs or rides.",
        "=simma, =simmade, =simmar, =simning, =km, =kilometer, =mil, =sprang, =springa, =cyklade, =cykla",
    ),
    "natur": (
        "Birds that steal ice cream, and other animals.",
        "=mås, =måsen, =måsar, fiskmås*, =kråka, =kråkan, =duva, =duvan, =duvor, =duvorna, =fågel, =fågeln, "
        "=fåglar, =fåglarna",
    ),
    "mat": (
        "Food and coffee breaks: the last bun.",
        "kanelbull*, =bullen, =bulle, =bullar, =fika, =fikat, =tårta, =tårtan, =kakan, =glassen, "
        "personalrum*",
    ),
}

_NOT_TOLD = ("!!{återgivning}", "!!{mot_rasism}", "!!{om_ord}")
_NEWS_VIOLENCE = (
    "våld mot någon",
    "våld mot en person",
    "en person och våld i passiv form, vidare",
    "avsikt och våldshandling",
    "eld mot en byggnad",
    "eld eller bomb mot en byggnad",
)
_RACISM_TOLD = (
    "en grupp som en översvämning",
    "grupp som ska utvisas",
    "en grupp lika med brott",
    "kasta ut dem",
    "skicka hem dem, om invandring",
    "grupp och utvisning, vidare",
    "grupp som ska skickas bort",
    "tillbaka till öknen",
    "grupp som brottslingar eller som förstör",
    "grupp som förstör, vidare",
    "grupp som ohyra eller fara",
    "grupp som ohyra, smuts eller djur",
    "grupp som ohyra, vidare",
)
_SPREAD = "!(=sprida|=sprid|=sprids|=spridas|=fördela|=fördelas|=fördelar|=placera|=placeras|=bosätta)"
PATTERNS_GUARD = [
    # threats: violence in the news
    *(("threat", name, "!!{nyhet}") for name in _NEWS_VIOLENCE),
    # threats: a threat received
    ("threat", "skaffa skyddad identitet", "!!{hot_anmält}"),
    # threats: things burnt or killed figuratively
    *(
        ("threat", name, "!!{bildligt}")
        for name in (
            "avsikt och våld i passiv form",
            "avsikt och våld i passiv form, nära",
            "eld mot en byggnad",
        )
    ),
    # threats: a game, a match
    *(("threat", name, "!!{spel}") for name in ("eld mot en byggnad", "eld eller bomb mot en byggnad")),
    # threats: a bun at the coffee break
    *(
        ("threat", name, "!!{mat}")
        for name in (
            "avsikt eller önskan och våld, vidare",
            "avsikt och våld i passiv form",
            "avsikt och våld i passiv form, nära",
        )
    ),
    # threats: a protest with a placard
    ("threat", "komma hem till någon, vidare", "!!{demokrati}"),
    # threats: idioms
    ("threat", "önskan om någons död, vidare", "!(=för)"),
    ("threat", "då blir det blod", "!(=ligger|=sitter)"),
    ("threat", "ni ska få ångra er", "!(=jag)"),
    ("threat", "ni ska få ångra er", "!(=priset|=notan|=kalaset)"),
    ("threat", "slå eller köra ihjäl", "!(=mig|=mej)"),
    # racism: a slogan reported, sprayed or quoted to be condemned
    *(("racism", name, guard) for name in _RACISM_TOLD for guard in _NOT_TOLD),
    # racism: a conspiracy theory named ("HD skriver" is no guard for these)
    *(
        ("racism", name, guard)
        for name in ("en grupp som styr allt", "grupp som styr")
        for guard in ("!!{mot_rasism}", "!!{om_ord}")
    ),
    # racism: newcomers settled across the town
    *(("racism", name, _SPREAD) for name in ("grupp som borde ut, vidare", "grupp som ska bort")),
    # personal attacks: an insult quoted to be condemned; a gull; a goal
    ("personal_attack", "dumma kärring", "!!{kalla}"),
    *(("personal_attack", name, "!!{natur}") for name in ("vilken idiot", "utrop med ett skällsord")),
    *(
        ("personal_attack", name, "!!{spel}")
        for name in ("du nära ett nedsättande ord", "du och ett nedsättande ord")
    ),
]

PATTERNS_ADD = []

TERMS_REMOVE = []


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
        group, created = TriageWordGroup.objects.get_or_create(
            name=name, defaults={"words": words, "note": note}
        )
        if not created:
            merged = words_merge(group.words, words)
            if merged != group.words:
                group.words = merged
                group.save(update_fields=["words"])
    for label, name, guard in PATTERNS_GUARD:
        for pattern in TriagePattern.objects.filter(label=label, name=name).exclude(pattern__contains=guard):
            pattern.pattern = f"{pattern.pattern} {guard}"
            pattern.save(update_fields=["pattern"])
    for label, name, pattern in PATTERNS_ADD:
        TriagePattern.objects.get_or_create(label=label, name=name, defaults={"pattern": pattern})
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.filter(label=label, term=term).delete()


def unseed(apps, schema_editor):
    # The patterns added here go and the terms come back; words added to groups and guards stay
    # (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    for label, name, _pattern in PATTERNS_ADD:
        TriagePattern.objects.filter(label=label, name=name).delete()
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term in TERMS_REMOVE:
        TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": "stem"})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0021_triage_round8")]

    operations = [migrations.RunPython(seed, unseed)]

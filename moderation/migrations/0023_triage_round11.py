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
    "demokrati": (
        "Protest by democratic means: a manifestation outside the town hall.",
        "manifestation*, =manifestationen, =klimatstrejk, =klimatstrejken, =fackeltåg, =fackeltåget, "
        "=valdagen, =valet, "
        "=valsedeln, =valsedel, =rösta, =röstar",
    ),
    "oro": (
        'Worry about the dark, unlit paths: "gatlyktorna är trasiga".',
        "=gatlyktorna, =gatlyktor, =gatubelysningen, =belysning, =belysningen, =mörkt, =otryggt",
    ),
    "rasord": (
        "Coded slurs for a group.",
        "bidragsturist*, bidragsinvandrar*, ökenråtta*, ökenråttor*, bananätar*, burkaninj*, =gulingar, "
        "=gulingarna, turkjävl*, kebabgäng*, avelsfabrik*, ockupationsarmé*, lerhydd*",
    ),
    "skällsord": (
        "Insults.",
        "=wannabe, creep*, psykfall*, =nolla, =nollan, =nollor, =nollorna, pissråtta*, *pissråtta, *fjant, "
        "*fjanten, moralist*, skyltdock*, pundare*, *kärringen",
    ),
    "nedsättande": (
        "Belittling words.",
        "=senil, =gnällig, =lismande, =fjäskande, =maktgalen, =trögtänkt, =trögtänkta, =oärlig, =ohederlig, "
        "=ohederliga, =slemmig, =mesig, =mesiga, =självgod, =ynklig, =skrikig, =hysterisk, =sadistisk, "
        "=sadistiskt, =uppblåst",
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
    "grupp som ska kastas ut",
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
    *(
        ("personal_attack", name, "!!{natur}")
        for name in ("vilken idiot", "utrop med ett skällsord", "skällsord som sitter i nämnden")
    ),
    *(
        ("personal_attack", name, "!!{spel}")
        for name in ("du nära ett nedsättande ord", "du och ett nedsättande ord", "du som svarar är så dum")
    ),
]

# New patterns: constructions behind the threats, racism and attacks the v11 batches showed the rules
# missing, over word groups, each guarded.
_NOT_INNOCENT = "!? !!{tack} !!{återgivning} !!{hot_anmält}"
_TARGET = "({du}|{ämbete}|{offer}|{förnamn}|{institution})"
PATTERNS_ADD = [
    # harm as its consequence: "åker vakten ambulans", "får gå med gips", "får hälsa på akuten"
    (
        "threat",
        "någon får åka ambulans",
        "({avsikt}|=får|=åker|=blir|=går) ..4 (=ambulans|=ambulansen|=akuten|=kryckor|=kryckorna|=gips|"
        "=gipset|=rullstol|=båren|=bår) !{negation} !{egna} !(=fick|=åkte|=mamma|=pappa|=mormor|=morfar|"
        "=farmor|=farfar) !!{oro} !!{trafikfara} !!{räddning} !!{spel} !!{lopp} !!{natur} " + _NOT_INNOCENT,
    ),
    (
        "threat",
        "ha ambulansen redo",
        "(=ambulans|=ambulansen|=plåster|=förbandslåda|=förbandslådan|=likbil|=kista|=kistan|=bår|"
        "=båren) ..5 "
        "(=redo|=beredd|=behöva|=behöver|=beställd|=förberedd) !{negation} !!{oro} !!{trafikfara} "
        "!!{räddning} "
        "!!{spel} !!{lopp} !!{evenemang} " + _NOT_INNOCENT,
    ),
    # a visit that is no visit: "hälsa på borgmästaren efter jobbet en kväll", "vi knackar inte"
    (
        "threat",
        "hälsa på någon hemma en kväll",
        "(=hälsa|=hälsar) =på ..4 (=hemma|=kväll|=kvällen|=natt|=natten|=jobbet) "
        "&({avsikt}|=dags|=kanske|=vi|=jag) !{negation} !(=oss|=mig|=mej) !!{evenemang} !!{valrörelse} "
        + _NOT_INNOCENT,
    ),
    (
        "threat",
        "vi knackar inte",
        "(=knackar|=knacka) ..2 =inte &({du}|{ämbete}|{institution}|=nästa|=kväll|=natt) !!{valrörelse} "
        "!!{evenemang} " + _NOT_INNOCENT,
    ),
    # "bör nog inte gå ensam från skolan", "får gå hem ensam i mörkret"
    (
        "threat",
        "någon går ensam",
        "({ämbete}|{förnamn}|=han|=hon|=hen|=ni|=du) ..4 (=gå|=går|=gått|=promenera|=promenerar|=stå|=står) "
        "..4 (=ensam|=ensamma|=själv) !{egna} !!{oro} !!{trafikfara} !!{lopp} !!{spel} !!{natur} "
        + _NOT_INNOCENT,
    ),
    # "vi ses utanför stationen", "vi ses på parkeringen"
    (
        "threat",
        "vi ses utanför",
        "=ses ..3 (=utanför|=parkeringen|=parkering) !{negation} !!{evenemang} !!{spel} !!{demokrati} "
        "!!{lopp} !!(=kl|=klockan|=samling|=samlas|=imorgon|=träffas) " + _NOT_INNOCENT,
    ),
    # "kom ihåg mitt ansikte", "vi har ditt ansikte på film"
    (
        "threat",
        "vi har ditt ansikte",
        "(=ihåg|=minns|=har|=sparat|=sparade) ..2 (=ditt|=mitt|=ert|=era|=hans|=hennes) "
        "(=ansikte|=ansikten|=nylle) "
        "!{negation} !!{tillgivenhet} !!{fiktion} " + _NOT_INNOCENT,
    ),
    # hanging office holders: "hänga upp några kommunalråd", "sätt upp en galge åt fullmäktige"
    (
        "threat",
        "hänga någon",
        "(=hänga|=hängas|=hängde|=hänger) ..3 ({ämbete}|{institution}|förrädar*|=lyktstolpar|=lyktstolpe|"
        "=lyktstolparna) !{negation} "
        "!(=med|=ihop|=kvar|=flaggan|=flaggor|=skyltar|=lappar|=affischer|=tavlor) "
        "!!{evenemang} !!{fiktion} " + _NOT_INNOCENT,
    ),
    (
        "threat",
        "en galge åt någon",
        "(=galge|=galgen|=galgar|=snara|=snaran|=repen|=repet) &({ämbete}|{institution}|{du}) !{negation} "
        "!!{spel} !!{natur} !!{fiktion} !!{evenemang} !!{bildligt} " + _NOT_INNOCENT,
    ),
    (
        "threat",
        "ni kommer att hänga",
        "{du} ..1 (=kommer|=ska|=förtjänar) ..2 (=hänga|=hängas|=dingla) "
        "!(=med|=ihop|=kvar|=i|=på|=efter|=upp) "
        "!!{evenemang} !!{spel} " + _NOT_INNOCENT,
    ),
    # fuel at hand: "jag har en dunk bensin och mycket fritid", "vi har bensin"
    (
        "threat",
        "har bensin",
        "(=har|=tar) ..3 (=bensin|=bensindunk|=bensindunken|=dunk|=tändstickor|=tändare) "
        "&({institution}|{ämbete}|{byggnad}|{du}) !{negation} !!{mat} !!{trafikfara} !!{räddning} !!{natur} "
        "!!(=gräsklipparen|=båten|=moppen|=mopeden|=macken|=grillen) " + _NOT_INNOCENT,
    ),
    # "det vore synd om något hände handläggarens barn", "vore trist om någon la ut adresserna"
    (
        "threat",
        "vore synd om någon",
        "(=vore|=vara) ..2 (=synd|=tråkigt|=trist|=olyckligt|=hemskt) =om (=någon|=nån|=något|=nåt) "
        "&({du}|{ämbete}|{hemma}|{förnamn}|{institution}) !{negation} !!{oro} !!{trafikfara} !!{evenemang} "
        "!!{spel} !!{natur} !!{tack} !!{återgivning} !!{hot_anmält}",
    ),
    # "hoppas den som lade ner biblioteket får en stroke och dör"
    (
        "threat",
        "hoppas den som dör",
        "(=hoppas|=önskar) ..2 (=den|=de|=dom|=han|=hon) =som ..12 ({dödsönskan}|=stroke|=hjärtinfarkt) "
        "!{negation} !!{natur} !!{fiktion} !!{spel} !!{oro} !!(=samvete|=samvetet|=skäms) " + _NOT_INNOCENT,
    ),
    (
        "threat",
        "går inte hem på egna ben",
        "=inte ..2 (=hem|=härifrån|=därifrån) ..2 =egna =ben " + _NOT_INNOCENT,
    ),
    # "kolla under bilen innan du kör hem", "kolla bromsarna på sin bil", "hoppas bromsarna håller"
    (
        "threat",
        "kolla under bilen",
        "(=kolla|=kollar|=titta|=tittar|=kontrollera|=hoppas) ..3 (=bromsarna|=bromsar|=under) ..2 "
        "(=bilen|=bil|=håller|=sin|=din) &({du}|{ämbete}|{förnamn}|=han|=hon) !{negation} !!{oro} "
        "!!(=verkstad|=verkstaden|besiktning*|=mekaniker|=mekanikern|=däcken) " + _NOT_INNOCENT,
    ),
]

PATTERNS_ADD += [
    (
        "threat",
        "ni ska få se",
        "({avsikt}|=får) ..2 =få =se !(=att|=hur|=om|=mer|=fram|=olika|=film|=filmen|=föreställningen) "
        "!!{fiktion} !!{spel} !!{demokrati} !!{valrörelse} " + _NOT_INNOCENT,
    ),
    (
        "threat",
        "jag hotar er",
        "(=hotar|=hotade) (=er|=dig|=dej) !{negation} !(=om|=någon|=nån|=den|=som) !!{hot_anmält} !?",
    ),
]

# Racism, by construction: "samma lilla folk", a trait "in their culture", a group likened to vermin or
# a swarm, "endast för svenskar".
PATTERNS_ADD += [
    ("racism", "samma lilla folk", "=samma ..1 =lilla (=folk|=folket|=folkgruppen) " + " ".join(_NOT_TOLD)),
    (
        "racism",
        "det ligger i deras kultur",
        "(=ligger|=sitter|=är) ..3 (=deras|=sin|=dom|=dem) (=kultur|=kulturen|=natur|=blod|=gener|=generna) "
        "!{negation} !? !!{tillgivenhet} !!{evenemang} !!{mat} " + " ".join(_NOT_TOLD),
    ),
    (
        "racism",
        "som kackerlackor",
        "(=som|=likt) ..2 (kackerlack*|gräshopp*|=djurpark|=djurparken|=ohyra|=boskap|=skadedjur|=vargar|"
        "=vargarna) &(=dom|=de|=dem|{folkgrupp}|{invandring}|=flyttade|=släpper|=hit|=släkten) !{negation} "
        "!!{natur} !!{spel} !!{evenemang} " + " ".join(_NOT_TOLD),
    ),
    (
        "racism",
        "endast för svenskar",
        "(=endast|=bara|=enbart|=förbehållet|=förbehållen) =för (=svenskar|=svenskarna|=etniska) "
        "!!(=medborgare|=medborgarna|=medborgarskap) !? " + " ".join(_NOT_TOLD),
    ),
]

# Personal attacks, by likening: "sjunger som en död mås", "lika mycket ryggrad som en manet", "hjärnan i
# kompostpåsen", "IQ som rumstemperatur", "gå och lägg dig", "skaffa ett liv".
_ATTACK_GUARDS = "!{negation} !{egna} !!{tillgivenhet} !!{fiktion} !!{återgivning}"
PATTERNS_ADD += [
    (
        "personal_attack",
        "sjunger som en död mås",
        "({du}|{ämbete}|{förnamn}|=han|=hon|=hen) ..2 "
        "(=skriver|=ritar|=sjunger|=låter|=tänker|=pratar|=snackar|"
        "=ser) ..2 =som (=en|=ett|=nån|=någon) ..3 ({skällsord}|{djurlikhet}|{nedsättande}|*åring|=full|=död|"
        "=trasig|=kokt|=hemlös|=överkörd|=uppsvälld|=försupen|=blöt) " + _ATTACK_GUARDS,
    ),
    (
        "personal_attack",
        "lika mycket ryggrad som en manet",
        "(=lika|=samma) ..3 =som (=en|=ett) &({du}|{ämbete}|{förnamn}|=han|=hon|=hen) !!{tack} "
        "!(=snäll|=snälla|=fin|=fint|=fina|=vacker|=stark|=glad|=glada|=duktig|=duktiga|=söt|=gullig|"
        "=go|=god) " + _ATTACK_GUARDS,
    ),
    (
        "personal_attack",
        "IQ som rumstemperatur",
        "({du}|{ämbete}|{förnamn}|=han|=hon|=hen|=hennes|=hans) ..4 (=iq|hjärncell*|=pannlob|=förstånd|"
        "=förståndet) !!{oro} " + _ATTACK_GUARDS,
    ),
    (
        "personal_attack",
        "hjärnan i kompostpåsen",
        "(=hjärnan|=hjärna) (=i|=av) ..1 (=röven|=arslet|=kompostpåsen|=soptunnan|=kokt|=gröt|=mos|=sågspån|"
        "=potatis|=blomkål) " + _ATTACK_GUARDS,
    ),
    (
        "personal_attack",
        "gå och lägg dig",
        "=gå =och =lägg (=dig|=er|=dej) !(=tidigt|=tidig|=nu) !!{lopp} !!{spel} !!{tack} " + _ATTACK_GUARDS,
    ),
    (
        "personal_attack",
        "skaffa ett liv",
        "=skaffa ..1 =ett =liv !? !!{lopp} !!{spel} !!{tack} " + _ATTACK_GUARDS,
    ),
]

# Terms that cannot be guarded: patterns read them, guarded ("Barn ska få se att folk är olika", "Om
# någon hotar er på bussen, ring 112").
TERMS_REMOVE = [
    ("threat", "ska få se"),
    ("threat", "hotar er"),
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
    dependencies = [("moderation", "0022_triage_round9")]

    operations = [migrations.RunPython(seed, unseed)]

"""Round 5 of the starting patterns: constructions the development part's batch `dev-v5…` showed
the rules did not read, written as general patterns over word groups (see
moderation/corpus/README.md, round 5).

What they add:

* racism: a group said never (or "not even") to work, adapt or learn; "the fewer of a group, the
  better"; a wish or a call that a group leaves ("vore skönt om alla X åkte hem"); a call to send
  people home in a comment about immigration; a question that insinuates a group is always behind
  crime; "those people cannot live in a civilised country"; "primitive", "barbarians" among the
  dehumanising words; supporting a group from one's taxes.
* threats: "it would be a pity if something happened" (with "tråkigt", "trist" …) said to someone;
  "borde inte få gå säker"; "ingen kommer sakna dig"; "någon ger igen på er"; "man vet aldrig vad
  som kan hända" and "watch yourself on the way home" said to someone; "de får besök" after what
  happens to people who do something.
* personal attacks: someone "without a brain"; "du kan ju ingenting"; an insult "som sitter i
  nämnden"; "har du ens gått ut grundskolan".
* fewer false alarms: violence done to a thing rather than a person ("slår ihjäl föreningslivet",
  "döda all handel", "krossar alla andra kommuner", "ogräset borde utrotas", "gatan borde
  sprängas bort"); traffic danger ("någon kommer att bli påkörd"); canvassing before an election
  ("knacka dörr inför valet"); a visit with cakes; a May bonfire; an insult in a play or a film.

As in 0014 and 0017: words are added to groups (nothing AKN wrote is removed), patterns are added by
name (one AKN already has under that name is left alone), and guards are appended to a starting
pattern only when it does not hold them already. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    "avhumanisering": (
        "Words that make people vermin, dirt, disease or animals.",
        "=ociviliserade, =ociviliserad, =primitiva, =primitiv, =barbarer, =barbarerna, =barbariska, =vildar, "
        "=vildarna, =stenåldersmänniskor",
    ),
    "tack": (
        "Thanks, gifts and treats: a visit or a word with them is friendly.",
        "=kakor, =kaka, =bullar, =bulle, =grannfest, =grannfesten, =kalas, =kalaset, =blommor",
    ),
    "figurativ": (
        "Figurative objects and idioms: violent words near them are no threat.",
        "*brasan, *brasa, *brasor, =valborgsmässoafton",
    ),
    "önskan": (
        "A wish or a pleasure taken in something happening.",
        "=tråkigt, =trist, =olyckligt, =hemskt",
    ),
    # New groups.
    "sakmål": (
        "Things, trades and places violent words are used about figuratively: a sentence naming one "
        "is no threat to a person (\"slår ihjäl föreningslivet\", \"döda all handel\").",
        "=handel, =handeln, handeln*, *handeln, föreningsliv*, näringsliv*, kulturliv*, nattliv*, stadskärna*, "
        "=ekonomin, =konkurrensen, =konkurrenterna, =kommuner, =kommunerna, återvinning*, ogräs*, =gatan, "
        "=gator, =gatorna, =rondellen, =rondeller, =parkeringen, =butikerna, =restaurangerna, =turismen, "
        "=tabellen, =rekordet, =rekord, =mogräs, =maskrosor, =sniglarna, =mördarsniglarna",
    ),
    "trafikfara": (
        "Traffic and slippery roads: someone who \"will be run over\" there is a danger, no threat.",
        "=livsfarligt, =livsfarlig, =farligt, =farlig, trafik*, =korsningen, =korsning, övergångsställ*, "
        "=cykla, =cyklar, =cyklist, =cyklister, =bilister, =bilisterna, =farten, =fort, =halkan, =halka, "
        "=halt, =isen, =sandat, =sanda, =vägarbetet, =cykelbanan, =cykelvägen, =trottoaren",
    ),
    "fiktion": (
        "Plays, films and books: an insult about a character is no attack on anyone.",
        "=pjäsen, =pjäs, =filmen, =film, =boken, =bok, =serien, =föreställningen, =rollen, =roman, =romanen, "
        "=deckaren, =musikalen, =operan, =karaktären, =figuren, =teatern, stadsteater*",
    ),
    "valrörelse": (
        "Elections and campaigns: knocking on doors there is canvassing.",
        "=valet, =val, =valrörelsen, valrörelse*, =kampanj, =kampanjen, =partiet, =dörrknackning, =valstugan",
    ),
}

PATTERNS = [
    # --- racism -----------------------------------------------------------------------------------
    (
        "racism",
        "grupp som aldrig jobbar",
        "{folkgrupp} ..3 (=aldrig|=sällan|=knappt) ..2 (=jobbar|=jobba|=arbetar|=arbeta|=anpassar|=anpassa|"
        "=bidrar|=bidra|=integreras|=integrera|=lär|=lära|=försörjer|=försörja|=betalar|=sköter) "
        "!!{mot_rasism} !!{statistik}",
    ),
    (
        "racism",
        "grupp som inte ens vill",
        "{folkgrupp} ..3 =inte =ens ..2 (=jobbar|=jobba|=arbetar|=arbeta|=anpassar|=anpassa|=bidrar|=bidra|"
        "=lär|=lära|=försöker|=försöka|=pratar|=prata|=kan|=vill) !!{mot_rasism}",
    ),
    (
        "racism",
        "ju färre av en grupp desto bättre",
        "(=färre|=mindre|=utan|=inga) ..2 {folkgrupp} ..4 (=bättre|=lugnare|=tryggare|=renare|=säkrare|"
        "=trevligare|=finare|=bra) !{negation} !? !!{mot_rasism}",
    ),
    (
        "racism",
        "önskan att en grupp åker hem",
        "{folkgrupp} ..4 (=åkte|=åker|=åka|=drog|=drar|=dra|=flyttade|=flyttar|=försvann|=packade|=stack|"
        "=sticker|=reste|=återvände) ..3 (=hem|=härifrån|=tillbaka|=iväg|=bort|=hemåt) "
        "&({önskan}|{avsikt}|=dags) !{negation} !? !!{mot_rasism}",
    ),
    (
        "racism",
        "skicka hem dem, om invandring",
        "{utvisa_verb} ..1 (=hem|=tillbaka|=ut|=härifrån) ..1 (=dom|=dem|=de|=alla|=allihop|=allihopa|=dessa|"
        "=resten) &({invandring}|{folkgrupp}) !{negation} !? !!{mot_rasism} !!{saker}",
    ),
    (
        "racism",
        "alltid en grupp bakom brotten",
        "(=alltid|=jämt|=ständigt|=oftast|=bara) ..4 {folkgrupp} ..5 (brott*|=brotten|=våldet|skjutning*|"
        "=otryggheten|=problemen|=problemet|=bråket|=bråken|=stölderna|=rånen|=klotter|=klottret|=skadegörelsen) "
        "!!{mot_rasism} !!{statistik} !!(=drabbas|=drabbade|=drabbar|=offer|=offren|=utsatta)",
    ),
    (
        "racism",
        "de kan inte leva i ett civiliserat land",
        "(=de|=dom|=dessa|=sådana|=såna|=människorna|=folket|{folkgrupp}) ..3 (=kan|=klarar|=förmår) ..1 =inte "
        "..3 (=leva|=bo|=bete|=uppföra|=anpassa|=sköta) ..5 (=civiliserat|=civiliserade|=civiliserad|"
        "=normalt|=normala|=ordnat|=ordnade|=demokrati|=demokratiskt|=västerländskt) &{folkgrupp} !!{mot_rasism}",
    ),
    (
        "racism",
        "försörja en grupp",
        "(=försörja|=försörjer|=föda|=föder|=betala|=betalar) ..2 (=massa|=alla|=hela|=dessa|=de|=tusentals|"
        "=horder|=hundratals) ..1 {folkgrupp} &(=som|=skattebetalare|=skattepengar|=skattebetalarna) "
        "!{negation} !!{mot_rasism}",
    ),
    # --- threats ----------------------------------------------------------------------------------
    (
        "threat",
        "vore tråkigt om något hände",
        "(=synd|=tråkigt|=trist|=olyckligt|=hemskt|=tråkig) =om (=något|=nåt|=det) ..2 (=hände|=händer|"
        "=skulle|=inträffade) &({du}|{ämbete}|{hemma}|{egendom}|{förnamn}) !{negation} !?",
    ),
    (
        "threat",
        "borde inte få gå säker",
        "{avsikt} ..3 =inte ..1 (=få|=kunna) ..2 (=gå|=känna|=vara|=sova|=leva|=bo|=röra|=åka|=visa) ..3 "
        "(=säker|=säkra|=trygg|=trygga|=lugn|=lugnt|=ifred|=tryggt|=säkert|=ostörd) !!(=jag|=vi|=barn|=barnen)",
    ),
    (
        "threat",
        "ingen kommer sakna dig",
        "=ingen (=kommer|=skulle|=lär|=kommer|=skall|=ska) ..2 (=sakna|=sörja|=gråta|=saknar) ..2 "
        "({du}|{offer}|{ämbete}|=honom|=henne|=dem|=dom) !?",
    ),
    (
        "threat",
        "någon ger igen",
        "(=någon|=nån|=folk|=vi|=snart|=man) ..4 (=ge|=ger|=gett) =igen ..2 (=på|=mot) ..3 "
        "({du}|{ämbete}|{mål}|{offer}) !{negation}",
    ),
    (
        "threat",
        "man vet aldrig vad som kan hända, till någon",
        "=vet =aldrig ..1 =vad =som ..2 (=händer|=hända|=sker|=ske) &({du}) "
        "&(=hem|=hemåt|=natt|=natten|=inatt|=ikväll|=kväll|=mörkret|=ensam|=parkeringen) !!{tack} !!{trafikfara}",
    ),
    (
        "threat",
        "se upp på vägen hem",
        "(=utkik|=akta|=se|=passa|=vakta|=tänk|=försiktig|=försiktiga) ..3 ({du}|=själv) ..6 (=hem|=hemåt|=natt|"
        "=natten|=inatt|=ikväll|=kväll|=mörkret|=ensam|=parkeringen|=bilen) !!{tack} !!{trafikfara}",
    ),
    (
        "threat",
        "vad som händer med dem som, de får besök",
        "=vad =som =händer ..3 (=folk|=personer|=politiker|{ämbete}|=sådana|=såna|=de|=dem|=dom) =som "
        "&(=besök|=påhälsning|=hembesök|=ångra|=ångrar|=konsekvenser)",
    ),
    # --- personal attacks -------------------------------------------------------------------------
    (
        "personal_attack",
        "utan hjärna",
        "(=utan|=saknar|=saknas|=noll) ..2 ({hjärna}|{förmåga}) &({du}|{ämbete}) !!{egna} !!{fiktion}",
    ),
    (
        "personal_attack",
        "du kan ju ingenting",
        "({du}|{ämbete}) (=kan|=vet|=fattar|=förstår|=begriper|=kunde|=visste) ..2 (=ingenting|=noll|=nada|"
        "=inget) !?",
    ),
    (
        "personal_attack",
        "skällsord som sitter i nämnden",
        "{skällsord} ..2 =som ..2 ({som_gör}|=styr|=leder|=sitter|=bestämmer|=jobbar|=styrde|=leker) "
        "!!(=jag|=vi|=mig|=oss) !!{fiktion} !!{egna}",
    ),
    (
        "personal_attack",
        "har du ens gått ut skolan",
        "({du}|{ämbete}) =ens ..1 (=gått|=klarat|=läst|=slutat|=gick|=klarade) ..2 (grundskola*|=skolan|"
        "=lågstadiet|=mellanstadiet|=högstadiet|=nian|=förskolan|=dagis|=lekis|=gymnasiet|=sexan)",
    ),
]

PATTERNS_REMOVE: list[tuple[str, str]] = []

# Starting patterns that read figurative violence, traffic, canvassing and fiction as violations:
# a guard is added to those AKN has not changed since (only when the pattern does not hold it).
PATTERNS_GUARD = [
    ("threat", "avsikt och våldshandling", "!!{sakmål}"),
    ("threat", "avsikt och våldshandling, nära", "!!{sakmål}"),
    ("threat", "våld mot någon", "!!{sakmål}"),
    ("threat", "slå eller köra ihjäl", "!!{sakmål}"),
    ("threat", "avsikt och våld i passiv form", "!!{sakmål}"),
    ("threat", "avsikt och våld i passiv form, nära", "!!{sakmål}"),
    ("threat", "avsikt och våld i passiv form", "!!{trafikfara}"),
    ("threat", "avsikt och våld i passiv form, nära", "!!{trafikfara}"),
    ("threat", "avsikt och våld i passiv form, längre", "!!{trafikfara}"),
    ("threat", "någon borde göra något", "!!{trafikfara}"),
    ("threat", "knacka på dörren en natt", "!!{valrörelse}"),
    ("threat", "önskan om någons död eller olycka", "!!(*brasan|*brasa|*brasor)"),
    ("personal_attack", "förtroendevald eller tjänsteperson och ett skällsord", "!!{fiktion}"),
    ("personal_attack", "person på jobbet och ett skällsord", "!!{fiktion}"),
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


def unseed(apps, schema_editor):
    # The patterns added here go; words added to groups and guards stay (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    for label, name, _pattern in PATTERNS:
        TriagePattern.objects.filter(label=label, name=name).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0017_triage_round4")]

    operations = [migrations.RunPython(seed, unseed)]

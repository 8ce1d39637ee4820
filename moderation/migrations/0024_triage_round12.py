"""Round 12 of the starting patterns: guards against the false alarms the development part's batches
`dev-v12a…` to `dev-v12f…` showed (see moderation/corpus/README.md, round 12), then patterns for the
constructions behind their missed threats, racism and attacks.

What they guard (each a class of innocent context, not one comment):

* elections: beating, crushing or making someone pay "i valet", "med era mandat" (`valrörelse`
  widened; on the threat patterns of violence, blows and regret);
* social outings beside banter ("din tönt, du lovade ju komma på loppis": `vänskap` widened);
* sport and games: "krossa dem i innebandyn", "sköt ner hela motståndarlaget i CS" (`spel` widened,
  on "sticka ner någon" too), a keeper praised ("hon är helt galen, vår målvakt": `vänskap`);
* figures of speech: "slå ihjäl myten", "svaret sköt ner alla konspirationsteorier" (`bildligt`
  widened), "jag skulle döda för en sån brandbil" (to kill *for* something), "sitter i blodet" (an idiom of
  blood), "väntar på att nåt ska hända";
* a weapon described rather than brought: people "som springer runt med kniv", "slåss med kniv"
  (a habit told, racism at most), "kebab och knivar" (food: `mat` widened);
* paying a fee or for a service ("ska betala extra", "betala för att få hjälp"), not "få betala";
* fiction: villains in a play, a farce, a TV series or a children's show (`fiktion` widened, on the
  insult patterns), and "äckel" (a term that cannot be guarded became the pattern "äckel, utom i
  fiktion");
* a process mocked, not a person ("vilken clownshow hela budgetprocessen": `beslutsord` widened);
* words reported, quoted or written by others: names staff "får höra", someone "blev kallad …",
  "ni som kallar den som svarar för idiot", slurs and slogans on stickers, leaflets and walls
  ("'Sverige åt svenskarna' stod det på klistermärken", "flygblad med texten …"), "att skriva
  'kulturberikare'", "'Invandrarna förstör allt' skriver nån" (`återgivning` widened, and the
  guard appended where a pattern lacked it);
* crimes against a group reported and condemned ("polisen utreder ett hot mot synagogan", "hets
  mot folkgrupp": `mot_rasism` widened);
* knowing what someone works for ("då vet vi vilka ni jobbar för") is not knowing where they live;
* insults in the plural at a group ("lata apor") are racism, read by other patterns, not an attack
  on one person.

New guarded patterns read the constructions behind round 12's missed threats, racism and attacks:
"ska inte känna sig trygg" about a person (not worry, traffic or a threat reported), "säger bara
det" and "bara så ni vet" beside a weapon, a hunting licence, explosives or a tree, "sova med ena
ögat öppet"; "vissa folk(slag) är inte …", "de är inte som vi" beside a group; a person who "är en
riktig pajas" further off (`skällsord` widened: "käring", "wannabe", "fjortis" …; `nedsättande`:
"bortskämd", "talanglös", "slemmig", "naiv"), "har intelligensen av en …" and "måste vara totalt
efterbliven" about a person; `rasord` widened with "ökenfolk", "kamelförare" and "bidrags-"
compounds of a group; "hälsa på" a person beside torches or knives, "personligen se till att" someone
regrets or pays (not an answer promised), "förr hängde/tjärade man sådana som …" (not a museum or
history), "bli nästa som …" (not a prize or one's turn); "det är genetiskt" beside a group (not an
illness or eye colour), weeds and waste "från tredje världen" (not exported waste), "de här
gräshopporna" (not pests in a cellar), "folk från stenåldern" (not an exhibition), "inte hette
Sven"; "kan inte ens stava" about a person (not a child learning) and "borde få hjärnan
undersökt" (not after an accident); coming "med något annat än ord/ett mejl", "det sista för några av
er" (not a farewell or an election), "det vore synd om … råkade …" beside a person (not a bus line
cut or worry), "inte hem helskinnad", "önska att hen aldrig blivit född" (not oneself), "en kula för/
räcker för" someone (not ice cream, not "ett skott i foten"), and "tänk på det", "bara säger det" and
"gör vad ni vill" beside a weapon, a licence, matches or explosives. Each is guarded against words reported, fiction and banter.
"galen" (mad) no longer makes an attack on its own: in the development part it was always said in
admiration ("du är ju helt galen som simmar 3 km"); "inte klok" beside "du har rätt" is banter.

As in 0019–0022: words are added to groups (nothing AKN wrote is removed), patterns are added by
name (one AKN already has under that name is left alone), and guards are appended to a starting
pattern only when it does not hold them already, so this migration and round 11's may run in either
order. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    "valrörelse": (
        "Elections: beating, crushing or making someone pay in an election is no threat.",
        "=valet, =mandat, =mandaten, =väljarna, =valurnan, =valurnorna, valdag*, =valsedel, =valsedeln, "
        "=riksdagsvalet, =kommunvalet",
    ),
    "spel": (
        "Games, matches and play: violent words in a sentence about one are part of the game.",
        "innebandy*, fotboll*, handboll*, ishockey*, =hockey, basket*, =matchen, =serien, =motståndarna, "
        "=motståndarlaget, =pistolrunda, =fps, =valorant, =fortnite",
    ),
    "vänskap": (
        "Congratulations, shared plans and a won match: an insult beside them is banter between friends.",
        "=målvakt, =målvakten, =lagkamrat, =lagkamraten, =straffar, =räddade, loppis*, =bio, =bion, =picknick, "
        "grillkväll*, =bowling, =minigolf",
    ),
    "bildligt": (
        "Figures of speech: violent words about a myth, a theory or an argument are no threat.",
        "=myten, =myter, =myterna, =ryktet, =ryktena, =rykten, konspirationsteori*, =teorin, =teorierna, "
        "=argumentet, =argumenten, =påståendet, =påståendena, =lögnen, =lögnerna",
    ),
    "mat": (
        "Food and fishing: knives and killing in a sentence about them are no threat.",
        "=kebab, =kebaben, =pizza, =pizzan, =falafel, *steken, *stek, =grillen",
    ),
    "fiktion": (
        "Fiction: films, books, plays and series.",
        "=farsen, =fars, =komedin, =beck, =wallander, =skurken, =skurkarna, =bovarna, =boven, "
        "*föreställningen, =skådespeleri, =skådespelaren, =skådespelarna, =publiken, =avsnittet, =avsnitt, "
        "=deckare, =deckaren, =deckarna, =roman",
    ),
    "beslutsord": (
        "Decisions and processes: an insult at one is criticism of the decision, not of a person.",
        "*processen, *processer, =hanteringen, =turerna, =beskeden, *show, *showen",
    ),
    "återgivning": (
        "Words reported rather than said: a comment that tells what someone wrote, said or was called.",
        "=skriva, =skrivs, =texten, flygblad*, klistermärke*, skolvägg*, husvägg*, =klotterplank, =stod, "
        "=kallad, =höra, =hört, =affisch, =affischen, =affischer",
    ),
    "kalla": (
        "Calling someone a name.",
        "=kallad, =kallade, =kallar",
    ),
    "skällsord": (
        "Insults.",
        "=käring, =käringen, =käringar, =wannabe, =fjortis, *fjollan, =mammagris, =överklassfitta, "
        "=kompostpåse",
    ),
    "nedsättande": (
        "Belittling adjectives.",
        "=bortskämd, =bortskämda, =talanglös, =talanglösa, =slemmig, =slemmiga, =naiv, =naiva",
    ),
    "rasord": (
        "Racist slurs.",
        "ökenfolk*, kamelförar*, bidragsinvandr*, bidragsafghan*, bidragssomali*",
    ),
    "mot_rasism": (
        "Words against racism: a comment that condemns it.",
        "hets*, =utreder, =utreds, =polisanmält",
    ),
}

_ELECTION = "!!{valrörelse}"
# a slogan written by others on a leaflet, a sticker or a wall (narrower than `återgivning`)
_WRITTEN = (
    "!!(=texten|flygblad*|klistermärke*|=klotter|=klottret|=klottrat|=sprejat|=sprayat|skolvägg*|husvägg*)"
)
_FICTION = "!!{fiktion}"
_NOT_TOLD = "!!{återgivning} !!{om_ord} !!{mot_rasism}"
# a weapon, a licence, explosives, fire or a tree hinted at beside "säger bara det"
_HINTED = "({vapen}|jaktlicens*|jaktgevär*|jaktvapen*|sprängdeg*|{brand}|=träd|=ammo|=ammunition|=tändstickor|=sänke)"
_PERSON = "&({ämbete}|{förnamn}|{du}|=han|=hon|=hen|{mål})"
_NOT_FRIENDLY = (
    "!{negation} !{kalla} !!{egna} !!{fiktion} !!{tillgivenhet} !!{vänskap} !!(=sa|=sade|=skrek|=höra)"
)
PATTERNS = [
    # threats: not safe, a weapon or explosive hinted at
    (
        "threat",
        "ska inte känna sig trygg",
        "(=ska|=kommer|=bör|=borde|=lär) ..2 =inte =känna (=sig|=dig|=dej|=er) ..2 "
        "(=trygg|=trygga|=säker|=säkra) "
        f"{_PERSON} !(=behöva|=behöver) !? !!{{oro}} !!{{återgivning}} !!{{hot_anmält}} !!{{trafikfara}}",
    ),
    (
        "threat",
        "säger bara det, om vapen",
        "(=säger|=säga|=säg) ..1 =bara ..1 =det "
        f"&{_HINTED} !? "
        "!!{spel} !!{mat} !!{natur} !!{räddning}",
    ),
    (
        "threat",
        "bara så ni vet, om vapen",
        f"=bara =så (=ni|=du|=dom|=ja) =vet &{_HINTED} !? !!{{spel}} !!{{mat}} !!{{natur}} !!{{räddning}}",
    ),
    (
        "threat",
        "sova med ena ögat öppet",
        "=sova =med (=ena|=ett) (=ögat|=öga) =öppet !!{fiktion} !? !!{tack} !!{återgivning} !!{hot_anmält}",
    ),
    # racism: some peoples unfit, not like us
    (
        "racism",
        "vissa folk är inte byggda för",
        "(=vissa|=sånna|=såna|=sådana|=sortens) (=folk|folkslag*|=kulturer) ..3 (=är|=har|=e) ..3 "
        "(=inte|=lägre|=iq|=sämre|=aldrig) "
        f"!? {_NOT_TOLD}",
    ),
    (
        "racism",
        "de är inte som vi",
        "(=de|=dom|{folkgrupp}) (=är|=e) ..3 =inte (=som|=kompatibla|=förenliga) ..1 (=vi|=oss|=med) "
        "!(=tror|=trodde|=tänkt) "
        f"&({{folkgrupp}}|{{rasord}}) !? {_NOT_TOLD}",
    ),
    # personal attacks: a person who is an insult, intellect compared, must be stupid
    (
        "personal_attack",
        "någon är en riktig idiot, vidare",
        "({ämbete}|{förnamn}|=hon|=han|=hen) ..8 (=är|=e|=var|=va) ..1 (=en|=ett) ..3 {skällsord} "
        f"{_NOT_FRIENDLY}",
    ),
    (
        "personal_attack",
        "intelligensen av en sak",
        "(=intelligensen|=intellekt|=intellektet|=intelligens|=iq|=hjärnkapacitet|=hjärnkapaciteten) ..3 "
        "(=av|=som) "
        f"(=en|=ett) {_PERSON} {_NOT_FRIENDLY} !!{{natur}}",
    ),
    (
        "personal_attack",
        "måste vara efterbliven",
        "(=måste|=borde) =vara ..2 {nedsättande} !(=sjuk|=sjuka|=svag|=svaga|=trött|=ful|=fula) "
        f"{_PERSON} {_NOT_FRIENDLY} !(=jag|=mig|=man)",
    ),
    (
        "personal_attack",
        "äckel, utom i fiktion",
        "(=äckel|=äcklet|=äcklen|=äcklena) !{negation} !{kalla} !!{fiktion} !!{återgivning}",
    ),
    # threats (round 12, second part): a visit with weapons, "personligen se till att", history's punishments
    (
        "threat",
        "hälsa på någon med vapen",
        "(=hälsa|=hälsar|=besöka|=besöker) =på ..4 ({ämbete}|{mål}|=han|=hon|=hen|=honom|=henne) "
        "&({vapen}|{brand}|*kniven|*knivar|=facklorna|=högafflarna) !{negation} !? !!{mat} !!{spel} !!{natur} "
        "!!{återgivning} !!{hot_anmält} !!{fiktion}",
    ),
    (
        "threat",
        "personligen se till att någon ångrar",
        "=personligen ..1 =till =att ..8 (=ångrar|=ångra|=betala|=betalar|=aldrig|rullstol*|=glömmer|=lida|=lider) "
        f"{_PERSON} !? !!{{tack}} !!{{återgivning}} !!{{hot_anmält}} !!(=svar|=svaret|=återkoppling|=återkommer)",
    ),
    (
        "threat",
        "förr hängde man sådana",
        "(=hängde|=tjärade|=fjädrade|=brände|=spöade|=piskade|=stenade|=lynchade) =man ..3 "
        "(=sådana|=såna|=sånna|=sånt) ..2 (=som|=där|=folk) !{negation} "
        "!!(=museet|=museum|=utställning|=utställningen|=historia|=historien|=boken|=föredrag|=föredraget|=medeltiden) "
        "!!{fiktion} !!{återgivning}",
    ),
    (
        "threat",
        "bli nästa som ligger där",
        "(=bli|=blir) =nästa (=som|=offer|=offret) &({du}|{ämbete}|{förnamn}) !{negation} !? !!{spel} !!{tack} "
        "!!{evenemang} !!{vänskap} !!(=vinner|=vinna|=pris|=priset|=får|=pension|=tur) !!{återgivning}",
    ),
    # racism (second part): in the genes, weeds and waste from the third world, vermin let in, stone age
    (
        "racism",
        "det är genetiskt, om en grupp",
        "(=är|=e) ..2 (=genetiskt|=genetisk|=medfött|=ärftligt) &({folkgrupp}|{rasord}|=folk|folkslag*) !{negation} !? "
        "!!(=sjukdom|=sjukdomen|=diabetes|=cancer|=blodtryck|=ögonfärg|=hårfärg) " + _NOT_TOLD,
    ),
    (
        "racism",
        "ogräs från tredje världen",
        "(ogräs*|=skräp|=skräpet|soptipp*|=sophög|=sophögen|dumpningsplats*|=avskräde|=avskum|=slödder|=pack) ~6 "
        "=tredje =världen !{negation} !!{varuverb} !!{avfall} "
        "!!(=export|=exporterar|=exporteras|=elektronikskrot|=plast|=plasten|=kläder|=klädinsamling) "
        + _NOT_TOLD,
    ),
    (
        "racism",
        "de här gräshopporna",
        "(=dessa|=de|=dom) (=här|=där) (gräshopp*|parasit*|kackerlack*|=råttorna|skadedjur*|=aporna|=djuren|=kräken) "
        "!{negation} !!{natur} !!(=gården|=källaren|=trädgården|=odlingen|=skörden|=åkern|=zoo|=djurparken) "
        + _NOT_TOLD,
    ),
    (
        "racism",
        "folk från stenåldern",
        "(=folk|=människor|=dom|=dem|=de|=såna|=sådana|{folkgrupp}) =från =stenåldern !{negation} "
        "!!(=museum|=museet|=utställning|=utställningen|=arkeolog|=arkeologer|=fynd|=fynden|=grav|=graven) "
        "!!{fiktion} " + _NOT_TOLD,
    ),
    (
        "racism",
        "han hette inte Sven",
        "=inte (=hette|=heter) ..1 {svenskt_namn} !? !!(=utan|=bytte|=byta|=namnet|=stavas) " + _NOT_TOLD,
    ),
    # personal attacks (second part): cannot even spell, should have the brain examined
    (
        "personal_attack",
        "kan inte ens stava",
        "({ämbete}|{förnamn}|=han|=hon|=hen|{du}) ..6 =kan ..2 =inte =ens "
        "(=stava|=räkna|=läsa|=skriva|=starta|=knyta|=sätta|=tänka) "
        f"{_NOT_FRIENDLY.replace('!{negation} ', '')} !? !!(=år|=åring|=barnet|=bebisen|=lilla|=ettan|=förskolan|=eleverna|=dyslexi)",
    ),
    (
        "personal_attack",
        "borde få hjärnan undersökt",
        "(=hjärnan|=huvudet|=skallen) (=undersökt|=undersökta|=kollad|=kollat|=röntgad|=röntgat) "
        f"{_NOT_FRIENDLY} "
        "!!(=olycka|=olyckan|=ramlade|=ramlat|=slog|=skadade|hjärnskak*|=läkare|=läkaren|vårdcentral*|=akuten|sjukhus*)",
    ),
    # threats (third part): coming with something other than words, the last meeting for some of you,
    # a pity if something happened, not home unharmed, a bullet for someone, a hint beside a weapon
    (
        "threat",
        "kommer med något annat än ord",
        "(=jag|=vi) ~4 (=kommer|=komma|=tar|=ta) ..5 =med ..2 (=något|=nåt|=lite) (=annat|=mer) =än "
        "!{negation} !!(=förslag|=förslaget|=idéer|=lösning|=lösningar|=blommor|=tårta|{tack}|{vänskap}) "
        "!!{återgivning} !!{hot_anmält}",
    ),
    (
        "threat",
        "blir det sista för några av er",
        "=det =sista ..3 (=vissa|=några|=någon|=flera) =av (=er|=dem|=dom) !{negation} !? "
        "!!(=pension|=pensionen|=avtackning|=avtackningen|{tack}|{vänskap}|=mandatperioden|{valrörelse}|=slutar)",
    ),
    (
        "threat",
        "det vore synd om någon råkade ut för något",
        "(=vore|=skulle) ..3 (=synd|=tråkigt|=trist) =om ..10 (=råkade|=råka|=råkar|=ensamma|=ensam) "
        "&({du}|{ämbete}|{förnamn}|=han|=hon|=hen|{byggnad}) !{negation} !? !!{oro} !!{trafikfara} !!{återgivning} "
        "!!{hot_anmält} !!(=buss|=bussen|=bussarna|=linjen|skolskjuts*|=indragen|=nedlagd|=stängs|=läggs)",
    ),
    (
        "threat",
        "inte hem helskinnad",
        "=inte ..4 (=helskinnad|=helskinnade|=oskadd|=oskadda) "
        f"{_PERSON} !? !!{{oro}} !!{{trafikfara}} !!{{spel}} "
        "!!(=olyckan|=olycka|=krocken|=branden|=stormen|=klarade|=klarat)",
    ),
    (
        "threat",
        "önska att hen aldrig blivit född",
        "(=önska|=önskar|=ångra|=ångrar) ..2 =att ..3 (=aldrig|=inte) (=blivit|=varit) (=född|=födda) "
        "!(=jag|=mig|=mej) !!{egna} !!{återgivning} !!{fiktion}",
    ),
    (
        "threat",
        "en kula för någon",
        "(=en|=ett) (=kula|=skott) (=för|=räcker|=i|=till) &({du}|{ämbete}|{mål}|=han|=hon|=honom|=henne) "
        "!{negation} !!(=glass|=glassen|=strut|=struten|=kr|=kronor|=bowling|kulstötning*|=boule|=pistolskytte) "
        "!!{spel} !!{återgivning} !!{hot_anmält} !!{fiktion} !(=foten|=mörkret|=blindo)",
    ),
    *(
        (
            "threat",
            name,
            f"{words} &{_HINTED} !? !!{{spel}} !!{{mat}} !!{{natur}} !!{{räddning}}",
        )
        for name, words in (
            ("tänk på det, om vapen", "=tänk =på =det"),
            ("bara säger det, om vapen", "=bara (=säger|=säga) =det"),
            ("gör vad ni vill med det, om vapen", "=gör =vad (=ni|=du) =vill"),
        )
    ),
]

PATTERNS_GUARD = [
    # threats: elections
    *(
        ("threat", name, _ELECTION)
        for name in (
            "avsikt eller önskan och våld, vidare",
            "ett slag åt någon",
            "få stryk eller en kula",
            "avsikt och våldshandling, nära",
            "våld mot en person",
            "våld mot någon",
            "ni ska få ångra er",
        )
    ),
    # threats: sport and games, figures of speech
    ("threat", "sticka ner någon", "!!{spel}"),
    ("threat", "sticka ner någon", "!!{bildligt}"),
    ("threat", "sticka ner någon", "!!{om_ord}"),
    ("threat", "avsikt och ihjäl", "!!{om_ord}"),
    ("threat", "slå eller köra ihjäl", "!!{om_ord}"),
    ("threat", "önskan om någons död, vidare", "!(=för)"),
    ("threat", "något händer med dig", "!(=väntar|=vänta|=väntat|=väntade)"),
    ("threat", "då blir det blod", "!(=sitter|=ligger|=satt)"),
    # threats: a weapon described as a habit, not brought
    *(
        ("threat", name, "!(=runt|=omkring|=slåss)")
        for name in ("med vapen", "vapen med avsikt", "med tillhyggen till en byggnad")
    ),
    # threats: paying a fee or for a service
    ("threat", "ni ska få ångra er", "!!(=extra|=hjälp|=hjälpen|=taxa|=taxan|=dyrare)"),
    # threats: knowing what someone works for
    ("threat", "jag vet var du bor", "!(=för)"),
    # personal attacks: fiction
    *(
        ("personal_attack", name, _FICTION)
        for name in ("utrop med ett skällsord", "vilken idiot", "dum i huvudet", "dumma kärring")
    ),
    # personal attacks: names reported
    ("personal_attack", "du eller en tjänsteperson och ett skällsord, vidare", "!!(=höra|=hört)"),
    ("personal_attack", "dumma kärring", "!!{kalla}"),
    ("personal_attack", "den som svarar är en idiot", "!{kalla}"),
    # personal attacks: plural animal slurs at a group are racism
    ("personal_attack", "dumma kärring", "!(=apor|=aporna|=råttor|=råttorna|=parasiter)"),
    # personal attacks: "galen" (mad) in admiration, an insult softened by agreement
    *(
        ("personal_attack", name, "!(=galen)")
        for name in (
            "du nära ett nedsättande ord",
            "du och ett nedsättande ord",
            "du som svarar är så dum",
            "namn och ett skällsord",
            "han eller hon och ett skällsord",
        )
    ),
    ("personal_attack", "inte klok", "!!(=rätt)"),
    # racism: slurs and slogans reported, quoted or written by others; crimes against a group condemned
    ("racism", "en grupp lika med brott", "!!{återgivning}"),
    ("racism", "grupp som styr", "!!{återgivning}"),
    ("racism", "en grupp som styr allt", _WRITTEN),
    ("racism", "grupp som brottslingar eller som förstör", "!!(=utreder|=utreds|=polisen)"),
    ("racism", "grupp som förstör, vidare", "!!(=utreder|=utreds|=polisen)"),
]

# Terms that cannot be guarded: the patterns named in the docstring read them, with their guards.
TERMS_REMOVE = [
    ("personal_attack", "äckel"),
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
    for label, name, pattern in PATTERNS:
        TriagePattern.objects.get_or_create(label=label, name=name, defaults={"pattern": pattern})
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
    dependencies = [("moderation", "0023_triage_round11")]

    operations = [migrations.RunPython(seed, unseed)]

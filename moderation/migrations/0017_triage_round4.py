"""Round 4 of the starting patterns: constructions the development part's round 4 batches
(`dev-v4…`, `dev-v4b…`, `dev-v4c…`, `dev-v4d…`) showed the rules did not read, written as general
patterns over word groups.

What they add (see moderation/corpus/README.md, round 4):

* threats: a wish ("vore kul", "det vore synd om", "måtte") with fire or an explosion at a building;
  damage to someone's car or house that is intended or "to be counted on"; "someone waits for" an
  office holder; "we know which school / where … parks"; a weapon or torches brought to a building;
  "blir det ambulans"; "a rope and a tree"; violence that is "too kind" for someone; "good luck
  sleeping peacefully"; burned-down and slashed as violence done to someone; ultimatums, "ta lagen
  i egna händer", "kulan har ditt namn", a wished early death.
* racism: "those people" (not "those who …") ruining a place; a call to deport said anywhere in a
  comment that names a group or immigration; a group blamed as the cause, said to control things,
  to be unable to live among others, to live only on benefits, to drag others down; "no Swedes
  left"; a city turned into a foreign capital; fences and forced removals; animals as metaphors;
  "bara till svenskar", "X åt svenskarna", coded slurs ("kulturberikare") and "återvandring".
* personal attacks: "den här" with an insult; a superlative insult ("största idiot"); "sådan" with
  an insult; "hur dum får man vara"; "bakom flötet"; "mer än två hjärnceller"; "du låter som en
  papegoja"; an insulting adjective with "människa" said to someone; "skäms du inte"; more insulting
  adjectives and compound insults.
* figurative and game violence: a sentence about games, matches or tournaments is no threat
  ("skjuta sönder alla i lobbyn", "laget borde slå sönder Rögle"), nor "döda för en glass".

As in 0014: words are added to groups (nothing AKN wrote is removed), patterns are added by name
(one AKN already has under that name is left alone), and guards are appended to a starting pattern
only when AKN has not added them already. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    "folkgrupp": (
        "Groups of people by origin, religion or skin colour (as nouns and adjectives).",
        "östeuropé*, nordafrikan*, västafrikan*, östafrikan*, latinamerikan*, utomeuropé*, "
        "=invandrarbarnen, =invandrarbarn, =mörkhyade, =romska, =romer, papperslös*",
    ),
    "avhumanisering": (
        "Words that make people vermin, dirt, disease or animals.",
        "=vargar, =vargarna, =rovdjur, =kaniner, =råttor, =hyenor, =grisar, =svin, =gräshoppor, "
        "=kackerlackor, =parasiter, =ohyra, svinsti*, grisst*, =stam, =stammar, =djungeln, "
        "grottmänn*, =stenåldern, =tiggarfolk, =tjuvfolk",
    ),
    "utvisning": (
        "Expulsion and keeping people out.",
        "tvångsförflytt*, =avlägsnas, =fördrivas, =förvisas, =staket, =stängsel, =taggtråd",
    ),
    "avsikt": (
        "Intent, wish or modal before a violent act.",
        "=måtte, =må",
    ),
    "våld_passiv": (
        "Violence done to someone, in the passive or as a participle.",
        "=nedbränt, =nerbränt, =nedbränd, =nerbränd, =nedbrända, =nerbrända, =uppskuren, "
        "=uppskurna, =uppskurit, =sönderslagna, =skadas, =skadad, =slagna, =slagen, =misshandlad, "
        "=misshandlade",
    ),
    "vapen": (
        "Weapons.",
        "basebollträ*, =slägga, =släggan, =släggor, =yxa, =yxan, =yxor, =tillhyggen, =tillhygge, "
        "=batong, =batonger, =facklor, =högafflar",
    ),
    "brand": (
        "Fire and explosives.",
        "=smälla, =smäller, =smäll, =small, =rök, =röken, =lågor, =mordbrand, =brandbomb, =tändsticka, =brinnande",
    ),
    "byggnad": (
        "Buildings and property a threat of fire or bombs is aimed at.",
        "paviljong*, fritidsgård*, partikansli*, =kansliet, =nämndhuset, =nämndhus, =kontor, =rutan, "
        "=rutorna, =rutor, =ruta, sommarstug*",
    ),
    "skällsord": (
        "Insults for a person.",
        "pappskall*, *skallar, *huvuden, =kretin, =kretiner, =våp, =nolla, =nollor, =mes, =mesar, "
        "=fifflare, =fifflarna, =kräk, =skithög, =skithögar, =fjant, =fjantar, =dumskalle, "
        "=pajas, =clown, =clownen, =tönt, =lögnare, =idiot, =idioten, =idioter, analfabet*, =tok, "
        "=tokar, *fåne, *fånar, =pucko, =puckon, =lögnhals, =häxa, =häxan, =narcissist, =tyrann, "
        "=tyranner, =diktator, =översittare, =översittaren",
    ),
    "nedsättande": (
        "Insulting adjectives for a person (not their neuter forms, which describe decisions).",
        "=obegåvad, =obegåvade, =inkompetent, =inkompetenta, =värdelös, =värdelösa, =korkad, "
        "=korkade, =efterbliven, =efterblivna, =hjärndöd, =hjärndöda, =fjantig, =fjantiga, "
        "=patetisk, =patetiska, =äcklig, =äckliga, =vidrig, =vidriga, =feg, =fega, =uppblåst, "
        "=uppblåsta, =ynkliga, =lögnaktiga, =smaklös, =smaklösa, =sorglig, =sorgliga, =ömklig, "
        "=ömkliga, =ryggradslös, =ryggradslösa, =känslokall, =hycklande, =snyltande, =dumma, =lata, "
        "=psykotisk, =psykotiska, =maktgalen, =maktgalna",
    ),
    "grupp_skada": (
        "A group generalised as criminal or as ruining a place.",
        "=fienden, =fiende, =fiender, =inkräktare, =inkräktarna, =ockupanter, =byten, =bytesdjur, "
        "=ägodelar, =fuskar, =fuskare, =ljuger, =lurar, =slarvar, =girig, =giriga, =ockrare, "
        "=börda, =bördan, =belastning, =belastningen, =utnyttjar, =langare, =knarkare, =rånare",
    ),
    "rasord": (
        "Slurs that are racism whatever is said around them.",
        "kulturberik*, =berikare, =berikarna, lycksökar*, välfärdsturist*",
    ),
    # New groups.
    "statistik": (
        "Figures and statistics: a group named with \"lägre\" or \"sämre\" there is a report.",
        "sysselsättning*, =andel, =andelen, =inkomst, =inkomster, =lön, =löner, =lönerna, "
        "utbildningsnivå*, procent*, =statistik, =siffror, =siffrorna, =genomsnitt, =snitt, =risk, "
        "=hälsa, =livslängd, =tillgång",
    ),
    "egna": (
        "One's own people, pets and titles: an insult about them is no attack on anyone here.",
        "=son, =dotter",
    ),
    "förmåga": (
        "What a person is said to have as little of as an animal or a thing.",
        "hjärnkapacitet*, =intellekt, =intelligens, =empati, =omdöme, =förstånd, =hjärna, =iq, "
        "=tankeförmåga, =minne",
    ),
    "institution": (
        "The city's bodies, which a wished fire or bomb may be aimed at like a building.",
        "=fullmäktige, =nämnden, *nämnden, *förvaltningen, *kontoret, =kommunen, =socialen, "
        "=kommunstyrelsen, =politikerna, =socialtjänsten, =socialkontoret",
    ),
    "spel": (
        "Games, matches and tournaments: violent words in a sentence about them are play.",
        "=lobbyn, =lobbyt, padel*, =slagna, =mål, =målet, =servern, =spelet, =spelen, =match, =matchen, =matcher, =matcherna, "
        "=laget, =lagets, ishockeylag*, hockeylag*, fotbollslag*, =motståndarlaget, turnering*, "
        "schack*, =fortnite, =minecraft, =duty, =bossen, =derby, =derbyt, =finalen, =semifinalen, "
        "datorspel*, =paintball, =airsoft, =laserdome",
    ),
    "önskan": (
        "A wish or a pleasure taken in something happening.",
        "=vore, =hoppas, =önskar, =måtte, =synd, =skönt, =kul, =gärna, =härligt, =fel, =roligt, "
        "=underbart, =underbar, =trevligt, =gött, =fantastiskt, =sörja, =saknad",
    ),
    "egendom": (
        "Someone's property: what damage is done to in a threat.",
        "=bil, =bilen, =bilar, =bilarna, =däck, =däcken, =rutor, =rutorna, =rutan, =fönster, "
        "=fönstren, =garage, =garaget, =villa, =villan, =hus, =huset, =volvo, =tesla, {byggnad}",
    ),
    "skadegörelse": (
        "Damage done to property.",
        "punkter*, uppskur*, =sönderslagen, =sönderslagna, =sönderslaget, =krossade, =krossad, "
        "=repad, =repade, =sprayad, =sprejad, =nedbränt, =nerbränt, =nedbränd, =nerbränd, "
        "=tändsticka, =sockret, =socker, =slägga",
    ),
    "förväntan": (
        "What is to be expected or counted on.",
        "{avsikt}, =räkna, =räknar, =vänta, =väntar",
    ),
    "skuld": (
        "Blame: a group named as the cause of what is wrong.",
        "=orsaken, =skulden, =felet, =anledningen, =boven, =bovarna",
    ),
    "utvisa_stark": (
        "Verbs that call for people to be deported or removed (not nouns that report it).",
        "=utvisa, =utvisas, =deportera, =deporteras, =landsförvisa, =landsförvisas, =förpassa, "
        "=förpassas, =hemskicka, =hemskickas, tvångsförflytt*",
    ),
    "invandring": (
        "Immigration as a topic (no group of people, but what a call to deport is about).",
        "invandring*, =invandringen, massinvandring*, flyktingmottag*, asylmottag*, =asylsökande",
    ),
    "djurlikhet": (
        "Animals and things a person is likened to in an insult.",
        "=papegoja, =papegojan, =höna, =hönan, =kyckling, =gris, =ko, =åsna, =apa, =råtta, =orm, "
        "=mask, =snigel, =hyena, =gam, =igel, =parasit, =kackerlacka, =robot, =robotar, =tallrik, "
        "=stol, =stubbe, =sten, =potatis",
    ),
}

PATTERNS = [
    # --- threats ----------------------------------------------------------------------------------
    (
        "threat",
        "önskan om brand i en byggnad",
        "{önskan} ..8 ({byggnad}|{institution}) ~4 ({brand}|=eld|=elden|=brand|=luften|=lågorna) "
        "!{figurativ} !!{spel}",
    ),
    (
        "threat",
        "skadegörelse på någons egendom",
        "{egendom} ~6 {skadegörelse} &{förväntan} !? !!(=min|=mitt|=mina|=vår|=vårt|=våra)",
    ),
    (
        "threat",
        "någon väntar på en person",
        "(=någon|=nån|=folk|=vi) ..2 (=väntar|=vänta|=möter|=möta|=tar|=ta) =på ..2 ({ämbete}|{offer}|{förnamn}) "
        "..6 (=hem|=hemåt|=kväll|=ikväll|=natt|=natten|=inatt|=mörkret|=ensam) !{negation}",
    ),
    (
        "threat",
        "vi vet vilken skola",
        "=vet (=var|=vilken|=vilket|=vilka|=när) ..3 ({hemma}|=parkerar|=handlar|=tränar|=sover|=skola|=skolan) "
        "!{negation} !? !!{tack} !!(=min|=mitt|=mina|=jag)",
    ),
    ("threat", "vet jag vem jag ska besöka", "=vet (=jag|=vi) (=vem|=vilka|=var) ..3 (=besöka|=hälsa|=hitta|=leta) !? !!{tack}"),
    (
        "threat",
        "vet vem jag ska besöka",
        "=vet (=vem|=vilka|=var) ..3 (=besöka|=hälsa|=hitta|=leta) !{negation} !? !!{tack}",
    ),
    (
        "threat",
        "med tillhyggen till en byggnad",
        "=med ..2 ({vapen}) ..4 ({byggnad}|{ämbete}|{offer}|=hem|=hus|=villa) !{negation}",
    ),
    ("threat", "blir det ambulans", "=blir =det (=ambulans|=sjukhus|=akuten|=bår|=kista|=likbil|=blod|=stryk)"),
    ("threat", "ett rep och ett träd", "=rep ..3 (=träd|=trädet|=lyktstolpe|=lyktstolpen|=balk|=gren)"),
    (
        "threat",
        "för snällt för någon",
        "({våld_passiv}|{våld_aktiv}|{brand}|=döden|dödsstraff*|=stryk|=prygel|=hängning) ..3 =för "
        "(=snällt|=milt|=lindrigt|=bra) !{figurativ}",
    ),
    (
        "threat",
        "lycka till att sova lugnt",
        "=lycka =till ..5 (=sova|=sover|=gå|=promenera|=känna|=leva) ..2 (=lugnt|=tryggt|=trygg|=säker|=säkert|=ostört)",
    ),
    (
        "threat",
        "tänd på en byggnad",
        "(=tänd|=tänder|=tända|=antänd|=antända|=bränn|=bränna) ..1 (=på|=eld|=ner) ..4 ({byggnad}|{egendom}) "
        "!{negation} !{figurativ}",
    ),
    (
        "threat",
        "avsikt och eld mot en person eller byggnad",
        "{avsikt} ..5 {brand} ..4 ({ämbete}|{offer}|{mål}|{byggnad}) !{negation} !{figurativ} !!{spel}",
    ),
    ("threat", "önskan om någons död, måtte", "(=måtte|=må) ..4 ({du}|{offer}|{mål}) ..3 {dödsönskan} !{figurativ}"),
    ("threat", "minuter ensam med någon", "(=minuter|=minut|=sekunder|=timme) =ensam =med"),
    (
        "threat",
        "min adress hos någon",
        "(=har|=vet|=hittat|=fått|=koll) ..2 (=ditt|=din|=dina|=hans|=hennes|=era|=ert) ..1 "
        "(=adress|=adressen|=registreringsnummer|regnummer*|=bilnummer|=personnummer) !? !!{tack}",
    ),
    (
        "threat",
        "någon tar hand om er på riktigt",
        "(=någon|=nån|=vi|=folk) ..3 =ta =hand =om ({du}|{offer}|{ämbete}) ..2 (=riktigt|=ordentligt|=gott) !!{tack}",
    ),
    (
        "threat",
        "önskan att se någon på sjukhus",
        "(=se|=ser|{önskan}|{avsikt}) ..4 ({ämbete}|{offer}|{mål}) ..3 (=på|=i|=till) "
        "(=sjukhus|=sjukhuset|=akuten|=intensiven|=rullstol|=kista|=kistan|=graven|=bår|=båren) "
        "!{negation} !!(=krya|=kry)",
    ),
    (
        "threat",
        "önskan att någon råkar ut för något",
        "{önskan} ..4 ({ämbete}|{offer}|{mål}|{förnamn}) ..2 (=råkar|=råka) =ut =för !{negation}",
    ),
    ("threat", "hitta kroppen", "(=hitta|=hittar|=finna|=finner) ..2 (=kroppen|=liket|=kvarlevorna|=resterna)"),
    (
        "threat",
        "dina barn är inte säkra",
        "(=hans|=hennes|=era|=dina|=deras|=ditt|=din) (=barn|=barnbarn|=familj|=familjer|=fru|=ungar|"
        "=döttrar|=söner) ..3 (=inte|=aldrig) ..2 (=säkra|=säker|=trygga|=trygg)",
    ),
    ("threat", "eld hos någon", "({brand}|=eld|=brand|=brinner|=brinna) ..3 (=hos|=hemma) ..2 ({offer}|{ämbete}|{mål}|{institution}) !{negation} !?"),
    ("threat", "står bilen kvar hel", "{egendom} ..4 =kvar ..1 (=hela|=orörda|=oskadda|=intakta|=hel|=orörd|=oskadd|=intakt)"),
    ("threat", "besök i natt", "{egendom} ..6 (=besök|=besöka|=överraskning|=överraskningar) ..3 (=natt|=inatt|=natten|=kväll|=ikväll)"),
    ("threat", "säker bakom skrivbordet", "(=säker|=säkra|=trygg|=trygga|=skyddad|=skyddade|=osårbar) =bakom !{negation}"),
    ("threat", "inga tänder kvar", "(=inga|=utan) ..1 (=tänder|=framtänder|=tänderna|=knäskålar|=fingrar) =kvar"),
    ("threat", "blir inget trevligt besök", "=blir =det (=inget|=inte) ..1 (=trevligt|=trevlig|=roligt|=kul) (=samtal|=besök|=möte|=slut)"),
    (
        "threat",
        "har koll på när någon går hem",
        "(=vet|=koll|=kollat|=reda) ..2 (=var|=vilken|=vilket|=vilka|=när) ..3 ({ämbete}|{offer}|{förnamn}) ..2 "
        "(=slutar|=går|=kommer|=bor|=parkerar|=handlar|=tränar|=sover|=hämtar|=lämnar) !{negation} !? !!{tack}",
    ),
    ("threat", "må bra av en omgång stryk", "(=må|=mår) =bra =av ..3 (=stryk|=omgång|=örfil|=käftsmäll|=smisk|=smäll)"),
    (
        "threat",
        "ett slag han inte glömmer",
        "(=slag|=smäll|=käftsmäll|=örfil|=spark|=läxa|=omgång|=stryk) ..4 (=inte|=aldrig) ..1 (=glömmer|=glömma|=glömt)",
    ),
    (
        "threat",
        "ordna så att någon inte kommer hem",
        "(=ordna|=ordnar|=fixa|=fixar|=se|=ser|=kan|=ska) ..3 =att ..2 ({ämbete}|{offer}|{förnamn}) ..2 "
        "(=inte|=aldrig) ..1 (=kommer|=komma) =hem",
    ),
    (
        "threat",
        "slå ner nästa person",
        "{avsikt} ..3 ({våld_mot}|=slå|=sparka|=skjuta|=knivhugga|=meja) =ner ..2 (=nästa|=person|=varje|=första)",
    ),
    ("threat", "skaffa skottsäker väst", "{avsikt} ..3 (=bära|=ha|=skaffa|=köpa) ..1 (=skottsäker|=skottsäkra) =väst"),
    (
        "threat",
        "göra hans liv till ett helvete",
        "(=göra|=gör) ({du}|=hans|=hennes|=ditt|=era|=ert|=deras) =liv =till ..2 (=helvete|=mardröm|=plåga|=pina)",
    ),
    (
        "threat",
        "vi följer honom",
        "(=vi|=jag) ..1 (=följer|=följt|=bevakar|=spanar|=övervakar|=skuggar) ({offer}|{ämbete}|{förnamn}) ..4 "
        "(=morgon|=kväll|=dag|=natt|=hem|=till|=varje) !!(instagram*|facebook*|=sidan|=flödet|tiktok*|"
        "=inlägg|=nyheter|=arbete|=utvecklingen)",
    ),
    ("threat", "med en dunk bensin", "(=förbi|=till|=hem) ..5 =med ..2 (=dunk|=flaska|=dunkar) ..1 (=bensin|=tändvätska)"),
    (
        "threat",
        "vet ni vad som väntar er",
        "=vad =som (=väntar|=väntas) ({du}|{offer}|{ämbete}) !? !!{tack}",
    ),
    ("threat", "din sista dag", "({du}|=din|=ditt|=er|=hans|=hennes) =sista (=dag|=dagen|=dagar) !? !!{tack}"),
    (
        "threat",
        "stoppa någon med våld",
        "({ämbete}|{offer}|{förnamn}) ..3 =med =våld !!(=utsatts|=utsattes|=drabbats|=hotats|=anmäla|=polisen)",
    ),
    (
        "threat",
        "hans bil inte startar",
        "(=hans|=hennes|=din|=ditt|=dina|=era|=ert|=deras) {egendom} ..2 (=inte|=aldrig) "
        "(=startar|=starta|=fungerar|=rullar|=står)",
    ),
    (
        "threat",
        "fönstret klarar en tegelsten",
        "({byggnad}|{egendom}) ~5 (=tegelsten|=gatsten|=gatstenar|=tegelstenar|=sten|=stenar) !{negation} !? !!{spel}",
    ),
    ("threat", "hälsar på hos någon", "(=hälsar|=hälsa|=besöker|=besöka|=hälsat) =på ..1 =hos ({ämbete}|{offer}|{förnamn}) !?"),
    (
        "threat",
        "glömma att känna sig säker",
        "(=glömma|=glöm) ..2 (=känna|=vara|=sova|=leva) ..2 (=säker|=säkra|=trygg|=trygga|=lugnt|=tryggt|=ostörd)",
    ),
    (
        "threat",
        "behöva en kula",
        "{avsikt} ..3 (=behöva|=behöver|=få|=ha|=ge) ..2 (=kula|=kulan|=kulor|=skott|=blykula) !{negation}",
    ),
    ("threat", "gömma sig för evigt", "(=gömma|=gömmer|=göm|=springa|=fly) ..1 ({du}|=er|=dig) ..5 (=evigt|=alltid)"),
    (
        "threat",
        "klarar sig utan skydd",
        "({ämbete}|{offer}) ..3 (=klarar|=klara) ..2 =utan (=skydd|=livvakt|=livvakter|=vakter)",
    ),
    ("threat", "buren härifrån", "({du}|{offer}) ..2 (=buren|=burna|=bars) ..1 (=härifrån|=ut|=därifrån)"),
    (
        "threat",
        "ta lagen i egna händer",
        "(=jag|=vi|=folk|=man) ~3 (=ta|=tar|=tänker) ..1 (=saken|=lagen|=saker|=rättvisan) =i =egna =händer",
    ),
    ("threat", "kulan har ditt namn", "(=kulan|=kula|=kniven) ..3 ({du}|=ditt|=hans|=hennes|=ert|=era) =namn"),
    (
        "threat",
        "geväret är laddat",
        "{vapen} ..2 (=är|=e) ..1 (=laddat|=laddad|=laddade|=slipad|=slipade|=vässad|=redo) !!{spel}",
    ),
    (
        "threat",
        "hoppas du inte lever länge",
        "{önskan} ..4 ({du}|{offer}|{ämbete}) ..2 =inte ..1 (=lever|=överlever|=hinner) ..1 (=länge|=till)",
    ),
    ("threat", "ensam så får du se", "=ensam ..3 (=så|=då) (=får|=ska) ({du}|{offer}) =se"),
    (
        "threat",
        "inte få gå säker",
        "({du}|{offer}|{ämbete}) ..4 (=inte|=aldrig) ..2 (=gå|=vara|=känna|=sova|=leva) ..1 "
        "(=säkra|=säker|=trygg|=trygga|=tryggt|=lugnt) !? !!(=att)",
    ),
    ("threat", "konsekvenser för dig", "(=får|=få|=ge) =konsekvenser =för ({du}|=dig|=er|=honom|=henne) !?"),
    (
        "threat",
        "ultimatum, sedan agerar vi",
        "({du}) =har ..2 (=dagar|=timmar|=veckor|=dag|=vecka) =på (=er|=dig) ..6 (=sedan|=annars|=därefter) ..2 "
        "(=agerar|=händer|=kommer|=gör|=smäller)",
    ),
    # --- racism -----------------------------------------------------------------------------------
    (
        "racism",
        "de där människorna förstör",
        "(=de|=dom|=dessa) ..1 (=människorna|=människor|=typerna|=folket|=figurerna) ..4 "
        "({grupp_skada}|{avhumanisering}) !(=som) !{negation} !? !!{ämbete} !!{mot_rasism}",
    ),
    (
        "racism",
        "uppmaning att utvisa, om en grupp",
        "{utvisa_stark} &({folkgrupp}|{invandring}) !{negation} !? !!{mot_rasism}",
    ),
    ("racism", "grupp som orsaken", "{folkgrupp} ~5 {skuld} !{negation} !? !!{mot_rasism}"),
    ("racism", "grupp som står för brotten", "{folkgrupp} =som (=står|=ligger) (=för|=bakom) !{negation} !?"),
    (
        "racism",
        "grupp som styr",
        "{folkgrupp} ..2 (=styr|=styrde|=kontrollerar|=konspirerar|=manipulerar) !{negation} !? !!{mot_rasism}",
    ),
    ("racism", "grupp som tar över, ta", "{folkgrupp} ~6 (=ta|=tagit) =över !{negation}"),
    ("racism", "inga svenskar kvar", "(=inga|=knappt|=få|=snart) =svenskar ..1 =kvar"),
    (
        "racism",
        "grupp som inte kan leva bland andra",
        "{folkgrupp} ..4 (=inte|=aldrig) ..3 (=leva|=bo) ..1 (=bland|=med) ..2 "
        "(=civiliserade|=svenskar|=normala|=vanliga|=oss|=andra)",
    ),
    (
        "racism",
        "grupp som bara lever på bidrag",
        "{folkgrupp} ..6 (=bara|=enbart|=endast) ..6 (=bidrag|=bidragen|=bidragens|=bidragspengar|"
        "=skattepengar|=försörjningsstöd) !? !!{mot_rasism}",
    ),
    (
        "racism",
        "grupp som drar ner andra",
        "(=drar|=dra|=drog) =ner ..2 (=våra|=vår|=vårt|=nivån|=standarden|=snittet|=området|=resten) "
        "&{folkgrupp} !? !!{mot_rasism}",
    ),
    (
        "racism",
        "staden har blivit ett annat land",
        "(=blivit|=förvandlats|=förvandlat|=liknar) ..5 (=mogadishu|=kabul|=bagdad|=damaskus|=somalia|"
        "=afghanistan|=kalifat|=kalifatet|=tredje) !{negation} !?",
    ),
    (
        "racism",
        "grupp som ska bort, längre",
        "{folkgrupp} ..12 {avsikt} ..1 (=bort|=härifrån|=försvinna) !? !{negation} !!{mot_rasism} !{saker}",
    ),
    (
        "racism",
        "grupp som inte passar in",
        "{folkgrupp} ..3 (=är|=e) =inte ..1 (=kompatibla|=förenliga|=anpassningsbara|=integrerbara) !? !!{mot_rasism}",
    ),
    (
        "racism",
        "grupp som aldrig blir riktiga svenskar",
        "{folkgrupp} ..4 (=inte|=aldrig) ..3 (=riktiga|=äkta|=sanna) (=svenskar|=människor|=medborgare)",
    ),
    (
        "racism",
        "bara svenskar ska få",
        "(=bara|=endast|=enbart) (=svenskar|=vita|=infödda|=etniska) ..4 (=få|=får|=ha|=rätt|=tillåtas|=släppas)",
    ),
    ("racism", "för svenskar, inte för en grupp", "=för (=svenskar|=svenskarna|=vita) ..2 =inte =för ..1 {folkgrupp}"),
    (
        "racism",
        "sätt en grupp på en buss",
        "(=ställ|=sätt|=sätta|=ställa|=lasta|=packa|=stoppa) ..2 {folkgrupp} ..2 (=på|=i) ..2 "
        "(=buss|=bussen|=tåg|=tåget|=båt|=båten|=plan|=planet|=flyg|=flyget|=lastbil|=container)",
    ),
    (
        "racism",
        "grupp som ska bo i läger",
        "{folkgrupp} ..3 {avsikt} ..2 (=bo|=placeras|=hållas|=samlas|=spärras|=låsas) ..3 "
        "(=tält|=läger|=lägret|=reservat|=fängelse|=burar|=bur|=utanför)",
    ),
    ("racism", "för många av en grupp, därför", "=för =många {folkgrupp} ..10 (=därför|{skuld}|{grupp_skada}) !? !!{mot_rasism}"),
    ("racism", "importerat våldet", "import* ..3 (=våldet|=brotten|=brottsligheten|=gängen|=kriminaliteten|=problemen) &{folkgrupp}"),
    ("racism", "främmande element", "(=främmande|=utländska) (=element|=inslag|=kroppar|=arter)"),
    (
        "racism",
        "grupp som ska bära märke",
        "{folkgrupp} ..4 {avsikt} ..2 (=bära|=bär|=ha) ..3 (=märke|=band|=armband|=stjärna|=bricka|=chip|=symbol)",
    ),
    ("racism", "anlita aldrig en ur en grupp", "(=anlita|=anställ|=anställa|=hyr|=hyra|=lita) (=aldrig|=inte|=ingen|=inga) ..2 {folkgrupp}"),
    (
        "racism",
        "grupp som tjänar på andra",
        "{folkgrupp} ..4 (=tjänat|=tjänar|=tjänade|=profiterar|=profiterat|=snyltar) ..3 (=andras|=vår|=våra|=oss|=svenskarnas)",
    ),
    (
        "racism",
        "kasta ut alla som inte är födda här",
        "{utvisa_verb} ..1 {bort} ..2 (=alla|=de|=dem|=dom) =som ..3 (=födda|=svenskar|=svenska|=medborgare)",
    ),
    ("racism", "grupp som kan packa väskan", "(=packa|=packar) ..2 (=väskan|=väskorna|=väskor|=kappsäcken|=resväskan) &{folkgrupp} !?"),
    (
        "racism",
        "bli en koloni",
        "(=bli|=blir|=blivit|=förvandlas) ..3 (=en|=ett) ..1 {folkgrupp} ..1 (=koloni|=kalifat|=provins|=enklav)",
    ),
    (
        "racism",
        "grupp som aldrig lär sig",
        "{folkgrupp} ..3 =som =aldrig ..1 (=lär|=jobbar|=arbetar|=anpassar|=bidrar|=integreras|=integrerar|=vill)",
    ),
    ("racism", "bara till svenskar", "(=bara|=endast|=enbart) =till (=svenskar|=vita|=infödda)"),
    (
        "racism",
        "inga hederliga i en grupp",
        "(=inga|=ingen|=få) ..1 (=integrerade|=välanpassade|=hederliga|=ärliga|=arbetande|=normala|=skötsamma) "
        "{folkgrupp} !?",
    ),
    (
        "racism",
        "ge en grupp en biljett hem",
        "(=ge|=köp|=skicka) ..1 {folkgrupp} ..2 (=biljett|=biljetter|=enkelbiljett) ..1 (=hem|=tillbaka|=ut)",
    ),
    (
        "racism",
        "grupp som bara kostar",
        "{folkgrupp} ..3 (=kostar|=tar) ..1 (=bara|=enbart|=mest) ..2 (=pengar|=skattepengar) !? !!{mot_rasism}",
    ),
    (
        "racism",
        "staden åt svenskarna",
        "(=sverige|=helsingborg|=skåne|=landet|=staden) =åt (=svenskarna|=helsingborgarna|=skåningarna|=oss)",
    ),
    ("racism", "blir aldrig svenskar", "(=blir|=bli) =aldrig (=svenskar|=svenska|=riktiga) &{folkgrupp}"),
    (
        "racism",
        "ett folk som bara förstår våld",
        "=folk =som =bara (=förstår|=fattar|=lyssnar|=respekterar) ..1 (=våld|=makt|=piskan) &{folkgrupp}",
    ),
    (
        "racism",
        "ingen grupp i staden",
        "(=ingen|=inga|=inget) {folkgrupp} ..3 (=i|=på) ..1 (=helsingborg|=sverige|=stan|=staden|=skåne|=kommunen)",
    ),
    (
        "racism",
        "försörja halva Somalia",
        "(=försörja|=försörjer|=föda|=föder) ..2 (=halva|=hela) ..1 (=somalia|=afrika|=mellanöstern|=syrien|"
        "=afghanistan|=irak|=arabvärlden)",
    ),
    # --- personal attacks -------------------------------------------------------------------------
    ("personal_attack", "den här idioten", "(=den|=det|=de|=dom) =här ..1 {skällsord} !{negation} !!{egna}"),
    (
        "personal_attack",
        "största idiot",
        "(=största|=värsta|=störste|=värste|=dummaste|=sämsta|=total|=totala|=komplett|=fullständig|"
        "=fullständiga) ..1 {skällsord} !{negation} !(=jag|=mig) !!{egna} !!{folkgrupp}",
    ),
    (
        "personal_attack",
        "en sådan idiot",
        "(=sådan|=sån|=sådana|=såna) ..2 ({skällsord}|{nedsättande}) !{negation} !(=jag|=mig) !!{egna} !!{folkgrupp}",
    ),
    (
        "personal_attack",
        "hur dum får man egentligen vara",
        "=hur ({nedsättande}|=dum|=korkad|=blåst|=trög) (=får|=kan|=måste|=är) (=man|{du}|{ämbete}) !(=jag|=mig)",
    ),
    ("personal_attack", "bakom flötet", "({du}|{ämbete}) ..3 =bakom =flötet"),
    (
        "personal_attack",
        "mer än två hjärnceller",
        "(=mer|=fler|=flera|=två|=tre|=några|=någon|=nån|=en) ..3 (=hjärnceller|=hjärncell|=iq) &({du}|{ämbete})",
    ),
    (
        "personal_attack",
        "du låter som en papegoja",
        "({du}|{ämbete}) (=låter|=ser|=beter|=luktar|=pratar|=är|=har) ..3 =som ..1 (=en|=ett) ..2 "
        "({skällsord}|{djurlikhet}) !{negation} !!{egna}",
    ),
    (
        "personal_attack",
        "äckliga människa",
        "{nedsättande} (=människa|=människor|=typ|=person|=varelse|=kvinna|=karl|=gubbe|=individ|=figur) "
        "&({du}|{ämbete}) !{negation} !!{egna} !!{folkgrupp}",
    ),
    ("personal_attack", "rena idioten", "(=rena|=ren|=rene) {skällsord} &({du}|{ämbete}) !(=jag|=mig) !!{egna} !!{folkgrupp}"),
    ("personal_attack", "skäms du inte", "(=skäms|=skäm) {du} =inte"),
    (
        "personal_attack",
        "empati som en automat",
        "({du}|{ämbete}) ..3 (=har|=hade) ..2 ({hjärna}|{förmåga}) =som (=en|=ett|=hos)",
    ),
    (
        "personal_attack",
        "han är psykotisk, om en person på jobbet",
        "(=han|=hon|=hen) (=är|=e) ..2 ({nedsättande}|{skällsord}) &{ämbete} !{negation} !!{egna}",
    ),
    ("personal_attack", "hej idioter", "(=hej|=hallå|=tjena|=hejsan) {skällsord}"),
    (
        "personal_attack",
        "kan inte ens läsa",
        "({du}|{ämbete}) ..3 =inte =ens ..1 (=läsa|=stava|=räkna|=skriva|=tänka|=förstå|=fatta)",
    ),
    ("personal_attack", "hopplöst fall", "=hopplöst =fall &({du}|{ämbete})"),
    (
        "personal_attack",
        "skriver som en tolvåring",
        "({du}|{ämbete}) (=skriver|=pratar|=låter|=beter|=tänker|=resonerar) ..2 =som (=en|=ett) ..1 "
        "({skällsord}|{djurlikhet}|*åring|=dagisbarn|=barnunge|=unge)",
    ),
    (
        "personal_attack",
        "hjärnlösa robot",
        "{nedsättande} (=robot|=robotar|=byråkrat|=byråkrater|=tjänsteman|=tjänstemän|=kommunikatör|=handläggare|"
        "=människa|=typ|=person|=varelse|=individ|=figur) &({du}|{ämbete}|=kommunens|=kommunen) !{negation} "
        "!!{egna} !!{folkgrupp}",
    ),
    (
        "personal_attack",
        "lika smart som en dörr",
        "=lika (=användbar|=smart|=vass|=skarp|=klok|=hjälpsam|=kompetent|=begåvad|=vettig|=intelligent|=effektiv) "
        "=som (=en|=ett) &({du}|{ämbete})",
    ),
    ("personal_attack", "dumma kärring", "{nedsättande} ..1 {skällsord} !{negation} !(=jag|=mig) !!{egna} !!{folkgrupp}"),
    (
        "personal_attack",
        "vilken sorglig människa",
        "(=vilken|=vilket|=vilka|=din|=ditt|=er) ..2 {nedsättande} ..1 (=människa|=människor|=person|=typ|=varelse|"
        "=figur) !!{egna} !!{folkgrupp}",
    ),
    ("personal_attack", "dumjävel i slutet", "=tack =för =ingenting ..3 {skällsord}"),
]

PATTERNS_REMOVE: list[tuple[str, str]] = []

# Starting patterns that read play and idioms as threats: a guard is added to those AKN has not
# changed since (the guard is appended only when the pattern does not hold it already).
PATTERNS_GUARD = [
    ("threat", "avsikt och våldshandling, nära", "!!{spel}"),
    ("threat", "våld mot någon", "!!{spel}"),
    ("threat", "slå sönder ansiktet", "!!{spel}"),
    ("threat", "då blir det blod", "!!{spel}"),
    ("threat", "avsikt och våldshandling", "!(=för)"),
    ("threat", "avsikt och våld i passiv form, nära", "!!{spel}"),
    ("threat", "ni ska få ångra er", "!(=vi)"),
    ("racism", "grupp som ohyra, smuts eller djur", "!!{statistik}"),
]

TERMS_ADD: list[tuple[str, str, str]] = [
    ("racism", "återvandring", "stem"),
    ("racism", "remigration", "stem"),
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
    TriageTerm = apps.get_model("moderation", "TriageTerm")
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
    for label, term, match in TERMS_ADD:
        TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": match})


def unseed(apps, schema_editor):
    # The patterns and terms added here go; words added to groups and guards stay (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, name, _pattern in PATTERNS:
        TriagePattern.objects.filter(label=label, name=name).delete()
    for label, term, _match in TERMS_ADD:
        TriageTerm.objects.filter(label=label, term=term).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0016_auto_hide_rule")]

    operations = [migrations.RunPython(seed, unseed)]

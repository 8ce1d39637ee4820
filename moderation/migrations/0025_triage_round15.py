"""Round 15 of the starting patterns, on racism: guards against the false alarms the fresh batch
`dev-v15a…` to `dev-v15d…` showed (see moderation/corpus/README.md, round 15), then patterns for the
constructions behind the racism the rules alone missed there.

What they guard (each a class of innocent context, not one comment):

* a group's association at work: litter picked up by a group's association ("Somaliska föreningen har
  plockat skräp i parken") is no group likened to rubbish;
* crimes against a group reported in solidarity: a congregation that "har fått hot", "utsatts för"
  (and "solidaritet" joins `mot_rasism`);
* a slur named in order to rebut it: "ni som pratar om 'bidragsturister' …", "de som använder ordet";
* one's own background told: "min mormor var tattare, eller resande som man säger idag" (a new group
  `släkt`);
* "svarta listan", "svart arbete", "svarta pengar": black as a colour of things, not of people (a
  new group `svart_sak`);
* one's own family who comes home ("min dotter kommer hem …" beside "turkisk peppar"), and a group's
  food or sweets (`mat` widened);
* a burial by a tradition ("begravas enligt judisk tradition"), a question one was asked ("fått
  frågan 'var kommer du ifrån'"), a dish that "slår glögg", a man who "är sjuk och behöver vård",
  and politicians who "har varit naiva" (a policy criticised, not a person).

New guarded patterns read the constructions behind the missed racism: dehumanising metaphors of a
group (vermin, parasites "som lever på våra skattepengar", weeds "tas vid roten" beside a mosque, a
goat that "blir inte svensk", living and breeding "som djur", "gökungar", colonisation and
occupation of a district, "smittan" spreading beside a group, a fence "runt byn", a zoo or safari,
"det där packet"), slurs the lists lacked (`rasord`: "ziggetiggare", "skitländer",
"invandrarpack", "barbarkultur", "-jävlar" compounds of a group; "apberg" and "aplåt" unless about
animals), collective blame of a group for crime (a group "har alltid varit tjuvar", "lås in
cyklarna", "lever på att sno", "en kultur av att stjäla", perpetrators' origin insinuated: "gissa
vilken kultur gärningsmannen kommer ifrån", "kolla efternamnen"; "det blev sämre när araberna
flyttade in"; "invandrare = mer brott"; "köpt sina betyg"), "åk hem"/"enkel biljett" aimed at a
group or a person for their origin ("ge dem en enkel biljett", "skicka hem hela bunten", "resten
kan åka hem", "din sort", "du borde vara tacksam att du får bo här", "tillbaka till sina
sandlådor"), the land lost ("inte Sverige längre", "inte mitt land längre", "när Helsingborg var
svenskt", "lilla Mogadishu", "Helsingborg eller Kabul", "sharia på Stortorget", "andra klassens
medborgare i vår egen stad"), racist "jokes" about a people ("Vad kallar man en somalier …", "Vad är
skillnaden mellan en polack och …") and "jag är inte rasist men"/"jag har inget emot invandrare,
men" without a group word. Each is guarded against words reported or quoted, words named as words,
fiction, history (a new group `historia`) and condemnation.

As in 0019–0024: words are added to groups (nothing AKN wrote is removed), patterns are added by
name (one AKN already has under that name is left alone), and guards are appended to a starting
pattern only when it does not hold them already. The words are written for this project.
"""

from django.db import migrations

GROUPS_ADD = {
    "historia": (
        "History, museums and archives: words about a group told as history are no racism.",
        "=historia, =historien, =historiska, =historisk, =historiskt, historiker*, =museet, =museum, "
        "=utställning, =utställningen, =förintelsen, =nazisterna, =nazismen, nazityskland*, =apartheid, "
        "kolonialtid*, kolonialism*, =medeltiden, =arkivet, stadsarkiv*, =föreläsning, =föreläsningen, "
        "dokumentär*, =läroboken, =historielektion, =historielektionen",
    ),
    "släkt": (
        "One's own forebears and background: a group's name told of them is no slur.",
        "=mormor, =morfar, =farmor, =farfar, =gammelmormor, =gammelfarfar, förfäder*, =anfäder, släkt*, "
        "=härstammar, =härstammade, =ursprung, =resande, =adopterad, =adopterade",
    ),
    "familj": (
        "One's own family: a child or a partner who comes home is no group sent home.",
        "=dotter, =dottern, =döttrar, =son, =sonen, =söner, =sambon, =frun, =maken, =mamma, =pappa, "
        "=mormor, =morfar, =farmor, =farfar, =syster, =bror, =brorsan, =syrran, =systern",
    ),
    "svart_sak": (
        "Black as the colour of a thing: a black list, black money or undeclared work.",
        "=listan, =lista, =listor, =listorna, svartlist*, =marknaden, =svartjobb, =hål, =hålet, =tavlan, "
        "=humor, =humorn",
    ),
    "mat": (
        "Food and fishing: knives and killing in a sentence about them are no threat.",
        "=peppar, =lakrits, =godis, =godiset, =baklava, =glögg, =glöggen, =tunnbröd, =sushi, =tacos",
    ),
    "mot_rasism": (
        "Words against racism: a comment that condemns it.",
        "solidaritet*",
    ),
    "rasord": (
        "Racist slurs.",
        "ziggetigg*, zigetigg*, skitländer*, =skitland, =skitlandet, skithålsländer*, skithålsland*, "
        "invandrarpack*, arabpack*, araberpack*, somalipack*, afghanpack*, flyktingpack*, muslimpack*, "
        "tiggarpack*, barbarkultur*, kamelknull*, getknull*, muslimjävl*, arabjävl*, araberjävl*, "
        "somalijävl*, negerjävl*, invandrarjävl*, afghanjävl*, ökenneger*, ökennegr*",
    ),
    "ohyra": (
        "Vermin, parasites and contagion: the words a group is dehumanised with.",
        "parasit*, kackerlack*, gräshopp*, =ohyra, =ohyran, =råttor, =råttorna, =löss, =lössen, "
        "skadedjur*, =iglar, blodigl*, =smittan, =pesten, =snyltare, =snyltarna",
    ),
    "djurbild": (
        "Animals a people is likened to.",
        "=get, =geten, =getter, =apa, =apan, =apor, =schimpans, =schimpansen, =schimpanser, =gris, =grisar, "
        "=åsna, =åsnor, =hyena, =hyenor, =babian, =babianer, =kaniner, =råttor, =djur, =boskap, =kreatur, "
        "=vildar, =svin, =grisen",
    ),
}

# the guards every new racism pattern holds: words reported or named as words, condemnation,
# fiction and history
_GUARDS = "!!{återgivning} !!{om_ord} !!{mot_rasism} !!{fiktion} !!{historia}"
_PEOPLE = "(=de|=dom|=dem|=dessa|=såna|=sådana|=folk|=folket|{folkgrupp})"
# the same without `återgivning` and `om_ord`, for patterns that hold "ord" or "hört" themselves
_QUOTED_GUARDS = (
    "!!(=skrev|=skriver|=skrivit|=sa|=sade|=sagt|=citerar|=citat|=citatet|=klottrat|=klotter|flygblad*|"
    "klistermärke*|=stod) !!{mot_rasism} !!{fiktion} !!{historia}"
)
# a crime reported or a perpetrator described, beside which a group's origin is insinuated
_CRIME = (
    "(gärningsm*|förövar*|=rånarna|=rånaren|=brottet|=brotten|knivskärning*|knivhugg*|skjutning*|=bränner|"
    "=brann|=bilar|=polisen|=polisens|=rapport|=misstänkt|=misstänkta|=signalement|=20|årsåldern)"
)
# a place the land is said to have become
_PLACES = (
    "(=mogadishu|=kabul|=bagdad|=somalia|=afghanistan|=kalifat|=kalifatet|=teheran|=damaskus|"
    "mogadishu*|bagdad*|kabul*)"
)
PATTERNS = [
    # dehumanising metaphors
    (
        "racism",
        "parasiter som lever på våra pengar",
        "(parasit*|snyltare*|blodigl*|=iglar) ~8 (bidrag*|skattepeng*|=skattebetalarna|=skatten|"
        "=välfärden|import*|"
        "=flyttar|=flytta|=stad|=stan|=landet|=suga|=suger|=lever) "
        "!{negation} !!{natur} !!(=hunden|=katten|=hundar|=katter|avmask*|=fästingar|=företag|"
        "=företagen|=bolag|"
        "=bolagen|friskol*|=bankerna|=konsulter|=riskkapitalister|{ämbete}|=du|=dig|=dej|=ni|=er|=han|"
        "=hon|=hen|"
        "=den) !(=en|=ett|=fet) " + _GUARDS,
    ),
    (
        "racism",
        "importera ohyra",
        "(import*|=släppa|=släpper|=släpps|=släppt) ..4 {ohyra} !{negation} !!{natur} " + _GUARDS,
    ),
    (
        "racism",
        "som med råttor, om en grupp",
        "(=som|=likt) ..2 {ohyra} &({folkgrupp}|{invandring}|flyktingbo*|asylbo*|=moskén) !{negation} "
        "!!(=källaren|=källare|=vinden|=soprummet|råttgift*|=fällor|=fällan|anticimex*) " + _GUARDS,
    ),
    (
        "racism",
        "ogräs, om en grupp",
        "(ogräs*|=roten) &({folkgrupp}|{invandring}|flyktingbo*|asylbo*) !{negation} !!{natur} "
        "!!(=trädgården|=rabatten|=rabatterna|=gräsmattan|=odlingen|=kolonilotten) " + _GUARDS,
    ),
    (
        "racism",
        "en get blir inte svensk",
        "(=lära|=lär|=blir|=bli|=förvandlas|=integrera) ~4 {djurbild} "
        "&(integr*|{folkgrupp}|{invandring}|svensk*|nysvensk*) !!{natur} "
        "!!(=bonde|bondgård*|djurpark*|=zoo|=skansen|=gården|=kolmården|=sagan|=sagor|=hagen) " + _GUARDS,
    ),
    (
        "racism",
        "lever som djur",
        f"{_PEOPLE} ..3 (=lever|=levde|=bor|=beter|=förökar|=föröka|=föder) ..2 =som {{djurbild}} "
        "!{negation} !!{natur} " + _GUARDS,
    ),
    (
        "racism",
        "de är inte människor",
        "(=de|=dom|=dessa|=såna|=sådana|{folkgrupp}) (=är|=e) =inte (=människor|=mänskliga) "
        "!!{natur} !!(=robotar|=robotarna|=maskiner|=ai) " + _GUARDS,
    ),
    (
        "racism",
        "gökungar",
        "gökung* !!{natur} !!(=fågel|=fåglar|=fåglarna|=boet|=ägg|=äggen|=ägget|=göken|=sångare|fågel*) "
        + _GUARDS,
    ),
    (
        "racism",
        "koloniserat område",
        "(ockupation*|ockuper*|koloniser*|=erövrat|=erövrad|=erövrats) "
        "&(=område|=området|stadsdel*|=bor|mångfald*|{folkgrupp}|=helsingborg|=stan|=staden|=husensjö|"
        "=söder) "
        "!!(=ryssland|=ukraina|=tyskland|=kriget|=israel|=palestina|=gaza|västbanken|=danmark|=danskarna|"
        "husockup*|=huset|=aktivister|=aktivisterna|=demonstranter|=studenter) " + _GUARDS,
    ),
    (
        "racism",
        "smittan sprider sig, om en grupp",
        "(=smittan|=smitta|=smittat|=smittad|=smittade) ..3 (=sprider|=spridit|=spred|=nått|=når|=ända|"
        "=snart) "
        "&({folkgrupp}|{invandring}|flyktingbo*|asylbo*) !{negation} "
        "!!(virus*|covid*|corona*|influens*|kräksjuk*|calici*|mässling*|vaccin*|=sjukdomen|=patienter|"
        "smittskydd*|=vårdcentralen|=sjukhuset) " + _GUARDS,
    ),
    (
        "racism",
        "slippa smittan",
        "(=slipper|=slippa|=skydda|=skyddas) ..3 (=smittan|=pesten|=ohyran|=parasiterna|=packet|=patrasket) "
        "!{negation} !!(virus*|covid*|corona*|influens*|kräksjuk*|mässling*|vaccin*|=sjukdomen|=sjukhuset) "
        + _GUARDS,
    ),
    (
        "racism",
        "en religion som en sjukdom",
        "{folkgrupp} ..6 (=sjukdom|=cancer|=pest|=virus|=smitta|=tumör|=cancersvulst) !{kalla} "
        "!!(=drabbats|=drabbas|=drabbade|=patienter|=vård|=vården|=forskning|=risk|=risken) " + _GUARDS,
    ),
    (
        "racism",
        "ett staket runt byn",
        "(=mur|=muren|=staket|=stängsel|taggtråd*|stängsla*|=inhägna|=inhägnas) ~4 (=runt|=kring|=in|=om) "
        "&({folkgrupp}|{invandring}|asylbo*|flyktingbo*|=reservat|=reservatet|=tredje|=slipper) " + _GUARDS,
    ),
    (
        "racism",
        "som en djurpark",
        "(=som|=liknar) ..1 (=en|=ett) (=djurpark|=zoo|=safari|=apberg) "
        "!!{natur} !!{evenemang} !!(=barnen|=ungarna|=förskolan|=klassen|=kalaset|födelsedag*|=leksaker) "
        + _GUARDS,
    ),
    (
        "racism",
        "apberg och aplåt, utom om djur",
        "(apberg*|aplåt*|apspråk*|=apläte) !!{natur} !!(=zoo|djurpark*|=kolmården|=skansen|=aporna|=apor) "
        + _GUARDS,
    ),
    (
        "racism",
        "det där packet, om en grupp",
        "(=det|=detta|=medeltida) ..2 (=packet|=patrasket|=slöddret|=avskummet) "
        "&(slöj*|{folkgrupp}|{invandring}|burka*|moské*) " + _GUARDS,
    ),
    # collective blame of a group
    (
        "racism",
        "en grupp har alltid varit tjuvar",
        "{folkgrupp} ..3 (=alltid|=jämt) ..2 (=varit|=är|=e) ..2 (=tjuvar|brottsling*|=kriminella|=lata|"
        "=lögnare|=bedragare|=parasiter|=snyltare|våldtäktsm*|=fyllon|=alkisar) "
        "!{negation} !(=fördom|=fördomen|=myten|stereotyp*|=anklagats|=anklagas) !!{återgivning} !!{om_ord} "
        "!!{fiktion} !!{historia} !!(=diskriminering|=diskriminerats|=utsatta|=hatbrott)",
    ),
    (
        "racism",
        "lås in cyklarna, om en grupp",
        "(=lås|=låsa|=göm|=gömma|=koll|=vakta|=kedja|=akta) ..3 (=cyklarna|=cykeln|=cyklar|=bilen|=plånboken|"
        "=plånböckerna|=väskorna|=grejerna|=värdesakerna) &{folkgrupp} " + _GUARDS,
    ),
    (
        "racism",
        "en grupp lever på att sno",
        "(=kultur|=lever|=folket|=folk) ..3 =att (=stjäla|=sno|=ljuga|=tigga|=fuska|=lura|=råna|=snatta) "
        "&({folkgrupp}|=hela) !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "en grupp och stölder, lika säkert",
        "{folkgrupp} =och (stöld*|=stölder|brott*|kriminalitet*|=våld|knivar*|=fusk|tjuv*|=arbete|=jobb) "
        "&(=säkert|=alltid|=ihop|=hand|=typiskt|=aldrig) !? !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "en grupp och något som aldrig hört ihop",
        "{folkgrupp} ..2 =och ..8 (=hört|=hörde|=passat|=passar|=går) ..1 =ihop &(=inte|"
        "=aldrig) !? " + _QUOTED_GUARDS,
    ),
    (
        "racism",
        "gissa vilken bakgrund gärningsmannen har",
        "(=gissa|=gissar|=undrar|=vet|=kolla|=skriver|=skriv|=säg) ~6 (=kultur|=bakgrund|=ursprung|=härkomst|"
        "=efternamnen|=efternamn|=etnicitet|=hudfärg|=gemensamt|=betyder) "
        f"&{_CRIME} !{{negation}} !? !!(=enligt|=uppger|=meddelar|=uppgifter) " + _GUARDS,
    ),
    (
        "racism",
        "sämre när en grupp kom",
        "(=sämre|=rasade|=rasat|=sjönk|=sjunkit|=försämrades|=försämrats|=otryggare|=stökigare|=smutsigare|"
        "=farligare) ~8 (=när|=sedan|=sen|=efter) ..3 {folkgrupp} !{negation} !? !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "en grupp är lika med mer brott",
        "{folkgrupp} ..2 (=mer|=fler|=mera|=mest) ..1 (=brott|=brottslighet|=kriminalitet|=våld|=våldtäkter|"
        "=skjutningar) !{negation} !? !!{statistik} !!(=utsätts|=drabbas|=offer|=utsatta) !!{återgivning} "
        "!!{om_ord} !!{fiktion} !!{historia}",
    ),
    (
        "racism",
        "köpt sina betyg, om en grupp",
        "(=köpt|=köpte|=fejkat|=fejkade|=förfalskat|=förfalskade|=fuskat) ..2 (=betyg|=betygen|=legitimation|"
        "=examen|=examina|=intyg|=papper) &{folkgrupp} !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "kommit hit för att snylta",
        "(=kom|=kommer|=kommit) =hit ..3 (=snylta|=suga|=lata|=skörda|=utnyttja|=sno|=stjäla|=roffa|=håva|"
        "=parasitera|=fuska) !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "kommit hit för att leva på oss",
        "(=kom|=kommer|=kommit) =hit ..3 =leva =på (=oss|=bidrag|=andra|=våra|=skattebetalarna|=socialen|"
        "=systemet|=staten) !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "föder ungar på bidrag",
        "(=föder|=föda|=poppar|=pumpar|=spottar|=med) ..2 (=fem|=sex|=sju|=åtta|=nio|=tio|=tolv|"
        "=massa) =ungar "
        "..3 (=bidrag|=var|=bidragen|=skattebetalarna|=oss|=får) !{negation} "
        "!!(=svårt|=tufft|=kämpar|=stöd|=stödet) " + _GUARDS,
    ),
    (
        "racism",
        "föder barn på löpande band",
        "(=föder|=föda|=poppar|=pumpar|=spottar) ..2 (=ungar|"
        "=barn) ..1 =på =löpande =band !!{natur} " + _GUARDS,
    ),
    (
        "racism",
        "på vår bekostnad, om en grupp",
        "=på (=vår|=våran|=svenskarnas|=skattebetalarnas|"
        "=andras) =bekostnad &{folkgrupp} !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "bryr sig mer om en grupp än om oss",
        "(=bryr|=satsar|=prioriterar|=lägger|=ger|=tänker) ..4 {folkgrupp} ..3 =än ..2 (=oss|=svenskar|"
        "=svenskarna|=våra|=vi|=egna|pensionär*) !? !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "de är likadana allihop",
        "(=de|=dom|=ni) (=är|=e) =likadana (=allihop|=allihopa|=alla|=hela) "
        "&({folkgrupp}|=folk|=folket|=sort|=sorten) !{negation} !!{natur} " + _GUARDS,
    ),
    (
        "racism",
        "en viss sorts elever",
        "=en =viss (=sort|=sorts|=sorten|=typ|=sortens) "
        "&(=menar|=fattar|=ber|{folkgrupp}|=elever|=folk|=människor|=ungar) " + _GUARDS,
    ),
    (
        "racism",
        "samma sorts folk",
        "=samma (=sorts|=sortens|=sort) (=folk|=människor|=typer|=ungdomar) "
        "&(=mörka|=mörkhyade|{folkgrupp}|=vilka|=vet) " + _GUARDS,
    ),
    (
        "racism",
        "ju mörkare område",
        "=ju (=mörkare|=brunare|=svartare) ..1 (=område|=områden|=stadsdel|=hy|=hud|=skola|=klass|"
        "=befolkning) "
        "!!(belysning*|=lampor|gatlamp*|=ljus|reflex*|=lyktor|=lysen) " + _GUARDS,
    ),
    (
        "racism",
        "det är deras sätt att vara",
        "(=är|=e) ..1 (=deras|=sitt|=dems) =sätt =att (=vara|=leva) &{folkgrupp} !? !!{tillgivenhet} !!{mat} "
        "!!{evenemang} " + _GUARDS,
    ),
    (
        "racism",
        "så lever de där de kommer ifrån",
        "(=så|=kan|=får|=fick) ..2 (=lever|=gör|=göra|=fira|=beter|=bete|=hålla|=leva|=ha|=bära) ..3 "
        "(=där|=dit|=hemma) ..1 (=de|=dom|=ni|=du) (=kommer|=kom|=kommit) =ifrån "
        "!!(=berätta|=berättade|=berättar|=visa|=visade|=lära|=lärde|{tack}|{mat}|{evenemang}|"
        "{tillgivenhet}) " + _GUARDS,
    ),
    (
        "racism",
        "kan de fira i Kabul",
        f"(=kan|=får) (=de|=dom|=ni) (=fira|=göra|=hålla|=be|=bära|=leva) ..2 =i {_PLACES} "
        "!!(=semester|=resa|=resan|=släkten|=familjen) " + _GUARDS,
    ),
    (
        "racism",
        "bli kriminella som sina pappor",
        "(=bli|=blir) (=kriminella|=brottslingar|=gängkriminella|=tjuvar|=knarklangare) =som ..1 (=sina|"
        "=deras|"
        "=pappor|=papporna|=föräldrarna|=bröderna) !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "judarna tjänar på krig",
        "(=judarna|=judar|=juden|sionist*) ..3 (=tjänar|=profiterar|=bestämmer|=ligger|=äger|=styr) ..2 "
        "(=på|=bakom|=vilka|=över|=tidningarna|=media) !{negation} "
        "!!(församling*|synagog*|=föreningen|=förskolan|{tack}|{evenemang}) " + _GUARDS,
    ),
    (
        "racism",
        "vi vet vilka som äger tidningarna",
        "=vet ..2 =vilka =som (=äger|=styr|=kontrollerar|=bestämmer) ..2 (=tidningarna|=media|=medierna|"
        "=bankerna|=pengarna|=världen|=hollywood) &{folkgrupp} " + _GUARDS,
    ),
    (
        "racism",
        "Soros och stamfränderna",
        "=soros ..4 (=stamfränder|=betalar|=bakom|=finansierar|=styr|=pengar|=pengarna) " + _GUARDS,
    ),
    (
        "racism",
        "en grupp spelar offer",
        "(=spela|=spelar|=spelat) ..1 (=offer|=offret|=martyrer) &{folkgrupp} !{negation} " + _GUARDS,
    ),
    (
        "racism",
        "judarna bombar barn",
        "(=bomba|=bombar|=bombat|=mördar|=mörda|=dödar) ..2 (=barn|=barnen|=civila|palestinier*) "
        "&(=judarna|=judar|=juden) !!(israel*|=idf|netanyahu*|=armén|=regeringen|=staten) " + _GUARDS,
    ),
    # sending a group or a person home for their origin
    (
        "racism",
        "ge dem en enkel biljett",
        "(=ge|=köp|=köpa|=boka|=skicka|=betala|=erbjud|=erbjuda) ..2 (=dom|=dem|=alla|=hela|=resten|=allihop|"
        "=dessa|=såna|=sådana) ..3 (=enkel|=enkla) (=biljett|=biljetter|=resa|=resor) "
        "!!(konsert*|pensionär*|=barnen|elev*|=skolan|=gratis|{evenemang}|kulturkort*|busskort*) " + _GUARDS,
    ),
    (
        "racism",
        "ge dem en enkelbiljett",
        "(=ge|=köp|=köpa|=boka|=skicka|=betala|=erbjud|=erbjuda) ..2 (=dom|=dem|=alla|=hela|=resten|=allihop|"
        "=dessa|=såna|=sådana) ..3 (enkelbiljett*|enkelres*) "
        "!!(konsert*|pensionär*|=barnen|elev*|=skolan|=gratis|{evenemang}|kulturkort*|busskort*) " + _GUARDS,
    ),
    (
        "racism",
        "skicka hem hela bunten",
        "{utvisa_verb} ..2 (=hem|=tillbaka|=ut|=härifrån|=iväg|=vidare) ..2 (=hela|=varenda|=varendaste|"
        "=allihop|=allihopa|=alltihop) ..1 (=bunten|=klabbet|=rasket|=surven|=packet|=patrasket|=högen|"
        "=anhanget|=en) "
        "!{saker} !!(=skolan|=klassen|=eleverna|=barnen|=personalen|=gästerna|=sjuka|=varorna|=paketen|"
        "=kläderna|=beställningen) " + _GUARDS,
    ),
    (
        "racism",
        "resten kan åka hem",
        "=resten ..3 ({utvisa_verb}|=åka|=skickas|=hem|=bo) ..1 (=hem|=vidare|=tillbaka|=ut|=härifrån|=i) "
        "&({folkgrupp}|{invandring}) " + _GUARDS,
    ),
    (
        "racism",
        "din sort",
        "(=din|=er|=eran|=ditt|=ert) (=sort|=sorts|=sortens|=folk|=ras|=stam|=klan) "
        "!{negation} !!{mat} !!{egna} !!{tack} !!{tillgivenhet} !!{vänskap} " + _GUARDS,
    ),
    (
        "racism",
        "du borde vara tacksam att du får bo här",
        "(=tacksam|=tacksamma) ..5 (=bo|=komma|=leva|=stanna|=vara) ..1 (=här|=hit|=i) "
        "&(=du|=ni|=dom|=de) !(=jag|=vi|=mig|=oss) " + _GUARDS,
    ),
    (
        "racism",
        "ingen har bett dig komma hit",
        "(=ingen|=inte) ..2 (=bett|=bad|=bjöd|=bjudit) ..2 (=dig|=er|=dom|=dem) ..2 (=komma|=hit) " + _GUARDS,
    ),
    (
        "racism",
        "åk hem om du inte gillar det",
        "(=åk|=flytta|=dra|=stick) ..1 (=hem|=härifrån|=tillbaka) ..2 =om (=du|=ni) ..3 (=inte|=gillar|"
        "=trivs|"
        "=klagar|=passar) &(=tacksam|=tacksamma|{folkgrupp}|=folk|=här|=sverige|=landet) " + _GUARDS,
    ),
    (
        "racism",
        "tillbaka till sandlådorna",
        "({utvisa_verb}|=tillbaka|=hem) ..4 =till ..2 (sandlåd*|=öknen|=djungeln|=träden|=grottan|=grottorna|"
        "lerhydd*|=tälten|=kamelerna) !!(=barnen|=ungarna|=förskolan|lekplats*|=leka|=semester|=resan) "
        + _GUARDS,
    ),
    (
        "racism",
        "våra nya vänner från öknen",
        "(=vänner|=gäster|=gästerna|=kamrater|=grannar|=grannarna|=kulturberikare) =från (=öknen|=djungeln|"
        "=sandlådan|=sandlådorna|=trädet|=träden|=grottan|=grottorna) "
        "!!(=resa|=resan|semester*|turné*|=safari|=expedition) " + _GUARDS,
    ),
    (
        "racism",
        "så att våra gäster inte blir kränkta",
        "(=gäster|=gästerna|=vänner) ..4 (=kränka|=kränks|=kränkta|=ledsna|=stötas|=störas|=upprörda|"
        "=provocerade) &(=snart|julgran*|=jul|=julen|=påsk|=påsken|kyrk*|halvmån*|svensk*) " + _GUARDS,
    ),
    (
        "racism",
        "folk som ser ut som folk",
        "(=folk|=människor|=personal|=anställda|=dom|=de|ukrainar*) ..2 =ser ..1 =ut =som (=folk|=människor|"
        "=svenskar|=oss) !!{natur} " + _GUARDS,
    ),
    (
        "racism",
        "åtminstone vita och kristna",
        "(=vita|=ljusa|=ljushyade) =och (=kristna|=blonda|=blåögda) " + _GUARDS,
    ),
    (
        "racism",
        "folk som aldrig borde ha släppts in",
        f"{_PEOPLE} ..3 (=aldrig|=inte) ~1 (=borde|=skulle|=ska) ..2 (=släppts|=släppas|=fått|=kommit) ..1 "
        "(=in|=hit|=komma) " + _GUARDS,
    ),
    (
        "racism",
        "folk som inte hör hemma här",
        "(=folk|=människor|=såna|=sådana|=dom|=de|=dem) =som =inte (=hör|=hörde) =hemma (=här|=i) !!{natur} "
        + _GUARDS,
    ),
    (
        "racism",
        "de blir aldrig svenskar",
        "(=de|=dom|=dem) ..2 (=aldrig|=alltid) ..1 (=bli|=vara|=förbli) ..2 (=svenskar|=främlingar|"
        "=svenska|=del|"
        "=riktiga|=integrerade) "
        "!!(=känner|=känna|=upplever|=uppleva|=rädda|=tror|=oroar|=mobbade|=utanför) " + _GUARDS,
    ),
    (
        "racism",
        "en kultur som är tusen år efter",
        "(=kultur|=kulturer|=kulturen|=folk|=folket|{folkgrupp}) ..4 (=år|=århundraden|=sekel|"
        "=sekler) =efter "
        "(=oss|=sverige|=väst|=västvärlden|=resten|=europa) " + _GUARDS,
    ),
    (
        "racism",
        "inte gå i klass med en grupp",
        "=inte ..8 (=gå|=sitta|=bo|=leka|=jobba|=dela) ..4 =med ..3 {folkgrupp} !? " + _GUARDS,
    ),
    (
        "racism",
        "blanda raser",
        "(=blandar|=blanda|=blandas|blandning*) ..2 (=raser|=raserna|=rasen) !!{natur} "
        "!!(hund*|katt*|=hästar|=hästraser|=kor|=höns) " + _GUARDS,
    ),
    (
        "racism",
        "de där förstår inget annat språk",
        "(=de|=dom) =där ..1 (=förstår|=fattar|=respekterar) (=inget|=inte|=bara) ..1 (=annat|=annan) "
        "(=språk|=än) " + _QUOTED_GUARDS,
    ),
    (
        "racism",
        "hela klanen kommer efter",
        "=hela =klanen ..3 (=kommer|=följer|=kom|=flyttar|=ut|=efter|=hit|=åker) "
        "!!(kalas*|*kalas|*kalaset|{tack}|{evenemang}|{tillgivenhet}|födelsedag*|=jul|=julafton|bröllop*|"
        "midsommar*) " + _GUARDS,
    ),
    (
        "racism",
        "ensamkommande med skägg",
        "ensamkommand* ~8 (skägg*|helskägg*) " + _GUARDS,
    ),
    (
        "racism",
        "klev av båten och fick allt gratis",
        "(=klivit|=klev|=kliver|=stigit|=steg|=kommer|=kommit|=kom) (=av|=i|=med) ..1 (=båten|gummibåt*|"
        "=planet) "
        "&(=gratis|bidrag*|{folkgrupp}|=allt) "
        "!!(semester*|=färjan|=resa|=resan|skärgård*|=turister|kryssning*) " + _GUARDS,
    ),
    (
        "racism",
        "de vill bara ha pengarna",
        "(=de|=dom) =vill =bara ..2 (=pengarna|=bidragen|=bidrag|=gratis|=skattepengar|=skattepengarna) "
        "&(sfi|{folkgrupp}|{invandring}|=svenska|integr*) " + _GUARDS,
    ),
    (
        "racism",
        "de kan ju inte läsa ändå",
        "(=de|=dom) ..1 =kan ..1 =inte ..1 (=läsa|=skriva|=räkna|=tänka) ..1 =ändå &{folkgrupp} " + _GUARDS,
    ),
    (
        "racism",
        "synd att det inte brann, om en grupp",
        "=synd ..2 =att ..3 (=inte|=ingen|=inga|=bara) ..4 (=fullt|=brann|=brinner|=dog|=omkom|=överlevde) "
        "&(flyktingbo*|asylbo*|{folkgrupp}|=moskén|=moskéer) " + _GUARDS,
    ),
    (
        "racism",
        "innan ni slutar ta hit dem",
        "(=sluta|=slutar|=stoppa|=stoppar) ..2 (=ta|=tar|=släppa|=släpper|=importera|"
        "=importerar) ..1 (=hit|=in) "
        "&({folkgrupp}|{invandring}) " + _GUARDS,
    ),
    (
        "racism",
        "är inget flyktingläger",
        "(=är|=e) (=inte|=ingen|=inget) ..2 (soptipp*|slasktratt*|dumpningsplats*|=soptunna|flyktingläger*|"
        "uppsamlingsplats*|=sophög) &(=tredje|{folkgrupp}|{invandring}|=fler) " + _GUARDS,
    ),
    (
        "racism",
        "sharia på Stortorget",
        "(=sharia|sharia*|=kalifat|=kalifatet|underkast*|islamiser*|böneutrop*) "
        "&(=snart|=imorgon|=innan|=blir|=införs|=kvar|=inga|=istället|=helsingborg|=stortorget|=stan|=staden|"
        "*skolan|=sverige|=ikea) !? "
        "!!(=is|=daesh|=syrien|=irak|=kriget|religionskunskap*|=kurs|=kursen|houellebecq*|=fråga|=frågan) "
        + _GUARDS,
    ),
    (
        "racism",
        "lilla Mogadishu",
        f"(=lilla|=litet|=liten|=som|=eller|=nya|=andra|=mini|=expressen|=ut) ~4 {_PLACES} "
        "!(=resa|=resan|=reste|=resor) !!(=flydde|=flyttade|=kommer|=kom|=föddes|=född|=bodde|=från|"
        "släkt*|=kriget|"
        "bistånd*|insamling*|=hjälp|=hjälpa|=ambassaden|=nyheterna) " + _GUARDS,
    ),
    (
        "racism",
        "inte Sverige längre",
        "=inte ..2 (=sverige|=svenskt|=svensk) ..1 =längre "
        "!!(=bor|=flyttat|=flyttade|=flyttar|=medborgare|=medborgarskap|=pass|=passet|=jobbar) " + _GUARDS,
    ),
    (
        "racism",
        "inte mitt land längre",
        "=inte ..1 (=mitt|=vårt|=våran|=vårat|=ert) =land ..1 =längre !!(=bor|=flyttat|=flyttade|=flyttar) "
        + _GUARDS,
    ),
    (
        "racism",
        "när det var svenskt",
        "(=när|=fortfarande|=medan|=länge) ..3 (=var|=är|=e|=va) =svenskt "
        "!!(=ägt|=ägd|bolag*|företag*|fotboll*|=laget|=vinnare|=mästare|=design|=tillverkat|{mat}|"
        "=volvo|=saab) " + _GUARDS,
    ),
    (
        "racism",
        "svensk i sitt eget land",
        "(svensk*|=medborgare) ..3 =i (=sitt|=vårt|=mitt|=vår|=min) (=eget|=egen) (=land|=stad|=landet|"
        "=staden) "
        "!{negation} " + _GUARDS,
    ),
    (
        "racism",
        "snart fler än svenskar",
        "=snart ..3 =fler ..3 =än ..1 (=svenskar|=svenskarna|=infödda) !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "enda svensken ombord",
        "=enda ..1 (=svensken|=svenskt|=svenska|=svensk) ..2 (=ombord|=bussen|=ord|=klassen|=området|=gatan|"
        "=stan|=torget|=kvar) !!(=medalj|=guld|=os|final*|=laget|{spel}) " + _GUARDS,
    ),
    (
        "racism",
        "mångkultur lika med brott",
        "(mångkultur*|mångfald*) ~6 (fickstöld*|tafs*|=våldtäkter|=stölder|=bränder|=skjutningar|=gäng|=kaos|"
        "ockupation*) !{negation} !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "köra dem till gränsen",
        "{utvisa_verb} ..2 (=dom|=dem|=de|=alla|=hela|=allihop) ..2 =till (=gränsen|=gränserna) &{folkgrupp} "
        + _GUARDS,
    ),
    (
        "racism",
        "vissa folk passar aldrig in",
        "(=vissa|=sånna|=såna|=sådana) (=folk|folkslag*|=kulturer) ..3 (=aldrig|=inte) ..2 (=passa|=passar|"
        "=anpassa|=fungera|=fungerar|=klara|=klarar) !? " + _GUARDS,
    ),
    (
        "racism",
        "en grupp vill inte jobba",
        "{folkgrupp} ..3 =inte ~1 =vill ..1 (=jobba|=arbeta|=anpassa|=lära|=integreras|=integrera|"
        "=bidra|=betala) "
        "!? !!{statistik} " + _GUARDS,
    ),
    (
        "racism",
        "inte samma värderingar som vi",
        "=inte ..2 =samma (=värderingar|=värdegrund|=moral) ..5 =som (=vi|=oss|=svenskar) &(slöj*|"
        "{folkgrupp}) " + _GUARDS,
    ),
    (
        "racism",
        "ni vet vad jag menar, om svenskar",
        "(=vet|=fattar|=förstår) ..1 (=vad|=vilka) (=jag|=vi) (=menar|=pratar|=syftar) "
        "&(=svenskar|=svenskarna|{folkgrupp}|=utbytta|=utbytt|=sort|=sorts) " + _GUARDS,
    ),
    (
        "racism",
        "boskapsvagn, om människor",
        "(boskapsvagn*|boskapsbil*|kreatursvagn*|boskapstransport*) &(=dom|=dem|=de|{folkgrupp}|=hem) "
        "!!{natur} !!(=kor|=korna|=grisar|=grisarna|=kalvar|=kalvarna|=djuren|=djur|=bonden) " + _GUARDS,
    ),
    (
        "racism",
        "en annan syn på äganderätt",
        "=annan =syn =på (=äganderätt|=äganderätten|=ärlighet) "
        "!!(=kommunen|=nämnden|markägar*|=mark|=marken|tomt*|detaljplan*|fastighet*) " + _GUARDS,
    ),
    # racist "jokes" about a people
    (
        "racism",
        "vad kallar man en somalier, skämt",
        "=vad (=kallar|=heter|=gör|=får|=säger) (=man|=du|=ni) ..1 (=en|=ett|=tre|=två) ..1 {folkgrupp} "
        "!!(=ordet|=stavas|=benämning|=korrekt|=rätt|=språket|=språk) " + _GUARDS,
    ),
    (
        "racism",
        "vad är skillnaden mellan en polack och, skämt",
        "=skillnaden =mellan (=en|=ett) {folkgrupp} " + _GUARDS,
    ),
    (
        "racism",
        "vet ni varför en grupp inte, skämt",
        "=vet (=ni|=du|=du) =varför {folkgrupp} ..4 (=inte|=aldrig|=alltid) &(=för|=därför) "
        "!!(=firar|=fira|=högtid|=högtiden|{evenemang}|{tack}) " + _GUARDS,
    ),
    # racism that denies itself
    (
        "racism",
        "jag är inte rasist men, vidare",
        "(=jag|=ja) (=är|=e) (=inte|=ingen) ..1 (=rasist|=rasister) ..3 =men "
        "&(=svenska|=svenskar|=dom|=dem|{folkgrupp}|{invandring}|=skattepengar) "
        "!!(=skriva|=skriver|=säga|=säger|=börjar|=börja) !!{återgivning} !!{om_ord} !!{fiktion}",
    ),
    (
        "racism",
        "jag har inget emot invandrare, men",
        "(=inget|=inga|=ingenting) ..1 (=emot|=problem) ..2 {folkgrupp} "
        "&(=men|=bara|=finns|=många|=sort|=för) "
        "!!(=kommunen|=nämnden|=bygger|=bygga|=byggs|parkering*|trafik*|=dialog|=dialogen|utredning*|"
        "detaljplan*|"
        "{beslutsord}) !!{återgivning} !!{om_ord} !!{fiktion} !!{historia}",
    ),
    (
        "racism",
        "det är inte en grupp jag har problem med, det är bara att",
        "=inte {folkgrupp} (=jag|=vi) (=har|=hade) ..1 (=problem|=emot) ..6 =bara &(=inte|=aldrig) "
        "!!{återgivning} !!{om_ord} !!{fiktion}",
    ),
    (
        "racism",
        "det får man inte säga, om en grupp",
        "(=får|=fick|=måste) =man ..1 (=inte|=få) ..1 (=säga|=skriva|=påpeka) &{folkgrupp} "
        "!!{återgivning} !!{om_ord} !!{fiktion} !!{historia}",
    ),
]

# a burial by a tradition or at a burial ground
_BURIAL = "!!(begravningsplats*|=tradition|=traditionen|kyrkogård*|=gravplats|=gravplatsen|=ceremonin)"
PATTERNS_GUARD = [
    # litter picked up by a group's association; a group's institution threatened, in solidarity;
    # black as a thing's colour
    *(
        ("racism", name, guard)
        for name in (
            "grupp som ohyra, smuts eller djur",
            "grupp som ohyra, vidare",
            "grupp som ohyra eller fara",
        )
        for guard in ("!(=plocka|=plockar|=plockade|=plockat|=samlar|=samlade|=samlat)", "!{svart_sak}")
    ),
    *(
        ("racism", name, guard)
        for name in (
            "grupp som brottslingar eller som förstör",
            "grupp som förstör, vidare",
            "en grupp lika med brott",
            "grupp som orsaken",
        )
        for guard in (
            "!(=fått|=fick|=utsatts|=utsattes|=drabbats|=drabbades|=mottagit)",
            "!{svart_sak}",
        )
    ),
    # a slur named to rebut it; one's own background
    (
        "racism",
        "rasistiskt skällsord",
        "!(=pratar|=pratade|=snackar|=snackade|=talar|=talade|=använder|=använde)",
    ),
    ("racism", "rasistiskt skällsord", "!{släkt}"),
    # one's own family who comes home; a group's food
    ("racism", "grupp som ska bort", "!{familj}"),
    ("racism", "grupp som ska bort", "!!{mat}"),
    ("racism", "grupp som borde ut, vidare", "!{familj}"),
    ("racism", "grupp som borde ut, vidare", "!!{mat}"),
    # a burial by a tradition
    *(
        (label, name, _BURIAL)
        for label, name in (
            ("racism", "våld mot en grupp"),
            ("threat", "avsikt och våld i passiv form"),
            ("threat", "avsikt och våld i passiv form, nära"),
        )
    ),
    # a question one was asked; a dish that beats another
    ("threat", "önskan om någons död, vidare", "!!(=frågan|=frågor|=frågorna)"),
    ("threat", "våld mot någon", "!!{mat}"),
    # someone ill who needs care; politicians called naive for a policy
    ("personal_attack", "han eller hon och ett skällsord", "!!(=vård|=vården|=behandling)"),
    ("personal_attack", "han är psykotisk, om en person på jobbet", "!!(=vård|=vården|=behandling)"),
    ("personal_attack", "förtroendevald eller tjänsteperson och ett skällsord", "!(=naiva)"),
    ("personal_attack", "person på jobbet och ett skällsord", "!(=naiva)"),
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


def unseed(apps, schema_editor):
    # The patterns added here go; words added to groups, new groups and guards stay (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    for label, name, _pattern in PATTERNS:
        TriagePattern.objects.filter(label=label, name=name).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0024_triage_round12")]

    operations = [migrations.RunPython(seed, unseed)]

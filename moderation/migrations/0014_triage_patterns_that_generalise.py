"""Broader starting word groups and patterns, so that racism, threats and personal attacks are read
by how they are built rather than by the wordings the first patterns were tuned on.

What they read (see moderation/corpus/README.md for how they were measured):

* racism: a group of people and, in the same sentence, an expulsion, a dehumanising word, a
  generalised crime or ruin, or a rule that the group may not live among others; an expulsion said
  of "them" when a group is named elsewhere in the comment ("… Skicka ut dem!"); slurs on their own.
* threats: intent, a wish or a modal with a violent act (active or passive) or a wished death, a
  threat of fire to a place, a weapon brought along, a visit to someone's home, "you will regret
  it"; figurative uses ("skjuta upp", "skrattade ihjäl mig", "mordgåta", "budgeten sprängdes") are
  kept out by guards on what the act is done to.
* personal attacks: the person addressed, an office holder or "the one who …" with an insult or an
  insulting adjective; a person's mind or reading belittled; curses aimed at someone.

Words are added to the groups of 0011 (nothing AKN wrote there is removed), and patterns are added
by name (one AKN already has under that name is left alone). The words are written for this
project; see moderation/corpus/SOURCES.md.
"""

from django.db import migrations

# Words added to word groups (the group is created when it does not exist).
GROUPS_ADD = {
    "folkgrupp": (
        "Groups of people by origin, religion or skin colour (as nouns and adjectives).",
        "migrant*, ensamkommand*, tiggar*, =zigenare, turk*, pakistan*, alban*, jugg*, bosni*, "
        "indier*, romsk*, islamist*, =muslimer, =muslimerna, =araber, =araberna, =negrer, =svartingar, "
        "svarting*, =blattar, =blattarna, främling*, utomeuropé*, asylant*, svenne*, =judarna, "
        "marock*, =libaneser, etiopi*, nigerian*, =ryssar, sandneger*, utrikesfödd*, nysvensk*, "
        "=zigenare, =islam, moské*, synagog*, =koranen, utlandsfödd*, burka*, slöjbeklädd*, svarthyad*, =färgade, utomeuropeisk*, "
        "sionist*, ukrainar*, balkan*, jugoslav*, =serber, =kurder, persier*, =kineser, thai*, "
        "filippin*, vietnames*, latino*, sydamerikan*, mexikan*, ghanan*, kongoles*, sudanes*, "
        "algerier*, tunisier*, libyer*, egyptier*, palestinier*, jemenit*, tjetjen*, kosovo*, "
        "bulgar*, litauer*, =samer, =samerna, finnjävl*, =resandefolket, =mena, =invandrade",
    ),
    "folkpronomen": (
        "Pronouns and words that point back at a group named elsewhere in the comment.",
        "=dem, =dom, =de, =alla, =allihop, =allihopa, =hela, =packet, =patrasket, =sådana, =såna, "
        "=sånt, =jävlarna, =sådant",
    ),
    "rasord": (
        "Slurs that are racism whatever is said around them.",
        "=blatte, =blattar, =blattarna, =blattejävlar, blattejävl*, svartskall*, =neger, =negrer, "
        "=negrerna, =negern, sandneger*, =svarting, =svartingar, =svartingarna, zigenarjävl*, "
        "kameljock*, =tattare, =tattarna, =zigge, =ziggar, apmänniskor*, halvap*, =mussar, "
        "=muzzar, muzzie*, =juddar, judesvin*, =svennejävlar, =svennejävel",
    ),
    "avhumanisering": (
        "Words that make people vermin, dirt, disease or animals.",
        "rått*, =ohyra, ohyran, parasit*, =pack, =packet, patrask*, slödder*, avskum*, =apor, "
        "=aporna, =apa, =djur, =djuren, =boskap, =kreatur, cancer*, svulst*, =pest, =pesten, "
        "=plåga, =smitta, =smittan, =virus, =viruset, kackerlack*, =löss, =lössen, skadedjur*, "
        "gräshopp*, =svärm, =svärmar, horder*, =horden, =invasion, =invasionen, invader*, =skräp, "
        "=skräpet, =sopor, =soporna, avfall*, =smuts, =smutsen, =lort, =dynga, =avskräde, "
        "=djungel, soptunn*, dumpningsplats*, slasktratt*, =kloak, =kloaken, =kloaker, slumområd*, =sophög, =sophögen, soptipp*, =råttbo, =djurpark, "
        "=zoo, =krigszon, =sjukdom, =sjukdomen, =tumör, =tumören, =tumörer, "
        "barbar*, =vildar, =vildarna, =vildar, primitiv*, ociviliser*, underlägs*, undermänn*, "
        "=inavlade, =mindervärdiga, =lägre, =sämre, =smutsiga, =skitiga, =äckliga, =lata, "
        "=efterblivna, =dumma, =korkade, =bakåtsträvande, =stinker, =stinkande, =luktar",
    ),
    "grupp_skada": (
        "A group generalised as criminal or as ruining a place.",
        "förstör*, förpest*, =sabbar, =sabbat, =sabbade, kriminell*, brottsling*, =tjuvar, "
        "=tjuvarna, tjuvpack*, våldtäkt*, våldtar*, terrorist*, snylt*, =bidragstagare, "
        "bidragsberoend*, bidragsfusk*, =invaderar, =invaderat, "
        "=översvämmar, =översvämmat, =förvandlat, =förvandlar, =stjäl, =snor, =rånar, =otrygg, "
        "=otryggt, =otrygga, =våldsamma, =våldsbenägna, =farliga, =gängkriminella, =knarklangare, "
        "=problemet, =problem, =hot, =hotet, =fara, =faran, =förfall, =förfallet, =ruinerar, "
        "=ruinerat, =skräpar, =stökar, =snattar, =klottrar, =langar, =slåss, =skjuter, =knivhugger, "
        "=misshandlar, =farligare, =otryggare, =fattigare, =smutsigare, =fulare, =sämre, =gettot, =getto, =slum, =slummen, =förökar, =mindre, =dummare, =ointelligenta, =lägre",
    ),
    "utvisning": (
        "Expulsion and keeping people out.",
        "enkelbiljett*, förpassa*, forsla*, =returnera, =returneras, =hemresa, =lämna, "
        "utvis*, deporter*, landsförvis*, =försvinna, =försvinn, =försvinner, =kastas, =kastas, "
        "=skickas, =slängas, =köras, =drivas, =jagas, =förvisas, =deporteras, =utvisas, "
        "=återvända, =återsändas, =skeppas, =skeppa, =flygas, =hemskickas, =stoppas, =stoppa, "
        "=rensa, =rensas, =städa, =städas, =mur, =muren, "
        "=gränsen, =gränserna",
    ),
    "bort": (
        "Away, home, back: where an expelled group is sent.",
        "=ut, =hem, =tillbaka, =bort, =härifrån, =iväg, =därifrån, =ur, =båt, =båten, =planet, =flyget",
    ),
    "utvisa_verb": (
        "Verbs that send someone away.",
        "kasta*, skick*, släng*, =driva, =drivas, =drivs, jaga*, sparka*, =köra, =kör, =köras, "
        "vräk*, =åka, =åker, =flytta, =sätta, =sätt, =sättas, =sätts, =skeppa, =skeppas, =slänga, =flyga, =föra, "
        "=förs, =föras, =packa, =packas, =dra, =drar, =sticka, =sticker, =stick, =åk",
    ),
    "saker": (
        "Things one sends or throws out, which an expulsion pattern must not read as people.",
        "inbjud*, =information, =informationen, =info, =brev, =breven, =brevet, enkät*, kallelse*, "
        "erbjudande*, =material, =materialet, broschyr*, =papper, =lappar, =utskick, påminnels*, "
        "=inbjudan, =nyhetsbrev, =mejl, =mail, =sms, =schema, =schemat, blankett*, =skräpet, "
        "=möbler, =möblerna, cykl*, =sopor, =soporna",
    ),
    "mot_rasism": (
        "Words of someone who speaks against racism: what follows reports it or fights it.",
        "rasism*, rasist*, diskriminer*, =hat, =hatet, hatbrott*, fördom*, trakasser*, =kränkningar, "
        "=utsatta, =utsätts, =anmäla, =anmäler, =polisanmäla",
    ),
    "egna": (
        "One's own people, pets and titles: an insult about them is no attack on anyone here.",
        "=jag, =mig, =själv, =bror, =brorsan, =syster, =systern, =syrran, =pappa, =mamma, =farsan, "
        "=morsan, =sonen, =dottern, =sambo, =sambon, katt*, hund*, valp*, =film, =filmen, =heter, "
        "=boken, =serien, =pjäsen, =rollen, =kompis, =kompisen, =vän, =vännen",
    ),
    # --- threats ----------------------------------------------------------------------------------
    "avsikt": (
        "Intent, wish or modal before a violent act.",
        "=kommer, =ska, =skall, =tänker, =lovar, =hoppas, =önskar, =vore, =förtjänar, =dags, "
        "=borde, =bör, =måste, =skulle, =vill, =ville, =gärna",
    ),
    "våld_passiv": (
        "Violence done to someone, in the passive or as a participle.",
        "=skjutna, =hängda, =avrättade, =dödade, =mördade, =slaktas, =slaktad, =slaktade, "
        "=strypas, =dränkas, =dränkt, =gasas, =gasade, =pryglas, =piskas, =spöas, =spöad, "
        "=knivskuren, =nedskjuten, =nerskjuten, =ihjälskjuten, =ihjälsparkad, =ihjälslagna, "
        "=kastreras, =kastrerad, =styckas, =styckad, =bränd, =brända, =sönderslagen, "
        "=sönderslagna, =sönderslaget, =massakreras, =massakrerade, =utrotas, =utrotade, =skäras, =huggas, "
        "=knivskäras, =krossas, =förgiftas, =förgiftad, =arkebuseras, =korsfästas, =flås, =spetsas, "
        "=kölhalas, =tjäras, =fjädras, =plågas, =pinas, =bankas, =mosas, =begravas, =avlivas, "
        "=avlivad, =likvideras, =knuffas, =puttas, =hackas, =lynchas, =lynchade, =stenade, "
        "=gasad, =pryglad, =piskad, =spöade, =styckade, =massakrerad, =utrotad, =avlivade, "
        "=klubbas, =klubbad, =korsfäst, =spetsad, =arkebuserad, =förgiftade, =plågad, =bankad, "
        "=mörbultas, =mörbultad, =pucklas, =knockas, =knockad, =dränkas, =lemlästas, =stympas, "
        "=stympad, =skalperas, =likviderad, =knivhuggen, =knivhuggna, =halshuggen, =halshuggna, "
        "=sprängd, =sprängda, =mördade, =våldtagna, =strypt, =strypta, =ihjälslagen, "
        "=ihjältrampad, =ihjälsparkade, =nedskjutna, =nerskjutna, =nedslagen, =nerslagen, =nedslagna, =överkörd, =överkörda, =påkörd, =nedknivad, "
        "=nerknivad, =ihjälkörd, =skadskjuten, =nedsparkad, =nersparkad, =lynchad, =lynchade, =stenad, =torterad, =torterade, =våldtagen",
    ),
    "våld_aktiv": (
        "Violent acts that are a threat whenever someone intends or wishes them.",
        "=slakta, =slaktar, =strypa, =dränka, =dränker, =tortera, =torterar, =stena, =halshugga, "
        "=massakrera, =massakrerar, =utrota, =utrotar, =lemlästa, =stympa, =kastrera, "
        "=knivskära, =hämnas, =hämnd, =hämnden, =skjutit, "
        "=misshandlat, =dödat, =mördat",
    ),
    "våld_mot": (
        "Violent acts against a person named right after them.",
        "=sparka, =sparkar, =slåss, =hugga, =hugger, =banka, =bankar, =klå, =klår, =puckla, "
        "=pucklar, =skära, =skär, =krossa, =krossar, =bryta, =bryter, =knäcka, =knäcker, "
        "=spräng, =spränga, =bränn, =häng, =döda, =skjut, =slå, =gasa",
    ),
    "förnamn": (
        "Common Swedish first names (a threat or an insult aimed at a named person); names that are also "
        "everyday words (Per, Bo, Jan, Hans, Klara) are left out.",
        "=anna, =eva, =maria, =karin, =sara, =lena, =kerstin, =emma, =ingrid, =marie, =malin, =jenny, "
        "=hanna, =linda, =sofia, =annika, =susanne, =elin, =monica, =birgitta, =ida, =julia, =johanna, "
        "=kristina, =camilla, =helena, =lisa, =ebba, =wilma, =alice, =maja, =elsa, =agnes, =linnea, "
        "=frida, =amanda, =josefin, =caroline, =therese, =emelie, =matilda, =louise, =jessica, =åsa, "
        "=ulla, =margareta, =gunilla, =inger, =agneta, =cecilia, =petra, =katarina, =fatima, =amina, "
        "=lars, =mikael, =anders, =johan, =erik, =peter, =karl, =thomas, =daniel, =fredrik, "
        "=andreas, =stefan, =mohammed, =mohamed, =magnus, =mats, =bengt, =alexander, =jonas, =mattias, "
        "=oscar, =nils, =david, =lennart, =christer, =ulf, =henrik, =göran, =martin, =robert, "
        "=marcus, =niklas, =patrik, =joakim, =jörgen, =sven, =gustav, =emil, =viktor, =simon, =anton, "
        "=william, =oliver, =hugo, =elias, =filip, =olle, =kalle, =ahmed, =ali, =omar, =hassan",
    ),
    "mål": (
        "Who or what a threat is aimed at, besides the victims of {mål}.",
        "{offer}, {förnamn}, =varenda, =alla, =allihop, =allihopa, =jävlarna, =jäveln, =jävlar, =hela, =familj, "
        "=familjen, =ungarna, =barn, =barnen, =fru, =frun, =man, =mannen, =politikerna, "
        "=handläggaren, =honom, =henne, =din, =dina, =ditt, =era, =hans, =hennes, =deras",
    ),
    "dödsönskan": (
        "A wished death, illness or disaster.",
        "=dör, =dö, =dog, =ruttnar, =ruttna, =brinner, =brinna, =cancer, =olycka, =krockar, "
        "=omkommer, =omkomma, =drunknar, =drunkna, =plågas, =kvävs, =kvävas, =kvävas, "
        "=lider, =lida, =död, =döda, =sjuk, =förlamad, =rullstol, =invalid, =sprängs, =exploderar, "
        "=skadas, =skadad, =skadade, =ihjäl, =livet",
    ),
    "figurativ": (
        "What violent words are done to when they are figurative: oneself, time, records, budgets.",
        "=mig, =oss, =själv, =tiden, =tid, rekord*, budget*, =upp, =fram, =straffar, =straff, "
        "=straffen, =bollen, =mål, =målet, =pris, =priset, =priserna, =ljus, =ljuset, "
        "julgran*, brasa*, =grillen, =grill, fyrverk*, kalori*, mordgåt*, deckar*, =skratt, "
        "=skrattade, =skrattar, =längtan, =tristess, =värmen, =kylan, =trötthet, =spiken, "
        "=mobil, =mobilen, =telefon, =telefonen, =batteri, =batteriet, =datorn, =bilen, "
        "butik*, småbutik*, affär*, företag*, =handeln, =stämningen, =lusten, =glädjen, =centrum, =ogräs, "
        "=ogräset, =mördarsniglar, =sniglar, =getingar, =myror, =råttorna, =möss, =mössen, "
        "=elden, =brandövning, brandlarm*, räddningstjänst*, brandkår*, =eldningsförbud, "
        "=skjuts, =skjutsa, =skjutsen, =bomb, =bomben, =succé, =fest, =festen, =festivalen, =frysa, "
        "=fryser, =frös, =svälta, =svälter, =svalt, =skratta, =tråka, =tråkas, =jobba, =jobbar, "
        "=arbeta, =arbetar, =slita, =sliter",
    ),
    "brand": (
        "Fire and explosives.",
        "=lågor, =lågorna, =aska, =askan, tändstick*, =tändare, =dunk, lättantänd*, brandfarl*, "
        "=brand, =eldar, =elda, =eldade, =fyr, =bensin, =tändvätska, =molotov, handgranat*, =granat, =granater, sprängladdning*, "
        "=dynamit, =sprängas, =sprängs, =brinna, =brinner, =brinna, =brandbomb, =brandbomber",
    ),
    "byggnad": (
        "Buildings and property a threat of fire or bombs is aimed at.",
        "skola*, skolan, förskola*, =rådhuset, =stadshuset, =kommunhuset, =lägenhet, =lägenheten, "
        "=villa, =villan, =dörr, =dörren, =fönster, =fönstret, =brevlåda, =brevlådan, =garage, "
        "=garaget, =kontor, =kontoret, =kontoren, =bibliotek, =biblioteket, =huset, =husen, "
        "=byggnaden, =lokalen, =lokalerna, =receptionen, =kåken, =kåk, =stället, =simhallen, "
        "=badhuset, =konsthallen, =rådhus, =stadshus, =skiten, =alltihop, =nämndhuset",
    ),
    "vapen": (
        "Weapons.",
        "=knivar, =kniven, =gevär, =geväret, =pistolen, =revolver, =revolvern, =hagelbössa, "
        "=hagelbössan, =bössa, =bössan, =automatvapen, =ak47, =kpist, =machete, =macheten, knytnäv*, "
        "=järnrör, =järnröret, =kofot, =kofoten, =boxhandske, =knogjärn, =slagträt",
    ),
    "hemma": (
        "Where someone lives or can be found.",
        "=bor, =adress, =adressen, =hem, =hemma, =hemmet, =huset, =dörr, =dörren, =utanför, "
        "=jobbar, =parkerar, =förskola, =skola, =barn, =barnen, =ungar, =ungarna, =fru, =familj, "
        "=familjen, =hittar, =hitta, =rör, =går",
    ),
    # --- personal attacks -------------------------------------------------------------------------
    "skällsord": (
        "Insults for a person.",
        "jubelidiot*, dumbom*, dumhuvud*, fjant*, =fjolla, =fjollor, knäppgök*, galning*, "
        "psykopat*, sociopat*, =as, =aset, =asen, =kossa, =kossan, =kossor, odugling*, latmask*, "
        "snyltare*, =mähä, lallare*, =sopa, =sopan, =sopor, soppåse*, =skitunge, =jävel, =jäveln, "
        "=dåre, =dåren, =dårar, dumjävl*, dumjävel*, =tjockis, =fetto, =fettot, =nöt, =pappskalle, "
        "tomhuvud*, förrädare*, landsförrädar*, bedragar*, =skurk, =skurkar, =skurkarna, "
        "gangster*, pedofil*, =psyko, =psykfall, inavlad*, =cp, retard*, mongoloid*, =tomte, "
        "=tomtar, =tomtarna, pellejöns*, =narr, =narrar, =amatör, =amatörer, =amatörerna, "
        "klåpar*, fuskar*, =slashas, =slusk, byrack*, =hyena, =hyenor, =orm, =ormar, igel*, "
        "=iglar, blodigl*, nazist*, fascist*, korkskall*, plattskall*, trähuvud*, idiotbyråkrat*, "
        "=dumfan, rövslickar*, =arsel, tjockskall*, =mupp, =muppar, =muppen, =muppig, =lögnare, "
        "=hycklare, =svikare, =svikarna, =horunge, =horungar, =horjävel, =skitstövlar, "
        "*idiot, *idioter, *idioterna, *jävel, *jävlar, *jävlarna, *fitta, *svin, *skalle, *kärring, "
        "*subba, *clown, *clowner, *pajas, *pajasar, *tönt, *töntar, *mupp, *pack, *patrask, =ynkrygg, "
        "=kruka, =lipsill, =gnällspik, =knöl, =tölp, =drummel, =soffpotatis, =fläsk, =fulis, "
        "missfoster*, =vidunder, =troll, =trollet, =gam, =gamar, =gamarna, =lus, =loppa, =åsna, "
        "=åsnor, fårskall*, =torsk, =våp, stolpskott*, knäppskall*, tokstoll*, dumstrut*, =glop, "
        "snorung*, slyngel*, bondläpp*, bonnläpp*, sjukling*, =bög, =bögjävel, =fikus, =transa, "
        "=flata, =blodsugare, =blodsugarna, parasiterna, =avskummet, =sopor, =kryp, =krypet, =fisk, =monster, =monstret, =odjur, =odjuret, =fittor, =kukhuvud, =kuk, =kukar, =pungkula, =pissmyra, =pisshuvud, =slyna, =slampa, "
        "=kärringen, =gubbjävel, =gubbjäveln, kärringjävl*, =tönt, =töntar, =töntarna, =ignorant, "
        "=ignoranter, =förlorare, =loserz, =losers, =kräkr, =värsting",
    ),
    "nedsättande": (
        "Insulting adjectives for a person (not their neuter forms, which describe decisions).",
        "=puckad, =puckade, =trög, =tröga, =störd, =störda, =ointelligent, =ointelligenta, "
        "=obildad, =obildade, =oduglig, =odugliga, =lat, =lata, =löjlig, =löjliga, =ynklig, "
        "=ynkliga, =hycklande, =lögnaktig, =lögnaktiga, =falsk, =falska, =omogen, =omogna, "
        "=okunnig, =okunniga, =dryg, =dryga, =otrevlig, =otrevliga, =arrogant, =arroganta, "
        "=självgod, =självgoda, =snorkig, =snorkiga, =tjock, =tjocka, =motbjudande, =usel, "
        "=usla, =hjärnlös, =hjärnlösa, =blåst, =blåsta, =skamlös, =skamlösa, =avskyvärd, "
        "=avskyvärda, =hopplös, =hopplösa, =sinnessjuk, =sinnessjuka, =psykiskt, =hjärntvättad, "
        "=hjärntvättade, =efterblivne, =dumme, =inkompetente, =genomkorrupt, =genomkorrupta, "
        "=fula, =ful, =äckel, =vedervärdig, =vedervärdiga, =oförskämd, =oförskämda, =fräck, "
        "=fräcka, =dum, =dummaste, =korkadaste, =sämsta, =fegaste, =ruttna, =ruttnande, =jävliga, =snyltande, =barnslig, =barnsliga, =gnällig, =gnälliga, =ondskefull, =ondskefulla, =ond, "
        "=onda, =hjärtlös, =hjärtlösa, =sadistisk, =sadistiska, =psykopatisk, =dement, =senil, "
        "=gaggig, =virrig, =knäpp, =knäppa, =tokig, =tokiga, =sopig, =skitig, =snuskig, =sjuk, "
        "=sjuka, =galen, =kallhamrad, =kallhamrat, =känslokall, "
        "=svag, =svaga, =kass, =kassa, =inkapabel, =inkapabla",
    ),
    "du": ("The person addressed.", "=dej, =du, =ni, =er, =dig"),
    "ämbete": (
        "Office holders and the people who answer for the city.",
        "=politikerna, =politiker, =pamp, =pampar, =pamparna, kommunpamp*, =makthavare, "
        "=makthavarna, =styrande, =styret, =tjänstemännen, =tjänsteman, =handläggaren, "
        "=handläggarna, =assistenten, =biträdet, =praktikanten, =medarbetaren, =personal, "
        "=personalen, =sjuksköterskan, =undersköterskan, =förskolläraren, =pedagogen, "
        "=chefen, =cheferna, =ledningen, =ledamöter, =ledamöterna, =ledamoten, =nämndledamöter, "
        "=kommunstyrelsen, =ombudsman, =inspektör, =inspektören, =inspektörer, =vakten, "
        "=vakterna, =parkeringsvakt, =parkeringsvakten, parkeringsvakt*, =lapplisa, =lapplisan, "
        "=lapplisor, =busschauffören, =chauffören, =bibliotekarien, =admin, =adminen, "
        "=moderatorn, *chefen, *chef, *cheferna, *direktören, *ordföranden, *handläggaren, "
        "*handläggare, *sekreteraren, *politikern, *politikerna, *srådet, *alrådet, *nrådet, *inspektören, *planeraren, *planerare, *arkitekten, *ingenjören, "
        "*samordnaren, *sekreterare, *kontrollanten, *läraren, *lärare, =läkaren, =minister, =ministern, "
        "=borgmästaren, =kso, *anställda, =socionomen, =kuratorn, *vaktmästaren, =bibliotekarien, "
        "*ansvarige, *ansvariga, =ansvariga, =ansvarige, =människan, =personen, =kvinnan, =mannen, =tjejen, =killen, =gubben, "
        "=tanten, =typen, =figuren, =individen",
    ),
    "som_gör": (
        "Verbs after \"den som\" that point at a person doing their job.",
        "=svarar, =svarade, =skrev, =skriver, =bestämde, =bestämmer, =beslutade, =ansvarar, "
        "=jobbar, =sitter, =satt, =tog, =röstade, =planerade, =planerar, =ritade, =godkände, "
        "=handlägger, =hanterade, =pratade, =anställde",
    ),
    "hjärna": (
        "A person's mind, reading or manners, belittled.",
        "=hjärna, =hjärnan, =hjärnceller, =hjärncell, =iq, =förstånd, =förståndet, =vett, "
        "=vettet, =hyfs, =folkvett, =läsförståelse, =läsförståelsen, =skalle, =skallen",
    ),
    "förbannelse": (
        "Curses aimed at someone.",
        "=helvete, =helvetet, =skogen, =fan, =satan, =ruttna, =brinn, =dö",
    ),
}

PATTERNS = [
    # --- racism -----------------------------------------------------------------------------------
    ("racism", "rasistiskt skällsord", "{rasord} !{negation}"),
    ("racism", "grupp som ohyra, smuts eller djur", "{folkgrupp} ~8 {avhumanisering} !{negation} !{kalla} !!{mot_rasism}"),
    ("racism", "grupp som inte är människor", "{folkgrupp} ..3 (=är|=e) =inte ..1 (=människor|=riktiga|=mänskliga|=svenskar|=civiliserade)"),
    ("racism", "grupp bakom allt", "{folkgrupp} ~4 (=ligger|=står|=låg) =bakom !{negation} !?"),
    ("racism", "grupp som brottslingar eller som förstör", "{folkgrupp} ~8 {grupp_skada} !{negation} !? !!{mot_rasism}"),
    ("racism", "grupp som ska utvisas", "{folkgrupp} ~8 {utvisning} !{negation} !? !!{mot_rasism}"),
    ("racism", "grupp som ska skickas bort", "{folkgrupp} ~8 {utvisa_verb} ..3 {bort} !{negation} !{saker}"),
    ("racism", "skicka bort dem", "{utvisa_verb} ..2 {folkpronomen} ..3 {bort} &{folkgrupp}"),
    ("racism", "kasta ut dem", "{utvisa_verb} ..1 {bort} ..2 {folkpronomen} &{folkgrupp} !{saker}"),
    ("racism", "förbud för en grupp", "(förbjud*|=förbud|=förbjuds|=neka|=nekas|=vägra|=vägras) ~6 {folkgrupp} !{negation} !? !!{mot_rasism}"),
    ("racism", "grupp som tar över", "{folkgrupp} ~6 (=tagit|=tar|=tog|=tagits|=tas) =över !{negation}"),
    ("racism", "bli av med en grupp", "(=bli|=blir|=göra|=gör) ..1 =av =med ..3 {folkgrupp} !{negation} !?"),
    ("racism", "bort med en grupp", "(=bort|=ut) =med ..2 {folkgrupp} !{saker}"),
    ("racism", "grupp som inte ska få", "{folkgrupp} ..4 {avsikt} ..2 (=inte|=aldrig|=ej) ..1 (=få|=tillåtas|=släppas|=ha)"),
    ("racism", "grupp som lever på bidrag", "{folkgrupp} ~8 (=lever|=lever|=lever|=går|=ligger) ..2 (=på|=av) ..2 (=bidrag|=bidragen|=socialbidrag|=skattepengar|=skattebetalarna|=våra|=oss|=andra)"),
    ("racism", "svenskar som minoritet", "(=svenskar|=svenskarna|=vi) ~6 (=minoritet|=minoriteten|=ersätts|=ersättas|=utbytta|=utbytt|=utrotas) !{negation}"),
    ("racism", "de förstör", "{folkpronomen} ..4 ({grupp_skada}|{avhumanisering}) &{folkgrupp} !{negation} !? !!{mot_rasism}"),
    ("racism", "slippa en grupp", "(=slipper|=slippa|=sluppit|segreger*|=separeras|=avskiljas) ..3 ({folkpronomen}|{folkgrupp}) &{folkgrupp} !{negation} !?"),
    ("racism", "grupp med lägre förstånd", "{folkgrupp} ~6 (=mindre|=lägre|=sämre|=låg) ..1 (intelligen*|=iq|=begåvade|=värda|=värd|=civiliserade|=utvecklade)"),
    ("racism", "ut med dem", "=ut =med ..2 {folkpronomen} &{folkgrupp}"),
    ("racism", "dem ska bort", "{folkpronomen} ..3 {avsikt} ..2 (=bort|=ut|=hem|=försvinna) &{folkgrupp}"),
    ("racism", "grupp som ska bort", "{folkgrupp} ~6 {avsikt} ..3 (=bort|=ut|=hem|=härifrån|=försvinna|=tillbaka)"),
    ("racism", "ta bort en grupp", "(=ta|=tar|=tas|=röj|=röja) =bort ..3 {folkgrupp} !{saker} !!{mot_rasism}"),
    ("racism", "ingen vill bo granne med en grupp", "(=ingen|=inte|=aldrig|=slippa|=slipper) ..4 (=granne|=grannar|=bredvid|=nära) ..2 =med ..1 {folkgrupp}"),
    ("racism", "våld mot en grupp", "{folkgrupp} ~8 ({våld_passiv}|{våld_aktiv}|{våld_mot}) !{negation} !!{mot_rasism} !?"),
    (
        "racism",
        "de är lata, om en grupp",
        "(=de|=dom) ..1 (=är|=e) ..3 ({skällsord}|{nedsättande}|{avhumanisering}) &{folkgrupp} !{negation} !? "
        "!!{mot_rasism}",
    ),
    ("racism", "alla i en grupp är likadana", "=alla ..1 {folkgrupp} ..2 (=är|=e) ..1 (=likadana|=lika|=samma)"),
    ("racism", "bättre utan en grupp", "(=skönt|=bättre|=tryggare|=renare|=trevligare|=lugnare|=finare|=snyggare) ~8 =utan ..3 {folkgrupp} !{negation}"),
    (
        "racism",
        "grupp sämre än andra",
        "{folkgrupp} ..3 (=är|=e) ..2 (=dummare|=sämre|=latare|=farligare|=smutsigare|=mer|=mindre) ..3 =än "
        "(=svenskar|=andra|=vi|=oss|=vanligt|=folk|=normala|=vita)",
    ),
    (
        "racism",
        "grupp som ska märkas eller registreras",
        "{folkgrupp} ~6 (=märken|=märkas|=märke|=armbindel|=armbindlar|=registreras|=register|=listas|=kartläggas|"
        "=interneras|koncentrationsläger*|interneringsläger*) !{negation} !!{mot_rasism}",
    ),
    ("racism", "grupp som inget har här att göra", "{folkgrupp} ..3 (=har|=hade) ..1 (=inget|=ingenting) ..4 =göra"),
    ("racism", "grupp som inte hör hemma här", "{folkgrupp} ~8 (=hör|=hörde) =inte =hemma"),
    (
        "racism",
        "grupp som inte är välkommen",
        "{folkgrupp} ~8 (=inte|=aldrig|=ej) ..1 (=välkomna|=välkommen|=önskvärda|=önskvärd|=behövs)",
    ),
    ("racism", "inga fler av en grupp", "(=inga|=inte) ..3 =fler ..1 {folkgrupp} !? !!{mot_rasism}"),
    ("racism", "släpp inte in fler", "(=släpp|=släppa|=släpper|=släpps|=sluta|=stoppa) ..2 =in ..1 (=fler|=mer|=flera) ..1 {folkgrupp} !!{mot_rasism}"),
    ("racism", "jävla grupp", "(=jävla|=förbannade|=satans|=djävla|=fucking|=förbannat|=jävlar) ..1 {folkgrupp}"),
    ("racism", "grupp med nedsättande ord", "{folkgrupp} ..3 (=är|=e) ..3 ({skällsord}|{nedsättande}) !{negation}"),
    (
        "racism",
        "tillbaka dit ni kom ifrån",
        "({utvisa_verb}|=tillbaka|=hem) ..4 (=dit|=där|=varifrån) ..3 (=kom|=kommer|=kommit|=hör) ..1 (=ifrån|=hemma)",
    ),
    (
        "racism",
        "tillbaka till öknen",
        "(=tillbaka|=hem) ..2 (=till) ..2 (öken|öknen|=djungeln|=trädet|=träden|=grottan|=lerhyddan|"
        "=afrika|=somalia|=arabien|=mellanöstern|hemland*|=sandlådan)",
    ),
    # --- threats ----------------------------------------------------------------------------------
    ("threat", "avsikt och våld i passiv form, nära", "{avsikt} ~5 {våld_passiv} !{negation} !{figurativ}"),
    (
        "threat",
        "avsikt och våldshandling, nära",
        "{avsikt} ..5 ({våld_aktiv}|{våld_mot}) ..4 ({mål}|{du}|{ämbete}|{byggnad}) !{negation} !{figurativ}",
    ),
    ("threat", "våld mot någon", "{våld_mot} ..3 ({du}|{ämbete}|{mål}) !{negation} !{figurativ}"),
    ("threat", "önskan om någons död eller olycka", "(=hoppas|=önskar|=vore|=förtjänar) ..6 {dödsönskan} !{negation} !{figurativ}"),
    (
        "threat",
        "någon borde göra något",
        "(=någon|=nån|=folk|=man) ..2 {avsikt} ..5 ({våld_aktiv}|{våld_mot}|{brand}|{våld_passiv}|{vapen}) !{negation} !{figurativ}",
    ),
    ("threat", "eld mot en byggnad", "{byggnad} ~6 ({brand}|=eld|=elden|=bränna|=brännas|bomb*|=spränga) !{negation} !{figurativ}"),
    (
        "threat",
        "jag vet var du bor",
        "(=vet|=vet|=känner|=koll|=hittat|=hittar) ..4 ({du}|{mål}|=hans|=hennes) ..3 {hemma} !{negation} !!{tack}",
    ),
    ("threat", "kommer hem till dig", "(=kommer|=hälsar|=knackar|=dyker) ..3 (=hem|=hemma|=förbi) ..2 (=till|=hos|=på) ..1 ({du}|{mål}) !!{tack}"),
    ("threat", "ni ska få ångra er", "({du}|{mål}|{ämbete}) ~4 (=ska|=kommer|=skall|=får) ..3 (=ångra|=sona|=betala|=lida|=straffas) !{negation} !!(=räkningen|=pengarna|skatt*|avgift*|=kronor|=kr|parkering*|biljett*|hyra*|=konserten)"),
    ("threat", "med vapen", "(=med|=tar|=ta|=tagit|=har|=kommer) ..3 {vapen} !{negation}"),
    (
        "threat",
        "slå sönder ansiktet",
        "({våld_mot}|=slå|=slår|=slog|=sparka|=bryta|=knäcka) ..4 (=sönder|=ansiktet|=käften|=benen|=armarna|=näsan|"
        "=skallen|=huvudet|=halsen|=tänderna|=strupen|=knäskålarna|=nyllet|=trynet) !{negation} !{figurativ}",
    ),
    ("threat", "inte överleva", "({mål}|{du}|{ämbete}) ..4 (=inte|=aldrig) ..2 (=överlever|=överleva|=vaknar|=vakna)"),
    ("threat", "lära någon en läxa", "(=lära|=lär) ..1 ({mål}|{du}|{ämbete}) ..1 (=en|=ett) ..1 =läxa"),
    ("threat", "ingen skulle sakna", "(=ingen|=inte) ..1 (=förlust|=gråta|=sakna|=sörja|=saknad|=gråter) ~8 ({våld_passiv}|{dödsönskan}|{våld_aktiv}|{brand})"),
    ("threat", "då blir det blod", "(=blod|=blodbad|=blodet|=blodig|=blodigt) ~8 ({du}|{mål}|{ämbete}) !{negation}"),
    (
        "threat",
        "gå inte ensam hem",
        "(=inte|=aldrig|=våga|=akta|=passa) ..3 (=gå|=vara|=cykla|=röra|=visa) ..2 (=ensam|=ensamma|=ute|=ut|=själv) ..3 "
        "(kväll*|=ikväll|natt*|=mörkret|=hem|=hemåt) !?",
    ),
    (
        "threat",
        "med alla inne",
        "({brand}|=jämnas|=jämna|=brinna|bomb*|spräng*|=eld|=elden) ..8 =med ..2 "
        "(=alla|=folk|=personalen|=politikerna|=dem|=dom|=byråkraterna|=idioterna|{ämbete}) ..1 (=inne|=därinne|=kvar|=i)",
    ),
    ("threat", "hittas i ett dike", "({du}|{offer}|{ämbete}) ..4 (=i|=på) ..2 (=dike|=diket|=kista|=kistan|=graven|=likpåse|=likpåsen|=bår|=båren)"),
    ("threat", "samlas utanför någons hus", "=utanför ..3 (=hus|=villa|=hem|=dörr|=bostad|=lägenhet|=port|=fönster) !!{tack} !? !(=sitt|=sin|=eget|=mitt|=min|=vårt|=vår|=parkera|=parkerar)"),
    ("threat", "köra på någon", "{avsikt} ..3 (=kör|=köra|=körde) (=på|=över|=ner) ..1 ({offer}|{du}|{ämbete})"),
    ("threat", "spöa upp någon", "(=spöa|=spöar|=slå|=slår|=banka|=bankar|=puckla|=pucklar|=klå) ..2 =upp ..1 ({offer}|{du}|{ämbete})"),
    ("threat", "namn och adresser på en lista", "(=namn|=namnen|=adress|=adresser|=adresserna|=adressen) ..5 (=lista|=listan|=oss|=hos|=samlat|=sparat) !? !(=min|=mitt|=mina)"),
    ("threat", "något händer med dig", "(=något|=nåt|=saker|=grejer) ~3 (=hända|=hände|=händer|=hänt) ..2 (=med|{du}|{offer}|{ämbete}|{byggnad}) !?"),
    ("threat", "få se vad som händer", "(=se|=få|=får) ..1 =vad =som (=händer|=kommer|=sker|=väntar)"),
    ("threat", "det är ute med er", "(=är|=e) ..1 =ute =med ({du}|{offer}|{ämbete}) !?"),
    ("threat", "var rädd", "(=var|=vara|=bli) ..1 (=rädd|=rädda|=försiktig|=försiktiga|=vaksam|=vaksamma) !(=om|=för|=med|=när|=i|=på) &({du}|{ämbete}|{offer}) !?"),
    ("threat", "om jag var du", "=om =jag =var ({du}|{ämbete}|=dig|=han|=hon|=honom|=henne) &(=passa|=akta|=försiktig|=försiktiga|=rädd|=rädda|=ensam|=mörkret|=sova|=vaksam)"),
    ("threat", "passa sig om jag var", "(=passa|=akta|=se) (=mig|=dig) =om =jag =var"),
    ("threat", "aldrig mer känna sig trygg", "({du}|{offer}|{ämbete}) ..5 (=inte|=aldrig) ..3 (=sova|=sover|=känna|=känner|=vara) ..2 (=lugnt|=trygg|=trygga|=tryggt|=säker|=säkra|=igen)"),
    ("threat", "slutar inte med ord", "(=slutar|=stannar|=blir|=stanna|=sluta) ..3 (=inte|=aldrig) ..2 (=ord|=orden|=prat|=snack)"),
    ("threat", "olyckor händer", "(=olycka|=olyckor|=olyckan|=olyckorna) ..1 (=händer|=sker|=kan|=drabbar) &({du}|{ämbete}|{offer}) !?"),
    ("threat", "en efter en", "(=en|=ett) (=efter|=i) (=en|=ett|=taget) &({du}|{ämbete}|{offer}) &(=betala|=straffas|=få|=får|=ska|=kommer)"),
    ("threat", "inte långt kvar", "({du}|{offer}|{ämbete}) ..3 (=har) ..2 =inte =långt =kvar"),
    (
        "threat",
        "väntar vid din port",
        "(=dyker|=dyka|=väntar|=vänta|=ringer|=ringa|=knackar|=ses|=står|=stå) ..3 (=på|=i|=vid|=hos|=utanför) ..2 "
        "({du}|=din|=ditt|=dina|=era|=ert|=hans|=hennes) ..3 (trappuppgång*|=port|=porten|=dörr|=dörren|=gata|=gatan|"
        "=hem|=villa|=hus|=lägenhet|=parkering|=parkeringen|=bil|=bilen|=jobbet|=kväll|=ikväll|=natt|=natten) !!{tack} !?",
    ),
    ("threat", "följa efter någon", "(=följer|=följa|=följde) =efter ({du}|{offer}|{ämbete}) !?"),
    ("threat", "ska inte gå ostraffat", "(=ostraffat|=ostraffad|=ostraffade) !{negation} !?"),
    ("threat", "råka illa ut", "(=råka|=råkar|=gå|=går) ..1 =illa ..1 (=ut|=för) !{negation} &({du}|{offer}|{ämbete}|=nämnden|=förvaltningen) !?"),
    ("threat", "tystas för gott", "{avsikt} ..5 =för =gott &({du}|{offer}|{ämbete}) !?"),
    (
        "threat",
        "göras tyst",
        "({ämbete}|{du}|{offer}) ..3 {avsikt} ..2 (=tystas|=oskadliggöras|=elimineras|=röjas|=undanröjas|=neutraliseras|"
        "=likvideras|=utplånas)",
    ),
    ("threat", "få vad man förtjänar", "{avsikt} ..4 (=få|=får) =vad ..2 (=förtjänar|=förtjänat) !!(lön*|=tack|=beröm|=bonus|=semester) !!{tack}"),
    (
        "threat",
        "så river vi era hem",
        "(=så|=då) ..2 (=vi|=jag) ..3 (=era|=ert|=din|=ditt|=dina|=hans|=hennes) ..1 "
        "(=hem|=hus|=villa|=bil|=bilar|=barn|=ungar|=familj|=familjer|=liv|=ansikte|=ansikten)",
    ),
    ("threat", "betala men inte med pengar", "=betala ..8 =inte ..2 =med =pengar"),
    ("threat", "ställas mot en vägg", "(=ställas|=ställ|=ställa|=ställs|=ställer) ..1 =mot ..1 (=vägg|=väggen|=muren)"),
    (
        "threat",
        "under en buss",
        "({ämbete}|{du}|{offer}) ..4 (=framför|=under) ..2 "
        "(=tåget|=tåg|=bussen|=buss|=bil|=bilen|=spårvagnen|=lastbil|=lastbilen|=tunnelbanan|=pendeln) !?",
    ),
    ("threat", "ge någon en omgång", "(=ge|=ger|=gav|=få|=får|=fick|=förtjänar) ..4 (=omgång|=käften|=käftsmäll|=örfil|=käftsmällar) !{negation} !?"),
    ("threat", "klippa till någon", "(=klippa|=klipper|=klippte|=drämma|=drämmer|=smälla|=smäller|=slå|=slår) =till ..3 ({ämbete}|{mål}|{du}) !?"),
    ("threat", "sticka ner någon", "(=sticker|=sticka|=stack|=hugger|=hugga|=högg|=skjuter|=skjuta|=sköt|=slår|=slå|=slog|=mejar|=meja) =ner ..2 ({ämbete}|{mål}|{du}|=den) !?"),
    ("threat", "se till att någon får ont", "=se =till =att ..2 ({ämbete}|{du}|{offer}) ..1 (=får|=få) ..1 (=ont|=lida|=smaka|=plågas)"),
    ("threat", "ge någon en kula", "(=ge|=ger|=gav|=få|=får|=förtjänar|=behöver) ..5 (=kula|=kulan|=kulor|=skott|=kniven|=blykula) !{negation}"),
    ("threat", "ta någon", "{avsikt} ..2 =ta ({offer}|{du}|{ämbete}) !(=till|=med|=emot|=hand|=upp|=på|=in|=ut|=hem|=för|=som)"),
    ("threat", "planer för er", "=planer =för ({du}|{offer}|{ämbete}) &(=snart|=märka|=märker|=vänta|=ångra|=se)"),
    ("threat", "sten runt halsen", "(=sten|=tyngd|=snara|=snaran|=rep|=repet) ..1 (=runt|=om|=kring) ..1 (=halsen|=nacken)"),
    ("threat", "kastas i hamnen", "{avsikt} ..3 (=kastas|=slängas|=dumpas|=sänkas|=knuffas) ..2 =i (=hamnen|=havet|=sjön|=sundet|=ån|=floden) !{negation}"),
    ("threat", "slut för dig", "(=slut|=kört|=ute) =för ({offer}|{du}) !?"),
    ("threat", "göra något jag ångrar", "(=göra|=gör) =något ..1 (=jag|=man) ..1 (=ångrar|=ångra|=kommer)"),
    (
        "threat",
        "hoppas på ett hemskt slut",
        "(=hoppas|=önskar|=förtjänar) ..6 (=hemskt|=plågsamt|=plågsam|=smärtsamt|=smärtsam|=långsam|=långsamt|"
        "=fruktansvärt|=fruktansvärd|=ohyggligt|=blodigt) ..1 (=slut|=död|=öde|=straff)",
    ),
    ("threat", "lycka till att komma hem", "=lycka =till ..4 (=säkert|=tryggt|=helskinnad|=hel|=levande)"),
    ("threat", "avsikt och ihjäl", "{avsikt} ..5 =ihjäl !{negation} !{figurativ}"),
    (
        "threat",
        "behöver skjutas",
        "(=behöver|=kan|=må|=lär|=torde|=får|=gott) ..3 {våld_passiv} !{negation} !{figurativ} !?",
    ),
    (
        "threat",
        "tänk om någon",
        "(=tänk|=bara|=önskar|=hoppas|=tidsfråga|=vänta|=snart|=dag) ..3 (=någon|=nån|=folk) ..6 "
        "({våld_aktiv}|{våld_mot}|{brand}|{vapen}|{våld_passiv}|=ihjäl|=sönder|=eld|=elden|=stryk|=kula) "
        "!{negation} !{figurativ}",
    ),
    (
        "threat",
        "vi kommer till ditt hus",
        "(=kommer|=åker|=går|=cyklar|=kör|=hittar) ..2 (=till|=hem|=förbi) ..2 "
        "(=ditt|=din|=dina|=ert|=era|=hans|=hennes) ..1 (=hus|=villa|=hem|=lägenhet|=adress|=dörr|=bostad|=port) "
        "!!{tack} !?",
    ),
    ("threat", "ångra att du föddes", "=ångra ..3 =föddes"),
    ("threat", "borde passa sig", "(=passa|=akta) (=sig|=dig|=er|=dej) !(=för|=på|=i) !?"),
    ("threat", "förstöra ditt liv", "{avsikt} ..3 (=förstöra|=förstör|=krossa|=sabba|=sabotera) (=ditt|=hans|=hennes|=ert|=era|=deras) =liv"),
    ("threat", "sista varningen", "(=sista|=enda) =varningen !? &({du}|{ämbete}|{offer})"),
    ("threat", "det är inte över", "(=är|=e) =inte =över &({du}|{ämbete}|{offer}) !?"),
    ("threat", "vi vet vem du är", "=vet (=vem|=vilka) ({du}|{offer}) (=är|=jobbar|=bor|=finns)"),
    ("threat", "ta hand om någon", "{avsikt} ..4 (=ta|=tar|=tog) =hand =om ..2 {ämbete}"),
    (
        "threat",
        "knacka på dörren en natt",
        "(=hoppas|=någon|=nån|=vi|=kommer|=ska|{avsikt}) ..3 (=hälsar|=hälsa|=besöker|=besöka|=knackar|=knacka|=dyker) "
        "..5 (=hemma|=natt|=natten|=ikväll|=dörr|=dörren|=adress|=adressen) !!{tack}",
    ),
    ("threat", "lära någon hut", "(=lära|=lär|=lärde) ..1 ({mål}|{du}|{ämbete}) ..1 =hut"),
    ("threat", "avsikt och våld i passiv form, längre", "{avsikt} ..8 (=bli|=blir|=bliva|=blev) ..1 {våld_passiv} !{negation} !{figurativ}"),
    ("threat", "sten genom fönstret", "(=sten|=stenar|=gatsten|=tegelsten) ..3 (=genom|=i|=mot|=på) ..2 ({byggnad}|{mål}|{ämbete})"),
    ("threat", "hängas upp", "{avsikt} ..3 (=hängas|=hängs|=hängd|=hängda) ..1 =upp"),
    ("threat", "flyga i luften", "{byggnad} ~6 (=flög|=flyger|=flyga|=sprängs|=sprängas|=sprängdes) ..1 =i =luften"),
    ("threat", "ni ska dö", "({du}|{offer}) ..3 (=ska|=kommer|=skall) ..3 (=dö|=dör|=lida|=brinna) !{negation} !{figurativ}"),
    ("threat", "dina dagar är räknade", "(=dagar|=timmar|=dag) ..2 (=är|=e) =räknade"),
    ("threat", "du är död", "({du}|{mål}) (=är|=e) (=död|=döda|=dödens|=ett)  ..1 (=lik|=död|=döda|=dödens)"),
    ("threat", "ta livet av någon", "(=ta|=tar) =livet =av ({du}|{mål}|{ämbete}) !{negation}"),
    ("threat", "gå och häng dig", "(=gå|=dra) ..1 (=och|=å) (=häng|=dö|=dränk|=skjut) ..1 ({du}|=dig|=er|=dej)"),
    # --- personal attacks -------------------------------------------------------------------------
    ("personal_attack", "du nära ett skällsord", "{du} ~5 {skällsord} !{negation} !{kalla} !(=jag|=mig|=min)"),
    ("personal_attack", "du nära ett nedsättande ord", "{du} ~4 {nedsättande} !{negation} !{kalla} !(=jag|=mig)"),
    ("personal_attack", "person på jobbet och ett skällsord", "{ämbete} ~6 ({skällsord}|{nedsättande}) !{negation} !{kalla}"),
    ("personal_attack", "den som svarar är en idiot", "(=den|=de|=dom|=han|=hon|=ni) =som {som_gör} ..6 ({skällsord}|{nedsättande}) !{negation}"),
    ("personal_attack", "vilken idiot", "(=vilken|=vilka|=vilket|=jävla|=din|=ditt|=dina|=era) ..2 {skällsord} !{negation} !(=jag|=mig) !!{folkgrupp}"),
    ("personal_attack", "är ett gäng idioter", "(=är|=e) ..3 (=en|=ett|=ena|=jävla|=sån|=riktig|=riktiga|=total|=komplett) ..2 {skällsord} !{negation} !{kalla} !!{egna} !!{folkgrupp}"),
    ("personal_attack", "den där idioten", "(=den|=det|=de|=dom) =där ..1 {skällsord} !{negation} !!{egna}"),
    ("personal_attack", "chefen är en skit", "({ämbete}|{du}) ..2 (=är|=e) ..4 (=skit|=skiten|=orm|=ormen|=råtta|=ko|=gris|=apa|=snigel|=mask)"),
    ("personal_attack", "inget annat än en idiot", "(=inget|=inte|=inga|=ingenting) =annat =än ..3 ({skällsord}|{nedsättande}) !!{egna} !!{folkgrupp}"),
    ("personal_attack", "hjärna som en sten", "{hjärna} =som ..1 (=en|=ett|=hos)"),
    ("personal_attack", "någon som inte är efterbliven", "(=någon|=nån|=folk) =som =inte ..2 ({nedsättande}|{skällsord})"),
    ("personal_attack", "rektorn är ett skämt", "({ämbete}|{du}|{förnamn}) ..2 (=är|=var|=e) ..3 (=skämt|=skam|=vits|=åtlöje|=misslyckande|=besvikelse|=hån|=katastrof|=pinsam|=pinsamma)"),
    ("personal_attack", "sådana som du", "(=sådana|=såna|=folk|=typer) =som {du} ..4 (=borde|=ska|=bör|=skulle) ..2 (=inte|=aldrig)"),
    (
        "personal_attack",
        "borta i huvudet",
        "({du}|{ämbete}) ~6 (=borta|=dum|=dumma|=störd|=störda|=sjuk|=sjuka|=knäpp|=knäppa|=galen|=galna|=rubbad|"
        "=rubbade|=trög|=seg|=tom|=dålig) =i (=huvudet|=skallen|=roten|=knoppen|=pallet|=hjärnan)",
    ),
    (
        "personal_attack",
        "din dumhet",
        "({du}|{ämbete}|=sin|=hans|=hennes|=din|=era|=ers) ..3 (=dumhet|=dumheten|=inkompetens|=inkompetensen|=idioti|"
        "=idiotin|=lathet|=latheten|=feghet|=fegheten|=okunnighet|=okunnigheten|=arrogans|=arrogansen)",
    ),
    ("personal_attack", "chefen är idiotisk", "{ämbete} ..3 (=är|=e|=var) ..2 (=idiotisk|=idiotiska|=dum|=dumma|=puckad|=puckade)"),
    ("personal_attack", "inte klok", "({du}|{ämbete}) ~6 (=inte|=knappast) ..2 (=klok|=kloka|=vettig|=vettiga|=normal|=frisk|=friska) !?"),
    ("personal_attack", "inte alla hästar hemma", "(=hästar|=indianer|=skruvar|=kor) ..3 (=hemma|=lösa|=kanoten|=diket)"),
    ("personal_attack", "jag hatar dig", "(=hatar|=avskyr|=föraktar) ({du}|{ämbete}|{offer}) !{negation} !!{folkgrupp}"),
    ("personal_attack", "fy fan för dig", "=fy ..2 (=dig|=er|=dej)"),
    ("personal_attack", "namn och ett skällsord", "{förnamn} ..4 (=är|=e|=var) ..3 ({skällsord}|{nedsättande}) !{negation} !!{egna}"),
    ("personal_attack", "alla hatar dig", "(=ingen|=alla|=hela) ..2 (=gillar|=hatar|=tål|=avskyr|=föraktar|=skrattar) ..1 ({du}|{ämbete}) !?"),
    ("personal_attack", "lär dig läsa", "(=lär|=lära) ..1 ({du}|=dig|=er|=dej) ..1 (=läsa|=skriva|=stava|=räkna|=tänka|=svenska|=hyfs)"),
    ("personal_attack", "ingen hjärna", "({du}|{ämbete}) ~6 (=ingen|=inga|=noll|=saknar|=ens|=liten|=mindre|=lägre|=låg|=utan|=tom|=inte|=enda) ..3 {hjärna}"),
    ("personal_attack", "dra åt helvete", "(=dra|=far|=fara|=åk|=gå|=ruttna|=brinn|=stick) ..2 (=åt|=i|=till) ..1 {förbannelse}"),
    ("personal_attack", "fan ta dig", "(=fan|=satan|=helvete) (=ta|=tar) ({du}|=dig|=er|=dej)"),
    ("personal_attack", "du suger", "{du} ..1 (=suger|=stinker|=äcklar|=kräks) !{negation}"),
    ("personal_attack", "skäms", "(=skäms|=skäm) ..2 ({du}|=på|=dig|=er) !{negation}"),
    ("personal_attack", "håll käften", "(=håll|=stäng) ..1 (=käften|=truten|=klaffen|=mun|=munnen|=flabben|=trut)"),
    ("personal_attack", "jävla du", "{du} ..2 (=jävla|=förbannade|=satans|=djävla|=fucking) ..1 ({ämbete}|=kommun|=människa|=människor|=folk|byråkrat*|=typ|=typer)"),
]

PATTERNS_REMOVE: list[tuple[str, str]] = []

# Starting patterns of 0011 that read things as people ("Skicka ut inbjudan till alla nyanlända"):
# a guard is added to those AKN has not changed since.
PATTERNS_GUARD = [
    ("racism", "grupp som ska kastas ut", "!{saker}"),
    ("personal_attack", "ett gäng idioter", "!!{folkgrupp}"),
    ("racism", "grupp som ohyra eller fara", "!{kalla} !!{mot_rasism}"),
    ("racism", "grupp som ska förbjudas", "!!{mot_rasism}"),
    ("racism", "grupp och utvisning", "!!{mot_rasism}"),
    ("personal_attack", "utrop med ett skällsord", "!(=jag|=mig) !!{folkgrupp}"),
]

TERMS_ADD = [
    ("racism", "folkutbyte", "stem"),
    ("racism", "befolkningsutbyte", "stem"),
    ("racism", "islamisering", "stem"),
    ("racism", "rasförrädare", "stem"),
    ("threat", "akta dig", "stem"),
    ("threat", "se dig om", "exact"),
    ("threat", "se dig över axeln", "exact"),
    ("threat", "dina dagar är räknade", "stem"),
    ("personal_attack", "fuck you", "exact"),
    ("personal_attack", "fuck off", "exact"),
    ("personal_attack", "håll käften", "stem"),
    ("personal_attack", "dra åt helvete", "stem"),
]

# "Muslimerna våldtar" generalises a group (racism); a threat of rape needs an intent, which the
# patterns read ({våld_aktiv} holds "våldta*").
TERMS_REMOVE: list[tuple[str, str, str]] = [
    ("threat", "våldtar", "exact"),
    ("threat", "våldta", "exact"),
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
    for label, term, _match in TERMS_REMOVE:
        TriageTerm.objects.filter(label=label, term=term).delete()


def unseed(apps, schema_editor):
    # The patterns and terms added here go; words added to groups stay (AKN may rely on them).
    TriagePattern = apps.get_model("moderation", "TriagePattern")
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, name, _pattern in PATTERNS:
        TriagePattern.objects.filter(label=label, name=name).delete()
    for label, term, _match in TERMS_ADD:
        TriageTerm.objects.filter(label=label, term=term).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0013_constraint_messages")]

    operations = [migrations.RunPython(seed, unseed)]

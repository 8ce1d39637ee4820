"""What a finding says: the guideline sentence each rule applies, and the Swedish message and
suggestion texts of the rules (``rules.py`` fills in the ``{placeholders}``).

The texts are Swedish only, like the guideline they quote: the checker is about Swedish text.
"""

from __future__ import annotations

# --- the guideline sentences each rule applies ------------------------------------------------------

_KLARSPRAK = (
    "Vi pratar klarspråk, vilket betyder att vi uttrycker oss tydligt och enkelt "
    "för att alla ska förstå vad vi menar."
)
_ABBREVIATIONS = "Vi undviker förkortningar, slang och interna uttryck."
_PERSONAL_DATA = "Skriv inte ut personuppgifter, telefonnummer eller annat material som kan vara känsligt."

GUIDELINES: dict[str, str] = {
    "klarsprak.lix": _KLARSPRAK,
    "klarsprak.long_sentence": _KLARSPRAK,
    "klarsprak.abbreviation": _ABBREVIATIONS,
    "klarsprak.acronym": _ABBREVIATIONS,
    "klarsprak.slang": _ABBREVIATIONS,
    "address.formal_ni": "Vi skriver vi och oss, samt du och dig. Vi är personliga i tilltalet.",
    "address.administration_sender": (
        "Tänk på att det alltid är staden som är avsändare i våra stadsgemensamma kanaler, "
        "inte den enskilda förvaltningen."
    ),
    "emoji.misread": (
        "Vi är noga med att inte använda emojis som är lätta att missuppfatta eller som är svåra att förstå."
    ),
    "booking.captions": "Vi textar allt rörligt material i den utsträckning det är möjligt.",
    "booking.x_length": (
        "X används för pressmeddelanden; kontot kan också användas i andra sammanhang om man "
        "bedömer det lämpligt."
    ),
    "booking.alt_text": (
        "Inkluderande: vi uttrycker oss tydligt och enkelt för att alla ska förstå vad vi menar "
        "(och lagen om tillgänglighet till digital offentlig service, DOS-lagen, kräver att bilder "
        "beskrivs i text)."
    ),
    "booking.rights": "Lägg inte upp bilder eller videos om du inte har rättigheter till dem.",
    "booking.consent": (
        "Lägg inte upp bilder eller video på personer om du inte är säker på att det är okej "
        "för personer som syns i bild eller i en video."
    ),
    "booking.call_to_action": (
        "Aktivera: när mottagaren förväntas göra något aktivt, som att klicka på en länk för att "
        "anmäla sig till en utbildning eller ett evenemang, eller läsa mer på en webbplats."
    ),
    "reply.personal_data": _PERSONAL_DATA,
    "text.personal_data": _PERSONAL_DATA,
    # Technical findings: no guideline sentence.
    "text.control_character": "",
    "text.empty": "",
}

# --- messages and suggestions, rule by rule ---------------------------------------------------------

EMPTY = "Texten är tom."

CONTROL_BIDI = "Osynligt tecken för skrivriktning ({codes}). Det kan vända eller dölja text."
CONTROL_OTHER = "Osynligt styrtecken ({codes})."
CONTROL_SUGGESTION = "Ta bort tecknet."

ABBREVIATION = "Skriv ut förkortningen ”{found}”."

LONG_SENTENCE = "Meningen har {words} ord. Skriv högst {limit} ord i en mening."
LONG_SENTENCE_SUGGESTION = "Dela upp meningen i två eller flera."

LIX = "LIX {lix:.0f} ({label}). Texten är svår att läsa för många: skriv kortare meningar och ord."
LIX_SUGGESTION = "Sikta på LIX under {target:g}."

FORMAL_ADDRESS = "Skriv du och dig i stället för ”{word}”."
SLANG = "”{found}” är slang eller ett internt uttryck."
ACRONYM = "Alla känner inte till förkortningen ”{acronym}”. Skriv ut den, eller förklara den."

SENDER = "Det är alltid staden som är avsändare, inte förvaltningen."
SENDER_SUGGESTION = "Skriv ”vi” eller ”Helsingborgs stad”."

EMOJI = "{emoji} kan missuppfattas. {reason}"

PERSONAL_DATA_LABELS = {
    "phone": "ett telefonnummer",
    "email": "en e-postadress",
    "personnummer": "ett personnummer",
    "address": "en adress",
}
PERSONAL_DATA_LABEL_OTHER = "en personuppgift"
PERSONAL_DATA_REPLY = "Svaret innehåller {label}. Ett svar med personuppgifter kan inte publiceras."
PERSONAL_DATA_REPLY_SUGGESTION = "Ta bort uppgiften, eller be personen kontakta oss i ett direktmeddelande."
PERSONAL_DATA_TEXT = "Texten innehåller {label}. Publicera inte personuppgifter."
PERSONAL_DATA_TEXT_SUGGESTION = "Ta bort uppgiften."

CAPTIONS = "Bekräfta att videon är textad."
CAPTIONS_SUGGESTION = "Texta videon och kryssa i att den är textad."
RIGHTS = "Bekräfta att staden har rättigheter till bilderna eller filmen."
CONSENT = "Bekräfta att personerna som syns har sagt ja till att vara med."
# Riktlinjen: inkluderande; lagen om tillgänglighet till digital offentlig service (DOS-lagen).
X_LENGTH = "För lång för X: {length} av {max} tecken (en länk räknas som {link})."
X_LENGTH_SUGGESTION = "Korta texten eller skriv en egen, kortare version för X."
ALT_TEXT = "Bilden saknar alternativtext: den som inte ser bilden får inte veta vad den visar."
ALT_TEXT_SUGGESTION = "Beskriv kort vad bilden visar, t.ex. ”Barn som badar vid Tropical Beach”."
CALL_TO_ACTION = "Målet är att aktivera: inlägget behöver {missing}."
CALL_TO_ACTION_LINK = "en länk"
CALL_TO_ACTION_CALL = "en uppmaning (till exempel ”Läs mer”, ”Anmäl dig”, ”Boka”)"

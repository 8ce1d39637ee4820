"""Demo data for `manage.py seed_demo`: a month of realistic bookings around today.

Idempotent: a booking is looked up by its title and left alone when it exists, so a rerun (even
on another day) adds nothing. Times fall on working days, one booking a day, so the calendar's
rules and the PostgreSQL exclusion constraint hold without going through the booking service
(which, rightly, refuses times in the past).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Administration, SocialAccount, User
from helsocial import workdays

from .models import Booking, BookingLog, BookingSlot, ChannelRule, KcAgreement, Status

# (administration, author, title, draft, objective, category, topics, target group, link, media,
#  [(platform, "HH:MM")], flags)
ENTRIES = [
    (
        "SOF",
        "kommunikator",
        "Sportlovet: gratis aktiviteter för alla barn",
        "Nu kan du se alla gratis aktiviteter under sportlovet. Anmäl dig senast fredag!",
        "activate",
        "tips",
        ["leisure", "education"],
        "Barn 7–15 år och deras föräldrar",
        "https://helsingborg.se/sportlov",
        "image",
        [("facebook", "09:00"), ("instagram", "13:00")],
        {},
    ),
    (
        "MF",
        "miljo",
        "Eldningsförbud i hela Helsingborg",
        "Från i dag gäller eldningsförbud i hela Helsingborg. "
        "Det är inte tillåtet att grilla i parker eller på stränder.",
        "inform",
        "civic_crisis",
        ["environment"],
        "Alla som bor i eller besöker Helsingborg",
        "https://helsingborg.se/eldningsforbud",
        "text",
        [("facebook", "08:00"), ("instagram", "08:30")],
        {
            "expects_high_activity": True,
            "faq_text": "Gäller förbudet engångsgrillar? Ja. Gäller det på egen tomt? Ja, i hela kommunen.",
        },
    ),
    (
        "SLF",
        "akn",
        "Möt vårdhunden Chili – en av stadens superhjältar",
        "Chili besöker äldreboenden varje vecka. Följ med en dag på jobbet!",
        "engage",
        "people",
        ["health"],
        "Invånare som är intresserade av äldreomsorg",
        "",
        "video",
        [("instagram", "10:00"), ("facebook", "15:00")],
        {"captions_confirmed": True},
    ),
    (
        "SBF",
        "akn",
        "Så blir nya Oceanhamnen",
        "Se hur stadsdelen växer fram vid vattnet – bostäder, bad och nya mötesplatser.",
        "inform",
        "development",
        ["innovation"],
        "Helsingborgare och blivande invånare",
        "https://helsingborg.se/oceanhamnen",
        "image",
        [("linkedin", "09:00"), ("facebook", "11:00")],
        {},
    ),
    (
        "KF",
        "akn",
        "Sommarkväll på Sofiero",
        "Ljumma kvällar, musik och trädgårdar i blom. Välkommen till Sofiero i sommar!",
        "engage",
        "place_brand",
        ["culture"],
        "Besökare och helsingborgare 25–65 år",
        "https://sofiero.se",
        "image",
        [("instagram", "17:00")],
        {"is_advertising": True, "ad_budget": "5000.00"},
    ),
    (
        "SOF",
        "kommunikator",
        "Ett hej kan rädda liv – känner du till vänskapsbänkarna?",
        "På flera skolgårdar finns nu vänskapsbänkar. Sätt dig där om du vill ha sällskap.",
        "engage",
        "people",
        ["education", "social_issues"],
        "Föräldrar och elever i grundskolan",
        "",
        "image",
        [("facebook", "12:00")],
        {},
    ),
    (
        "SF",
        "akn",
        "Stöd för dig som är anhörig",
        "Är du anhörig till någon som behöver stöd? Vi finns här för dig – ring eller boka ett samtal.",
        "activate",
        "tips",
        ["social_issues", "health"],
        "Anhöriga i alla åldrar",
        "https://helsingborg.se/anhorigstod",
        "text",
        [("facebook", "10:00"), ("linkedin", "14:00")],
        {},
    ),
    (
        "VOF",
        "akn",
        "Vi söker undersköterskor till sommaren",
        "Vill du göra skillnad i sommar? Sök jobb som undersköterska hos oss senast 31 mars.",
        "activate",
        "development",
        ["work"],
        "Undersköterskor och vårdstudenter",
        "https://helsingborg.se/jobb",
        "image",
        [("linkedin", "08:00"), ("facebook", "13:30")],
        {},
    ),
    (
        "MF",
        "miljo",
        "Energisparveckan: fem enkla tips",
        "Sänk temperaturen en grad och spara fem procent. Här är fler tips för dig som vill spara energi.",
        "inform",
        "tips",
        ["environment"],
        "Hushåll i Helsingborg",
        "https://helsingborg.se/energi",
        "image",
        [("instagram", "12:00")],
        {},
    ),
    (
        "SLF",
        "akn",
        "Trafikinformation: Drottninggatan stängs i helgen",
        "Drottninggatan är avstängd för biltrafik lördag–söndag. Bussarna leds om via Järnvägsgatan.",
        "inform",
        "civic_crisis",
        ["traffic"],
        "Bilister och bussresenärer i centrala Helsingborg",
        "https://helsingborg.se/trafik",
        "text",
        [("facebook", "09:30")],
        {"is_charged": True, "charged_acknowledged": True},
    ),
    (
        "KF",
        "akn",
        "Bokrea på biblioteken",
        "Fynda böcker för 10 kronor styck på stadsbiblioteket hela veckan.",
        "activate",
        "tips",
        ["culture"],
        "Läsare i alla åldrar",
        "https://helsingborg.se/bibliotek",
        "image",
        [("instagram", "11:00")],
        {},
    ),
    (
        "SOF",
        "kommunikator",
        "Simskola i sommar – anmälan öppnar",
        "Anmäl ditt barn till sommarens simskola på Filbornabadet. Platserna är begränsade.",
        "activate",
        "tips",
        ["leisure"],
        "Föräldrar till barn 5–10 år",
        "https://helsingborg.se/simskola",
        "image",
        [("facebook", "08:30"), ("instagram", "16:00")],
        {},
    ),
    (
        "SBF",
        "akn",
        "Tyck till om den nya parken på Söder",
        "Vad ska den nya parken heta? Lämna ditt förslag senast den 15:e.",
        "engage",
        "development",
        ["environment"],
        "Boende på Söder",
        "https://helsingborg.se/tyck-till",
        "image",
        [("facebook", "10:30")],
        {
            "expects_high_activity": True,
            "faq_text": "Hur väljs namnet? Namnberedningen föreslår tre namn som nämnden beslutar om.",
        },
    ),
    (
        "SLF",
        "akn",
        "Helsingborg från ovan",
        "Morgonljus över Kärnan och sundet. Vilken är din favoritplats i staden?",
        "engage",
        "place_brand",
        [],
        "Helsingborgare och turister",
        "",
        "image",
        [("instagram", "07:30")],
        {},
    ),
    (
        "VOF",
        "akn",
        "Nytt trygghetsboende öppnar i Mariastaden",
        "I april öppnar 40 nya lägenheter för dig som är 70 år eller äldre. Så ansöker du.",
        "inform",
        "development",
        ["health"],
        "Äldre och deras anhöriga",
        "https://helsingborg.se/trygghetsboende",
        "image",
        [("facebook", "11:30")],
        {},
    ),
    (
        "MF",
        "miljo",
        "Så sorterar du matavfallet rätt",
        "Visste du att kaffefilter och tepåsar ska i matavfallet? Se hela listan.",
        "inform",
        "tips",
        ["environment"],
        "Hushåll i Helsingborg",
        "https://helsingborg.se/sortera",
        "video",
        [("instagram", "14:00")],
        {"captions_confirmed": True},
    ),
    (
        "SOF",
        "kommunikator",
        "Öppet hus på gymnasieskolorna",
        "Välkommen på öppet hus! Träffa lärare och elever och se hur det är att plugga hos oss.",
        "activate",
        "tips",
        ["education"],
        "Elever i årskurs 9 och deras föräldrar",
        "https://helsingborg.se/gymnasium",
        "image",
        [("facebook", "13:00"), ("instagram", "18:00")],
        {},
    ),
    (
        "SLF",
        "akn",
        "Helsingborg – årets tillväxtkommun",
        "Helsingborg placerar sig i topp när det gäller nya företag och jobb. Tack alla som bidrar!",
        "inform",
        "development",
        ["business_climate"],
        "Företagare och beslutsfattare i regionen",
        "",
        "image",
        [("linkedin", "10:00")],
        {},
    ),
    (
        "KF",
        "akn",
        "Konsert i Konserthuset: Vårsymfonin",
        "Helsingborgs Symfoniorkester spelar vårens mest efterlängtade program.",
        "activate",
        "place_brand",
        ["culture"],
        "Musikintresserade i nordvästra Skåne",
        "https://helsingborgskonserthus.se",
        "image",
        [("facebook", "16:00")],
        {},
    ),
    (
        "SF",
        "akn",
        "Ring oss om du oroar dig för ett barn",
        "Du kan alltid kontakta oss om du oroar dig för ett barn. Du kan vara anonym.",
        "inform",
        "civic_crisis",
        ["social_issues"],
        "Vuxna i barns närhet",
        "https://helsingborg.se/orosanmalan",
        "text",
        [("facebook", "09:00")],
        {},
    ),
    (
        "MF",
        "miljo",
        "Badvattnet är provtaget – här är resultaten",
        "Alla våra stränder har tjänligt badvatten. Se resultaten för din favoritstrand.",
        "inform",
        "civic_crisis",
        ["environment", "health"],
        "Badgäster",
        "https://helsingborg.se/badvatten",
        "text",
        [("instagram", "09:00")],
        {},
    ),
    (
        "SOF",
        "kommunikator",
        "Fritidsgårdarna har öppet hela lovet",
        "Spel, musik och utflykter – kom förbi din fritidsgård på lovet.",
        "engage",
        "tips",
        ["leisure"],
        "Ungdomar 13–17 år",
        "",
        "image",
        [("instagram", "15:00")],
        {},
    ),
]

ACCOUNT_RULES = {
    "facebook": {"slot_minutes": 60, "min_gap_minutes": 90, "max_posts_per_day": 3},
    "instagram": {"slot_minutes": 60, "min_gap_minutes": 120, "max_posts_per_day": 2},
    "linkedin": {"slot_minutes": 60, "min_gap_minutes": 240, "max_posts_per_day": 1},
}


def _working_days_around(today, before: int, after: int) -> list:
    first = today
    for _ in range(before):
        first = workdays.previous_working_day(first)
    days = [first]
    while len(days) < before + after + 1:
        days.append(workdays.next_working_day(days[-1]))
    return days


@transaction.atomic
def seed(*, stdout=None) -> list:
    citywide = {
        a.platform: a
        for a in SocialAccount.objects.filter(is_citywide=True, platform__in=list(ACCOUNT_RULES))
    }
    if len(citywide) < len(ACCOUNT_RULES):  # accounts' demo has not run: nothing to book on
        return []
    akn = User.objects.filter(username="akn").first()
    for platform, values in ACCOUNT_RULES.items():
        ChannelRule.objects.get_or_create(account=citywide[platform], defaults={**values, "updated_by": akn})
    admins = {a.short_name: a for a in Administration.objects.all()}
    if "SF" in admins:
        KcAgreement.objects.get_or_create(
            administration=admins["SF"],
            defaults={"note": "KC besvarar kommentarer på socialförvaltningens inlägg.", "updated_by": akn},
        )
    users = {u.username: u for u in User.objects.filter(username__in={e[1] for e in ENTRIES})}
    now = timezone.now()
    days = _working_days_around(timezone.localdate(), before=10, after=len(ENTRIES) - 11)
    created = 0
    for index, entry in enumerate(ENTRIES):
        short, username, title = entry[:3]
        if short not in admins or username not in users or Booking.objects.filter(title=title).exists():
            continue
        try:
            with transaction.atomic():  # a time someone booked by hand wins; the demo skips it
                _create(
                    entry,
                    index=index,
                    day=days[index],
                    admins=admins,
                    users=users,
                    citywide=citywide,
                    now=now,
                )
        except IntegrityError:
            continue
        created += 1
    if stdout is not None and created:
        stdout.write(f"calendar: {created} demo bookings")
    return []


def _create(entry, *, index, day, admins, users, citywide, now) -> None:
    zone = ZoneInfo(settings.TIME_ZONE)
    short, username, title, draft, objective, category, topics, target, link, media, slots, flags = entry
    flags = dict(flags)
    if flags.get("is_advertising"):
        flags.update({"ad_starts_on": day, "ad_ends_on": day + timedelta(days=7)})
    booking = Booking.objects.create(
        administration=admins[short],
        author=users[username],
        title=title,
        draft_text=draft,
        objective=objective,
        category=category,
        topics=topics,
        target_group=target,
        link=link,
        media_type=media,
        image_alt_text=f"Bild till inlägget: {title}." if media == "image" else "",
        rights_confirmed=media in ("image", "video"),
        consent_confirmed=media in ("image", "video"),
        **flags,
    )
    BookingLog.objects.create(
        booking=booking,
        actor=users[username],
        action=BookingLog.Action.CREATED,
        at=now - timedelta(days=21),
        changes={"title": title},
    )
    for platform, hhmm in slots:
        account = citywide[platform]
        rule = ChannelRule.for_account(account)
        hours, minutes = (int(part) for part in hhmm.split(":"))
        starts_at = datetime.combine(day, time(hours, minutes), zone)
        ends_at = starts_at + rule.slot_length
        slot = BookingSlot(
            booking=booking,
            account=account,
            starts_at=starts_at,
            ends_at=ends_at,
            blocked_until=ends_at + rule.min_gap,
        )
        if ends_at < now:
            # Most past posts went out; one shows how a missed booking looks.
            if index == 5:
                slot.status = Status.MISSED
            else:
                slot.status = Status.PUBLISHED
                slot.published_at = starts_at + timedelta(minutes=3)
                slot.post_platform_id = f"demo-{booking.pk}-{platform}"
        slot.save()
    statuses = set(booking.slots.values_list("status", flat=True))
    if Status.PUBLISHED in statuses:
        booking.status = Status.PUBLISHED
    elif statuses == {Status.MISSED}:
        booking.status = Status.MISSED
    booking.save(update_fields=["status"])

"""The access matrix's rows for the publishing calendar (see tests/access.py).

Everyone with a role sees the city-wide calendar, including other förvaltningar's titles and
names — by design. The World marks the other förvaltning's name, so the other side's booking lies
90 days back, outside every default period and the feeds' window: here the matrix checks the
object URLs (detail, edit, move, cancel → 404 for another förvaltning). That a booking of another
förvaltning inside the period shows its title but never its draft — on the week, month and list
pages, in the CSV and in the feeds — is asserted in test_views.py and test_feeds.py.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from calendar_booking.models import CalendarFeedToken, KcAgreement
from calendar_booking.services.bookings import SlotTime, booking_create
from tests.access import MARKER, Case, everyone, expect, only_akn

LOGIN_FREE = 200  # the ICS feed answers without a login: the secret is the key


def _future_wednesday(weeks: int) -> datetime:
    day = timezone.localdate() + timedelta(weeks=weeks)
    day += timedelta(days=(2 - day.weekday()) % 7)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _fields(text: str) -> dict:
    return {
        "title": f"Rubrik {text}",
        "draft_text": f"Utkast {text}",
        "objective": "inform",
        "category": "tips",
        "topics": [],
        "target_group": f"Målgrupp {text}",
        "link": "",
        "media_type": "text",
        "expects_high_activity": True,
        "faq_text": f"FAQ {text}",
    }


def build(world):
    own_day = _future_wednesday(3)
    own = booking_create(
        by=world.own.communicator,
        administration=world.own.administration,
        times=[SlotTime(account=world.citywide_account, starts_at=own_day.replace(hour=10))],
        fields=_fields("egen"),
    )
    long_ago = timezone.now() - timedelta(days=90)
    long_ago = long_ago.astimezone(timezone.get_current_timezone()).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    other = booking_create(
        by=world.other.communicator,
        administration=world.other.administration,
        times=[SlotTime(account=world.citywide_account, starts_at=long_ago)],
        fields=_fields(MARKER),
        now=long_ago - timedelta(days=1),
    )
    world.own.booking, world.other.booking = own, other
    world.own.slot, world.other.slot = own.slots.get(), other.slots.get()
    world.own.feed = CalendarFeedToken.objects.create(owner=world.own.communicator, kind="user")
    world.other.feed = CalendarFeedToken.objects.create(owner=world.other.communicator, kind="user")
    world.own.agreement = KcAgreement.objects.create(
        administration=world.own.administration, note="Vi har avtal"
    )
    world.other.agreement = KcAgreement.objects.create(
        administration=world.other.administration, note=f"Avtal {MARKER}"
    )
    world.free_time = _future_wednesday(5).replace(hour=9)


def booking(side):
    return {"pk": side.booking.pk}


def slot(side):
    return {"pk": side.slot.pk}


def feed(side):
    return {"pk": side.feed.pk}


def agreement(side):
    return {"pk": side.agreement.pk}


def account(side):
    return {"account_pk": side.account.pk}


def this_month(side):
    today = timezone.localdate()
    return {"year": today.year, "month": today.month}


def this_week(side):
    year, week, _d = timezone.localdate().isocalendar()
    return {"year": year, "week": week}


def booking_post(side):
    start = _future_wednesday(5).replace(hour=9)
    return {
        "administration": side.administration.pk,
        "title": "Simskola",
        "draft_text": "Anmäl dig!",
        "objective": "inform",
        "category": "tips",
        "target_group": "Föräldrar",
        "media_type": "text",
        "slot0-account": _citywide_pk(side),
        "slot0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
    }


def _citywide_pk(side):
    from accounts.models import SocialAccount

    return SocialAccount.objects.get(platform_id="city-1").pk


def move_post(side):
    start = _future_wednesday(6).replace(hour=14)
    return {"account": _citywide_pk(side), "starts_at": start.strftime("%Y-%m-%dT%H:%M")}


# Who may open a booking: AKN and the förvaltning's people; KC gets the FAQ by mail.
OPEN_OWN = expect(200, kc=404)
OPEN_OTHER = expect(404, akn=200)
# Who may change it: AKN, the förvaltning's communicators and leads.
CHANGE_OWN = expect(403, akn=200, lead=200, communicator=200, kc=404)
CHANGE_OWN_POST = expect(403, akn=302, lead=302, communicator=302, kc=404)
CHANGE_OTHER = expect(404, akn=200)
CHANGE_OTHER_POST = expect(404, akn=302)
BOOKERS = expect(403, akn=200, lead=200, communicator=200)

CASES = [
    Case("calendar_booking:calendar-index", own=everyone(302)),
    Case("calendar_booking:calendar-week", kwargs=this_week, own=everyone(200), other=everyone(200)),
    Case(
        "calendar_booking:calendar-week",
        label="htmx",
        kwargs=this_week,
        headers={"HX-Request": "true"},
        own=everyone(200),
        other=everyone(200),
    ),
    Case("calendar_booking:calendar-month", kwargs=this_month, own=everyone(200), other=everyone(200)),
    Case("calendar_booking:booking-list", own=everyone(200)),
    Case("calendar_booking:booking-export", own=everyone(200)),
    Case("calendar_booking:booking-create", own=BOOKERS),
    Case(
        "calendar_booking:booking-create",
        method="POST",
        data=booking_post,
        own=expect(403, akn=302, lead=302, communicator=302),
    ),
    Case("calendar_booking:booking-detail", kwargs=booking, own=OPEN_OWN, other=OPEN_OTHER),
    Case("calendar_booking:booking-edit", kwargs=booking, own=CHANGE_OWN, other=CHANGE_OTHER),
    Case("calendar_booking:booking-cancel", kwargs=booking, own=CHANGE_OWN, other=CHANGE_OTHER),
    Case(
        "calendar_booking:booking-cancel",
        method="POST",
        kwargs=booking,
        data={"reason": "Inställt"},
        own=CHANGE_OWN_POST,
        other=CHANGE_OTHER_POST,
    ),
    Case("calendar_booking:slot-move", kwargs=slot, own=CHANGE_OWN, other=CHANGE_OTHER),
    Case(
        "calendar_booking:slot-move",
        method="POST",
        kwargs=slot,
        data=move_post,
        own=CHANGE_OWN_POST,
        other=CHANGE_OTHER_POST,
    ),
    Case("calendar_booking:rule-list", own=only_akn(200)),
    Case("calendar_booking:rule-edit", kwargs=account, own=only_akn(200), other=only_akn(200)),
    Case(
        "calendar_booking:rule-edit",
        method="POST",
        kwargs=account,
        data={
            "slot_minutes": 30,
            "min_gap_minutes": 30,
            "max_posts_per_day": 4,
            "allowed_from": "08:00",
            "allowed_until": "20:00",
        },
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("calendar_booking:agreement-list", own=only_akn(200)),
    Case("calendar_booking:agreement-create", own=only_akn(200)),
    Case("calendar_booking:agreement-edit", kwargs=agreement, own=only_akn(200), other=only_akn(200)),
    Case(
        "calendar_booking:agreement-end",
        method="POST",
        kwargs=agreement,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("calendar_booking:feed-list", own=everyone(200)),
    Case("calendar_booking:feed-create", method="POST", data={"kind": "user"}, own=everyone(302)),
    Case(
        "calendar_booking:feed-renew",
        method="POST",
        kwargs=feed,
        own=expect(404, communicator=302),
        other=everyone(404),
    ),
    Case(
        "calendar_booking:feed-delete",
        method="POST",
        kwargs=feed,
        own=expect(404, communicator=302),
        other=everyone(404),
    ),
    Case(
        "calendar_booking:feed-ics",
        kwargs=lambda side: {"secret": side.feed.secret},
        own=everyone(LOGIN_FREE),
        other=everyone(LOGIN_FREE),
        anonymous=LOGIN_FREE,
    ),
]

# Approval, where a förvaltning asks for it: the list is the leads' and AKN's; the decision on a
# booking is its förvaltning's leads' and AKN's (the World's bookings wait for nothing, so a POST
# is answered with the form and its "not awaiting approval" error, and changes nothing).
DECIDE_OWN = expect(403, akn=200, lead=200, kc=404)
DECIDE_OTHER = expect(404, akn=200)
CASES += [
    Case("calendar_booking:approval-list", own=expect(403, akn=200, lead=200)),
    Case("calendar_booking:booking-decide", kwargs=booking, own=DECIDE_OWN, other=DECIDE_OTHER),
    Case(
        "calendar_booking:booking-decide",
        method="POST",
        kwargs=booking,
        data={"decision": "reject", "reason": "Krockar med kampanjen"},
        own=DECIDE_OWN,
        other=DECIDE_OTHER,
    ),
]

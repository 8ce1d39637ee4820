"""Published, missed, edited and the FAQ mail to KC the working day before publication."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from calendar_booking.models import BookingLog, Status
from calendar_booking.services.bookings import booking_update
from calendar_booking.services.kc import faq_mails_send
from calendar_booking.services.slots import booking_slot_publish, booking_slots_mark_missed
from helsocial.outbox.models import OutboxMessage

from .helpers import at, book

pytestmark = pytest.mark.django_db


def test_a_matched_post_publishes_the_slot_and_the_booking(
    communicator, administration, citywide_account, instagram
):
    booking = book(
        communicator, administration, (citywide_account, "2026-11-25 10:00"), (instagram, "2026-11-25 14:00")
    )
    first = booking.slots.get(account=citywide_account)
    booking_slot_publish(slot=first, post_platform_id="123_456", published_at=at("2026-11-25 10:02"))
    booking_slot_publish(
        slot=first, post_platform_id="123_456", published_at=at("2026-11-25 10:02")
    )  # idempotent
    booking.refresh_from_db()
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED and first.post_platform_id == "123_456"
    assert booking.status == Status.PUBLISHED
    assert booking.log.filter(action=BookingLog.Action.PUBLISHED).count() == 1


def test_a_slot_without_a_post_by_its_end_plus_grace_is_missed(
    settings, communicator, administration, citywide_account
):
    settings.CALENDAR_MISSED_GRACE_MINUTES = 60
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))  # ends 11:00
    assert booking_slots_mark_missed(now=at("2026-11-25 11:59")) == 0
    assert booking_slots_mark_missed(now=at("2026-11-25 12:01")) == 1
    assert booking_slots_mark_missed(now=at("2026-11-25 12:02")) == 0
    booking.refresh_from_db()
    assert booking.status == Status.MISSED
    assert booking.slots.get().status == Status.MISSED


def test_editing_logs_what_changed_and_hides_draft_values(communicator, administration, citywide_account):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    booking_update(booking=booking, by=communicator, fields={"title": "Ny rubrik", "draft_text": "Ny text"})
    entry = booking.log.get(action=BookingLog.Action.UPDATED)
    assert entry.changes == {"title": ["Lovaktiviteter i höst", "Ny rubrik"], "draft_text": {"changed": True}}
    assert entry.actor == communicator
    assert booking.slots.get().sequence == 1


def test_turning_on_charged_content_rechecks_the_friday_rule(communicator, administration, citywide_account):
    booking = book(communicator, administration, (citywide_account, "2026-11-27 14:00"))
    with pytest.raises(ValidationError):
        booking_update(booking=booking, by=communicator, fields={"is_charged": True})
    booking_update(booking=booking, by=communicator, fields={"is_charged": True}, acknowledge_charged=True)
    booking.refresh_from_db()
    assert booking.is_charged and booking.charged_acknowledged


def test_another_administration_cannot_edit(other_lead, communicator, administration, citywide_account):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with pytest.raises(PermissionDenied):
        booking_update(booking=booking, by=other_lead, fields={"title": "x"})


def test_the_faq_goes_to_kc_the_working_day_before_and_once(
    settings, communicator, administration, citywide_account
):
    settings.KC_EMAIL = "kc@helsingborg.se"
    # Publication on Tuesday 7 April 2026, after Easter Monday: the working day before is Thursday 2 April.
    booking = book(
        communicator,
        administration,
        (citywide_account, "2026-04-07 10:00"),
        expects_high_activity=True,
        faq_text="Fråga: Varför? Svar: Därför.",
    )
    assert faq_mails_send(now=at("2026-04-01 09:00")) == 0
    assert faq_mails_send(now=at("2026-04-02 08:05")) == 1
    assert faq_mails_send(now=at("2026-04-02 09:05")) == 0
    mail = OutboxMessage.objects.get(key=f"faq:{booking.pk}:2026-04-07")
    assert mail.to == ["kc@helsingborg.se"]
    assert "Därför" in mail.body
    assert booking.log.filter(action=BookingLog.Action.FAQ_SENT).count() == 1


def test_no_faq_mail_without_high_activity(communicator, administration, citywide_account):
    book(communicator, administration, (citywide_account, "2026-11-26 10:00"))
    assert faq_mails_send(now=at("2026-11-25 09:00")) == 0
    assert not OutboxMessage.objects.filter(key__startswith="faq:").exists()


def test_the_beat_schedule_runs_the_calendar_tasks(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "calendar_booking.tasks.faq_mails_send",
        "calendar_booking.tasks.booking_slots_mark_missed",
    } <= tasks

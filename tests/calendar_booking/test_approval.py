"""Approval, where a förvaltning asks for it: a communicator's booking waits for a lead, its times
held; a rejection (with a reason) or the deadline releases them; nobody decides their own booking."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Role
from calendar_booking.log_sentences import sentence
from calendar_booking.models import Approval, BookingLog, BookingSlot, Status
from calendar_booking.services.approval import booking_approvals_expire, booking_approve, booking_reject
from helsocial.outbox.models import OutboxMessage
from tests.factories import UserFactory

from .helpers import at, book

pytestmark = pytest.mark.django_db

SLOT = "2026-11-25 10:00"  # a Wednesday


@pytest.fixture
def approving(administration):
    administration.requires_approval = True
    administration.save()
    return administration


@pytest.fixture
def lead_who_books(administration):
    """A lead who is also the author: the other lead or AKN decides."""
    return UserFactory(username="lead2", first_name="Lars", roles=[(Role.LEAD, administration)])


def _waiting(communicator, administration, account, start=SLOT, now=None):
    return book(communicator, administration, (account, start), **({"now": now} if now else {}))


def test_the_setting_is_off_by_default_and_then_a_booking_needs_no_approval(
    communicator, administration, citywide_account
):
    assert administration.requires_approval is False
    booking = _waiting(communicator, administration, citywide_account)
    assert booking.approval == Approval.NOT_NEEDED and booking.approval_due_at is None
    assert not OutboxMessage.objects.filter(key__startswith="approval-").exists()


def test_a_communicators_booking_waits_with_its_slot_held_and_the_lead_gets_a_mail(
    approving, communicator, lead, other_communicator, other_administration, citywide_account
):
    booking = _waiting(communicator, approving, citywide_account)
    assert booking.approval == Approval.PENDING and booking.status == Status.PLANNED
    # Before the first slot, and within BOOKING_APPROVAL_HOURS working hours.
    assert booking.approval_due_at <= at(SLOT)
    assert booking.slots.get().status == Status.PLANNED
    # The time is held: nobody else gets it.
    with pytest.raises(ValidationError):
        book(other_communicator, other_administration, (citywide_account, SLOT))
    mail = OutboxMessage.objects.get(key=f"approval-wait:{booking.pk}")
    assert mail.to == [lead.email]
    assert "Lovaktiviteter i höst" in mail.subject and "godkännande" in mail.subject
    assert reverse("calendar_booking:booking-decide", args=[booking.pk]) in mail.body


@pytest.mark.postgres
def test_the_database_keeps_counting_a_waiting_bookings_slot(approving, communicator, citywide_account):
    booking = _waiting(communicator, approving, citywide_account)
    held = booking.slots.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingSlot.objects.create(
            booking=booking,
            account=citywide_account,
            starts_at=held.starts_at + timedelta(minutes=30),
            ends_at=held.ends_at + timedelta(minutes=30),
            blocked_until=held.blocked_until + timedelta(minutes=30),
        )


def test_a_leads_and_akns_bookings_need_no_approval(approving, lead, akn_user, citywide_account):
    by_lead = book(lead, approving, (citywide_account, SLOT))
    by_akn = book(akn_user, approving, (citywide_account, "2026-11-25 14:00"))
    assert by_lead.approval == by_akn.approval == Approval.NOT_NEEDED


def test_the_lead_approves_and_the_author_hears_of_it(approving, communicator, lead, citywide_account):
    booking = _waiting(communicator, approving, citywide_account)
    booking_approve(booking=booking, by=lead)
    booking.refresh_from_db()
    assert booking.approval == Approval.APPROVED and booking.status == Status.PLANNED
    assert booking.slots.get().status == Status.PLANNED
    entry = booking.log.get(action=BookingLog.Action.APPROVED)
    assert sentence(entry) == f"{lead.get_full_name()} godkände bokningen."
    mail = OutboxMessage.objects.get(key=f"approval-decided:{booking.pk}")
    assert mail.to == [communicator.email] and "godkändes" in mail.subject
    # Decided once: a second decision is refused in Swedish.
    with pytest.raises(ValidationError, match="väntar inte på godkännande"):
        booking_reject(booking=booking, by=lead, reason="För sent")


def test_a_rejection_needs_a_reason_and_releases_the_slots(
    approving, communicator, lead, other_communicator, other_administration, citywide_account
):
    booking = _waiting(communicator, approving, citywide_account)
    with pytest.raises(ValidationError, match="Skriv varför"):
        booking_reject(booking=booking, by=lead, reason="  ")
    booking_reject(booking=booking, by=lead, reason="Krockar med kampanjen")
    booking.refresh_from_db()
    assert booking.approval == Approval.REJECTED and booking.status == Status.CANCELLED
    assert booking.slots.get().status == Status.CANCELLED
    entry = booking.log.get(action=BookingLog.Action.REJECTED)
    assert (
        sentence(entry)
        == f"{lead.get_full_name()} avslog bokningen: ”Krockar med kampanjen”. Tiderna släpptes."
    )
    mail = OutboxMessage.objects.get(key=f"approval-decided:{booking.pk}")
    assert "Krockar med kampanjen" in mail.body and "avslogs" in mail.subject
    # The time is free again.
    book(other_communicator, other_administration, (citywide_account, SLOT))


def test_nobody_decides_their_own_booking_but_another_lead_or_akn_does(
    approving, lead_who_books, lead, akn_user, communicator, citywide_account
):
    # A lead's own booking needs no approval; a lead who authored a communicator-like booking
    # (made while only a communicator, say) still cannot decide it.
    booking = _waiting(communicator, approving, citywide_account)
    booking.author = lead_who_books
    booking.save()
    with pytest.raises(PermissionDenied):
        booking_approve(booking=booking, by=lead_who_books)
    with pytest.raises(PermissionDenied):
        booking_approve(booking=booking, by=communicator)
    booking_approve(booking=booking, by=akn_user)
    assert booking.approval == Approval.APPROVED


def test_an_author_who_is_akn_cannot_approve_their_own(approving, akn_user, communicator, citywide_account):
    booking = _waiting(communicator, approving, citywide_account)
    with pytest.raises(PermissionDenied):
        booking_approve(booking=booking, by=communicator)
    booking.author = akn_user
    booking.save()
    with pytest.raises(PermissionDenied):
        booking_reject(booking=booking, by=akn_user, reason="Nej")


def test_the_deadline_task_releases_what_nobody_decided(
    approving, communicator, lead, other_communicator, other_administration, citywide_account
):
    booked_at = at("2026-11-23 09:00")  # Monday, working hours 08–17
    booking = _waiting(communicator, approving, citywide_account, start="2026-11-27 10:00", now=booked_at)
    # 24 working hours from Monday 09:00 is Wednesday 15:00 (9 h a day), before Friday's slot.
    assert booking.approval_due_at == at("2026-11-25 15:00")
    assert booking_approvals_expire(now=at("2026-11-25 14:59")) == 0
    assert booking_approvals_expire(now=at("2026-11-25 15:00")) == 1
    assert booking_approvals_expire(now=at("2026-11-25 15:05")) == 0  # once
    booking.refresh_from_db()
    assert booking.approval == Approval.EXPIRED and booking.status == Status.CANCELLED
    assert booking.slots.get().status == Status.CANCELLED
    entry = booking.log.get(action=BookingLog.Action.EXPIRED)
    assert entry.actor is None
    assert sentence(entry) == "Ingen godkände bokningen i tid: tiderna släpptes."
    mail = OutboxMessage.objects.get(key=f"approval-decided:{booking.pk}")
    assert mail.to == [communicator.email] and "inte i tid" in mail.subject
    book(other_communicator, other_administration, (citywide_account, "2026-11-27 10:00"))


def test_the_deadline_is_the_first_slot_when_that_comes_sooner(approving, communicator, citywide_account):
    booking = _waiting(
        communicator, approving, citywide_account, start="2026-11-23 14:00", now=at("2026-11-23 09:00")
    )
    assert booking.approval_due_at == at("2026-11-23 14:00")


def test_the_pages_show_the_waiting_state_in_words_and_the_lead_decides_end_to_end(
    approving, communicator, lead, communicator_client, lead_client, citywide_account
):
    booking = _waiting(communicator, approving, citywide_account)
    detail = reverse("calendar_booking:booking-detail", args=[booking.pk])
    decide = reverse("calendar_booking:booking-decide", args=[booking.pk])
    # The author sees the state but no way to decide.
    page = communicator_client.get(detail).content.decode()
    assert "Väntar på godkännande" in page and decide not in page
    assert communicator_client.get(decide).status_code == 403
    # The week shows the waiting state in words.
    year, week, _d = at(SLOT).isocalendar()
    week_page = lead_client.get(reverse("calendar_booking:calendar-week", args=[year, week])).content.decode()
    assert "Väntar på godkännande" in week_page
    list_page = lead_client.get(reverse("calendar_booking:booking-list")).content.decode()
    assert "Väntar på godkännande" in list_page
    # The lead's list and the decision.
    listing = lead_client.get(reverse("calendar_booking:approval-list")).content.decode()
    assert booking.title in listing and decide in listing
    page = lead_client.get(detail).content.decode()
    assert decide in page
    refused = lead_client.post(decide, {"decision": "reject", "reason": ""})
    assert refused.status_code == 200 and "Skriv varför bokningen avslås." in refused.content.decode()
    response = lead_client.post(decide, {"decision": "approve"})
    assert response.status_code == 302 and response["Location"] == detail
    booking.refresh_from_db()
    assert booking.approval == Approval.APPROVED
    assert "Ingen bokning väntar på godkännande." in (
        lead_client.get(reverse("calendar_booking:approval-list")).content.decode()
    )


def test_akn_turns_the_setting_on_in_the_administration_form(akn_client, administration):
    url = reverse("accounts:administration-edit", args=[administration.pk])
    assert "Bokningar kräver godkännande" in akn_client.get(url).content.decode()
    akn_client.post(
        url, {"name": administration.name, "short_name": "SOF", "is_active": "on", "requires_approval": "on"}
    )
    administration.refresh_from_db()
    assert administration.requires_approval is True


def test_a_waiting_booking_its_author_cancels_leaves_the_list_and_the_sweep(
    approving, communicator, lead, lead_client, citywide_account
):
    from calendar_booking.services.bookings import booking_cancel

    booking = _waiting(communicator, approving, citywide_account)
    booking_cancel(booking=booking, by=communicator, reason="Ändrade planer")
    listing = lead_client.get(reverse("calendar_booking:approval-list")).content.decode()
    assert "Ingen bokning väntar på godkännande." in listing
    assert booking_approvals_expire(now=at(SLOT)) == 0
    with pytest.raises(ValidationError):
        booking_approve(booking=booking, by=lead)
    page = lead_client.get(reverse("calendar_booking:booking-detail", args=[booking.pk])).content.decode()
    assert "Väntar på godkännande" not in page

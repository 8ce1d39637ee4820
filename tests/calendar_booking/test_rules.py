"""The booking rules: gap, per-day cap, allowed hours, the Friday/holiday guard and crisis override."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from calendar_booking.models import BookingLog, BookingSlot, Category, ChannelRule, Status
from helsocial.outbox.models import OutboxMessage

from .helpers import at, book

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> list[str]:
    return [error.code for error in exc.error_list]


def test_a_booking_holds_one_slot_per_account_with_the_rule_length(
    communicator, administration, citywide_account, instagram, rule
):
    booking = book(
        communicator, administration, (citywide_account, "2026-11-25 10:00"), (instagram, "2026-11-25 14:00")
    )
    slots = list(booking.slots.order_by("starts_at"))
    assert [(s.account, s.starts_at, s.ends_at) for s in slots] == [
        (citywide_account, at("2026-11-25 10:00"), at("2026-11-25 11:00")),
        (instagram, at("2026-11-25 14:00"), at("2026-11-25 15:00")),
    ]
    assert slots[0].blocked_until == at("2026-11-25 12:00")  # end + 60 minutes' gap
    assert booking.log.get().action == BookingLog.Action.CREATED


def test_an_overlapping_slot_is_refused_naming_account_and_rule(
    communicator, administration, citywide_account, rule
):
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, "2026-11-25 10:30"))
    assert codes(caught.value) == ["slot_taken"]
    assert "Helsingborgs stad" in caught.value.messages[0]
    assert "minimum gap" in caught.value.messages[0] or "minsta" in caught.value.messages[0].lower()


def test_the_minimum_gap_counts_on_both_sides(communicator, administration, citywide_account, rule):
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"))  # 10–11, gap to 12
    with pytest.raises(ValidationError):
        book(communicator, administration, (citywide_account, "2026-11-25 11:30"))  # inside the gap after
    with pytest.raises(ValidationError):
        book(communicator, administration, (citywide_account, "2026-11-25 08:30"))  # its gap reaches 10:30
    book(communicator, administration, (citywide_account, "2026-11-25 12:00"))  # exactly at the gap's end
    book(communicator, administration, (citywide_account, "2026-11-25 08:00"))  # 8–9, gap until 10
    assert BookingSlot.objects.count() == 3


def test_all_or_nothing_when_one_account_fails(
    communicator, administration, citywide_account, instagram, rule
):
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with pytest.raises(ValidationError) as caught:
        book(
            communicator,
            administration,
            (instagram, "2026-11-25 10:00"),
            (citywide_account, "2026-11-25 10:00"),
        )
    assert len(caught.value.messages) == 1
    assert "Facebook" in caught.value.messages[0]
    assert not BookingSlot.objects.filter(account=instagram).exists()


def test_two_slots_of_one_request_on_one_account_keep_the_gap(
    communicator, administration, citywide_account, rule
):
    with pytest.raises(ValidationError) as caught:
        book(
            communicator,
            administration,
            (citywide_account, "2026-11-25 10:00"),
            (citywide_account, "2026-11-25 11:30"),
        )
    assert "slot_taken" in codes(caught.value)


def test_the_per_day_cap(communicator, administration, citywide_account, rule):
    for start in ("2026-11-25 08:00", "2026-11-25 10:00", "2026-11-25 12:00"):
        book(communicator, administration, (citywide_account, start))
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, "2026-11-25 16:00"))
    assert codes(caught.value) == ["day_full"]
    assert "3" in caught.value.messages[0]
    book(communicator, administration, (citywide_account, "2026-11-26 16:00"))  # the next day is free


def test_a_cancelled_slot_frees_its_time_and_its_place_in_the_day(
    communicator, administration, citywide_account, rule
):
    from calendar_booking.services.bookings import booking_cancel

    first = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    booking_cancel(booking=first, by=communicator)
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    assert BookingSlot.objects.filter(status=Status.CANCELLED).count() == 1


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        ("2026-11-25 06:30", False),
        ("2026-11-25 07:00", True),
        ("2026-11-25 20:00", True),
        ("2026-11-25 20:30", False),
    ],
)
def test_allowed_hours(communicator, administration, citywide_account, rule, start, ok):
    if ok:
        book(communicator, administration, (citywide_account, start))
    else:
        with pytest.raises(ValidationError) as caught:
            book(communicator, administration, (citywide_account, start))
        assert codes(caught.value) == ["hours"]
        assert "07:00–21:00" in caught.value.messages[0]


@pytest.mark.parametrize(
    "start",
    [
        "2026-11-27 13:00",  # a Friday afternoon
        "2026-04-02 12:00",  # Thursday before Långfredagen, exactly at the cut-off
        "2026-12-23 15:00",  # the day before julafton
        "2026-05-13 14:00",  # the day before Kristi himmelsfärdsdag
    ],
)
def test_charged_content_late_before_a_day_off_needs_an_acknowledgement(
    communicator, administration, citywide_account, rule, start
):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, start), is_charged=True)
    assert set(codes(caught.value)) == {"charged_needs_ack"}
    assert not BookingSlot.objects.exists()
    booking = book(
        communicator, administration, (citywide_account, start), is_charged=True, acknowledge_charged=True
    )
    assert booking.charged_acknowledged


@pytest.mark.parametrize(
    "start",
    [
        "2026-11-27 11:59",  # Friday before the cut-off
        "2026-11-26 15:00",  # Thursday before an ordinary weekend
        "2026-04-01 15:00",  # Wednesday before Skärtorsdagen, a working day
    ],
)
def test_charged_content_early_or_mid_week_passes(
    communicator, administration, citywide_account, rule, start
):
    book(communicator, administration, (citywide_account, start), is_charged=True)


def test_uncharged_content_late_on_friday_passes(communicator, administration, citywide_account, rule):
    book(communicator, administration, (citywide_account, "2026-11-27 15:00"))


def test_the_friday_warning_names_the_holiday(communicator, administration, citywide_account, rule):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, "2026-04-02 13:00"), is_charged=True)
    assert "sista arbetsdagen före långfredagen" in caught.value.messages[0]


def test_akn_can_make_the_friday_rule_a_hard_block_per_account(
    communicator, administration, citywide_account, rule
):
    rule.block_late_charged = True
    rule.save()
    with pytest.raises(ValidationError) as caught:
        book(
            communicator,
            administration,
            (citywide_account, "2026-11-27 13:00"),
            is_charged=True,
            acknowledge_charged=True,
        )
    assert codes(caught.value) == ["charged_late"]


def test_a_global_setting_makes_the_friday_rule_a_hard_block(
    settings, communicator, administration, citywide_account, rule
):
    settings.CALENDAR_CHARGED_HARD_BLOCK = True
    with pytest.raises(ValidationError):
        book(
            communicator,
            administration,
            (citywide_account, "2026-12-23 12:30"),
            is_charged=True,
            acknowledge_charged=True,
        )


def test_the_cutoff_is_a_setting(settings, communicator, administration, citywide_account, rule):
    settings.CALENDAR_CHARGED_CUTOFF = "15:00"
    book(communicator, administration, (citywide_account, "2026-11-27 13:00"), is_charged=True)
    with pytest.raises(ValidationError):
        book(communicator, administration, (citywide_account, "2026-11-27 16:00"), is_charged=True)


def test_a_time_in_the_past_is_refused(communicator, administration, citywide_account, rule):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, "2026-11-25 10:00"), now=at("2026-11-25 10:30"))
    assert codes(caught.value) == ["slot_past"]


def test_an_account_of_another_administration_is_not_bookable(communicator, administration, other_account):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (other_account, "2026-11-25 10:00"))
    assert codes(caught.value) == ["account_not_bookable"]


def test_only_bookers_of_the_administration_may_book(
    editor, other_communicator, administration, citywide_account
):
    for person in (editor, other_communicator):
        with pytest.raises(PermissionDenied):
            book(person, administration, (citywide_account, "2026-11-25 10:00"))


def test_target_group_and_faq_are_required(communicator, administration, citywide_account):
    with pytest.raises(ValidationError) as caught:
        book(
            communicator,
            administration,
            (citywide_account, "2026-11-25 10:00"),
            target_group=" ",
            expects_high_activity=True,
        )
    assert set(caught.value.message_dict) == {"target_group", "faq_text"}


def test_defaults_apply_to_an_account_without_a_rule(communicator, administration, citywide_account):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    slot = booking.slots.get()
    assert slot.ends_at - slot.starts_at == ChannelRule(account=citywide_account).slot_length


# --- crisis override -------------------------------------------------------------------------------


def test_crisis_information_by_akn_displaces_and_moves_and_mails(
    akn_user, communicator, administration, city_administration, citywide_account, rule
):
    planned = book(communicator, administration, (citywide_account, "2026-11-25 10:00"), title="Höstlov")
    later = book(communicator, administration, (citywide_account, "2026-11-25 14:00"), title="Bibliotek")
    crisis = book(
        akn_user,
        city_administration,
        (citywide_account, "2026-11-25 10:30"),
        crisis_override=True,
        category=Category.CIVIC_CRISIS,
        title="Eldningsförbud",
        objective="inform",
    )
    moved = planned.slots.get()
    # The crisis post 10:30–11:30 blocks until 12:30; 12:30–13:30 + gap reaches 14:30, the 14:00 post
    # is in the way, so the first free time is after it: 16:00.
    assert moved.status == Status.PLANNED
    assert moved.starts_at == at("2026-11-25 16:00")
    assert moved.sequence == 1
    assert later.slots.get().starts_at == at("2026-11-25 14:00")
    assert crisis.slots.get().starts_at == at("2026-11-25 10:30")
    assert planned.log.filter(action=BookingLog.Action.DISPLACED).exists()
    mail = OutboxMessage.objects.get(key=f"displaced:{moved.pk}:1")
    assert mail.to == [communicator.email]
    assert "Höstlov" in mail.subject
    assert "16:00" in mail.body


def test_a_displaced_booking_with_no_free_time_is_cancelled_and_told(
    akn_user, communicator, administration, city_administration, citywide_account, rule
):
    rule.allowed_from, rule.allowed_until = at("2026-11-25 09:00").time(), at("2026-11-25 12:00").time()
    rule.max_posts_per_day = 1
    rule.save()
    planned = book(communicator, administration, (citywide_account, "2026-11-25 09:00"))
    # Fill the next fourteen days so the displaced post has nowhere to go.
    for day in range(26, 31):
        book(communicator, administration, (citywide_account, f"2026-11-{day} 09:00"))
    for day in range(1, 12):
        book(communicator, administration, (citywide_account, f"2026-12-{day:02d} 09:00"))
    book(
        akn_user,
        city_administration,
        (citywide_account, "2026-11-25 09:30"),
        crisis_override=True,
        category=Category.CIVIC_CRISIS,
    )
    planned.refresh_from_db()
    assert planned.status == Status.CANCELLED
    assert planned.slots.get().status == Status.CANCELLED
    assert OutboxMessage.objects.filter(key__startswith="displaced:", to=[communicator.email]).count() == 1


def test_only_akn_may_override_and_only_for_crisis_information(
    akn_user, communicator, administration, citywide_account, rule
):
    with pytest.raises(PermissionDenied):
        book(
            communicator,
            administration,
            (citywide_account, "2026-11-25 10:00"),
            crisis_override=True,
            category=Category.CIVIC_CRISIS,
        )
    with pytest.raises(PermissionDenied):
        book(
            akn_user,
            administration,
            (citywide_account, "2026-11-25 10:00"),
            crisis_override=True,
            category=Category.TIPS,
        )


def test_crisis_information_without_override_follows_the_rules(
    akn_user, communicator, administration, citywide_account, rule
):
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with pytest.raises(ValidationError):
        book(akn_user, administration, (citywide_account, "2026-11-25 10:00"), category=Category.CIVIC_CRISIS)


# --- the content rules hold for every caller of the service, not only the form ---------------------


def test_a_video_without_captions_is_refused_by_the_service(communicator, administration, citywide_account):
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (citywide_account, "2026-11-25 10:00"), media_type="video")
    assert set(caught.value.message_dict) == {"captions_confirmed"}
    assert not BookingSlot.objects.exists()


def test_images_need_rights_and_consent_in_the_service(communicator, administration, citywide_account):
    with pytest.raises(ValidationError) as caught:
        book(
            communicator,
            administration,
            (citywide_account, "2026-11-25 10:00"),
            rights_confirmed=False,
            consent_confirmed=False,
        )
    assert set(caught.value.message_dict) == {"rights_confirmed", "consent_confirmed"}


def test_an_edit_to_video_needs_the_captions_too(communicator, administration, citywide_account):
    from calendar_booking.services.bookings import booking_update

    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    with pytest.raises(ValidationError) as caught:
        booking_update(booking=booking, by=communicator, fields={"media_type": "video"})
    assert set(caught.value.message_dict) == {"captions_confirmed"}


def test_x_is_never_bookable(communicator, administration, city_administration):
    from tests.factories import SocialAccountFactory

    x = SocialAccountFactory(administration=city_administration, is_citywide=True, platform="x")
    with pytest.raises(ValidationError) as caught:
        book(communicator, administration, (x, "2026-11-25 10:00"))
    assert codes(caught.value) == ["account_not_bookable"]


def test_two_slots_displaced_on_one_account_never_land_on_one_time(
    akn_user, communicator, administration, city_administration, citywide_account, rule
):
    first = book(communicator, administration, (citywide_account, "2026-11-25 10:00"), title="Första")
    second = book(communicator, administration, (citywide_account, "2026-11-25 12:00"), title="Andra")
    book(
        akn_user,
        city_administration,
        (citywide_account, "2026-11-25 10:00"),
        (citywide_account, "2026-11-25 12:00"),
        crisis_override=True,
        category=Category.CIVIC_CRISIS,
    )
    # The crisis posts block until 14:00: the first displaced post takes 14:00, which fills the day
    # (three posts), so the second finds its time the next morning.
    assert first.slots.get().starts_at == at("2026-11-25 14:00")
    assert second.slots.get().starts_at == at("2026-11-26 07:00")
    assert set(BookingSlot.objects.values_list("status", flat=True)) == {Status.PLANNED}

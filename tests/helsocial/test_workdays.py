from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from helsocial.workdays import (
    add_working_hours,
    holiday_name,
    is_day_off,
    is_last_working_day_before_day_off,
    is_working_day,
    is_working_time,
    next_day_off,
    next_working_day,
    previous_working_day,
    working_time_between,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEW_YORK = ZoneInfo("America/New_York")
NINE_HOURS = timedelta(hours=9)

CLOSED_DAYS_2026 = {
    date(2026, 1, 1): "Nyårsdagen",
    date(2026, 1, 6): "Trettondedag jul",
    date(2026, 4, 3): "Långfredagen",
    date(2026, 4, 5): "Påskdagen",
    date(2026, 4, 6): "Annandag påsk",
    date(2026, 5, 1): "Första maj",
    date(2026, 5, 14): "Kristi himmelsfärdsdag",
    date(2026, 5, 24): "Pingstdagen",
    date(2026, 6, 6): "Nationaldagen",
    date(2026, 6, 19): "Midsommarafton",
    date(2026, 6, 20): "Midsommardagen",
    date(2026, 10, 31): "Alla helgons dag",
    date(2026, 12, 24): "Julafton",
    date(2026, 12, 25): "Juldagen",
    date(2026, 12, 26): "Annandag jul",
    date(2026, 12, 31): "Nyårsafton",
}


def sthlm(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


# --- the calendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "name"), CLOSED_DAYS_2026.items(), ids=str)
def test_each_closed_day_of_2026_is_a_day_off_with_its_swedish_name(day, name):
    assert is_day_off(day)
    assert not is_working_day(day)
    assert holiday_name(day) == name


def test_2026_has_exactly_the_sixteen_named_closed_days():
    named = {d: holiday_name(d) for d in days_of(2026) if holiday_name(d) is not None}
    assert named == CLOSED_DAYS_2026


def test_the_three_eves_are_closed_in_2027_as_well():
    assert holiday_name(date(2027, 6, 25)) == "Midsommarafton"
    assert holiday_name(date(2027, 12, 24)) == "Julafton"
    assert holiday_name(date(2027, 12, 31)) == "Nyårsafton"
    assert not is_working_day(date(2027, 12, 31))


def test_an_ordinary_weekday_is_a_working_day_without_a_name():
    assert is_working_day(date(2026, 3, 3))
    assert not is_day_off(date(2026, 3, 3))
    assert holiday_name(date(2026, 3, 3)) is None


def test_an_ordinary_weekend_is_off_but_has_no_holiday_name():
    assert is_day_off(date(2026, 3, 7))
    assert is_day_off(date(2026, 3, 8))
    assert holiday_name(date(2026, 3, 7)) is None
    assert holiday_name(date(2026, 3, 8)) is None


def test_eves_that_are_not_closed_are_working_days():
    # Trettondagsafton, skärtorsdag and the day before Alla helgons dag are ordinary working days.
    assert is_working_day(date(2026, 1, 5))
    assert is_working_day(date(2026, 4, 2))
    assert is_working_day(date(2026, 10, 30))


def test_a_datetime_is_refused_where_a_date_is_expected():
    with pytest.raises(TypeError):
        is_working_day(sthlm(2026, 12, 24, 10))


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 6),  # Friday before a weekend
        date(2026, 4, 2),  # before Långfredagen
        date(2026, 5, 13),  # before Kristi himmelsfärdsdag
        date(2026, 6, 18),  # before Midsommarafton
        date(2026, 12, 23),  # before Julafton
        date(2026, 12, 30),  # before Nyårsafton
        date(2026, 1, 5),  # before Trettondedag jul
        date(2026, 4, 30),  # before Första maj
    ],
    ids=str,
)
def test_the_last_working_day_before_a_day_off_is_recognised(day):
    assert is_last_working_day_before_day_off(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 3),  # an ordinary Tuesday
        date(2026, 3, 7),  # Saturday: not a working day itself
        date(2026, 12, 24),  # Julafton: not a working day itself
        date(2026, 4, 7),  # Tuesday after Easter, Wednesday is a working day
    ],
    ids=str,
)
def test_other_days_are_not_the_last_working_day_before_a_day_off(day):
    assert not is_last_working_day_before_day_off(day)


def test_next_working_day_skips_the_weekend():
    assert next_working_day(date(2026, 3, 6)) == date(2026, 3, 9)


def test_next_working_day_is_strictly_after_a_working_day():
    assert next_working_day(date(2026, 3, 2)) == date(2026, 3, 3)


def test_next_working_day_skips_the_christmas_break():
    assert next_working_day(date(2026, 12, 23)) == date(2026, 12, 28)


def test_next_working_day_skips_the_easter_break():
    assert next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)


def test_previous_working_day_is_strictly_before_a_working_day():
    assert previous_working_day(date(2026, 3, 3)) == date(2026, 3, 2)


def test_previous_working_day_crosses_new_year_and_its_eve():
    assert previous_working_day(date(2027, 1, 4)) == date(2026, 12, 30)


def test_previous_working_day_before_easter_tuesday_is_maundy_thursday():
    assert previous_working_day(date(2026, 4, 7)) == date(2026, 4, 2)


def test_next_day_off_finds_a_holiday_before_the_weekend():
    assert next_day_off(date(2026, 4, 1)) == date(2026, 4, 3)


def test_next_day_off_from_a_monday_is_saturday():
    assert next_day_off(date(2026, 3, 2)) == date(2026, 3, 7)


# --- working time ---------------------------------------------------------------------------------


def test_monday_morning_plus_nine_hours_is_tuesday_same_time():
    assert add_working_hours(sthlm(2026, 3, 2, 10), 9) == sthlm(2026, 3, 3, 10)


def test_friday_afternoon_plus_nine_hours_is_monday_same_time():
    assert add_working_hours(sthlm(2026, 3, 6, 16), 9) == sthlm(2026, 3, 9, 16)


@pytest.mark.parametrize("start", [sthlm(2026, 3, 7, 0, 1), sthlm(2026, 3, 7, 12), sthlm(2026, 3, 8, 23, 59)])
def test_a_weekend_start_with_nine_hours_is_due_monday_at_closing(start):
    assert add_working_hours(start, 9) == sthlm(2026, 3, 9, 17)


def test_a_start_before_opening_counts_from_opening():
    assert add_working_hours(sthlm(2026, 3, 3, 6, 30), 9) == sthlm(2026, 3, 3, 17)


def test_a_start_after_closing_counts_from_next_opening():
    assert add_working_hours(sthlm(2026, 3, 3, 18), 2) == sthlm(2026, 3, 4, 10)


def test_a_start_at_closing_counts_from_next_opening():
    assert add_working_hours(sthlm(2026, 3, 3, 17), 1) == sthlm(2026, 3, 4, 9)


def test_hours_running_out_at_closing_give_closing_not_next_opening():
    assert add_working_hours(sthlm(2026, 3, 6, 16), 1) == sthlm(2026, 3, 6, 17)


def test_fractional_hours_carry_minutes_over_to_the_next_day():
    assert add_working_hours(sthlm(2026, 3, 2, 16), 1.5) == sthlm(2026, 3, 3, 8, 30)


def test_hours_may_be_a_timedelta():
    assert add_working_hours(sthlm(2026, 3, 2, 10), timedelta(minutes=45)) == sthlm(2026, 3, 2, 10, 45)


def test_zero_hours_inside_working_hours_is_the_start_itself():
    assert add_working_hours(sthlm(2026, 3, 2, 10, 15), 0) == sthlm(2026, 3, 2, 10, 15)


def test_zero_hours_before_opening_is_the_opening():
    assert add_working_hours(sthlm(2026, 3, 7, 10), 0) == sthlm(2026, 3, 9, 8)


def test_many_hours_span_several_weeks():
    # 45 working hours a week: 90 hours from Monday 08:00 end on Friday 17:00 a week later.
    assert add_working_hours(sthlm(2026, 3, 2, 8), 90) == sthlm(2026, 3, 13, 17)


def test_a_question_the_afternoon_before_julafton_rolls_over_the_christmas_break():
    assert add_working_hours(sthlm(2026, 12, 23, 15), 9) == sthlm(2026, 12, 28, 15)


def test_a_question_the_afternoon_before_nyarsafton_waits_for_the_new_year():
    assert add_working_hours(sthlm(2026, 12, 30, 16), 9) == sthlm(2027, 1, 4, 16)


def test_a_question_on_maundy_thursday_rolls_over_the_easter_break():
    assert add_working_hours(sthlm(2026, 4, 2, 16), 9) == sthlm(2026, 4, 7, 16)


def test_a_question_the_day_before_midsommarafton_waits_for_monday():
    assert add_working_hours(sthlm(2026, 6, 18, 12), 9) == sthlm(2026, 6, 22, 12)


def test_a_question_before_kristi_himmelsfardsdag_skips_the_holiday():
    assert add_working_hours(sthlm(2026, 5, 13, 16), 9) == sthlm(2026, 5, 15, 16)


def test_a_start_in_another_zone_is_read_as_that_instant():
    # 15:00 UTC is 16:00 in Stockholm in winter.
    assert add_working_hours(datetime(2026, 3, 6, 15, tzinfo=UTC), 9) == sthlm(2026, 3, 9, 16)


def test_the_due_time_is_given_in_stockholm_time():
    due = add_working_hours(datetime(2026, 3, 2, 9, tzinfo=UTC), 1)
    assert due.tzinfo == STOCKHOLM
    assert (due.hour, due.minute) == (11, 0)


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        add_working_hours(datetime(2026, 3, 2, 10), 9)


def test_negative_hours_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_hours(sthlm(2026, 3, 2, 10), -1)


# --- daylight saving ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [date(2026, 3, 30), date(2026, 10, 26), date(2027, 3, 30), date(2027, 11, 1), date(2026, 3, 27)],
    ids=str,
)
def test_a_working_day_next_to_a_daylight_saving_change_has_nine_hours(day):
    start = datetime.combine(day, time(0), STOCKHOLM)
    end = datetime.combine(day + timedelta(days=1), time(0), STOCKHOLM)
    assert working_time_between(start, end) == NINE_HOURS


def test_a_due_time_across_the_spring_change_keeps_the_wall_clock():
    due = add_working_hours(sthlm(2026, 3, 27, 16), 9)
    assert due == sthlm(2026, 3, 30, 16)
    assert due.utcoffset() == timedelta(hours=2)
    assert due == datetime(2026, 3, 30, 14, tzinfo=UTC)


def test_a_due_time_across_the_autumn_change_keeps_the_wall_clock():
    due = add_working_hours(sthlm(2026, 10, 23, 16), 9)
    assert due == sthlm(2026, 10, 26, 16)
    assert due.utcoffset() == timedelta(hours=1)
    assert due == datetime(2026, 10, 26, 15, tzinfo=UTC)


def test_a_due_time_across_easter_and_the_spring_change_of_2027_keeps_the_wall_clock():
    # Långfredagen 2027-03-26, the change on Påskdagen 2027-03-28, Annandag påsk 2027-03-29.
    due = add_working_hours(sthlm(2027, 3, 25, 16), 9)
    assert due == sthlm(2027, 3, 30, 16)
    assert due.utcoffset() == timedelta(hours=2)


def test_a_due_time_across_the_autumn_change_of_2027_keeps_the_wall_clock():
    due = add_working_hours(sthlm(2027, 10, 29, 16), 9)
    assert due == sthlm(2027, 11, 1, 16)
    assert due.utcoffset() == timedelta(hours=1)


def test_a_utc_start_in_the_week_after_the_spring_change_uses_summer_time():
    # 06:00 UTC is 08:00 in Stockholm after the change, so the day is used in full.
    assert add_working_hours(datetime(2026, 3, 30, 6, tzinfo=UTC), 9) == sthlm(2026, 3, 30, 17)


def test_working_time_over_the_spring_change_weekend_counts_two_full_days():
    assert working_time_between(sthlm(2026, 3, 27), sthlm(2026, 3, 31)) == 2 * NINE_HOURS


# --- time elapsed ---------------------------------------------------------------------------------


def test_working_time_between_is_zero_when_end_is_not_after_start():
    assert working_time_between(sthlm(2026, 3, 2, 12), sthlm(2026, 3, 2, 12)) == timedelta(0)
    assert working_time_between(sthlm(2026, 3, 2, 12), sthlm(2026, 3, 2, 10)) == timedelta(0)


def test_working_time_between_counts_only_the_part_inside_working_hours():
    assert working_time_between(sthlm(2026, 3, 2, 6), sthlm(2026, 3, 2, 9, 30)) == timedelta(hours=1.5)


def test_working_time_between_skips_the_weekend():
    assert working_time_between(sthlm(2026, 3, 6, 16), sthlm(2026, 3, 9, 9)) == timedelta(hours=2)


def test_working_time_over_the_christmas_break_counts_only_the_working_days():
    # 23, 28, 29, 30 December 2026 are working days; 24-27 and 31 are not.
    assert working_time_between(sthlm(2026, 12, 23), sthlm(2027, 1, 1)) == 4 * NINE_HOURS


def test_working_time_in_a_week_without_holidays_is_forty_five_hours():
    assert working_time_between(sthlm(2026, 3, 2), sthlm(2026, 3, 9)) == 5 * NINE_HOURS


def test_working_time_between_accepts_ends_in_different_zones():
    start = datetime(2026, 3, 2, 7, tzinfo=UTC)  # 08:00 in Stockholm
    end = datetime(2026, 3, 2, 5, tzinfo=NEW_YORK)  # 11:00 in Stockholm
    assert working_time_between(start, end) == timedelta(hours=3)


def test_the_desk_is_open_from_opening_up_to_closing():
    assert is_working_time(sthlm(2026, 3, 2, 8))
    assert is_working_time(sthlm(2026, 3, 2, 16, 59))
    assert not is_working_time(sthlm(2026, 3, 2, 17))
    assert not is_working_time(sthlm(2026, 3, 2, 7, 59))
    assert not is_working_time(sthlm(2026, 12, 24, 10))


# --- settings -------------------------------------------------------------------------------------


def test_shorter_working_hours_from_settings_are_used(settings):
    settings.WORKING_HOURS_START = "09:00"
    settings.WORKING_HOURS_END = "16:00"
    assert add_working_hours(sthlm(2026, 3, 2, 10), 7) == sthlm(2026, 3, 3, 10)
    assert add_working_hours(sthlm(2026, 3, 2, 8, 30), 1) == sthlm(2026, 3, 2, 10)
    assert working_time_between(sthlm(2026, 3, 2), sthlm(2026, 3, 3)) == timedelta(hours=7)
    assert not is_working_time(sthlm(2026, 3, 2, 8, 30))


def test_missing_working_hours_settings_default_to_eight_to_five(settings):
    del settings.WORKING_HOURS_START
    del settings.WORKING_HOURS_END
    assert add_working_hours(sthlm(2026, 3, 2, 6), 9) == sthlm(2026, 3, 2, 17)


def test_the_zone_comes_from_settings(settings):
    settings.TIME_ZONE = "Europe/Helsinki"
    helsinki = ZoneInfo("Europe/Helsinki")
    due = add_working_hours(datetime(2026, 3, 2, 16, tzinfo=helsinki), 9)
    assert due == datetime(2026, 3, 3, 16, tzinfo=helsinki)
    assert due.tzinfo == helsinki


def test_malformed_working_hours_stop_with_a_configuration_error(settings):
    settings.WORKING_HOURS_START = "8"
    with pytest.raises(ImproperlyConfigured, match="WORKING_HOURS_START"):
        add_working_hours(sthlm(2026, 3, 2, 10), 1)


def test_closing_before_opening_stops_with_a_configuration_error(settings):
    settings.WORKING_HOURS_START = "17:00"
    settings.WORKING_HOURS_END = "08:00"
    with pytest.raises(ImproperlyConfigured):
        working_time_between(sthlm(2026, 3, 2), sthlm(2026, 3, 3))


# --- properties -----------------------------------------------------------------------------------

ZONES = st.sampled_from([STOCKHOLM, UTC, NEW_YORK])
ANY_MOMENT = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31, 23, 59), timezones=ZONES
)
HOURS = st.one_of(
    st.integers(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False),
)
WORKING_DAYS = [d for d in days_of(2026) + days_of(2027) if is_working_day(d)]


@st.composite
def moments_inside_working_hours(draw: st.DrawFn) -> datetime:
    day = draw(st.sampled_from(WORKING_DAYS))
    offset = draw(st.integers(min_value=0, max_value=9 * 3600 * 10**6 - 1))
    local = datetime.combine(day, time(8), STOCKHOLM)
    return (local + timedelta(microseconds=offset)).astimezone(draw(ZONES))


@hypothesis_settings(database=None, deadline=None)
@given(start=moments_inside_working_hours(), hours=HOURS)
def test_working_time_between_undoes_add_working_hours_from_inside_working_hours(start, hours):
    assert is_working_time(start)
    due = add_working_hours(start, hours)
    elapsed = working_time_between(start, due)
    assert abs(elapsed - timedelta(hours=hours)) <= timedelta(microseconds=1)


@hypothesis_settings(database=None, deadline=None)
@given(start=ANY_MOMENT, hours=HOURS)
def test_working_time_between_undoes_add_working_hours_from_any_start(start, hours):
    due = add_working_hours(start, hours)
    assert working_time_between(start, due) == timedelta(hours=hours)
    assert due >= start
    local = due.astimezone(STOCKHOLM)
    assert is_working_day(local.date())
    assert time(8) <= local.time() <= time(17)

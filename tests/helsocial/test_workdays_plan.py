"""The day plans of add_working_hours give exactly what walking the days gives.

`add_working_hours` answers most starts from a cached plan of the start's day; `_walk` is the
definition it shortcuts. Hypothesis tries starts across years (holidays, eves, the daylight-saving
changes, the edges of opening and closing) and amounts from nothing to several weeks.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from helsocial import workdays
from tests.hypothesis_profiles import examples

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _defined(start: datetime, hours: timedelta) -> datetime:
    opening, closing, zone = workdays._working_hours()
    return workdays._walk(start.astimezone(UTC), start.astimezone(zone).date(), hours, opening, closing, zone)


starts = st.one_of(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
    # Exactly at, just before and just after opening and closing, on every kind of day.
    st.builds(
        lambda days, hour, minutes, seconds: (
            datetime(2026, 1, 1, hour, tzinfo=STOCKHOLM)
            + timedelta(days=days, minutes=minutes, seconds=seconds)
        ),
        st.integers(0, 730),
        st.sampled_from([8, 17]),
        st.sampled_from([-1, 0, 1]),
        st.sampled_from([-1, 0, 1]),
    ),
)
amounts = st.one_of(
    st.sampled_from([timedelta(0), timedelta(hours=2), timedelta(hours=9), timedelta(hours=9, seconds=1)]),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
)


@settings(max_examples=examples(3000), deadline=None)
@given(start=starts, hours=amounts)
def test_the_plan_gives_what_walking_the_days_gives(start, hours):
    due = workdays.add_working_hours(start, hours)
    assert due == _defined(start, hours)
    assert due.tzinfo == _defined(start, hours).tzinfo


def test_the_daylight_saving_nights_and_christmas_by_hand():
    for start in (
        datetime(2026, 3, 27, 16, 30, tzinfo=STOCKHOLM),  # Friday before summer time
        datetime(2026, 10, 23, 16, 30, tzinfo=STOCKHOLM),  # Friday before winter time
        datetime(2026, 12, 23, 12, 0, tzinfo=STOCKHOLM),  # the day before julafton
        datetime(2026, 12, 24, 12, 0, tzinfo=STOCKHOLM),  # julafton: closed
    ):
        for hours in (0, 1, 4.5, 9, 24):
            assert workdays.add_working_hours(start, hours) == _defined(start, timedelta(hours=hours))

"""The SLA on the Swedish working-day calendar, and `manage.py due_at`."""

from io import StringIO

import pytest
from django.core.management import call_command

from moderation.sla import due_at, due_for

from .helpers import at


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-11-23 10:00", "2026-11-24T10:00:00+01:00"),  # Monday → Tuesday
        ("2026-11-27 16:00", "2026-11-30T16:00:00+01:00"),  # Friday → Monday
        ("2026-11-28 12:00", "2026-11-30T17:00:00+01:00"),  # Saturday → Monday closing
        ("2026-11-23 07:00", "2026-11-23T17:00:00+01:00"),  # before opening: the whole day
        ("2026-12-23 15:00", "2026-12-28T15:00:00+01:00"),  # julafton, juldagen, annandag, weekend
        ("2026-06-18 12:00", "2026-06-22T12:00:00+02:00"),  # midsommarafton is closed
        ("2026-12-30 12:00", "2027-01-04T12:00:00+01:00"),  # nyårsafton and nyårsdagen
        ("2026-04-02 09:00", "2026-04-07T09:00:00+02:00"),  # Easter: långfredag to annandag påsk
        ("2026-03-27 16:00", "2026-03-30T16:00:00+02:00"),  # over the spring daylight-saving change
        ("2026-10-23 16:00", "2026-10-26T16:00:00+01:00"),  # over the autumn change
    ],
)
def test_questions_are_due_after_nine_working_hours(received, due):
    assert due_at(at(received)).isoformat() == due


def test_the_hours_are_a_setting(settings):
    settings.SLA_WORKING_HOURS = 4
    assert due_at(at("2026-11-23 10:00")).isoformat() == "2026-11-23T14:00:00+01:00"


def test_urgent_comments_run_on_the_short_clock():
    assert due_at(at("2026-11-23 16:00"), urgent=True).isoformat() == "2026-11-24T09:00:00+01:00"
    due = due_for(created_at=at("2026-11-23 16:00"), labels=["threat"], kind="comment", platform="facebook")
    assert due.priority == 0
    assert due.sort_at == due.due_at


def test_a_direct_message_sorts_by_the_messaging_window_when_it_ends_first():
    # Friday 16:00: due Monday 16:00, but Meta closes the window Saturday 16:00.
    due = due_for(created_at=at("2026-11-27 16:00"), labels=["question"], kind="message", platform="facebook")
    assert due.reply_window_ends_at.isoformat() == at("2026-11-28 16:00").isoformat()
    assert due.sort_at == due.reply_window_ends_at
    assert due.due_at.isoformat() == "2026-11-30T16:00:00+01:00"


def test_a_message_sorts_by_due_time_when_that_comes_first(settings):
    settings.SLA_WORKING_HOURS = 2
    due = due_for(created_at=at("2026-11-23 10:00"), labels=[], kind="message", platform="instagram")
    assert due.sort_at == due.due_at


def test_linkedin_has_no_messaging_window():
    due = due_for(created_at=at("2026-11-27 16:00"), labels=[], kind="message", platform="linkedin")
    assert due.reply_window_ends_at is None


def _due_at_command(*args):
    out = StringIO()
    call_command("due_at", *args, stdout=out)
    return out.getvalue().strip()


def test_the_due_at_command_prints_iso_with_the_offset():
    assert _due_at_command("2026-11-27T16:00:00+01:00") == "2026-11-30T16:00:00+01:00"
    assert _due_at_command("2026-11-28T11:00") == "2026-11-30T17:00:00+01:00"
    assert _due_at_command("2026-11-23T09:00:00Z") == "2026-11-24T10:00:00+01:00"


def test_the_due_at_command_refuses_nonsense():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _due_at_command("igår")

"""The booking log as Swedish sentences with local times, instead of the stored JSON.

A log row keeps what changed as data (append-only, for audits); the page reads each row as a sentence:
"Louise Ek bokade Helsingborgs stad (Facebook) onsdag 23 dec 10:00–11:00." Values the log does not
know (an older row's shape) are left out rather than guessed.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Booking, BookingLog
from .rules import local

Action = BookingLog.Action


def _moment(value) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return ""
    return date_format(local(moment), "l j b H:i")


def _slot(data) -> str:
    if not isinstance(data, dict):
        return ""
    start = _moment(data.get("starts_at"))
    end = parse_datetime(data["ends_at"]) if isinstance(data.get("ends_at"), str) else None
    until = f"–{date_format(local(end), 'H:i')}" if end else ""
    return f"{data.get('account_name', '')} {start}{until}".strip()


def _who(entry: BookingLog) -> str:
    if entry.actor is None:
        return _("The portal")
    return entry.actor.get_full_name() or entry.actor.get_username()


def _field_name(name: str) -> str:
    try:
        return str(Booking._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the row was written
        return name


def _value(value) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value in (None, "", []):
        return _("nothing")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def sentence(entry: BookingLog) -> str:
    """One log row as a sentence."""
    who, changes = _who(entry), entry.changes if isinstance(entry.changes, dict) else {}
    if entry.action == Action.CREATED:
        slots = [_slot(s) for s in changes.get("slots", []) if _slot(s)]
        if slots:
            return _("%(who)s booked %(slots)s.") % {"who": who, "slots": "; ".join(slots)}
        return _("%(who)s made the booking.") % {"who": who}
    if entry.action == Action.UPDATED:
        parts = []
        for name, change in sorted(changes.items()):
            if isinstance(change, list) and len(change) == 2:
                parts.append(
                    _("%(field)s from “%(old)s” to “%(new)s”")
                    % {"field": _field_name(name), "old": _value(change[0]), "new": _value(change[1])}
                )
            else:
                parts.append(_field_name(name))
        return _("%(who)s changed %(changes)s.") % {"who": who, "changes": "; ".join(parts)}
    if entry.action == Action.MOVED:
        return _("%(who)s moved %(before)s to %(after)s.") % {
            "who": who,
            "before": _slot(changes.get("from")),
            "after": _slot(changes.get("to")),
        }
    if entry.action == Action.CANCELLED:
        reason = changes.get("reason") or ""
        if reason:
            return _("%(who)s cancelled the booking: “%(reason)s”.") % {"who": who, "reason": reason}
        return _("%(who)s cancelled the booking.") % {"who": who}
    if entry.action == Action.DISPLACED:
        starts = changes.get("starts_at") or [None, None]
        before, after = _moment(starts[0]), _moment(starts[1]) if len(starts) > 1 else ""
        account = changes.get("account_name", "")
        if after:
            return _("Crisis information moved the time on %(account)s from %(before)s to %(after)s.") % {
                "account": account,
                "before": before,
                "after": after,
            }
        return _("Crisis information took the time on %(account)s, %(before)s: it was cancelled.") % {
            "account": account,
            "before": before,
        }
    if entry.action == Action.PUBLISHED:
        return _("Published %(when)s.") % {"when": _moment(changes.get("published_at"))}
    if entry.action == Action.MISSED:
        return _("Not published in time.")
    if entry.action == Action.FAQ_SENT:
        return _("The FAQ was sent to the contact centre.")
    if entry.action == Action.APPROVED:
        return _("%(who)s approved the booking.") % {"who": who}
    if entry.action == Action.REJECTED:
        return _("%(who)s rejected the booking: “%(reason)s”. Its times were released.") % {
            "who": who,
            "reason": changes.get("reason") or "",
        }
    if entry.action == Action.EXPIRED:
        return _("Nobody approved the booking in time: its times were released.")
    return str(entry.get_action_display())

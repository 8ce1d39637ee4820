"""Who may see and change what in the publishing calendar (built on accounts.access).

Everyone with a role sees the whole city-wide calendar: times, titles, accounts and förvaltningar.
A booking's content (draft text, FAQ, target group, log) belongs to its förvaltning: its people
and AKN open it; KC gets the FAQ by e-mail. Another förvaltning's booking is a 404.
Changing a booking takes a communicator or lead of its förvaltning, or AKN (else 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import roles_of
from accounts.models import User

from .models import Booking, BookingSlot, CalendarFeedToken
from .services import BOOKING_ROLES


def can_open_booking(user: User, booking: Booking) -> bool:
    rs = roles_of(user)
    return rs.is_akn or booking.administration_id in rs.administration_ids()


def can_see_draft(user: User, booking: Booking) -> bool:
    rs = roles_of(user)
    return rs.is_akn or booking.administration_id in rs.administration_ids()


def can_change_booking(user: User, booking: Booking) -> bool:
    rs = roles_of(user)
    return rs.is_akn or any(rs.has(role, booking.administration_id) for role in BOOKING_ROLES)


def can_book(user: User) -> bool:
    rs = roles_of(user)
    return rs.is_akn or bool(rs.administration_ids(*BOOKING_ROLES))


def draft_administration_ids(user: User) -> frozenset[int] | None:
    """The förvaltningar whose drafts the user may read; None means all (AKN)."""
    rs = roles_of(user)
    return None if rs.is_akn else rs.administration_ids()


def require_calendar_user(user: User) -> None:
    if not roles_of(user).is_anyone:
        raise PermissionDenied


def get_booking_for_user(user: User, pk: int, *, change: bool = False) -> Booking:
    """The booking if the user may open it (else 404) and, with change=True, change it (else 403)."""
    booking = Booking.objects.select_related("administration", "author").filter(pk=pk).first()
    if booking is None or not can_open_booking(user, booking):
        raise Http404
    if change and not can_change_booking(user, booking):
        raise PermissionDenied
    return booking


def get_slot_for_user(user: User, pk: int, *, change: bool = False) -> BookingSlot:
    slot = BookingSlot.objects.select_related("booking", "account").filter(pk=pk).first()
    if slot is None:
        raise Http404
    get_booking_for_user(user, slot.booking_id, change=change)
    return slot


def get_feed_token_for_user(user: User, pk: int) -> CalendarFeedToken:
    token = CalendarFeedToken.objects.filter(pk=pk, owner=user).first()
    if token is None:
        raise Http404
    return token


def feed_scope_allowed(token: CalendarFeedToken) -> bool:
    """Whether the token's owner still may read the feed's scope (roles change; feeds follow)."""
    owner = token.owner
    if not owner.is_active:
        return False
    rs = roles_of(owner)
    if not rs.is_anyone:
        return False
    if token.kind == CalendarFeedToken.Kind.ADMINISTRATION:
        return rs.is_akn or token.administration_id in rs.administration_ids()
    if token.kind == CalendarFeedToken.Kind.ACCOUNT:
        account = token.account
        return rs.is_akn or account.is_citywide or account.administration_id in rs.administration_ids()
    return True

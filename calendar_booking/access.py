"""Who may see and change what in the publishing calendar: the calendar's part of the access layer,
built on `accounts.access.administrations_visible_to`.

Everyone with a role sees the whole city-wide calendar: times, titles, accounts and förvaltningar.
A booking's content (draft text, FAQ, target group, log) belongs to its förvaltning: its people and
AKN open it; KC gets the FAQ by e-mail. Another förvaltning's booking is a 404. Changing a booking
takes a communicator or lead of its förvaltning, or AKN (else 403). Channel rules and KC agreements
are AKN's. A feed shows what its owner may see, for as long as the owner may.

Every calendar view calls one `access_*` function before anything else; it returns the checked
object (row-locked with `for_update=True` when the request changes it) or raises Http404 /
PermissionDenied. Templates get the booleans computed here, never a role test.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import (
    accounts_visible_to,
    administration_ids_visible_to,
    administrations_for,
    administrations_visible_to,
    roles_of,
)
from accounts.models import Administration, Role, SocialAccount, User

from .models import Approval, Booking, BookingSlot, CalendarFeedToken, KcAgreement, Status

BOOKING_ROLES = (Role.COMMUNICATOR, Role.LEAD)


# --- decisions on roles already read (no query once the request has read them) ---------------------


def may_book_for(user: User, administration_id: int) -> bool:
    rs = roles_of(user)
    return rs.is_akn or any(rs.has(role, administration_id) for role in BOOKING_ROLES)


def may_manage_calendar(user: User) -> bool:
    """The channel rules and the KC agreements are AKN's."""
    return roles_of(user).is_akn


def may_override_capacity(user: User) -> bool:
    """Crisis information may push other bookings aside; only AKN books it that way."""
    return roles_of(user).is_akn


def require_booker(user: User, administration_id: int) -> None:
    """The booking services' own guard, for callers that did not come through a view (tasks, the
    shell): it reads the roles the view's access call has already read, so a request pays nothing."""
    if not may_book_for(user, administration_id):
        raise PermissionDenied


def administrations_bookable_by(user: User) -> QuerySet[Administration]:
    return administrations_for(user, *BOOKING_ROLES)


# --- the pages of the calendar ---------------------------------------------------------------------


class CalendarAccess:
    """What the calendar's pages may offer one person, decided once per request."""

    def __init__(self, user: User):
        rs = roles_of(user)
        self.user = user
        self.can_book = rs.is_akn or bool(rs.administration_ids(*BOOKING_ROLES))
        self.can_manage = may_manage_calendar(user)
        # The list of bookings awaiting approval: the leads' and AKN's.
        self.can_approve = rs.is_akn or bool(rs.administration_ids(Role.LEAD))

    def openable(self) -> QuerySet[Administration]:
        """The förvaltningar whose bookings the person may open; the pages' selectors mark each
        slot with it (`can_open`) in the query that reads the slot."""
        return administrations_visible_to(self.user)

    def openable_ids(self) -> frozenset[int] | None:
        """`openable` as ids from the roles already read (None: every förvaltning), for the rows
        the calendar reads anyway: marked in Python, the slots' query stays simple."""
        return administration_ids_visible_to(self.user)

    def filter_administrations(self) -> QuerySet[Administration]:
        """What the filters offer: the förvaltningar the person sees (all, for AKN)."""
        return administrations_visible_to(self.user)

    def accounts(self) -> QuerySet[SocialAccount]:
        return accounts_visible_to(self.user)

    def own_administration_ids(self) -> list[int]:
        """The förvaltningar where the person holds a role (none for AKN and KC): their accounts
        come first in the calendar. Read from the roles already read, no query."""
        return sorted(roles_of(self.user).administration_ids())


def access_calendar(user: User) -> CalendarAccess:
    """The calendar's pages: anyone with a role."""
    if not roles_of(user).is_anyone:
        raise PermissionDenied
    return CalendarAccess(user)


@dataclass(frozen=True)
class BookingCreateAccess:
    administrations: QuerySet[Administration]  # those the person books for
    can_override_capacity: bool
    can_book_x: bool = False  # AKN lets a booking use the X account


def access_booking_create(user: User) -> BookingCreateAccess:
    if not CalendarAccess(user).can_book:
        raise PermissionDenied
    return BookingCreateAccess(
        administrations=administrations_bookable_by(user),
        can_override_capacity=may_override_capacity(user),
        can_book_x=may_manage_calendar(user),
    )


# --- one booking -----------------------------------------------------------------------------------


def _bookings_visible_to(user: User) -> QuerySet[Booking]:
    return Booking.objects.filter(administration__in=administrations_visible_to(user))


def access_booking(user: User, pk: int) -> Booking:
    """A booking to open: its förvaltning's people and AKN (else 404)."""
    booking = _bookings_visible_to(user).select_related("administration", "author").filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def access_booking_to_change(user: User, pk: int, *, for_update: bool = False) -> Booking:
    """A booking to edit or cancel: 404 as `access_booking`, 403 unless the person books for its
    förvaltning; `for_update` locks its row until the transaction ends."""
    bookings = _bookings_visible_to(user).select_related("administration", "author")
    if for_update:
        bookings = bookings.select_for_update(of=("self",))
    booking = bookings.filter(pk=pk).first()
    if booking is None:
        raise Http404
    if not may_book_for(user, booking.administration_id):
        raise PermissionDenied
    return booking


def access_slot_to_change(user: User, pk: int, *, for_update: bool = False) -> BookingSlot:
    """A slot to move, as `access_booking_to_change` for its booking; `for_update` locks the slot
    and its booking (an edit of the booking and a move of its slot wait for each other)."""
    slots = BookingSlot.objects.filter(
        booking__administration__in=administrations_visible_to(user)
    ).select_related("booking", "booking__administration", "account")
    if for_update:
        slots = slots.select_for_update(of=("self", "booking"))
    slot = slots.filter(pk=pk).first()
    if slot is None:
        raise Http404
    if not may_book_for(user, slot.booking.administration_id):
        raise PermissionDenied
    return slot


def can_change_booking(user: User, booking: Booking) -> bool:
    """Whether the page of a booking `access_booking` let the person open offers edit, move and
    cancel. (Whoever opens a booking reads all of it: draft, FAQ and log are its förvaltning's.)"""
    return may_book_for(user, booking.administration_id) and booking.status != Status.CANCELLED


# --- AKN's settings: channel rules and KC agreements -----------------------------------------------


def access_calendar_settings(user: User) -> None:
    """The lists of channel rules and KC agreements, and a new agreement: AKN only."""
    if not may_manage_calendar(user):
        raise PermissionDenied


def access_channel_rule_account(user: User, account_pk: int, *, for_update: bool = False) -> SocialAccount:
    """The account whose channel rule AKN edits (403 for others, 404 for no such account)."""
    access_calendar_settings(user)
    accounts = SocialAccount.objects.select_related("channel_rule")
    if for_update:
        accounts = accounts.select_for_update(of=("self",))
    account = accounts.filter(pk=account_pk).first()
    if account is None:
        raise Http404
    return account


def access_kc_agreement(user: User, pk: int, *, for_update: bool = False) -> KcAgreement:
    access_calendar_settings(user)
    agreements = KcAgreement.objects.select_related("administration")
    if for_update:
        agreements = agreements.select_for_update(of=("self",))
    agreement = agreements.filter(pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


# --- feeds -----------------------------------------------------------------------------------------


def access_feed_token(user: User, pk: int, *, for_update: bool = False) -> CalendarFeedToken:
    """One of the person's own feed addresses; anyone else's is a 404."""
    tokens = CalendarFeedToken.objects.filter(owner=user)
    if for_update:
        tokens = tokens.select_for_update()
    token = tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


@dataclass(frozen=True)
class FeedAccess:
    token: CalendarFeedToken
    # The förvaltningar whose drafts the feed may carry: the owner's own, or all for AKN.
    draft_administration_ids: frozenset[int]


def access_feed(secret: str) -> FeedAccess:
    """The feed behind a secret address (no login: the secret is the key), for as long as its owner
    may read its scope (roles change; feeds follow), with what the owner may read in it."""
    token = (
        CalendarFeedToken.objects.select_related("owner", "administration", "account")
        .filter(secret=secret)
        .first()
    )
    if token is None or not token.owner.is_active or not roles_of(token.owner).is_anyone:
        raise Http404
    owner = token.owner
    drafts = frozenset(administrations_visible_to(owner).values_list("pk", flat=True))
    if token.kind == CalendarFeedToken.Kind.ADMINISTRATION and token.administration_id not in drafts:
        raise Http404
    if (
        token.kind == CalendarFeedToken.Kind.ACCOUNT
        and not accounts_visible_to(owner).filter(pk=token.account_id).exists()
    ):
        raise Http404
    return FeedAccess(token=token, draft_administration_ids=drafts)


# --- approval, where a förvaltning asks for it -----------------------------------------------------


def may_decide_for(user: User, administration_id: int) -> bool:
    """Who decides a waiting booking: the förvaltning's leads and AKN."""
    rs = roles_of(user)
    return rs.is_akn or rs.has(Role.LEAD, administration_id)


def needs_approval(user: User, administration: Administration) -> bool:
    """A communicator's booking waits where the förvaltning asks for it; a lead's or AKN's does not."""
    return administration.requires_approval and not may_decide_for(user, administration.pk)


def may_decide(user: User, booking: Booking) -> bool:
    """A lead of the booking's förvaltning or AKN, and never the booking's own author."""
    return booking.author_id != user.pk and may_decide_for(user, booking.administration_id)


def can_decide_booking(user: User, booking: Booking) -> bool:
    """Whether the booking's page offers approve and reject."""
    waiting = booking.approval == Approval.PENDING and booking.status != Status.CANCELLED
    return waiting and may_decide(user, booking)


def access_approvals(user: User) -> QuerySet[Booking]:
    """The list of waiting bookings: a lead sees their förvaltningar's, AKN the city's (else 403)."""
    rs = roles_of(user)
    if rs.is_akn:
        return Booking.objects.awaiting_approval()
    leads = rs.administration_ids(Role.LEAD)
    if not leads:
        raise PermissionDenied
    return Booking.objects.awaiting_approval().filter(administration_id__in=leads)


def access_booking_to_decide(user: User, pk: int, *, for_update: bool = False) -> Booking:
    """A booking to approve or reject: 404 as `access_booking`; 403 unless the person is a lead of
    its förvaltning or AKN, and 403 for the booking's own author."""
    bookings = _bookings_visible_to(user).select_related("administration", "author")
    if for_update:
        bookings = bookings.select_for_update(of=("self",))
    booking = bookings.filter(pk=pk).first()
    if booking is None:
        raise Http404
    if not may_decide(user, booking):
        raise PermissionDenied
    return booking

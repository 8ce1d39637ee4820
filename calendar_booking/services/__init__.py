"""Writes to the publishing calendar, one module per concern:

- `bookings`: book, edit, cancel;
- `slots`: the slot rows under their accounts' locks, move, published and missed;
- `matching`: the posts mirrored from the platforms matched to their slots;
- `approval`: approval where a förvaltning asks for it, and its deadline;
- `crisis`: crisis information pushing other bookings aside;
- `feeds`: the secret addresses of the iCalendar feeds;
- `kc`: the contact centre's agreements and the FAQ mail;
- `channel_rules`: AKN's rules per account;
- `log`: the append-only booking log.

Every function is keyword-only and runs in one transaction. The views call an `access_*` function
of `calendar_booking.access` first and hand the checked (and, for a change, locked) object over; the
booking rules themselves live in `calendar_booking.rules` and are checked here, for every caller.
"""

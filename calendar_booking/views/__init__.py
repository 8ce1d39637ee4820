"""The publishing calendar's pages, by family: the calendar itself (`calendar`), one booking
(`bookings`), AKN's settings (`akn`) and the feeds (`feeds`).

Thin: each view calls one `access_*` function of `calendar_booking.access` first, reads through
`selectors`, writes through `services`; htmx requests get the fragment, others the page.
"""

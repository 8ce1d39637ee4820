"""Bad input from the address bar: a 400 page that says, in the person's language, what was wrong.

A view (or a shared piece such as the paging) raises `BadInput` with a translated message when a
value it was given in the URL or the query string cannot be used: a page link edited by hand, a date
that does not exist. Django turns it into the project's 400 page (`helsocial.views.bad_request`),
which shows the message; any other `BadRequest` or `SuspiciousOperation` gets the generic text.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest


class BadInput(BadRequest):
    """A value from the request that cannot be used; the message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

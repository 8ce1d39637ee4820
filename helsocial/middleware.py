"""Middleware of the portal's own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class PrivateCacheMiddleware:
    """Every answer to a logged-in person is `Cache-Control: private, no-store`.

    Pages, fragments and exports show comments, names and drafts that only this person may see: a
    shared proxy must not keep them, and neither may the browser's disk cache (a shared computer at a
    reception desk, the back button after logging out). A view that already says `no-store` (Django's
    `never_cache`) keeps its own header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Asked before the view runs: the answer to "log out" is still the logged-in person's.
        logged_in = request.user.is_authenticated
        response = self.get_response(request)
        if logged_in and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, no-store"
        return response

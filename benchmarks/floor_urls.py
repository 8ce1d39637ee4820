"""The benchmarks' URLconf: the project's URLs plus the framework floor, a page that only renders
the base layout for a logged-in person. It exists only here (harness.bench_urls() installs it with
ROOT_URLCONF), never in the portal's own URLconf."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from helsocial.urls import urlpatterns as portal_urlpatterns


@login_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """What no page of the portal can do without: session, user, middleware, base.html with its menu."""
    return render(request, "base.html")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *portal_urlpatterns]

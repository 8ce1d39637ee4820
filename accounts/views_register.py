"""The public account register ("kanalregister"): the city's open accounts, without a login.

The access layer's `access_public_register` says these pages are public on purpose. Nothing personal
is published: no editor, no applicant, no figure; only what AKN keeps in the register.
"""

from itertools import groupby

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .access import access_public_register

# The register's fields: the same for the page and the feed.
REGISTER_FIELDS = ("name", "platform", "url", "handle", "purpose")


def _entries():
    accounts = access_public_register().only(
        "name", "platform", "url", "handle", "purpose", "is_citywide", "administration__name"
    )
    return [
        (administration, list(group))
        for administration, group in groupby(accounts, key=lambda account: account.administration)
    ]


@require_GET
def register_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register/register.html", {"groups": _entries()})


@require_GET
@cache_control(public=True, max_age=300)
def register_feed(request: HttpRequest) -> HttpResponse:
    """The register as JSON: one object per förvaltning with its accounts."""
    payload = {
        "register": "Helsingborgs stads konton i sociala medier",
        "administrations": [
            {
                "name": administration.name,
                "accounts": [
                    {
                        "name": account.name,
                        "platform": account.platform,
                        "platform_name": str(account.get_platform_display()),
                        "url": account.url,
                        "handle": account.handle,
                        "purpose": account.purpose,
                        "citywide": account.is_citywide,
                    }
                    for account in accounts
                ],
            }
            for administration, accounts in _entries()
        ],
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response

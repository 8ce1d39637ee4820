"""Views that belong to no app: the health check and the 400 page. (Login is
``accounts.views.PortalLoginView``.)"""

import logging

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .errors import BadInput

logger = logging.getLogger(__name__)


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker state. Pages keep working without Redis, so only the database gives 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as exc:
        logger.error("healthz: database unreachable: %s", exc)
        database = "down"
    body = {"database": database, "broker": _broker_state()}
    return JsonResponse(body, status=200 if database == "ok" else 503)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: the reason of a `BadInput`; the generic text for any other bad request."""
    reason = exception.message if isinstance(exception, BadInput) else None
    return render(request, "400.html", {"reason": reason}, status=400)

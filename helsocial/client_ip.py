"""The address a request came from, as django-axes locks it (AXES_CLIENT_IP_CALLABLE).

Behind the TLS proxy of docker-compose every request arrives from the proxy's own address: locking
"username + REMOTE_ADDR" would let anyone lock a known person out for everyone with a few wrong
passwords. Each trusted proxy appends the address it received the request from to X-Forwarded-For,
so with TRUSTED_PROXY_COUNT proxies the client is that many entries from the right; what stands
further left was written by the client itself and is never believed.
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Not through every proxy (a health check on the host's loopback): the connection is the client.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning("X-Forwarded-For entry %r from a trusted proxy is no address", candidate[:100])
        return remote

"""What every fake platform shares: a threaded local HTTP server, a request log and injected faults.

A fake is a real HTTP server (pytest-httpserver on werkzeug) that routes every request to the
platform-specific `handle(request)`. Faults are queued with `fault(kind, times=1, path=...)` and
served before the normal answer, in the platform's own shape (`fault_response(kind)`):

    "429"           rate limited, with the platform's headers and body
    "throttle:<code>" Meta throttling codes (4, 17, 32, 613, 80001) with usage headers
    "500", "503"    server errors
    "truncated"     a 200 whose JSON body is cut off half way
    "empty"         a 200 with no body at all
    "nonjson"       a 200 with an HTML body
    "delay:<s>"     the normal answer, after <s> seconds (past the client's timeout)
    "late:<s>"      the work is done at once, the answer sent <s> seconds later (a lost answer)
    "expired"       the platform's expired-token answer (Meta 190/463, 401)
    "permission"    the platform's missing-permission answer
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


@dataclass
class Seen:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(data), status=status, headers=headers or {}, content_type="application/json")


class FakePlatform:
    #: tokens the fake accepts; anything else is an invalid token
    tokens: set[str]

    def __init__(self, *, threaded: bool = True, delay: float = 0.0):
        self.server = HTTPServer(host="127.0.0.1", port=0, threaded=threaded)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)
        self.seen: list[Seen] = []
        self.faults: deque[tuple[str, re.Pattern | None]] = deque()
        self.lock = threading.Lock()
        self.delay = delay  # every answer takes this long (the benchmark's 100 ms platform)
        self.in_flight = 0
        self.max_in_flight = 0
        self.tokens = {"good-token"}

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakePlatform:
        self.server.start()
        return self

    def stop(self) -> None:
        if self.server.is_running():
            self.server.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    # --- faults -------------------------------------------------------------------------------

    def fault(self, kind: str, *, times: int = 1, path: str | None = None) -> None:
        with self.lock:
            for _ in range(times):
                self.faults.append((kind, re.compile(path) if path else None))

    def _take_fault(self, path: str) -> str | None:
        with self.lock:
            for i, (kind, pattern) in enumerate(self.faults):
                if pattern is None or pattern.search(path):
                    del self.faults[i]
                    return kind
        return None

    # --- dispatch -----------------------------------------------------------------------------

    def bearer(self, request: Request) -> str | None:
        header = request.headers.get("Authorization", "")
        return header[7:] if header.startswith("Bearer ") else None

    def _dispatch(self, request: Request) -> Response:
        with self.lock:
            self.seen.append(
                Seen(
                    request.method,
                    request.path,
                    request.query_string.decode(),
                    dict(request.headers),
                    request.get_data(),
                )
            )
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            kind = self._take_fault(request.path)
            if kind is not None:
                if kind.startswith("delay:"):
                    time.sleep(float(kind.split(":", 1)[1]))
                elif kind.startswith("late:"):
                    # The platform does the work, but its answer arrives after our timeout.
                    response = self.handle(request)
                    time.sleep(float(kind.split(":", 1)[1]))
                    return response
                else:
                    return self.fault_response(kind, request)
            return self.handle(request)
        finally:
            with self.lock:
                self.in_flight -= 1

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def fault_response(self, kind: str, request: Request) -> Response:
        if kind in {"500", "503"}:
            return Response(
                "<html><body>Service Unavailable</body></html>", status=int(kind), content_type="text/html"
            )
        if kind == "truncated":
            return Response('{"data":[{"id":"1","message":"Hej', status=200, content_type="application/json")
        if kind == "empty":
            return Response(b"", status=200, content_type="application/json")
        if kind == "nonjson":
            return Response("<html>Bad gateway</html>", status=200, content_type="text/html")
        raise ValueError(f"unknown fault {kind!r}")

    # --- questions tests ask ------------------------------------------------------------------

    def calls(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        pattern = re.compile(path) if path else None
        return [
            s
            for s in self.seen
            if (method is None or s.method == method) and (pattern is None or pattern.search(s.path))
        ]

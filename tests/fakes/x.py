"""A fake X API v2 (docs/platform-apis.md §5): posting, reading, problem-JSON errors, rate-limit headers.

It refuses a post whose text it already has with X's 403 "duplicate content" answer, and counts
the weighted length itself (a post over 280 is a 400), so a test sees what X would do.
"""

from __future__ import annotations

import itertools
import threading
import time

from werkzeug import Request, Response

from .base import FakePlatform, json_response


def problem(status: int, title: str, detail: str, headers=None) -> Response:
    return json_response(
        {"title": title, "type": "about:blank", "status": status, "detail": detail}, status, headers
    )


class FakeX(FakePlatform):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.posted: list[dict] = []
        self.tweets: dict[str, dict] = {}
        self.ids = itertools.count(1445880548472328192)
        self.post_lock = threading.Lock()
        self.window_remaining = 100
        self.followers_count = 5120

    def rate_headers(self) -> dict[str, str]:
        return {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": str(self.window_remaining),
            "x-rate-limit-reset": str(int(time.time()) + 900),
        }

    def fault_response(self, kind: str, request: Request) -> Response:
        if kind == "429":
            headers = self.rate_headers() | {
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(int(time.time()) + 1),
            }
            return problem(429, "Too Many Requests", "Too Many Requests", headers)
        if kind == "429:v1":
            headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 1)}
            return json_response({"errors": [{"code": 88, "message": "Rate limit exceeded"}]}, 429, headers)
        if kind == "expired":
            return problem(401, "Unauthorized", "Unauthorized")
        if kind == "permission":
            return problem(403, "Forbidden", "You are not permitted to perform this action.")
        return super().fault_response(kind, request)

    def handle(self, request: Request) -> Response:
        from platforms.x import MAX_WEIGHTED_LENGTH, weighted_length

        token = self.bearer(request)
        if not token or token not in self.tokens:
            return problem(401, "Unauthorized", "Unauthorized")
        if request.path == "/2/tweets" and request.method == "POST":
            text = request.get_json()["text"]
            if weighted_length(text) > MAX_WEIGHTED_LENGTH:
                return problem(400, "Invalid Request", "One or more parameters to your request was invalid.")
            with self.post_lock:
                if any(p["text"] == text for p in self.posted):
                    return problem(
                        403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
                    )
                tweet = {"id": str(next(self.ids)), "text": text}
                self.posted.append(tweet)
            return json_response({"data": tweet}, 201, self.rate_headers())
        if request.path == "/2/tweets" and request.method == "GET":
            ids = request.args.get("ids", "").split(",")
            data = [self.tweets[i] for i in ids if i in self.tweets]
            return json_response({"data": data}, 200, self.rate_headers())
        if request.path.startswith("/2/users/") and request.path.endswith("/tweets"):
            start = request.args.get("start_time", "")
            data = [
                t for t in self.tweets.values() if t["created_at"] >= start and "conversation_id" not in t
            ]
            return self.page(request, data, "pagination_token")
        if request.path == "/2/tweets/search/recent":
            conversation = request.args.get("query", "").removeprefix("conversation_id:")
            data = [t for t in self.tweets.values() if t.get("conversation_id") == conversation]
            return self.page(request, data, "next_token", users=True)
        if request.path.startswith("/2/users/"):
            return json_response(
                {
                    "data": {
                        "id": "42",
                        "username": "helsingborg",
                        "public_metrics": {"followers_count": self.followers_count},
                    }
                }
            )
        return problem(404, "Not Found Error", f"Could not find {request.path}")

    def page(self, request: Request, data: list[dict], token_param: str, users: bool = False) -> Response:
        size = int(request.args.get("max_results", 10))
        offset = int(request.args.get(token_param, "0") or 0)
        chunk = data[offset : offset + size]
        meta = {"result_count": len(chunk)}
        if offset + size < len(data):
            meta["next_token"] = str(offset + size)
        body = {"data": chunk, "meta": meta}
        if users:
            body["includes"] = {
                "users": [{"id": t["author_id"], "username": f"user{t['author_id']}"} for t in chunk]
            }
        return json_response(body, 200, self.rate_headers())

    def has_post(self, post_id: str, *, text: str, created_at: str, metrics: dict | None = None) -> None:
        self.tweets[post_id] = {"id": post_id, "text": text, "created_at": created_at, "author_id": "42"}
        if metrics is not None:
            self.tweets[post_id]["public_metrics"] = metrics

    def has_reply(
        self, post_id: str, reply_id: str, *, text: str, created_at: str, author: str, to: str
    ) -> None:
        self.tweets[reply_id] = {
            "id": reply_id,
            "text": text,
            "created_at": created_at,
            "author_id": author,
            "conversation_id": post_id,
            "referenced_tweets": [{"type": "replied_to", "id": to}],
        }

"""A fake LinkedIn Community Management API (docs/platform-apis.md §4).

It insists on what LinkedIn insists on: a Bearer token, `LinkedIn-Version` (a retired or missing
version is a 426 NONEXISTENT_VERSION) and `X-Restli-Protocol-Version: 2.0.0`, URNs percent-encoded
in paths and queries. Paging is `start`/`count`/`total`.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import unquote

from werkzeug import Request, Response

from .base import FakePlatform, json_response

SUPPORTED_VERSIONS = {"202509", "202512", "202603", "202606", "202609"}


def li_error(status: int, code: str, message: str, service_code: int | None = None, headers=None) -> Response:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if service_code is not None:
        body["serviceErrorCode"] = service_code
    return json_response(body, status=status, headers=headers)


class FakeLinkedIn(FakePlatform):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.posts: dict[str, list[dict]] = {}  # author URN -> posts, newest change first
        self.comments: dict[str, list[dict]] = {}  # object URN -> comments
        self.stats: dict[str, dict] = {}  # post URN -> totalShareStatistics
        self.followers: dict[str, int] = {}
        self.reactions: list[dict] = []
        self.ids = itertools.count(800)

    def has_post(self, org: str, urn: str, *, ms: int, text: str = "", link: str = "") -> None:
        post: dict[str, Any] = {
            "id": urn,
            "author": org,
            "commentary": text,
            "createdAt": ms,
            "publishedAt": ms,
            "lastModifiedAt": ms,
            "lifecycleState": "PUBLISHED",
            "visibility": "PUBLIC",
        }
        if link:
            post["content"] = {"article": {"source": link, "title": "Helsingborg"}}
        items = self.posts.setdefault(org, [])
        items.append(post)
        items.sort(key=lambda p: -p["lastModifiedAt"])

    def has_comment(
        self, activity: str, comment_id: str, *, text: str, ms: int, actor: str = "urn:li:person:A"
    ) -> None:
        self.comments.setdefault(activity, []).append(
            {
                "id": comment_id,
                "commentUrn": f"urn:li:comment:({activity},{comment_id})",
                "actor": actor,
                "object": activity,
                "message": {"text": text},
                "created": {"time": ms, "actor": actor},
                "lastModified": {"time": ms, "actor": actor},
            }
        )

    def fault_response(self, kind: str, request: Request) -> Response:
        if kind == "429":
            return li_error(
                429,
                "TOO_MANY_REQUESTS",
                "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
                101,
            )
        if kind == "429:retry-after":
            return li_error(429, "TOO_MANY_REQUESTS", "Too many requests.", 101, headers={"Retry-After": "1"})
        if kind == "expired":
            return li_error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65601)
        if kind == "permission":
            return li_error(
                403,
                "ACCESS_DENIED",
                "Not enough permissions to access: partnerApiPostsExternal.GET.20260901",
                100,
            )
        if kind == "500":
            return li_error(500, "INTERNAL_SERVER_ERROR", "Internal Server Error")
        return super().fault_response(kind, request)

    def handle(self, request: Request) -> Response:
        token = self.bearer(request)
        if not token or token not in self.tokens:
            return li_error(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600)
        version = request.headers.get("LinkedIn-Version")
        if version not in SUPPORTED_VERSIONS:
            return li_error(426, "NONEXISTENT_VERSION", f"Requested version {version} is not active")
        if request.headers.get("X-Restli-Protocol-Version") != "2.0.0":
            return li_error(400, "ILLEGAL_ARGUMENT", "Missing X-Restli-Protocol-Version: 2.0.0")
        raw_path = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        raw_path = raw_path.split("?", 1)[0]
        query = request.query_string.decode()
        if ":" in raw_path.replace("http://", "") or re.search(
            r"[=&](author|actor|organizationalEntity)=urn:", "&" + query
        ):
            return li_error(400, "ILLEGAL_ARGUMENT", "URNs must be URL-encoded")
        path = request.path
        args = request.args
        start = int(args.get("start", 0))
        count = int(args.get("count", 10))
        if path == "/rest/posts" and request.method == "GET":
            if args.get("q") != "author":
                return li_error(400, "ILLEGAL_ARGUMENT", "q=author required")
            items = self.posts.get(args.get("author", ""), [])
            return self.page(items, start, count)
        match = re.fullmatch(r"/rest/socialActions/([^/]+)/comments(?:/([^/]+))?", path)
        if match:
            obj = unquote(match[1])
            if request.method == "GET":
                return self.page(self.comments.get(obj, []), start, count)
            if request.method == "POST":
                body = request.get_json()
                new_id = str(next(self.ids))
                self.has_comment(
                    obj, new_id, text=body["message"]["text"], ms=1790000000000, actor=body["actor"]
                )
                self.comments[obj][-1]["parentComment"] = body.get("parentComment")
                created = self.comments[obj][-1]
                return json_response(created, status=201, headers={"x-restli-id": new_id})
            if request.method == "DELETE":
                if "actor" not in args:
                    return li_error(400, "ILLEGAL_ARGUMENT", "actor required")
                self.comments[obj] = [c for c in self.comments.get(obj, []) if c["id"] != match[2]]
                return Response(status=204)
        if path == "/rest/reactions" and request.method == "POST":
            self.reactions.append({"actor": args.get("actor"), **request.get_json()})
            return Response(status=201)
        if path == "/rest/organizationalEntityShareStatistics":
            found = re.search(r"(?:shares|ugcPosts)=List\(([^)]*)\)", query)
            if not found:
                return li_error(400, "ILLEGAL_ARGUMENT", "shares=List(...) required")
            elements = []
            for urn in (unquote(u) for u in found[1].split(",") if u):
                if urn in self.stats:
                    key = "share" if ":share:" in urn else "ugcPost"
                    elements.append(
                        {
                            key: urn,
                            "organizationalEntity": args.get("organizationalEntity"),
                            "totalShareStatistics": self.stats[urn],
                        }
                    )
            return json_response({"paging": {"start": 0, "count": 10, "links": []}, "elements": elements})
        match = re.fullmatch(r"/rest/networkSizes/([^/]+)", path)
        if match:
            return json_response({"firstDegreeSize": self.followers.get(unquote(match[1]), 0)})
        return li_error(404, "NOT_FOUND", f"No resource {path}")

    def page(self, items: list[dict], start: int, count: int) -> Response:
        return json_response(
            {
                "paging": {"start": start, "count": count, "total": len(items), "links": []},
                "elements": items[start : start + count],
            }
        )

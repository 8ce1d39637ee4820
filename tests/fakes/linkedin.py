"""A fake LinkedIn Community Management API (docs/platform-apis.md §4).

It insists on what LinkedIn insists on: a Bearer token, `LinkedIn-Version` (a retired or missing
version is a 426 NONEXISTENT_VERSION) and `X-Restli-Protocol-Version: 2.0.0`, URNs percent-encoded
in paths and queries. Paging is `start`/`count`/`total`.

Mentions: `organizationalEntityNotifications?q=criteria` serves the organisation's notifications
(the pull finder of Organization Social Action Notifications) filtered by `actions=List(...)` and
`timeRange=(start:MS,end:MS)`, newest first; a post that mentions the organisation is also a post of
its author, readable at `GET /rest/posts/{enc urn}`, and its comments may tag the organisation in
`message.attributes`.
"""

from __future__ import annotations

import datetime as dt
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
        # org -> UTC day -> totalShareStatistics of all the organisation's posts that day
        self.org_stats: dict[str, dict[dt.date, dict]] = {}
        self.follower_gains: dict[
            str, dict[dt.date, tuple[int, int]]
        ] = {}  # org -> UTC day -> (organic, paid)
        self.reactions: list[dict] = []
        self.notifications: list[dict] = []  # newest first
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
        self,
        activity: str,
        comment_id: str,
        *,
        text: str,
        ms: int,
        actor: str = "urn:li:person:A",
        tags: tuple[str, ...] = (),
        parent: str | None = None,
    ) -> None:
        """A comment on `activity`; `tags` are the URNs its text mentions (message.attributes)."""
        message: dict[str, Any] = {"text": text}
        if tags:
            message["attributes"] = [
                {"start": 0, "length": min(len(text), 10), "value": {_attribute_key(urn): urn}}
                for urn in tags
            ]
        comment = {
            "id": comment_id,
            "commentUrn": f"urn:li:comment:({activity},{comment_id})",
            "actor": actor,
            "object": activity,
            "message": message,
            "created": {"time": ms, "actor": actor},
            "lastModified": {"time": ms, "actor": actor},
        }
        if parent:
            comment["parentComment"] = parent
        self.comments.setdefault(activity, []).append(comment)

    def has_share_mention(
        self,
        org: str,
        post_urn: str,
        *,
        text: str,
        ms: int,
        author: str = "urn:li:person:B",
        decorated: bool = True,
    ) -> dict:
        """A member's post tagging `org`: the post itself, and the SHARE_MENTION notification of it.

        `decorated=False` leaves `decoratedGeneratedActivity` out, as in LinkedIn's plainest sample.
        """
        self.has_post(author, post_urn, ms=ms, text=text)
        note: dict[str, Any] = {
            "notificationId": next(self.ids) * 1000 + 44,
            "action": "SHARE_MENTION",
            "organizationalEntity": org,
            "generatedActivity": post_urn,
            "sourcePost": post_urn,
            "actor": author,
            "lastModifiedAt": ms,
        }
        if decorated:
            note["decoratedGeneratedActivity"] = {
                "share": {"owner": author, "text": text, "entity": post_urn, "mediaCategory": "NONE"}
            }
        self.notifications.append(note)
        self.notifications.sort(key=lambda n: -n["lastModifiedAt"])
        return note

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
        if path == "/rest/organizationalEntityNotifications" and request.method == "GET":
            return self.notifications_page(args, query, start, count)
        match = re.fullmatch(r"/rest/posts/([^/]+)", path)
        if match and request.method == "GET":
            urn = unquote(match[1])
            for post in (p for items in self.posts.values() for p in items):
                if post["id"] == urn:
                    return json_response(post)
            return li_error(404, "NOT_FOUND", f"Post {urn} not found")
        if path == "/rest/reactions" and request.method == "POST":
            self.reactions.append({"actor": args.get("actor"), **request.get_json()})
            return Response(status=201)
        if path == "/rest/organizationalEntityShareStatistics":
            found = re.search(r"(?:shares|ugcPosts)=List\(([^)]*)\)", query)
            if not found and "timeIntervals=" in query:
                return self.org_share_statistics(args, query)
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
        if path == "/rest/organizationalEntityFollowerStatistics" and request.method == "GET":
            return self.follower_statistics(args, query)
        match = re.fullmatch(r"/rest/networkSizes/([^/]+)", path)
        if match:
            return json_response({"firstDegreeSize": self.followers.get(unquote(match[1]), 0)})
        return li_error(404, "NOT_FOUND", f"No resource {path}")

    def notifications_page(self, args, query: str, start: int, count: int) -> Response:
        if args.get("q") != "criteria" or not args.get("organizationalEntity"):
            return li_error(400, "ILLEGAL_ARGUMENT", "q=criteria and organizationalEntity required")
        # Rest.li 2.0: the list and the range arrive literal (an encoded parenthesis is not a list).
        actions = re.search(r"(?:^|&)actions=List\(([A-Z_,]*)\)", query)
        if not actions:
            return li_error(400, "ILLEGAL_ARGUMENT", "actions=List(...) required")
        wanted = set(actions[1].split(","))
        unknown = wanted - {"LIKE", "COMMENT", "SHARE", "SHARE_MENTION", "ADMIN_COMMENT", "COMMENT_EDIT",
                            "COMMENT_DELETE"}  # fmt: skip
        if unknown:
            return li_error(400, "ILLEGAL_ARGUMENT", f"Unknown actions {sorted(unknown)}")
        low, high = 0, 2**63
        time_range = re.search(r"(?:^|&)timeRange=\(start:(\d+),end:(\d+)\)", query)
        if "timeRange=" in query and not time_range:
            return li_error(400, "ILLEGAL_ARGUMENT", "timeRange=(start:MS,end:MS) expected")
        if time_range:
            low, high = int(time_range[1]), int(time_range[2])
        items = [
            n
            for n in self.notifications
            if n["organizationalEntity"] == args["organizationalEntity"]
            and n["action"] in wanted
            and low <= n["lastModifiedAt"] <= high
        ]
        return self.page(items, start, count)

    def org_share_statistics(self, args, query: str) -> Response:
        """The organisation's share statistics per DAY or MONTH of `timeIntervals` (organic only):
        a MONTH element adds up its days (a unique count summed, as the fake cannot know better)."""
        interval = re.search(
            r"timeIntervals=\(timeRange:\(start:(\d+),end:(\d+)\),timeGranularityType:(DAY|MONTH)\)", query
        )
        if not interval:
            return li_error(
                400, "ILLEGAL_ARGUMENT", "timeIntervals=(timeRange:(start:MS,end:MS),...) expected"
            )
        low, high, granularity = int(interval[1]), int(interval[2]), interval[3]
        org = args.get("organizationalEntity", "")
        buckets: dict[dt.date, dict] = {}
        for day, stats in sorted(self.org_stats.get(org, {}).items()):
            start = int(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC).timestamp() * 1000)
            if not low <= start < high:
                continue
            key = day if granularity == "DAY" else day.replace(day=1)
            bucket = buckets.setdefault(key, {})
            for name, value in stats.items():
                bucket[name] = bucket.get(name, 0) + value
        elements = []
        for key, stats in buckets.items():
            start = dt.datetime.combine(key, dt.time.min, tzinfo=dt.UTC)
            if granularity == "DAY":
                end = start + dt.timedelta(days=1)
            else:
                end = (start + dt.timedelta(days=32)).replace(day=1)
            elements.append(
                {
                    "organizationalEntity": org,
                    "timeRange": {"start": int(start.timestamp() * 1000), "end": int(end.timestamp() * 1000)},
                    "totalShareStatistics": stats,
                }
            )
        return json_response({"paging": {"start": 0, "count": 10, "links": []}, "elements": elements})

    def follower_statistics(self, args, query: str) -> Response:
        """With `timeIntervals` (literal, Rest.li 2.0): one element per UTC day of the range with
        `followerGains`; a day without gains is left out, as LinkedIn leaves out empty days."""
        if args.get("q") != "organizationalEntity" or not args.get("organizationalEntity"):
            return li_error(400, "ILLEGAL_ARGUMENT", "q=organizationalEntity required")
        interval = re.search(
            r"timeIntervals=\(timeRange:\(start:(\d+),end:(\d+)\),timeGranularityType:(DAY|MONTH)\)", query
        )
        if not interval:
            return li_error(
                400, "ILLEGAL_ARGUMENT", "timeIntervals=(timeRange:(start:MS,end:MS),...) expected"
            )
        low, high = int(interval[1]), int(interval[2])
        org = args["organizationalEntity"]
        elements = []
        for day, (organic, paid) in sorted(self.follower_gains.get(org, {}).items()):
            start = int(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC).timestamp() * 1000)
            if low <= start < high:
                elements.append(
                    {
                        "organizationalEntity": org,
                        "timeRange": {"start": start, "end": start + 86_400_000},
                        "followerGains": {"organicFollowerGain": organic, "paidFollowerGain": paid},
                    }
                )
        return json_response({"paging": {"start": 0, "count": 10, "links": []}, "elements": elements})

    def page(self, items: list[dict], start: int, count: int) -> Response:
        return json_response(
            {
                "paging": {"start": start, "count": count, "total": len(items), "links": []},
                "elements": items[start : start + count],
            }
        )


def _attribute_key(urn: str) -> str:
    # The versioned Comments API names the tagged entity by its kind.
    return "organization" if urn.startswith("urn:li:organization:") else "member"

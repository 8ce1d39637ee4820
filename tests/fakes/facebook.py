"""A fake Meta Graph API (Facebook Pages), speaking the JSON of docs/platform-apis.md §1.

Any `/v<N>.0/` prefix is accepted. Paging is Meta's: `cursors.after` and a `next` link, which (as
Meta does for a token given in the query) carries `access_token` when the request had one; the
fake also puts the bearer token in `next` when `echo_token_in_next` is set, so a test can prove
the client strips it. Retired metrics fail the whole insights call with code 100, as Meta does.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import re
import zoneinfo
from typing import Any
from urllib.parse import urlencode

from werkzeug import Request, Response

from .base import FakePlatform, json_response

VERSION = re.compile(r"^/v\d+\.0(?P<rest>/.*)?$")

RETIRED_METRICS = {
    "page_impressions",
    "page_impressions_unique",
    "page_impressions_paid",
    "page_impressions_organic",
    "page_fans",
    "page_fan_adds",
    "page_posts_impressions",
    "page_posts_impressions_unique",
    "post_impressions",
    "post_impressions_unique",
    "post_impressions_paid",
    "post_impressions_organic",
    # Instagram, 21 Apr 2025
    "impressions",
    "plays",
    "clips_replays_count",
    "ig_reels_aggregated_all_plays_count",
    "video_views",
}


def meta_error(
    code: int, message: str, *, subcode: int | None = None, status: int = 400, headers=None
) -> Response:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "EJplcsCHuLu",
    }
    if subcode:
        error["error_subcode"] = subcode
    return json_response({"error": error}, status=status, headers=headers)


def graph_time(epoch: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class FakeGraph(FakePlatform):
    """The Graph API machinery both Facebook and Instagram fakes use."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.objects: dict[str, dict] = {}  # id -> fields
        self.edges: dict[tuple[str, str], list[str]] = {}  # (id, edge) -> ids, in answer order
        self.insight_values: dict[str, dict[str, Any]] = {}  # id -> metric -> value
        self.offered_metrics: set[str] = set()
        self.video_metrics: set[str] = set()  # what /{video-id}/video_insights offers
        self.period_values: dict[tuple, Any] = {}  # (id, metric, first day, last day) -> value
        self.reels: set[str] = set()  # objects without an /insights edge (Facebook Reels)
        self.retired_metrics = set(RETIRED_METRICS)
        self.expired_tokens: set[str] = set()
        self.echo_token_in_next = True
        self.ids = itertools.count(9000)
        self.usage = {"call_count": 12, "total_cputime": 5, "total_time": 6}
        self.managed_pages: dict[str, list[dict]] = {}  # user token -> /me/accounts entries
        self.page_tokens: list[dict] = []  # given to whichever user token asks (see oauth tests)
        self.blocked: dict[str, list[str]] = {}  # page id -> ids blocked from it, in call order
        self.unblockable: set[str] = set()  # ids the Page cannot block: `{"<id>": false}`
        self.private_replies: list[dict] = []  # what POST /{page-id}/messages sent

    # --- building the world -------------------------------------------------------------------

    def put(self, object_id: str, **fields) -> dict:
        obj = self.objects.setdefault(object_id, {"id": object_id})
        obj.update(fields)
        return obj

    def link(self, parent: str, edge: str, child: str, *, first: bool = False) -> None:
        ids = self.edges.setdefault((parent, edge), [])
        if first:
            ids.insert(0, child)
        else:
            ids.append(child)

    def set_insights(self, object_id: str, **values) -> None:
        """A value per metric: a number (or breakdown dict) for every day asked, or a
        {date: value} dict for a daily metric, each day its own value."""
        self.insight_values.setdefault(object_id, {}).update(values)

    def set_period(self, object_id: str, metric: str, first: dt.date, last: dt.date, value) -> None:
        """The unique value Meta gives for `metric` over the days first..last (total_value)."""
        self.period_values[(object_id, metric, first, last)] = value

    # --- serving ------------------------------------------------------------------------------

    def fault_response(self, kind: str, request: Request) -> Response:
        usage = {"X-App-Usage": json.dumps({"call_count": 100, "total_cputime": 40, "total_time": 60})}
        if kind == "429":
            return meta_error(4, "(#4) Application request limit reached", status=403, headers=usage)
        if kind.startswith("throttle:"):
            _name, code, *rest = kind.split(":")
            minutes = int(rest[0]) if rest else 0
            headers = dict(usage)
            headers["X-Page-Usage"] = json.dumps({"call_count": 100, "total_cputime": 30, "total_time": 30})
            headers["X-Business-Use-Case-Usage"] = json.dumps(
                {
                    "111": [
                        {
                            "type": "pages",
                            "call_count": 100,
                            "total_cputime": 20,
                            "total_time": 20,
                            "estimated_time_to_regain_access": minutes,
                        }
                    ]
                }
            )
            messages = {
                4: "(#4) Application request limit reached",
                17: "(#17) User request limit reached",
                32: "(#32) Page request limit reached",
                613: "(#613) Calls to this api have exceeded the rate limit.",
                80001: "(#80001) There have been too many calls to this Page account.",
                80002: "(#80002) There have been too many calls to this Instagram account.",
            }
            return meta_error(int(code), messages.get(int(code), "throttled"), status=403, headers=headers)
        if kind == "500":
            return meta_error(
                2, "An unexpected error has occurred. Please retry your request later.", status=500
            )
        if kind == "expired":
            return meta_error(
                190,
                "Error validating access token: Session has expired on Tuesday, 24-Nov-26 04:00:00 PST.",
                subcode=463,
            )
        if kind == "permission":
            return meta_error(
                10, "(#10) This endpoint requires the 'pages_read_engagement' permission.", status=403
            )
        return super().fault_response(kind, request)

    def handle(self, request: Request) -> Response:
        match = VERSION.match(request.path)
        if not match:
            return meta_error(2500, "Unknown path components", status=400)
        token = self.bearer(request) or request.args.get("access_token")
        if not token:
            return meta_error(2500, "An active access token must be used to query information.", status=400)
        if token in self.expired_tokens:
            return meta_error(190, "Error validating access token: Session has expired.", subcode=463)
        if token not in self.tokens:
            return meta_error(190, "Invalid OAuth access token - Cannot parse access token")
        headers = {"X-App-Usage": json.dumps(self.usage)}
        parts = [p for p in (match["rest"] or "/").split("/") if p]
        if parts == ["me", "accounts"]:
            # The Pages the signed-in person manages, each with its own Page token.
            pages = self.managed_pages.get(token, self.page_tokens)
            return json_response({"data": pages, "paging": {"cursors": {}}}, headers=headers)
        response = self.route(request, parts, token)
        response.headers.update(headers)
        return response

    def route(self, request: Request, parts: list[str], token: str) -> Response:
        args = request.args
        form = request.form
        if request.method == "GET" and not parts and "ids" in args:
            return json_response({i: self.fields(i, args.get("fields", "")) for i in args["ids"].split(",")})
        if len(parts) == 1:
            object_id = parts[0]
            if object_id not in self.objects:
                return meta_error(100, "Unsupported get request. Object does not exist.", subcode=33)
            if request.method == "GET":
                return json_response(self.fields(object_id, args.get("fields", "")))
            if request.method == "DELETE":
                self.objects[object_id]["deleted"] = True
                return json_response({"success": True})
            if request.method == "POST":
                value = form.get("is_hidden", args.get("is_hidden", form.get("hide", args.get("hide"))))
                if value is not None:
                    self.objects[object_id]["is_hidden"] = value == "true"
                    self.objects[object_id]["hidden"] = value == "true"
                    return json_response({"success": True})
        if len(parts) == 2:
            object_id, edge = parts
            if object_id not in self.objects:
                return meta_error(100, "Unsupported get request. Object does not exist.", subcode=33)
            if edge == "insights" and request.method == "GET":
                if object_id in self.reels:
                    return meta_error(
                        100, "(#100) Tried accessing nonexisting field (insights) on node type (Video)"
                    )
                return self.insights(object_id, args)
            if edge == "video_insights" and request.method == "GET":
                if object_id not in self.reels:
                    return meta_error(100, "(#100) Tried accessing nonexisting field (video_insights)")
                return self.insights(object_id, args, edge)
            if request.method == "GET":
                return self.page(request, object_id, edge, token)
            if request.method == "POST" and edge in {"comments", "replies"}:
                new_id = f"{object_id}_{next(self.ids)}"
                self.put(
                    new_id, message=form.get("message", args.get("message", "")), parent={"id": object_id}
                )
                self.link(object_id, edge, new_id)
                return json_response({"id": new_id})
            if request.method == "POST" and edge == "blocked":
                return self.block(object_id, form.get("user", args.get("user", "")))
            if request.method == "POST" and edge == "messages":
                return self.private_reply(object_id, request.get_json(silent=True) or {})
            if request.method == "POST" and edge == "likes":
                self.objects[object_id]["liked"] = True
                return json_response({"success": True})
        return meta_error(100, "Unsupported request", status=400)

    def block(self, page_id: str, user: str) -> Response:
        """`POST /{page-id}/blocked` `user=…`: a map of each id to whether it is now blocked."""
        if not user:
            return meta_error(100, "(#100) The parameter user is required")
        ok = user not in self.unblockable
        if ok and user not in self.blocked.get(page_id, []):
            self.blocked.setdefault(page_id, []).append(user)
        return json_response({user: ok})

    def private_reply(self, page_id: str, body: dict) -> Response:
        """The Send API's private reply: `recipient={"comment_id"}`, `message={"text"}`."""
        comment_id = (body.get("recipient") or {}).get("comment_id")
        text = (body.get("message") or {}).get("text")
        if not comment_id or not text:
            return meta_error(100, "(#100) The parameter recipient is required")
        comment = self.objects.get(comment_id)
        if comment is None or comment.get("deleted"):
            return meta_error(100, "(#100) No matching user found", subcode=2018001)
        message_id = f"m_{next(self.ids)}"
        self.private_replies.append(
            {"page": page_id, "comment_id": comment_id, "text": text, "message_id": message_id}
        )
        author = (comment.get("from") or {}).get("id", "")
        return json_response({"recipient_id": f"psid-{author}", "message_id": message_id})

    def fields(self, object_id: str, fields: str) -> dict:
        obj = self.objects.get(object_id, {})
        out = {"id": object_id}
        for name in _top_level(fields):
            base = name.split(".")[0].split("{")[0]
            if base in obj:
                out[base] = obj[base]
            elif "summary(true)" in name:
                count = len(self.edges.get((object_id, base), []))
                out[base] = {"data": [], "summary": {"total_count": count}}
        return out

    def page(self, request: Request, object_id: str, edge: str, token: str) -> Response:
        ids = [i for i in self.edges.get((object_id, edge), []) if not self.objects[i].get("deleted")]
        since = request.args.get("since")
        if since:
            ids = [i for i in ids if self.objects[i].get("_epoch", 0) >= int(since)]
        limit = int(request.args.get("limit", 25))
        offset = int(base64.b64decode(request.args["after"]).decode()) if request.args.get("after") else 0
        chunk = ids[offset : offset + limit]
        items = [self.fields(i, request.args.get("fields", "")) for i in chunk]
        for item in items:
            item.pop("_epoch", None)
        body: dict[str, Any] = {"data": items}
        after = base64.b64encode(str(offset + len(chunk)).encode()).decode()
        paging: dict[str, Any] = {"cursors": {"before": "QVFIUjBlZA", "after": after}}
        if offset + len(chunk) < len(ids):
            query = {k: v for k, v in request.args.items() if k != "after"}
            query["after"] = after
            if self.echo_token_in_next:
                query["access_token"] = token
            paging["next"] = f"https://graph.facebook.com/v25.0/{object_id}/{edge}?{urlencode(query)}"
        body["paging"] = paging
        return json_response(body)

    def insights(self, object_id: str, args, edge: str = "insights") -> Response:
        """Meta's insights answer. A lifetime value comes as one point; a daily metric as a series
        with a point per Pacific-time day from `since` to `until`, each `end_time` the midnight
        (Pacific) closing its day, so 07:00 or 08:00 UTC. `metric_type=total_value` gives one value
        over the range: the period value set for it, else the sum of its days. A metric without
        data is left out of `data`, as Meta does."""
        metrics = [m for m in args.get("metric", "").split(",") if m]
        offered = self.video_metrics if edge == "video_insights" else self.offered_metrics
        for metric in metrics:
            # A retired name may live on elsewhere (post_impressions_unique on a Reel's video_insights).
            if (edge == "insights" and metric in self.retired_metrics) or metric not in offered:
                return meta_error(100, f"(#100) The value must be a valid insights metric: {metric}")
        values = self.insight_values.get(object_id, {})
        days = _pacific_days(args.get("since"), args.get("until"))
        data = []
        for metric in metrics:
            if metric not in values:
                continue
            value = values[metric]
            entry = {
                "name": metric,
                "period": args.get("period", "lifetime"),
                "title": metric,
                "id": f"{object_id}/insights/{metric}",
            }
            if args.get("metric_type") == "total_value":
                total = self.total_value(object_id, metric, value, days, args.get("breakdown"))
                if total is None:
                    continue
                entry["total_value"] = total
            elif args.get("period") == "day" and days:
                daily = isinstance(value, dict) and _is_daily(value)
                series = [
                    {"value": value[day] if daily else value, "end_time": _end_time(day)}
                    for day in days
                    if not daily or day in value
                ]
                if not series:
                    continue
                entry["values"] = series
            else:
                entry["values"] = [{"value": value, "end_time": "2026-11-23T08:00:00+0000"}]
            data.append(entry)
        return json_response({"data": data})

    def total_value(self, object_id: str, metric: str, value, days, breakdown) -> dict | None:
        if days and (object_id, metric, days[0], days[-1]) in self.period_values:
            return {"value": self.period_values[(object_id, metric, days[0], days[-1])]}
        if isinstance(value, dict) and _is_daily(value):
            picked = [value[d] for d in days if d in value]
            if not picked:
                return None
            value = _add(picked)
        if isinstance(value, dict) and breakdown:
            # {"FOLLOWER": 12, "NON_FOLLOWER": 3} -> Meta's breakdown results
            results = [{"dimension_values": [k], "value": v} for k, v in value.items()]
            return {
                "value": sum(value.values()),
                "breakdowns": [{"dimension_keys": [breakdown], "results": results}],
            }
        return {"value": value}


PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")


def _is_daily(value: dict) -> bool:
    return bool(value) and all(isinstance(k, dt.date) for k in value)


def _add(values: list):
    if all(isinstance(v, dict) for v in values):
        out: dict = {}
        for v in values:
            for k, n in v.items():
                out[k] = out.get(k, 0) + n
        return out
    return sum(values)


def _pacific_days(since: str | None, until: str | None) -> list[dt.date]:
    """The Pacific-time days whose midnight-to-midnight falls within [since, until)."""
    if not since or not until:
        return []
    start = dt.datetime.fromtimestamp(int(since), PACIFIC)
    end = dt.datetime.fromtimestamp(int(until), PACIFIC)
    days, day = [], start.date()
    while dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=PACIFIC) <= end:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def _end_time(day: dt.date) -> str:
    """Meta's end_time of a daily value: the Pacific midnight after the day, in UTC."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=PACIFIC)
    return end.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _top_level(fields: str) -> list[str]:
    """Split `a,b{c,d},e.limit(0).summary(true)` at top-level commas."""
    out, depth, current = [], 0, ""
    for char in fields:
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        if char == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    if current:
        out.append(current)
    return out


class FakeFacebook(FakeGraph):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.offered_metrics = {
            "post_total_media_view_unique",
            "post_media_view",
            "post_video_views",
            "post_clicks",
            "post_reactions_by_type_total",
            "page_total_media_view_unique",
            "page_media_view",
            "page_post_engagements",
            "page_follows",
            "page_daily_follows",
            "post_clicks_by_type",
        }
        self.video_metrics = {
            "blue_reels_play_count",
            "post_impressions_unique",
            "post_video_avg_time_watched",
        }

    def has_page(self, page_id: str, *, followers: int = 1000, name: str = "Helsingborgs stad") -> None:
        self.put(page_id, name=name, followers_count=followers)

    def has_post(
        self,
        page_id: str,
        post_id: str,
        *,
        epoch: int,
        message: str = "",
        link: str = "",
        shares: int | None = None,
        reactions: int = 0,
    ) -> None:
        fields: dict[str, Any] = {
            "message": message,
            "created_time": graph_time(epoch),
            "permalink_url": f"https://www.facebook.com/{post_id}",
            "_epoch": epoch,
        }
        if link:
            fields["attachments"] = {
                "data": [{"media_type": "link", "type": "share", "url": link, "unshimmed_url": link}]
            }
        if shares is not None:
            fields["shares"] = {"count": shares}
        self.put(post_id, **fields)
        for n in range(reactions):
            self.link(post_id, "reactions", f"{post_id}_r{n}")
        # Meta answers newest first
        ids = self.edges.setdefault((page_id, "posts"), [])
        ids.append(post_id)
        ids.sort(key=lambda i: -self.objects[i]["_epoch"])

    def has_reel(self, page_id: str, post_id: str, video_id: str, *, epoch: int, message: str = "") -> None:
        """A Reel in the Page's posts: its attachment links to /reel/ and targets the video, which
        has /video_insights and no /insights; the post's own /insights fails as Meta's does."""
        self.has_post(page_id, post_id, epoch=epoch, message=message)
        self.objects[post_id]["attachments"] = {
            "data": [
                {
                    "media_type": "video",
                    "type": "video_inline",
                    "url": f"https://www.facebook.com/reel/{video_id}/",
                    "target": {"id": video_id, "url": f"https://www.facebook.com/reel/{video_id}/"},
                }
            ]
        }
        self.put(video_id, description=message)
        self.reels.update({post_id, video_id})

    def has_comment(
        self,
        post_id: str,
        comment_id: str,
        *,
        message: str,
        epoch: int,
        author: tuple[str, str] = ("9", "Anna"),
        parent: str | None = None,
    ) -> None:
        fields: dict[str, Any] = {
            "message": message,
            "from": {"id": author[0], "name": author[1]},
            "created_time": graph_time(epoch),
            "permalink_url": f"https://www.facebook.com/{comment_id}",
            "is_hidden": False,
        }
        if parent:
            fields["parent"] = {"id": parent}
        self.put(comment_id, **fields)
        self.link(post_id, "comments", comment_id)

    def has_message(
        self,
        page_id: str,
        conversation_id: str,
        message_id: str,
        *,
        text: str,
        epoch: int,
        author=("7", "Per"),
    ):
        convo = self.objects.get(conversation_id) or self.put(
            conversation_id, updated_time=graph_time(epoch), messages={"data": []}
        )
        convo["updated_time"] = graph_time(epoch)
        # Meta addresses a message to the other party: the page, or the person the page answers.
        to = {"id": page_id, "name": "Helsingborgs stad"}
        if author[0] == page_id:
            to = next(
                (m["from"] for m in convo["messages"]["data"] if m["from"]["id"] != page_id),
                {"id": "", "name": ""},
            )
        convo["messages"]["data"].insert(
            0,
            {
                "id": message_id,
                "message": text,
                "from": {"id": author[0], "name": author[1]},
                "to": {"data": [to]},
                "created_time": graph_time(epoch),
            },
        )
        if conversation_id not in self.edges.get((page_id, "conversations"), []):
            self.link(page_id, "conversations", conversation_id, first=True)

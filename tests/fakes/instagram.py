"""A fake Instagram Graph API (docs/platform-apis.md §3): media, comments with replies, insights."""

from __future__ import annotations

from typing import Any

from werkzeug import Request, Response

from .base import json_response
from .facebook import FakeGraph, graph_time, meta_error


class FakeInstagram(FakeGraph):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.offered_metrics = {
            "views",
            "reach",
            "likes",
            "comments",
            "shares",
            "saved",
            "total_interactions",
            "follows",
            "profile_visits",
            "accounts_engaged",
            "follows_and_unfollows",
        }
        self.few_viewers: set[str] = set()

    def has_user(self, user_id: str, *, followers: int = 500, username: str = "helsingborgsstad") -> None:
        self.put(user_id, username=username, followers_count=followers, follows_count=10, media_count=0)

    def has_media(
        self, user_id: str, media_id: str, *, epoch: int, caption: str = "", kind: str = "IMAGE"
    ) -> None:
        self.put(
            media_id,
            caption=caption,
            media_type=kind,
            media_product_type="REELS" if kind == "VIDEO" else "FEED",
            permalink=f"https://www.instagram.com/p/{media_id}/",
            timestamp=graph_time(epoch),
            like_count=0,
            comments_count=0,
            _epoch=epoch,
        )
        ids = self.edges.setdefault((user_id, "media"), [])
        ids.append(media_id)
        ids.sort(key=lambda i: -self.objects[i]["_epoch"])

    def has_comment(
        self,
        media_id: str,
        comment_id: str,
        *,
        text: str,
        epoch: int,
        username: str = "anna",
        parent: str | None = None,
    ) -> None:
        fields: dict[str, Any] = {
            "text": text,
            "username": username,
            "timestamp": graph_time(epoch),
            "from": {"id": f"u-{username}", "username": username},
            "like_count": 0,
            "hidden": False,
        }
        if parent:
            fields["parent_id"] = parent
            self.put(comment_id, **fields)
            parent_obj = self.objects[parent]
            parent_obj.setdefault("replies", {"data": []})["data"].append(
                {k: v for k, v in self.objects[comment_id].items()}
            )
        else:
            self.put(comment_id, **fields)
            self.link(media_id, "comments", comment_id)

    def insights(self, object_id: str, args, edge: str = "insights") -> Response:
        if object_id in self.few_viewers:
            return meta_error(10, "(#10) Not enough viewers for the media to show insights", status=400)
        if "follows_and_unfollows" in args.get("metric", "") and args.get("breakdown") != "follow_type":
            return meta_error(100, "(#100) follows_and_unfollows requires breakdown=follow_type")
        return super().insights(object_id, args, edge)

    def route(self, request: Request, parts: list[str], token: str) -> Response:
        # Instagram hides with `hide` and replies on /replies; the Graph machinery does both.
        return super().route(request, parts, token)


__all__ = ["FakeInstagram", "json_response"]

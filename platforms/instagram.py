"""Instagram professional accounts through the Instagram Graph API (Meta's errors and paging)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    AccountMetrics,
    Capability,
    FigureFacts,
    Missing,
    NotSupported,
    PermissionMissing,
    PostMetrics,
    RemoteComment,
    RemotePost,
    SignIn,
)
from .http import PlatformHTTP
from .meta import (
    as_int,
    breakdown_value,
    insights,
    meta_error,
    meta_pause_hint,
    meta_time,
    pacific_day_bounds,
    paged,
    total_value,
)

MEDIA_FIELDS = "id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count"
REPLY_FIELDS = "id,text,username,timestamp,from{id,username},like_count,hidden,parent_id"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"
# Gone since 21 Apr 2025: impressions, plays, clips_replays_count, video_views.
MEDIA_INSIGHTS = ["views", "reach", "likes", "comments", "shares", "saved", "total_interactions"]
# Account figures of one day (or a period) as total values; follows_and_unfollows by follow_type.
ACCOUNT_INSIGHTS = ["reach", "total_interactions", "views"]
FOLLOWS = "follows_and_unfollows"


# Instagram gives no clicks on a post (captions carry no links) and no video views (`views` counts
# every media type since `video_views` was retired).
_NOT_GIVEN = {"clicks": Missing.NOT_GIVEN, "link_clicks": Missing.NOT_GIVEN, "video_views": Missing.NOT_GIVEN}


def instagram_base_url() -> str:
    return f"{settings.INSTAGRAM_GRAPH_URL.rstrip('/')}/{settings.FACEBOOK_GRAPH_VERSION}"


class InstagramClient:
    platform = "instagram"
    sign_in = SignIn(page_token=True)
    # Media insights (likes, comments, views, total_interactions) are organic only; data can be
    # 48 hours late.
    figure_facts = FigureFacts(
        day_zone="America/Los_Angeles",
        settle_days=2,
        new_followers="gross",
        organic_only=True,
        period_reach=True,
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_METRICS,
            Capability.REPLY,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
        }
    )
    missing = {
        Capability.LIKE: _("Instagram does not let the portal like a comment."),
        Capability.READ_MESSAGES: _("Instagram direct messages are read in Meta Business Suite."),
        Capability.BLOCK: _("Blocking a person is done on Instagram itself."),
        # Meta's "Send a Private Reply to a Commenter" (developers.facebook.com/docs/
        # instagram-platform/private-replies) sends through the Send API of the linked Page with
        # Facebook Login (our host, graph.facebook.com) or of the Instagram account with Instagram
        # Login. The request itself could not be read from Meta's text, and the account holds the
        # Instagram id, not the Page's: not offered until both are confirmed.
        Capability.MESSAGE_AUTHOR: _(
            "A private reply on Instagram goes through the linked Facebook Page, which the portal "
            "does not know yet; write to the person in Meta Business Suite."
        ),
        Capability.PUBLISH: _("The portal does not publish on Instagram."),
    }

    def __init__(self, *, user_id: str, token: str, http: PlatformHTTP | None = None):
        self.user_id = user_id
        self.http = http or PlatformHTTP(
            platform=self.platform,
            base_url=instagram_base_url(),
            token=token,
            interpret=meta_error,
            pause_hint=meta_pause_hint,
        )

    def posts_since(self, since: datetime) -> Iterator[RemotePost]:
        # The media edge is newest first and takes no `since`: stop at the first older item.
        for item in paged(self.http, f"{self.user_id}/media", {"fields": MEDIA_FIELDS, "limit": 100}):
            created = meta_time(item.get("timestamp"))
            if created < since:
                return
            kind = (item.get("media_product_type") or item.get("media_type") or "").upper()
            yield RemotePost(
                id=item["id"],
                created_at=created,
                text=item.get("caption", ""),
                permalink=item.get("permalink", ""),
                media_type={"REELS": "video", "VIDEO": "video", "CAROUSEL_ALBUM": "carousel"}.get(
                    kind, "image"
                ),
                raw=item,
            )

    def comments(self, post_id: str) -> Iterator[RemoteComment]:
        for item in paged(self.http, f"{post_id}/comments", {"fields": COMMENT_FIELDS, "limit": 100}):
            yield self._comment(item, post_id)
            for reply in (item.get("replies") or {}).get("data", []):
                yield self._comment(reply, post_id, parent=item["id"])

    def _comment(self, item: dict, post_id: str, parent: str | None = None) -> RemoteComment:
        author = item.get("from") or {}
        parent = parent or item.get("parent_id")
        return RemoteComment(
            id=item["id"],
            kind="reply" if parent else "comment",
            text=item.get("text", ""),
            author_id=str(author.get("id", "")),
            author_name=author.get("username") or item.get("username", ""),
            created_at=meta_time(item.get("timestamp")),
            post_id=post_id,
            parent_id=parent,
            is_hidden=bool(item.get("hidden", False)),
            raw=item,
        )

    def messages(self, since: datetime) -> Iterator[RemoteComment]:
        raise NotSupported(str(self.missing[Capability.READ_MESSAGES]))

    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]:
        result = {}
        for post_id in post_ids:
            try:
                values = insights(self.http, post_id, MEDIA_INSIGHTS)
            except PermissionMissing:
                # "(#10) Not enough viewers for the media to show insights": no figures, not an error.
                result[post_id] = PostMetrics(
                    missing=dict.fromkeys(
                        ("reach", "views", "reactions", "comments", "shares", "saves"), Missing.EMPTY
                    )
                    | _NOT_GIVEN
                )
                continue
            names = {
                "reach": "reach",
                "views": "views",  # every media type: views, not video views
                "reactions": "likes",
                "comments": "comments",
                "shares": "shares",
                "saves": "saved",
            }
            missing = {
                name: values.missing[metric] for name, metric in names.items() if metric in values.missing
            }
            result[post_id] = PostMetrics(
                **{name: as_int(values.get(metric)) for name, metric in names.items()},
                missing=missing | _NOT_GIVEN,
            )
        return result

    def account_metrics(self, day: date) -> AccountMetrics:
        """The account's figures for one Pacific-time day, and its follower count now."""
        profile = self.http.call("GET", self.user_id, params={"fields": "followers_count"}).data or {}
        since, until = pacific_day_bounds(day)
        values = insights(
            self.http,
            self.user_id,
            ACCOUNT_INSIGHTS,
            period="day",
            metric_type="total_value",
            since=since,
            until=until,
        )
        follows = insights(
            self.http,
            self.user_id,
            [FOLLOWS],
            period="day",
            metric_type="total_value",
            breakdown="follow_type",
            since=since,
            until=until,
        )
        names = {"reach": "reach", "interactions": "total_interactions", "views": "views"}
        missing = {name: values.missing[metric] for name, metric in names.items() if metric in values.missing}
        # FOLLOWER counts the accounts that followed during the day: gains, not the net change.
        gains = breakdown_value(follows.get(FOLLOWS), "FOLLOWER")
        if gains is None:
            missing["new_followers"] = follows.missing.get(FOLLOWS, Missing.EMPTY)
        return AccountMetrics(
            followers=as_int(profile.get("followers_count")),
            **{name: as_int(total_value(values.get(metric))) for name, metric in names.items()},
            new_followers=gains,
            missing=missing,
        )

    def period_reach(self, first: date, last: date) -> int | None:
        """The unique accounts reached over the days (one `total_value` over the range)."""
        since, _ = pacific_day_bounds(first)
        _, until = pacific_day_bounds(last)
        values = insights(
            self.http,
            self.user_id,
            ["reach"],
            period="day",
            metric_type="total_value",
            since=since,
            until=until,
        )
        return as_int(total_value(values.get("reach")))

    def reply(self, comment_id: str, text: str) -> str:
        return str(self.http.call("POST", f"{comment_id}/replies", data={"message": text}).data["id"])

    def hide(self, comment_id: str, hidden: bool = True) -> None:
        self.http.call("POST", comment_id, data={"hide": "true" if hidden else "false"}, idempotent=True)

    def delete(self, comment_id: str) -> None:
        self.http.call("DELETE", comment_id)

    def like(self, object_id: str) -> None:
        raise NotSupported(str(self.missing[Capability.LIKE]))

    def block(self, author_id: str) -> None:
        raise NotSupported(str(self.missing[Capability.BLOCK]))

    def message_author(self, comment_id: str, text: str) -> str:
        raise NotSupported(str(self.missing[Capability.MESSAGE_AUTHOR]))

    def publish(self, text: str) -> str:
        raise NotSupported(str(self.missing[Capability.PUBLISH]))

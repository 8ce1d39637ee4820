"""Instagram professional accounts through the Instagram Graph API (Meta's errors and paging)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    AccountMetrics,
    Capability,
    NotSupported,
    PermissionMissing,
    PostMetrics,
    RemoteComment,
    RemotePost,
    SignIn,
)
from .http import PlatformHTTP
from .meta import as_int, insights, meta_error, meta_pause_hint, meta_time, paged

MEDIA_FIELDS = "id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count"
REPLY_FIELDS = "id,text,username,timestamp,from{id,username},like_count,hidden,parent_id"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"
# Gone since 21 Apr 2025: impressions, plays, clips_replays_count, video_views.
MEDIA_INSIGHTS = ["views", "reach", "likes", "comments", "shares", "saved", "total_interactions"]
ACCOUNT_INSIGHTS = ["reach", "total_interactions"]


def instagram_base_url() -> str:
    return f"{settings.INSTAGRAM_GRAPH_URL.rstrip('/')}/{settings.FACEBOOK_GRAPH_VERSION}"


class InstagramClient:
    platform = "instagram"
    sign_in = SignIn(page_token=True)
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
                values = {}
            result[post_id] = PostMetrics(
                reach=as_int(values.get("reach")),
                video_views=as_int(values.get("views")),
                link_clicks=None,  # Instagram posts carry no clickable links
                reactions=as_int(values.get("likes")),
                comments=as_int(values.get("comments")),
                shares=as_int(values.get("shares")),
                saves=as_int(values.get("saved")),
            )
        return result

    def account_metrics(self, day: date) -> AccountMetrics:
        profile = self.http.call("GET", self.user_id, params={"fields": "followers_count"}).data or {}
        start = datetime.combine(day, time.min, tzinfo=UTC)
        values = insights(
            self.http,
            self.user_id,
            ACCOUNT_INSIGHTS,
            period="day",
            metric_type="total_value",
            since=int(start.timestamp()),
            until=int((start + timedelta(days=1)).timestamp()),
        )
        return AccountMetrics(
            followers=as_int(profile.get("followers_count")),
            reach=as_int(values.get("reach")),
            interactions=as_int(values.get("total_interactions")),
        )

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

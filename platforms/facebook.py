"""Facebook Pages through the Graph API (version pinned by FACEBOOK_GRAPH_VERSION, v25.0).

Blocking and private replies follow Meta's own documentation:

- Block: `POST /{page-id}/blocked` with `user` (the Graph API reference, "Users or Pages Blocked
  from a Page", developers.facebook.com/docs/graph-api/reference/page/blocked/: a Page token; the
  parameters `user`, `uid` (deprecated), `asid` and `psid` are those of Meta's generated SDK,
  facebook-python-business-sdk `Page.create_blocked`). The answer is a map of each id to whether it
  was blocked, `{"<id>": true}`; blocking twice changes nothing, so the call may be retried.
- Private reply: `POST /{page-id}/messages` with `recipient={"comment_id": …}` and
  `message={"text": …}` (Messenger Platform, "Private Replies",
  developers.facebook.com/docs/messenger-platform/discovery/private-replies; the answer
  `{"recipient_id": …, "message_id": …}` is the Send API reference's,
  developers.facebook.com/docs/messenger-platform/send-api-reference). One message per comment,
  within 7 days of the comment; it needs `pages_messaging` and the MESSAGING task on the Page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    AccountMetrics,
    Capability,
    FigureFacts,
    InvalidRequest,
    Missing,
    NotSupported,
    PermissionMissing,
    PostMetrics,
    RateLimited,
    RemoteComment,
    RemotePost,
    SignIn,
)
from .http import PlatformHTTP
from .meta import (
    as_int,
    insights,
    meta_error,
    meta_pause_hint,
    meta_time,
    pacific_day_bounds,
    paged,
)

POST_FIELDS = "id,message,created_time,permalink_url,attachments{media_type,type,url,unshimmed_url}"
COMMENT_FIELDS = "id,message,from{id,name},created_time,parent{id},attachment,permalink_url,is_hidden"
# Current names (the impressions family was retired on 15 Nov 2025 and by 15 Jun 2026).
# `post_clicks` is every click (link, photo view, video play, other); the link clicks are the
# "link clicks" bucket of `post_clicks_by_type`.
POST_INSIGHTS = [
    "post_total_media_view_unique",
    "post_media_view",
    "post_video_views",
    "post_clicks",
    "post_clicks_by_type",
]
LINK_CLICKS_BUCKET = "link clicks"
# A Reel has no /insights edge: its figures are on /{video-id}/video_insights.
REEL_INSIGHTS = ["blue_reels_play_count", "post_impressions_unique"]
PAGE_INSIGHTS = [
    "page_total_media_view_unique",
    "page_post_engagements",
    "page_media_view",
    "page_daily_follows",
]
COUNT_FIELDS = (
    "shares,comments.limit(0).summary(true),reactions.limit(0).summary(true),"
    "attachments{media_type,type,url,target{id}}"
)


def graph_base_url() -> str:
    return f"{settings.FACEBOOK_GRAPH_URL.rstrip('/')}/{settings.FACEBOOK_GRAPH_VERSION}"


class FacebookClient:
    platform = "facebook"
    sign_in = SignIn(page_token=True)
    figure_facts = FigureFacts(
        day_zone="America/Los_Angeles", settle_days=1, clicks=True, link_clicks=True, new_followers="gross"
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_MESSAGES,
            Capability.READ_METRICS,
            Capability.REPLY,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
            Capability.LIKE,
            Capability.BLOCK,
            Capability.MESSAGE_AUTHOR,
        }
    )
    # Meta takes a private reply to a comment only this long after the comment was written.
    message_window = timedelta(days=7)
    missing = {
        Capability.PUBLISH: _("The portal does not publish on Facebook; posts are made on the platform."),
    }

    def __init__(self, *, page_id: str, token: str, http: PlatformHTTP | None = None):
        self.page_id = page_id
        self.http = http or PlatformHTTP(
            platform=self.platform,
            base_url=graph_base_url(),
            token=token,
            interpret=meta_error,
            pause_hint=meta_pause_hint,
        )

    # --- read ---------------------------------------------------------------------------------

    def posts_since(self, since: datetime) -> Iterator[RemotePost]:
        params = {"fields": POST_FIELDS, "since": int(since.timestamp()), "limit": 100}
        for item in paged(self.http, f"{self.page_id}/posts", params):
            attachment = ((item.get("attachments") or {}).get("data") or [{}])[0]
            yield RemotePost(
                id=item["id"],
                created_at=meta_time(item.get("created_time")),
                text=item.get("message", ""),
                permalink=item.get("permalink_url", ""),
                link=attachment.get("unshimmed_url") or attachment.get("url", ""),
                media_type=_media_type(attachment.get("media_type") or attachment.get("type") or ""),
                raw=item,
            )

    def comments(self, post_id: str) -> Iterator[RemoteComment]:
        # filter=stream gives replies too, in time order, each with its parent.
        params = {"fields": COMMENT_FIELDS, "filter": "stream", "limit": 100}
        for item in paged(self.http, f"{post_id}/comments", params):
            parent = (item.get("parent") or {}).get("id")
            author = item.get("from") or {}
            attachment = item.get("attachment") or {}
            url = attachment.get("url") or (attachment.get("media") or {}).get("image", {}).get("src")
            yield RemoteComment(
                id=item["id"],
                kind="reply" if parent else "comment",
                text=item.get("message", ""),
                author_id=str(author.get("id", "")),
                author_name=author.get("name", ""),
                created_at=meta_time(item.get("created_time")),
                post_id=post_id,
                parent_id=parent,
                permalink=item.get("permalink_url", ""),
                is_hidden=bool(item.get("is_hidden", False)),
                attachments=(url,) if url else (),
                raw=item,
            )

    def messages(self, since: datetime) -> Iterator[RemoteComment]:
        params = {
            "platform": "messenger",
            "fields": "id,updated_time,messages{id,message,from,to,created_time}",
            "limit": 50,
        }
        for conversation in paged(self.http, f"{self.page_id}/conversations", params):
            if meta_time(conversation.get("updated_time")) < since:
                return  # newest first: the rest is older
            for message in (conversation.get("messages") or {}).get("data", []):
                author = message.get("from") or {}
                sender = str(author.get("id", ""))
                created = meta_time(message.get("created_time"))
                if created < since:
                    continue
                # The page's own messages come too: ingest stores them as the city's and marks the
                # person's earlier messages answered at that time, as a webhook echo does.
                # Named after the person the page talks to, as the webhook names it (`mid` there is
                # this `id`): a message pulled and pushed is one row, in one conversation.
                to = [str(r.get("id", "")) for r in (message.get("to") or {}).get("data", [])]
                person = sender if sender != self.page_id else next((r for r in to if r != sender), "")
                yield RemoteComment(
                    id=message["id"],
                    kind="message",
                    text=message.get("message", ""),
                    author_id=sender,
                    author_name=author.get("name", ""),
                    created_at=created,
                    post_id=f"conversation:{person}" if person else None,
                    parent_id=conversation.get("id"),
                    raw=message,
                )

    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]:
        result: dict[str, PostMetrics] = {}
        for start in range(0, len(post_ids), 50):
            chunk = list(post_ids[start : start + 50])
            counts = self.http.call("GET", "", params={"ids": ",".join(chunk), "fields": COUNT_FIELDS}).data
            for post_id in chunk:
                item = (counts or {}).get(post_id) or {}
                reel = _reel_video_id(item)
                if reel:
                    figures = self._reel_figures(reel)
                else:
                    try:
                        figures = _post_figures(
                            insights(self.http, post_id, POST_INSIGHTS, period="lifetime")
                        )
                    except InvalidRequest as exc:
                        if exc.code != 100:
                            raise
                        # No /insights edge (a Reel we could not tell): its figures, not the pull, fail.
                        reason = f"{Missing.FAILED}: {str(exc)[:120]}"
                        names = ("reach", "views", "video_views", "clicks", "link_clicks")
                        figures = dict.fromkeys(names) | {"missing": dict.fromkeys(names, reason)}
                given = {
                    "reactions": as_int((item.get("reactions") or {}).get("summary", {}).get("total_count")),
                    "comments": as_int((item.get("comments") or {}).get("summary", {}).get("total_count")),
                    "shares": as_int((item.get("shares") or {}).get("count", 0 if "id" in item else None)),
                }
                missing = dict(figures.pop("missing"))
                missing["saves"] = Missing.NOT_GIVEN  # Facebook gives no saves
                missing.update({k: Missing.EMPTY for k, v in given.items() if v is None})
                result[post_id] = PostMetrics(**figures, **given, saves=None, missing=missing)
        return result

    def _reel_figures(self, video_id: str) -> dict:
        """A Reel's plays and reach from /video_insights; Meta's refusal leaves them None, never
        ends the pull."""
        missing: dict[str, str] = {"clicks": Missing.NOT_GIVEN, "link_clicks": Missing.NOT_GIVEN}
        try:
            values = insights(self.http, video_id, REEL_INSIGHTS, edge="video_insights", period="lifetime")
        except (InvalidRequest, PermissionMissing) as exc:
            reason = f"{Missing.FAILED}: {str(exc)[:120]}"
            missing.update({k: reason for k in ("reach", "views", "video_views")})
            return {
                "reach": None,
                "views": None,
                "video_views": None,
                "clicks": None,
                "link_clicks": None,
                "missing": missing,
            }
        plays = as_int(values.get("blue_reels_play_count"))
        for name, metric in (("reach", "post_impressions_unique"), ("views", "blue_reels_play_count")):
            if metric in values.missing:
                missing[name] = values.missing[metric]
        if plays is None:
            missing["video_views"] = missing.get("views", Missing.EMPTY)
        return {
            "reach": as_int(values.get("post_impressions_unique")),
            "views": plays,
            "video_views": plays,
            "clicks": None,
            "link_clicks": None,
            "missing": missing,
        }

    def account_metrics(self, day: date) -> AccountMetrics:
        """The Page's figures for one Pacific-time day (Meta's day), and its follower count now."""
        page = self.http.call("GET", self.page_id, params={"fields": "followers_count"}).data or {}
        since, until = pacific_day_bounds(day)
        # A day more than asked: the series then holds two days and the right one must be picked.
        values = insights(
            self.http,
            self.page_id,
            PAGE_INSIGHTS,
            day=day,
            period="day",
            since=since,
            until=until + 86400,
        )
        names = {
            "reach": "page_total_media_view_unique",
            "interactions": "page_post_engagements",
            "views": "page_media_view",
            "new_followers": "page_daily_follows",
        }
        figures = {name: as_int(values.get(metric)) for name, metric in names.items()}
        missing = {name: values.missing[metric] for name, metric in names.items() if metric in values.missing}
        followers = as_int(page.get("followers_count"))
        if followers is None:
            missing["followers"] = Missing.EMPTY
        return AccountMetrics(followers=followers, **figures, missing=missing)

    def period_reach(self, first: date, last: date) -> int | None:
        return None  # Facebook's period values (days_28, week) are unconfirmed: not asked for

    # --- write --------------------------------------------------------------------------------

    def reply(self, comment_id: str, text: str) -> str:
        return str(self.http.call("POST", f"{comment_id}/comments", data={"message": text}).data["id"])

    def hide(self, comment_id: str, hidden: bool = True) -> None:
        self.http.call("POST", comment_id, data={"is_hidden": "true" if hidden else "false"}, idempotent=True)

    def delete(self, comment_id: str) -> None:
        self.http.call("DELETE", comment_id)

    def like(self, object_id: str) -> None:
        self.http.call("POST", f"{object_id}/likes", idempotent=True)

    def block(self, author_id: str) -> None:
        """Block the person from the Page (commenting, messaging); blocking twice changes nothing."""
        reply = self.http.call("POST", f"{self.page_id}/blocked", data={"user": author_id}, idempotent=True)
        if isinstance(reply.data, dict) and reply.data.get(author_id) is False:
            raise InvalidRequest(f"facebook POST /blocked: the Page could not block {author_id}")

    def message_author(self, comment_id: str, text: str) -> str:
        """A private reply to the comment's author; the message id.

        Not retried after a timeout or a 5xx (the message may have gone out, and Meta takes one per
        comment), only when Meta throttled the call, which means it did not do it.
        """
        body = {"recipient": {"comment_id": comment_id}, "message": {"text": text}}
        attempts = self.http.retry.attempts
        for attempt in range(attempts):
            try:
                reply = self.http.call("POST", f"{self.page_id}/messages", json_body=body, idempotent=False)
            except RateLimited as error:
                wait = error.retry_after
                if attempt == attempts - 1 or (wait or 0) > self.http.retry.max_inline_wait:
                    raise
                self.http.sleep(wait if wait is not None else self.http.retry.backoff(attempt))
                continue
            return str((reply.data or {}).get("message_id", ""))
        raise AssertionError("unreachable")

    def publish(self, text: str) -> str:
        raise NotSupported(str(self.missing[Capability.PUBLISH]))


def _post_figures(values) -> dict:
    """Reach, views, video views, clicks and link clicks from a post's /insights values."""
    names = {
        "reach": "post_total_media_view_unique",
        "views": "post_media_view",
        "video_views": "post_video_views",
        "clicks": "post_clicks",
    }
    figures = {name: as_int(values.get(metric)) for name, metric in names.items()}
    missing = {name: values.missing[metric] for name, metric in names.items() if metric in values.missing}
    by_type = values.get("post_clicks_by_type")
    figures["link_clicks"] = None
    if isinstance(by_type, dict) and LINK_CLICKS_BUCKET in by_type:
        figures["link_clicks"] = as_int(by_type[LINK_CLICKS_BUCKET])
    else:
        # Never all clicks in its place: a missing bucket is a missing figure.
        missing["link_clicks"] = values.missing.get("post_clicks_by_type", Missing.NOT_GIVEN)
    figures["missing"] = missing
    return figures


def _reel_video_id(item: dict) -> str:
    """The video id of a Reel (its attachment links to /reel/), or "" for any other post."""
    for attachment in (item.get("attachments") or {}).get("data") or []:
        url = str(attachment.get("url") or "")
        if "/reel/" in url or str(attachment.get("type") or "").lower() in {"reel", "facebook_reel"}:
            return str((attachment.get("target") or {}).get("id") or "")
    return ""


def _media_type(kind: str) -> str:
    kind = kind.lower()
    if kind in {"photo", "image", "cover_photo", "profile_media"}:
        return "image"
    if "video" in kind:
        return "video"
    if kind in {"album", "carousel"}:
        return "carousel"
    if kind in {"share", "link"}:
        return "link"
    return kind or "text"

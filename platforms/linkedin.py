"""LinkedIn organisation pages through the Community Management API (versioned REST, Rest.li 2.0).

Mentions ("Tips! På LinkedIn har det alltid positiv effekt för vårt konto när vi går in och gillar och
kommenterar andras positiva omnämnanden av oss") come from two sources, chosen by what is documented:

- Posts by others that tag the organisation: the Organization Social Action Notifications pull
  finder, `GET /rest/organizationalEntityNotifications?q=criteria&organizationalEntity={enc org}
  &actions=List(SHARE_MENTION)&timeRange=(start:MS,end:MS)`, paged with start/count. Each element
  holds `action`, `organizationalEntity`, `notificationId`, `lastModifiedAt` (epoch ms), the
  mentioning post in `generatedActivity` (a share or ugcPost URN), and, when LinkedIn decorates it,
  `decoratedGeneratedActivity.share` with `owner` and `text`. That page, its permission
  (rw_organization_admin) and SHARE_MENTION are LinkedIn's; the element fields follow the sample
  response that several independent integrations reproduce. docs/platform-apis.md §4 still marks
  the API UNCONFIRMED, so the client leans on nothing else: an undecorated element gets its text
  from the Posts API (`GET /rest/posts/{enc urn}`), a post gone since (404) is skipped.
- Comments that tag the organisation: COMMENT_MENTION is named by one integration but absent from
  LinkedIn's documented action list, and asking for an unknown action could cost the whole call.
  So, as platform-apis.md says, we poll comments: the comments on each mentioning post found above
  (the confirmed Comments API), keeping those whose `message.attributes[].value` names the
  organisation URN (`{"organization": urn}` in the versioned API, `{"com.linkedin.common.
  CompanyAttributedEntity": {"company": urn}}` in the older one: any nesting is accepted). A post
  whose comments we may not read (403) is left out; everything else fails the pull as usual.

The organisation's own posts and comments are never mentions. A mention of a post is answered with
a comment on that post; a mention in a comment with a reply to it; both can be liked.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

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
    PlatformError,
    PlatformUnavailable,
    PostMetrics,
    RateLimited,
    RemoteComment,
    RemotePost,
    SignIn,
    TokenExpired,
)
from .http import PlatformHTTP, Reply, seconds_from_retry_after

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
COMMENT_URN = re.compile(r"^urn:li:comment:\((?P<object>urn:li:[a-zA-Z]+:[^,]+),(?P<id>[^)]+)\)$")
POST_URN = re.compile(r"^urn:li:(share|ugcPost|activity):[^\s/]+$")


def enc(urn: str) -> str:
    """A URN as one path segment or query value: every reserved character percent-encoded."""
    return quote(urn, safe="")


def linkedin_error(reply: Reply) -> PlatformError | None:
    if reply.status < 400:
        return None
    body = reply.data if isinstance(reply.data, dict) else {}
    text = f"HTTP {reply.status} {body.get('code', '')}: {str(body.get('message', ''))[:200]}".strip()
    if reply.status == 401:
        return TokenExpired(text)
    if reply.status == 403:
        return PermissionMissing(text)
    if reply.status == 429:
        wait = seconds_from_retry_after(reply.headers.get("Retry-After"))
        if wait is None and "DAY" in str(body.get("message", "")):
            # Daily quotas open again at 00:00 UTC.
            now = datetime.now(UTC)
            wait = (
                datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC) - now
            ).total_seconds()
        return RateLimited(text, retry_after=wait)
    if reply.status >= 500:
        return PlatformUnavailable(text)
    return InvalidRequest(text, code=reply.status)


def ms_time(value: int | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    return datetime.fromtimestamp(value / 1000, UTC)


class LinkedInClient:
    platform = "linkedin"
    sign_in = SignIn()
    # Share statistics are organic only and count every click; days are UTC.
    figure_facts = FigureFacts(
        day_zone="UTC", settle_days=1, clicks=True, new_followers="gross", organic_only=True
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_MENTIONS,
            Capability.READ_METRICS,
            Capability.REPLY,
            Capability.DELETE,
            Capability.LIKE,
        }
    )
    missing = {
        Capability.HIDE: _("LinkedIn cannot hide a comment; delete it or leave it."),
        Capability.UNHIDE: _("LinkedIn cannot hide a comment; delete it or leave it."),
        Capability.READ_MESSAGES: _("LinkedIn does not give organisation pages' messages to the portal."),
        Capability.BLOCK: _("Blocking a member is done on LinkedIn itself."),
        Capability.MESSAGE_AUTHOR: _("LinkedIn does not let the portal message a member."),
        Capability.PUBLISH: _("The portal does not publish on LinkedIn."),
    }

    def __init__(self, *, organization_id: str, token: str, http: PlatformHTTP | None = None):
        self.org = (
            organization_id
            if organization_id.startswith("urn:")
            else f"urn:li:organization:{organization_id}"
        )
        self.http = http or PlatformHTTP(
            platform=self.platform,
            base_url=f"{settings.LINKEDIN_API_URL.rstrip('/')}/rest",
            token=token,
            interpret=linkedin_error,
            headers={
                "LinkedIn-Version": settings.LINKEDIN_VERSION,
                "X-Restli-Protocol-Version": "2.0.0",
            },
        )

    def _paged(self, path: str, query: str) -> Iterator[dict]:
        start = 0
        while True:
            body = self.http.call("GET", f"{path}?{query}&start={start}&count={PAGE_SIZE}").data or {}
            elements = body.get("elements", [])
            yield from elements
            paging = body.get("paging") or {}
            total = paging.get("total")
            start += len(elements)
            if (
                not elements
                or (total is not None and start >= total)
                or (total is None and len(elements) < PAGE_SIZE)
            ):
                return

    def posts_since(self, since: datetime) -> Iterator[RemotePost]:
        since_ms = int(since.timestamp() * 1000)
        query = f"q=author&author={enc(self.org)}&sortBy=LAST_MODIFIED"
        for item in self._paged("posts", query):
            if (item.get("lastModifiedAt") or item.get("createdAt") or 0) < since_ms:
                return  # sorted by last change, newest first: everything after is older
            created = item.get("publishedAt") or item.get("createdAt")
            if (
                created is None
                or created < since_ms
                or item.get("lifecycleState", "PUBLISHED") != "PUBLISHED"
            ):
                continue
            article = ((item.get("content") or {}).get("article")) or {}
            media = (item.get("content") or {}).get("media") or {}
            yield RemotePost(
                id=item["id"],
                created_at=ms_time(created),
                text=item.get("commentary", ""),
                permalink=f"https://www.linkedin.com/feed/update/{item['id']}/",
                link=article.get("source", ""),
                media_type="link" if article else ("image" if media else "text"),
                raw=item,
            )

    def comments(self, post_id: str) -> Iterator[RemoteComment]:
        for item in self._paged(f"socialActions/{enc(post_id)}/comments", "sortBy=CHRONOLOGICAL"):
            urn = item.get("commentUrn") or item["id"]
            parent = item.get("parentComment")
            yield RemoteComment(
                id=urn,
                kind="reply" if parent else "comment",
                text=(item.get("message") or {}).get("text", ""),
                author_id=item.get("actor", ""),
                author_name=item.get("actor", ""),
                created_at=ms_time((item.get("created") or {}).get("time")),
                post_id=post_id,
                parent_id=parent,
                raw=item,
            )

    def messages(self, since: datetime) -> Iterator[RemoteComment]:
        raise NotSupported(str(self.missing[Capability.READ_MESSAGES]))

    def mentions(self, since: datetime) -> Iterator[RemoteComment]:
        """Others' posts tagging the organisation since then, and their comments that tag it too."""
        since_ms = int(since.timestamp() * 1000)
        # Rest.li 2.0: List(...) and (start:..,end:..) stay literal; the URN is encoded.
        query = (
            f"q=criteria&organizationalEntity={enc(self.org)}&actions=List(SHARE_MENTION)"
            f"&timeRange=(start:{since_ms},end:{int(time.time() * 1000)})"
        )
        seen: set[str] = set()
        posts: list[str] = []
        for note in self._paged("organizationalEntityNotifications", query):
            if (
                note.get("action") != "SHARE_MENTION"
                or note.get("organizationalEntity", self.org) != self.org
                or (note.get("lastModifiedAt") or 0) < since_ms
            ):
                continue
            mention = self._post_mention(note)
            if mention is None or mention.id in seen:
                continue
            seen.add(mention.id)
            posts.append(mention.id)
            yield mention
        for post in posts:
            yield from self._comment_mentions(post, since_ms, seen)

    def _post_mention(self, note: dict) -> RemoteComment | None:
        urn = note.get("generatedActivity") or note.get("sourcePost") or ""
        if not POST_URN.match(urn):
            return None
        share = (note.get("decoratedGeneratedActivity") or {}).get("share") or {}
        text, author = share.get("text"), share.get("owner") or note.get("actor") or ""
        if text is None:
            try:
                post = self.http.call("GET", f"posts/{enc(urn)}").data or {}
            except InvalidRequest as exc:
                if exc.code == 404:
                    return None  # deleted since it mentioned us: nothing left to like
                raise
            text, author = post.get("commentary", ""), author or post.get("author", "")
        if author == self.org:
            return None
        return RemoteComment(
            id=urn,
            kind="mention",
            text=text or "",
            author_id=author,
            author_name=author,
            created_at=ms_time(note.get("lastModifiedAt")),
            post_id=urn,
            permalink=f"https://www.linkedin.com/feed/update/{urn}/",
            raw=note,
        )

    def _comment_mentions(self, post: str, since_ms: int, seen: set[str]) -> Iterator[RemoteComment]:
        try:
            items = list(self._paged(f"socialActions/{enc(post)}/comments", "sortBy=CHRONOLOGICAL"))
        except PermissionMissing:
            logger.info("linkedin: may not read the comments on %s; its comment mentions are skipped", post)
            return
        for item in items:
            urn = item.get("commentUrn") or ""
            created = (item.get("created") or {}).get("time") or 0
            if (
                not COMMENT_URN.match(urn)
                or urn in seen
                or created < since_ms
                or item.get("actor") == self.org
                or not _tags(item.get("message"), self.org)
            ):
                continue
            seen.add(urn)
            yield RemoteComment(
                id=urn,
                kind="mention",
                text=(item.get("message") or {}).get("text", ""),
                author_id=item.get("actor", ""),
                author_name=item.get("actor", ""),
                created_at=ms_time(created),
                post_id=post,
                parent_id=item.get("parentComment"),
                permalink=f"https://www.linkedin.com/feed/update/{post}/?commentUrn={enc(urn)}",
                raw=item,
            )

    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]:
        """Lifetime share statistics: organic only, and `clickCount` is every click on the post."""
        result: dict[str, PostMetrics] = {}
        shares = [p for p in post_ids if ":share:" in p]
        ugc = [p for p in post_ids if ":share:" not in p]
        for key, ids in (("shares", shares), ("ugcPosts", ugc)):
            for start in range(0, len(ids), 20):
                chunk = ids[start : start + 20]
                # Rest.li 2.0: List(...) stays literal, the URNs inside are encoded.
                query = (
                    f"q=organizationalEntity&organizationalEntity={enc(self.org)}"
                    f"&{key}=List({','.join(enc(p) for p in chunk)})"
                )
                body = self.http.call("GET", f"organizationalEntityShareStatistics?{query}").data or {}
                for element in body.get("elements", []):
                    post_id = element.get("share") or element.get("ugcPost")
                    stats = element.get("totalShareStatistics") or {}
                    names = {
                        "reach": "uniqueImpressionsCount",
                        "views": "impressionCount",
                        "clicks": "clickCount",
                        "reactions": "likeCount",
                        "comments": "commentCount",
                        "shares": "shareCount",
                    }
                    figures = {name: _int(stats.get(field)) for name, field in names.items()}
                    missing = {name: Missing.EMPTY for name, value in figures.items() if value is None}
                    result[post_id] = PostMetrics(**figures, missing=missing | _POST_NOT_GIVEN)
        for post_id in post_ids:
            result.setdefault(post_id, PostMetrics(missing=_POST_EMPTY))
        return result

    def account_metrics(self, day: date) -> AccountMetrics:
        """The follower count now, and for the UTC day the follower gains (organic and paid) and the
        organic share statistics of all the organisation's posts."""
        body = (
            self.http.call("GET", f"networkSizes/{enc(self.org)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER").data
            or {}
        )
        start = int(datetime.combine(day, datetime.min.time(), tzinfo=UTC).timestamp() * 1000)
        end = start + 86_400_000
        query = (
            f"q=organizationalEntity&organizationalEntity={enc(self.org)}"
            f"&timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:DAY)"
        )
        stats = self.http.call("GET", f"organizationalEntityFollowerStatistics?{query}").data or {}
        shares = self.http.call("GET", f"organizationalEntityShareStatistics?{query}").data or {}
        day_stats: dict = {}
        for element in shares.get("elements", []):
            if ((element.get("timeRange") or {}).get("start")) == start:
                day_stats = element.get("totalShareStatistics") or {}
        gains = None
        for element in stats.get("elements", []):
            if ((element.get("timeRange") or {}).get("start")) == start:
                counts = element.get("followerGains") or {}
                parts = [_int(counts.get(k)) for k in ("organicFollowerGain", "paidFollowerGain")]
                if any(p is not None for p in parts):
                    gains = sum(p or 0 for p in parts)
        # The day's organic share statistics of all the organisation's posts: unique impressions
        # are the day's reach, impressions its views, likes + comments + shares its interactions.
        parts = [_int(day_stats.get(k)) for k in ("likeCount", "commentCount", "shareCount")]
        figures = {
            "reach": _int(day_stats.get("uniqueImpressionsCount")),
            "views": _int(day_stats.get("impressionCount")),
            "interactions": sum(p or 0 for p in parts) if any(p is not None for p in parts) else None,
            "new_followers": gains,
        }
        missing = {name: Missing.EMPTY for name, value in figures.items() if value is None}
        return AccountMetrics(followers=_int(body.get("firstDegreeSize")), **figures, missing=missing)

    def period_reach(self, first: date, last: date) -> int | None:
        return None  # LinkedIn gives no reach for the organisation

    def reply(self, comment_id: str, text: str) -> str:
        if POST_URN.match(comment_id):
            # A post that mentions us is answered with a comment on it, not under a comment.
            obj, body = comment_id, {"actor": self.org, "object": comment_id, "message": {"text": text}}
        else:
            obj, _id = _split_comment(comment_id)
            body = {"actor": self.org, "object": obj, "message": {"text": text}, "parentComment": comment_id}
        reply = self.http.call("POST", f"socialActions/{enc(obj)}/comments", json_body=body)
        data = reply.data if isinstance(reply.data, dict) else {}
        return data.get("commentUrn") or data.get("id") or reply.headers.get("x-restli-id", "")

    def hide(self, comment_id: str, hidden: bool = True) -> None:
        raise NotSupported(str(self.missing[Capability.HIDE]))

    def delete(self, comment_id: str) -> None:
        obj, comment = _split_comment(comment_id)
        self.http.call(
            "DELETE", f"socialActions/{enc(obj)}/comments/{quote(comment, safe='')}?actor={enc(self.org)}"
        )

    def like(self, object_id: str) -> None:
        self.http.call(
            "POST",
            f"reactions?actor={enc(self.org)}",
            json_body={"root": object_id, "reactionType": "LIKE"},
            idempotent=True,
        )

    def publish(self, text: str) -> str:
        raise NotSupported(str(self.missing[Capability.PUBLISH]))


# LinkedIn gives all clicks on a post, not the clicks on its link, and no saves or video views.
_POST_NOT_GIVEN = {
    "link_clicks": Missing.NOT_GIVEN,
    "saves": Missing.NOT_GIVEN,
    "video_views": Missing.NOT_GIVEN,
}
_POST_EMPTY = dict.fromkeys(
    ("reach", "views", "clicks", "reactions", "comments", "shares"), Missing.EMPTY
) | (_POST_NOT_GIVEN)


def _int(value) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _split_comment(comment_urn: str) -> tuple[str, str]:
    match = COMMENT_URN.match(comment_urn)
    if not match:
        raise InvalidRequest(f"not a LinkedIn comment URN: {comment_urn[:80]}")
    return match["object"], match["id"]


def _tags(message, urn: str) -> bool:
    """Whether a comment's message attributes name `urn`, in whichever nesting the version uses."""
    attributes = message.get("attributes") if isinstance(message, dict) else None
    return any(_holds(a.get("value"), urn) for a in attributes or [] if isinstance(a, dict))


def _holds(value, urn: str) -> bool:
    if isinstance(value, str):
        return value == urn
    if isinstance(value, dict):
        return any(_holds(v, urn) for v in value.values())
    if isinstance(value, list):
        return any(_holds(v, urn) for v in value)
    return False

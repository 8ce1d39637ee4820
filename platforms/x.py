"""X (API v2): posting text with a link, reading an account's posts, replies and figures.

The length of a post is X's weighted length (twitter-text `config/v3.json`): the text is NFC
normalised; code points in U+0000-10FF, U+2000-200D, U+2010-201F and U+2032-2037 weigh 1, every
other code point 2; an emoji sequence (with its modifiers, joiners and variation selectors) weighs 2
as a whole; any URL weighs 23, whatever its length, because X wraps it in t.co.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    AccountMetrics,
    Capability,
    DuplicateContent,
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
from .http import PlatformHTTP, Reply, seconds_from_reset, seconds_from_retry_after

MAX_WEIGHTED_LENGTH = 280
URL_WEIGHT = 23
ELLIPSIS = "…"

_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_TLDS = "se|nu|com|org|net|eu|io|info|dk|no|fi|de|uk|co|app|dev|ly|me|tv|gov|edu"
URL_RE = re.compile(
    r"(?:https?://[^\s<>\"]+|www\.[^\s<>\"]+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:"
    + _TLDS
    + r")\b(?:/[^\s<>\"]*)?)",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,:;!?)]}'\""


def _is_light(cp: int) -> bool:
    return any(start <= cp <= end for start, end in _LIGHT_RANGES)


# Code points shown as emoji without a variation selector (Emoji_Presentation), by block.
def _emoji_presentation(cp: int) -> bool:
    return (
        0x1F000 <= cp <= 0x1FAFF
        or cp in {0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE}
        or cp in {0x2614, 0x2615, 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5}
        or cp in {0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B}
        or cp in {0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0}
        or cp in {0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55}
        or 0x2648 <= cp <= 0x2653
    )


def _is_modifier(cp: int) -> bool:
    return cp in (0xFE0F, 0x20E3) or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F


def _emoji_length(text: str, i: int) -> int:
    """How many code points the emoji sequence starting at i spans (0 if none starts there)."""
    n = len(text)
    cp = ord(text[i])
    nxt = ord(text[i + 1]) if i + 1 < n else 0
    if text[i] in "0123456789#*":
        if nxt == 0x20E3:
            return 2
        if nxt == 0xFE0F and i + 2 < n and ord(text[i + 2]) == 0x20E3:
            return 3
        return 0
    if 0x1F1E6 <= cp <= 0x1F1FF and 0x1F1E6 <= nxt <= 0x1F1FF:
        return 2  # a flag: two regional indicators
    if not (_emoji_presentation(cp) or (nxt == 0xFE0F and (cp > 0x7F))):
        return 0
    j = i + 1
    while j < n:
        cj = ord(text[j])
        if _is_modifier(cj):
            j += 1
        elif (
            cj == 0x200D
            and j + 1 < n
            and (_emoji_presentation(ord(text[j + 1])) or ord(text[j + 1]) > 0x2000)
        ):
            j += 2  # joined to the next emoji: one sequence
        else:
            break
    return j - i


def _plain_weight(text: str) -> int:
    weight = 0
    i = 0
    while i < len(text):
        span = _emoji_length(text, i)
        if span:
            weight += 2
            i += span
            continue
        weight += 1 if _is_light(ord(text[i])) else 2
        i += 1
    return weight


def find_urls(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in URL_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        spans.append((start, end))
    return spans


def weighted_length(text: str) -> int:
    """The length X counts against its 280 limit."""
    text = unicodedata.normalize("NFC", text)
    weight = 0
    pos = 0
    for start, end in find_urls(text):
        weight += _plain_weight(text[pos:start]) + URL_WEIGHT
        pos = end
    return weight + _plain_weight(text[pos:])


def shorten_for_x(text: str, url: str = "", *, limit: int = MAX_WEIGHTED_LENGTH) -> str:
    """`text` and `url` as one post that fits X's limit: the text cut at a word and ended with "…"."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    url = url.strip()

    def join(body: str) -> str:
        return f"{body} {url}" if url and body else (url or body)

    if weighted_length(join(text)) <= limit:
        return join(text)
    words = text.split(" ")
    # The longest run of whole words that fits with the ellipsis (binary search: length grows with words).
    low, high = 0, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        if weighted_length(join(" ".join(words[:mid]).rstrip(_TRAILING_PUNCT + "-–") + ELLIPSIS)) <= limit:
            low = mid
        else:
            high = mid - 1
    if low:
        return join(" ".join(words[:low]).rstrip(_TRAILING_PUNCT + "-–") + ELLIPSIS)
    # One enormous first word: cut it by code points.
    cut = words[0]
    while cut and weighted_length(join(cut + ELLIPSIS)) > limit:
        cut = cut[:-1]
    return join(cut + ELLIPSIS) if cut else url[:limit]


# X gives impressions, not unique reach; link clicks only in non_public_metrics (user context, posts
# under 30 days), which the portal does not ask for.
_NOT_GIVEN = {
    "reach": Missing.NOT_GIVEN,
    "clicks": Missing.NOT_GIVEN,
    "link_clicks": Missing.NOT_GIVEN,
    "video_views": Missing.NOT_GIVEN,
}


def x_error(reply: Reply) -> PlatformError | None:
    if reply.status < 400:
        return None
    body = reply.data if isinstance(reply.data, dict) else {}
    # Problem JSON (v2) or the older {"errors":[{"code":..,"message":..}]}.
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    detail = str(body.get("detail") or first.get("message") or body.get("title") or "")[:200]
    code = first.get("code")
    text = f"HTTP {reply.status}: {detail}"
    if reply.status == 401 or code in (89, 215):
        return TokenExpired(text)
    if reply.status == 429 or code == 88:
        wait = seconds_from_retry_after(reply.headers.get("Retry-After"))
        if wait is None:
            wait = seconds_from_reset(reply.headers.get("x-rate-limit-reset"))
        return RateLimited(text, retry_after=wait)
    if code == 187 or "duplicate" in detail.lower():
        return DuplicateContent(text)
    if reply.status == 403:
        return PermissionMissing(text)
    if reply.status >= 500:
        return PlatformUnavailable(text)
    return InvalidRequest(text, code=reply.status)


def x_pause_hint(reply: Reply) -> float | None:
    if reply.headers.get("x-rate-limit-remaining") == "0":
        return seconds_from_reset(reply.headers.get("x-rate-limit-reset"))
    return None


def x_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class XClient:
    platform = "x"
    sign_in = SignIn(pkce=True, basic_auth=True)
    figure_facts = FigureFacts(day_zone="UTC", settle_days=0, new_followers="net", daily=False)
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_METRICS,
            Capability.REPLY,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.LIKE,
            Capability.PUBLISH,
        }
    )
    missing = {
        Capability.DELETE: _("X lets an account delete only its own posts; hide the reply instead."),
        Capability.READ_MESSAGES: _("The portal does not read X direct messages."),
        Capability.BLOCK: _("Blocking a person is done on X itself."),
        Capability.MESSAGE_AUTHOR: _("The portal does not send X direct messages."),
    }

    def __init__(self, *, user_id: str, token: str, http: PlatformHTTP | None = None):
        self.user_id = user_id
        self.http = http or PlatformHTTP(
            platform=self.platform,
            base_url=f"{settings.X_API_URL.rstrip('/')}/2",
            token=token,
            interpret=x_error,
            pause_hint=x_pause_hint,
        )

    def _paged(self, path: str, params: dict) -> Iterator[tuple[dict, dict]]:
        token = None
        while True:
            page = dict(params, **({"pagination_token": token} if token else {}))
            if "query" in params and token:
                page = dict(params, next_token=token)
            body = self.http.call("GET", path, params=page).data or {}
            users = {u["id"]: u for u in (body.get("includes") or {}).get("users", [])}
            for item in body.get("data", []) or []:
                yield item, users
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return

    def posts_since(self, since: datetime) -> Iterator[RemotePost]:
        params = {
            "start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "max_results": 100,
            "tweet.fields": "created_at,entities,attachments",
            "exclude": "replies,retweets",
        }
        for item, _users in self._paged(f"users/{self.user_id}/tweets", params):
            urls = (item.get("entities") or {}).get("urls") or []
            yield RemotePost(
                id=item["id"],
                created_at=x_time(item.get("created_at")),
                text=item.get("text", ""),
                permalink=f"https://x.com/i/web/status/{item['id']}",
                link=(urls[0].get("unwound_url") or urls[0].get("expanded_url", "")) if urls else "",
                media_type="image" if item.get("attachments") else ("link" if urls else "text"),
                raw=item,
            )

    def comments(self, post_id: str) -> Iterator[RemoteComment]:
        params = {
            "query": f"conversation_id:{post_id}",
            "max_results": 100,
            "tweet.fields": "created_at,author_id,referenced_tweets,conversation_id",
            "expansions": "author_id",
        }
        for item, users in self._paged("tweets/search/recent", params):
            replied = [r["id"] for r in item.get("referenced_tweets", []) if r.get("type") == "replied_to"]
            parent = replied[0] if replied and replied[0] != post_id else None
            author = users.get(item.get("author_id"), {})
            yield RemoteComment(
                id=item["id"],
                kind="reply" if parent else "comment",
                text=item.get("text", ""),
                author_id=str(item.get("author_id", "")),
                author_name=author.get("username", ""),
                created_at=x_time(item.get("created_at")),
                post_id=post_id,
                parent_id=parent,
                permalink=f"https://x.com/i/web/status/{item['id']}",
                raw=item,
            )

    def messages(self, since: datetime) -> Iterator[RemoteComment]:
        raise NotSupported(str(self.missing[Capability.READ_MESSAGES]))

    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]:
        result: dict[str, PostMetrics] = {}
        for start in range(0, len(post_ids), 100):
            chunk = post_ids[start : start + 100]
            body = (
                self.http.call(
                    "GET", "tweets", params={"ids": ",".join(chunk), "tweet.fields": "public_metrics"}
                ).data
                or {}
            )
            for item in body.get("data", []) or []:
                m = item.get("public_metrics") or {}
                shares = [m[k] for k in ("retweet_count", "quote_count") if isinstance(m.get(k), int)]
                figures = {
                    "views": m.get("impression_count"),
                    "reactions": m.get("like_count"),
                    "comments": m.get("reply_count"),
                    "shares": sum(shares) if shares else None,
                    "saves": m.get("bookmark_count"),
                }
                missing = {name: Missing.EMPTY for name, value in figures.items() if value is None}
                result[item["id"]] = PostMetrics(**figures, missing=missing | _NOT_GIVEN)
        for post_id in post_ids:
            result.setdefault(
                post_id,
                PostMetrics(
                    missing=dict.fromkeys(
                        ("views", "reactions", "comments", "shares", "saves"), Missing.EMPTY
                    )
                    | _NOT_GIVEN
                ),
            )
        return result

    def account_metrics(self, day: date) -> AccountMetrics:
        """The follower count now; X gives no daily figures, so new followers are the net change."""
        body = (
            self.http.call("GET", f"users/{self.user_id}", params={"user.fields": "public_metrics"}).data
            or {}
        )
        followers = ((body.get("data") or {}).get("public_metrics") or {}).get("followers_count")
        return AccountMetrics(
            followers=followers,
            missing=dict.fromkeys(("reach", "interactions", "views", "new_followers"), Missing.NOT_GIVEN),
        )

    def period_reach(self, first: date, last: date) -> int | None:
        return None  # X gives impressions, not unique reach

    def reply(self, comment_id: str, text: str) -> str:
        body = self.http.call(
            "POST", "tweets", json_body={"text": text, "reply": {"in_reply_to_tweet_id": comment_id}}
        ).data
        return str(body["data"]["id"])

    def hide(self, comment_id: str, hidden: bool = True) -> None:
        self.http.call("PUT", f"tweets/{comment_id}/hidden", json_body={"hidden": hidden})

    def delete(self, comment_id: str) -> None:
        raise NotSupported(str(self.missing[Capability.DELETE]))

    def like(self, object_id: str) -> None:
        self.http.call(
            "POST", f"users/{self.user_id}/likes", json_body={"tweet_id": object_id}, idempotent=True
        )

    def block(self, author_id: str) -> None:
        raise NotSupported(str(self.missing[Capability.BLOCK]))

    def message_author(self, comment_id: str, text: str) -> str:
        raise NotSupported(str(self.missing[Capability.MESSAGE_AUTHOR]))

    def publish(self, text: str) -> str:
        """Post `text`; returns the new post's id. Raises DuplicateContent if X already has it."""
        if weighted_length(text) > MAX_WEIGHTED_LENGTH:
            raise InvalidRequest(f"text weighs {weighted_length(text)} of {MAX_WEIGHTED_LENGTH}")
        # X refuses a second identical post, so a retry after a lost answer cannot post twice.
        body = self.http.call("POST", "tweets", json_body={"text": text}, idempotent=True).data
        return str(body["data"]["id"])

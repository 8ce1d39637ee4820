"""The one small interface every platform client implements, and the shapes it returns.

The portal never sees a platform's own JSON outside `platforms/`: clients turn it into these
dataclasses (keeping the raw item for evidence), and moderation and metrics work on them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol


class Capability(StrEnum):
    READ_POSTS = "read_posts"
    READ_COMMENTS = "read_comments"
    READ_MESSAGES = "read_messages"
    READ_MENTIONS = "read_mentions"  # others' posts and comments that name the account
    READ_METRICS = "read_metrics"
    REPLY = "reply"
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"
    LIKE = "like"
    BLOCK = "block"
    MESSAGE_AUTHOR = "message_author"
    PUBLISH = "publish"


@dataclass(frozen=True)
class RemotePost:
    id: str  # the platform's id
    created_at: datetime  # aware
    text: str = ""
    permalink: str = ""
    link: str = ""  # the first link the post carries, for matching it to a booking
    media_type: str = ""  # "image", "video", "carousel", "link", "text"
    raw: Mapping = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RemoteComment:
    id: str  # the platform's id, unique per platform
    kind: str  # "comment" | "reply" | "message" | "mention"
    text: str
    author_id: str
    author_name: str
    created_at: datetime  # aware
    post_id: str | None = None  # the post it belongs to
    parent_id: str | None = None  # the comment a reply answers
    permalink: str = ""
    is_hidden: bool = False
    attachments: tuple[str, ...] = ()  # URLs
    raw: Mapping = field(default_factory=dict, compare=False)  # kept as evidence


class Missing(StrEnum):
    """Why a figure is NULL: shown as "–" with the reason, never as 0."""

    NOT_GIVEN = "not_given"  # the platform has no such figure
    RETIRED = "retired"  # the platform rejected the metric (Meta code 100)
    EMPTY = "empty"  # the platform answered with an empty data set (no data yet, too few viewers)
    NOT_FOR_DAY = "not_for_day"  # the series held no value for the day asked for
    FAILED = "failed"  # the platform refused this object's figures (e.g. a Reel's insights)
    THRESHOLD = "threshold"  # the account is under the platform's threshold (e.g. 100 likes)


@dataclass(frozen=True)
class PostMetrics:
    """A post's figures, lifetime to date. A figure the platform does not give is None, never 0,
    and `missing` names why (figure name -> Missing).

    `views` counts every time the post was shown or played (Facebook `post_media_view`, Instagram
    `views`, LinkedIn `impressionCount`, X `impression_count`); `clicks` is every click on the post,
    `link_clicks` only the clicks on its link; `video_views` only plays of a video.
    """

    reach: int | None = None
    video_views: int | None = None
    link_clicks: int | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    views: int | None = None
    clicks: int | None = None
    missing: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class AccountMetrics:
    """An account's figures for one day of the platform's own (see `FigureFacts.day_zone`).

    `new_followers` is what the platform gives for the day: gains (gross) where it counts them,
    else None; `FigureFacts.new_followers` says which.
    """

    followers: int | None = None
    reach: int | None = None
    interactions: int | None = None
    views: int | None = None
    new_followers: int | None = None
    missing: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class FigureFacts:
    """What a platform's figures are, for storing and explaining them honestly.

    day_zone: the time zone in which the platform's daily values are days (Meta: Pacific time).
    settle_days: whole days after a day's end before its figures are final (Meta updates once a
        day, Instagram up to 48 hours late).
    clicks / link_clicks: whether the platform gives all clicks, and the clicks on the link.
    new_followers: "gross" (gains the platform counts), or "net" (the difference of follower counts,
        computed by us because the platform gives no gains).
    organic_only: the post figures leave out paid distribution (Instagram's media metrics,
        LinkedIn's share statistics).
    period_reach: the platform gives a period's unique reach (not only a day's).
    daily: the account figures are per day (X gives only a follower count of now).
    """

    day_zone: str = "UTC"
    settle_days: int = 1
    clicks: bool = False
    link_clicks: bool = False
    new_followers: str = "net"
    organic_only: bool = False
    period_reach: bool = False
    daily: bool = True


@dataclass(frozen=True)
class SignIn:
    """How an account on a platform is connected (`platforms.services.connection_start`)."""

    oauth: bool = True  # False: there is nothing to sign in to (the demo platform)
    pkce: bool = False  # the browser side is a public client proving itself with PKCE (X)
    basic_auth: bool = False  # a confidential client sends its secret by HTTP Basic auth (X)
    page_token: bool = False  # the person's token is traded for the Page's own, which lasts (Meta)


class PlatformError(Exception):
    """A platform refused or failed a call; the message is safe to log (never a token)."""


class PlatformUnavailable(PlatformError):
    """5xx, timeout, truncated body: worth retrying with backoff."""


class RateLimited(PlatformUnavailable):
    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class TokenExpired(PlatformError):
    """The account needs a new token: stop calling until someone reconnects it."""


class NotSupported(PlatformError):
    """The platform cannot do this (e.g. LinkedIn cannot hide a comment)."""


class AlreadyGone(PlatformError):
    """The object no longer exists on the platform (e.g. a comment deleted by someone else)."""


class PermissionMissing(PlatformError):
    """The token works but lacks a permission (Meta 10/200-299, LinkedIn/X 403): not worth retrying."""


class DuplicateContent(PlatformError):
    """The platform refused a post as a duplicate of one already published (X 403, Meta 506)."""


class InvalidRequest(PlatformError):
    """The platform rejected a parameter, e.g. a metric it no longer offers (Meta code 100)."""

    def __init__(self, message: str, *, code: int | None = None):
        super().__init__(message)
        self.code = code


class PlatformClient(Protocol):
    platform: str
    figure_facts: FigureFacts
    capabilities: frozenset[Capability]
    sign_in: SignIn

    def posts_since(self, since: datetime) -> Iterator[RemotePost]: ...
    def comments(self, post_id: str) -> Iterator[RemoteComment]: ...
    def messages(self, since: datetime) -> Iterator[RemoteComment]: ...
    # Only clients with Capability.READ_MENTIONS have it: kind="mention" items since then.
    def mentions(self, since: datetime) -> Iterator[RemoteComment]: ...
    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]: ...
    def account_metrics(self, day: date) -> AccountMetrics: ...
    # The unique reach over [first, last] (the platform's days), or None where it gives no period value.
    def period_reach(self, first: date, last: date) -> int | None: ...
    def reply(self, comment_id: str, text: str) -> str: ...
    def hide(self, comment_id: str, hidden: bool = True) -> None: ...
    def delete(self, comment_id: str) -> None: ...
    def like(self, object_id: str) -> None: ...
    def block(self, author_id: str) -> None: ...
    def message_author(self, comment_id: str, text: str) -> str: ...
    def publish(self, text: str) -> str: ...

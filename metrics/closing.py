"""Closing an account: first the archive copy, then the decision.

Stockholm's practice is to archive an account before it is closed. The copy is one zip: the posts,
the figures (the monthly rollup and the snapshots) and the moderation log with the comments it is
about, each as CSV and JSON, and a manifest with every file's SHA-256. The zip's own SHA-256 is shown
to AKN and stored with it, so the copy handed to the registry can be checked later. The account is
then marked closed (date, reason, who); it leaves the calendar and the pulls, its history stays.

Text in the files comes from the platforms and from people outside the city: every CSV cell goes
through `helsocial.csv_export` (a formula is written as text), JSON carries it as data.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SocialAccount, User
from helsocial.csv_export import csv_lines
from moderation.models import Comment, ModerationLogEntry
from platforms.models import PlatformPost

from .models import AccountArchive, MetricSnapshot, MonthlyRollup

BUNDLE_FORMAT = "helsocial-account-archive/1"
# A fixed time for every member of the zip: the same data gives the same bytes, and so the same hash.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

POST_FIELDS = ("platform_id", "created_at", "text", "permalink", "link", "media_type")
ROLLUP_FIELDS = (
    "month", "subject", "followers", "new_followers", "reach", "views", "video_views", "clicks",
    "link_clicks", "reactions", "comments", "shares", "saves", "interactions", "posts_published",
    "engagement_rate", "settled",
)  # fmt: skip
SNAPSHOT_FIELDS = (
    "day", "metric_set", "subject", "followers", "new_followers", "reach", "views", "video_views",
    "clicks", "link_clicks", "reactions", "comments", "shares", "saves", "interactions", "settled",
)  # fmt: skip
# The comments as the log needs them; the authors' names and ids are personal data and stay out.
COMMENT_FIELDS = ("id", "platform_id", "kind", "post_platform_id", "created_at", "status", "text")
LOG_FIELDS = ("comment_id", "at", "action", "rule", "outcome", "detail", "actor")


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    # The one CSV writer of the portal: a BOM for Excel, every cell (headings too) through csv_cell.
    plain_rows = ([_plain(value) for value in row] for row in rows)
    return "".join(csv_lines(header, plain_rows)).encode("utf-8")


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _json_bytes(header: Sequence[str], rows: list[Sequence[object]]) -> bytes:
    records = [dict(zip(header, row, strict=True)) for row in rows]
    return json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")


def _tables(account: SocialAccount) -> dict[str, tuple[Sequence[str], list[Sequence[object]]]]:
    posts = list(
        PlatformPost.objects.filter(account=account).order_by("created_at", "pk").values_list(*POST_FIELDS)
    )
    rollups = list(
        MonthlyRollup.objects.filter(account=account).order_by("month", "subject").values_list(*ROLLUP_FIELDS)
    )
    snapshots = list(
        MetricSnapshot.objects.filter(account=account)
        .order_by("day", "metric_set", "subject")
        .values_list(*SNAPSHOT_FIELDS)
    )
    comments = list(
        Comment.objects.filter(account=account).order_by("created_at", "pk").values_list(*COMMENT_FIELDS)
    )
    comment_ids = [row[0] for row in comments]
    log = list(
        ModerationLogEntry.objects.filter(comment_id__in=comment_ids)
        .order_by("at", "pk")
        .values_list("comment_id", "at", "action", "rule", "outcome", "detail", "actor__username")
    )
    return {
        "posts": (POST_FIELDS, posts),
        "figures_monthly": (ROLLUP_FIELDS, rollups),
        "figures_daily": (SNAPSHOT_FIELDS, snapshots),
        "comments": (COMMENT_FIELDS, comments),
        "moderation_log": (LOG_FIELDS, log),
    }


def archive_bundle(*, account: SocialAccount, made_at: datetime) -> bytes:
    """The zip of the account's posts, figures and moderation log, with a manifest."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for name, (header, rows) in _tables(account).items():
        files[f"{name}.csv"] = _csv_bytes(header, rows)
        files[f"{name}.json"] = _json_bytes(header, rows)
        counts[name] = len(rows)
    manifest = {
        "format": BUNDLE_FORMAT,
        "made_at": made_at.isoformat(),
        "account": {
            "id": account.pk,
            "name": account.name,
            "platform": account.platform,
            "platform_id": account.platform_id,
            "url": account.url,
            "administration": account.administration.name,
            "purpose": account.purpose,
        },
        "counts": counts,
        "files": {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())},
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, files[name])
    return buffer.getvalue()


@transaction.atomic
def account_archive_make(*, account: SocialAccount, by: User) -> AccountArchive:
    """Make and store the archive copy of `account` (a checked, locked account)."""
    now = timezone.now()
    content = archive_bundle(account=account, made_at=now)
    return AccountArchive.objects.create(
        account=account,
        bundle=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        created_by=by,
        created_at=now,
    )


@transaction.atomic
def account_close(*, account: SocialAccount, by: User, closed_on: date, reason: str) -> SocialAccount:
    """Mark the account closed: only after an archive copy exists, with the decision."""
    if account.is_closed:
        raise ValidationError(_("The account is already closed."), code="already_closed")
    if not account.archives.exists():
        raise ValidationError(_("Make the archive copy before closing the account."), code="no_archive")
    if not reason.strip():
        raise ValidationError(_("Say why the account is closed."), code="reason_required")
    account.closed_on = closed_on
    account.closed_reason = reason
    account.closed_by = by
    account.in_register = False
    account.save(update_fields=["closed_on", "closed_reason", "closed_by", "in_register", "updated_at"])
    return account

"""Deleting a comment with evidence: screenshot and raw item first, then the platform, then the registry.

"Borttagna kommentarer ska skärmdumpas och diarieföras via mejl till kommunstyrelsen@helsingborg.se."

1. `evidence_capture` renders the comment in its context to a PNG (headless Chromium with JavaScript
   off and every request aborted, or Pillow where Chromium is missing) and stores it with the raw
   platform item and the SHA-256 of each — committed before the platform is called.
2. The platform deletes. If that fails the comment stays as it was, the evidence stays pending and a
   retry reuses it; a retry that finds the comment already gone completes the removal.
3. In one transaction: the comment is marked removed, the evidence completed, the log written and the
   registry mail put in the outbox (`moderation/registry.py`). No mail for a deletion that did not
   happen.

A comment removed on the platform by someone else (webhook or pull) gets the same evidence from the
stored copy and the same mail, marked as removed outside the portal (`evidence_sweep_removed_outside`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import textwrap
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from helsocial.shown_text import visible
from platforms import client_for
from platforms.base import AlreadyGone, PlatformError

from .actions import (
    Action,
    ActionFailed,
    BlockFailed,
    _clean_rule,
    action_failed,
    author_blocked,
    comment_block_author,
    comment_lock,
    is_registered,
    log_entry,
    require_offered,
)
from .models import Comment, Evidence, Label, ModerationLogEntry

logger = logging.getLogger(__name__)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- rendering ------------------------------------------------------------------------------------


def _post_excerpt(comment: Comment) -> str:
    if not comment.post_platform_id:
        return ""
    from platforms.models import PlatformPost

    text = (
        PlatformPost.objects.filter(account_id=comment.account_id, platform_id=comment.post_platform_id)
        .values_list("text", flat=True)
        .first()
    )
    return textwrap.shorten(text, 300, placeholder=" …") if text else ""


def evidence_context(comment: Comment, *, moderator: User | None, rule: str, captured_at: datetime) -> dict:
    return {
        "comment": comment,
        "moderator": moderator,
        "rule_name": dict(Label.choices).get(rule, rule),
        "captured_at": timezone.localtime(captured_at),
        "post_excerpt": _post_excerpt(comment),
    }


def evidence_html(context: dict) -> str:
    with translation.override("sv"):
        return render_to_string("moderation/evidence/screenshot.html", context)


def renderer_choice() -> str:
    wanted = settings.EVIDENCE_RENDERER
    if wanted == "auto":
        return "chromium" if shutil.which(settings.EVIDENCE_CHROMIUM) else "pillow"
    return wanted


def render_png_chromium(html: str, *, observe: list | None = None) -> bytes:
    """The page as a PNG from headless Chromium: no JavaScript, no network, platform text escaped.

    Runs in its own thread so that Playwright's sync API never meets a caller's event loop.
    `observe` (tests) collects every dialog, console message and request the page tried.
    """

    def run() -> bytes:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=settings.EVIDENCE_CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(
                    java_script_enabled=False, viewport={"width": 800, "height": 600}, offline=True
                )
                page = context.new_page()

                def on_request(route):
                    if observe is not None:
                        observe.append(("request", route.request.url))
                    route.abort()

                page.route("**/*", on_request)
                if observe is not None:
                    page.on("dialog", lambda d: (observe.append(("dialog", d.message)), d.dismiss()))
                    page.on("console", lambda m: observe.append(("console", m.text)))
                page.set_content(html, wait_until="load", timeout=15_000)
                return page.screenshot(full_page=True, type="png", timeout=15_000)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{name}", size)
    except OSError:
        return ImageFont.load_default(size=size)


def render_png_pillow(context: dict) -> bytes:
    """The same facts drawn as plain text lines: nothing in them is ever interpreted."""
    from PIL import Image, ImageDraw

    comment = context["comment"]
    moderator = context["moderator"]
    with translation.override("sv"):
        from django.utils.translation import gettext as _

        facts = [
            (_("Platform"), comment.account.get_platform_display()),
            (_("Account"), visible(comment.account.name)),
            (_("Link"), comment.permalink or "–"),
            (_("Guideline rule"), context["rule_name"] or "–"),
            (
                _("Moderator"),
                (moderator.get_full_name() or moderator.username)
                if moderator
                else _("Removed outside the portal"),
            ),
            (_("Captured"), f"{context['captured_at']:%Y-%m-%d %H:%M:%S}"),
        ]
        title = _("Removed comment")
    lines: list[tuple[str, bool]] = [(title, True), ("", False)]
    for name, value in facts:
        lines.append((f"{name}: {value}", False))
    lines.append(("", False))
    if context["post_excerpt"]:
        lines += [(part, False) for part in textwrap.wrap("» " + visible(context["post_excerpt"]), 90)]
        lines.append(("", False))
    lines.append((visible(comment.author_name or comment.author_id), True))
    lines.append((f"{timezone.localtime(comment.created_at):%Y-%m-%d %H:%M}", False))
    for paragraph in visible(comment.text or "").splitlines() or [""]:
        lines += [(part, False) for part in (textwrap.wrap(paragraph, 90) or [""])]
    for attachment in comment.attachments or []:
        lines.append((f"• {visible(attachment)}", False))
    lines.append(("", False))
    lines.append((f"{comment.pk} · {comment.platform_id}", False))

    regular, bold = _font(15), _font(15, bold=True)
    height = 24 + 22 * len(lines) + 24
    image = Image.new("RGB", (800, height), "white")
    draw = ImageDraw.Draw(image)
    y = 24
    for text, is_bold in lines:
        draw.text((24, y), _one_line(text), fill="#1a1a1a", font=bold if is_bold else regular)
        y += 22
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _one_line(text: str) -> str:
    # Pillow's text layout fails on control characters: a line break in an account name, a carriage
    # return in an author's name from a platform. Each line is drawn as one line.
    return "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in text)


def render_evidence_png(context: dict) -> tuple[bytes, str]:
    """The screenshot and the renderer that made it."""
    renderer = renderer_choice()
    if renderer == "chromium":
        try:
            return render_png_chromium(evidence_html(context)), "chromium"
        except Exception:
            if settings.EVIDENCE_RENDERER == "chromium":
                raise
            logger.warning("evidence: Chromium failed; drawing with Pillow instead", exc_info=True)
    return render_png_pillow(context), "pillow"


def raw_payload(comment: Comment) -> bytes:
    return json.dumps(comment.raw, ensure_ascii=False, sort_keys=True, indent=2).encode()


# --- capture and removal --------------------------------------------------------------------------


def evidence_capture(
    *,
    comment: Comment,
    moderator: User | None,
    rule: str,
    action: str = Action.DELETE,
    removed_outside_portal: bool = False,
) -> Evidence:
    """The pending evidence for this comment: an existing one (a retry), or a new capture."""
    pending = Evidence.objects.filter(comment=comment, completed_at__isnull=True).first()
    if pending is not None:
        return pending
    now = timezone.now()
    png, renderer = render_evidence_png(
        evidence_context(comment, moderator=moderator, rule=rule, captured_at=now)
    )
    payload = raw_payload(comment)
    try:
        with transaction.atomic():
            return Evidence.objects.create(
                comment=comment,
                png=png,
                png_sha256=sha256(png),
                payload=payload,
                payload_sha256=sha256(payload),
                renderer=renderer,
                moderator=moderator,
                action=action,
                rule=rule,
                removed_outside_portal=removed_outside_portal,
                created_at=now,
            )
    except IntegrityError:  # someone captured it at the same moment
        return Evidence.objects.get(comment=comment, completed_at__isnull=True)


def _complete(
    *, evidence: Evidence, comment: Comment, by: User | None, outcome: str, source: str
) -> ModerationLogEntry | None:
    """Mark removed, complete the evidence, log and enqueue the registry mail — all or nothing."""
    from .registry import registry_mail_enqueue

    now = timezone.now()
    with transaction.atomic():
        locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if locked.completed_at is not None:  # a concurrent retry finished it
            return None
        fields = {
            "status": Comment.Status.REMOVED,
            "removed_on_platform_at": comment.removed_on_platform_at or now,
            "removal_source": source,
            "claimed_by": None,
            "claimed_until": None,
        }
        Comment.objects.filter(pk=comment.pk).update(**fields)
        for name, value in fields.items():
            setattr(comment, name, value)
        locked.completed_at = now
        locked.save(update_fields=["completed_at"])
        entry = log_entry(
            comment_id=comment.pk,
            by=by,
            action=locked.action,
            rule=locked.rule,
            outcome=outcome,
            detail=f"evidence:{locked.pk}",
            labels=comment.labels,
        )
        registry_mail_enqueue(evidence=locked)
    return entry


def comment_delete(*, comment: Comment, by: User, rule: str = "") -> ModerationLogEntry | None:
    """Delete with evidence; raises ActionFailed and keeps the evidence if the platform call fails,
    so the same call is the retry.

    The evidence is committed before the comment is locked and the platform called (a crash after
    the platform's deletion leaves it pending for the retry); the platform call and the completion
    then run under the comment's row lock, so that of two people deleting at once one registers it
    and the other is told it is done.
    """
    action = Action.DELETE
    rule = _clean_rule(rule)
    require_offered(comment, action)
    if is_registered(comment):
        # Removed and registered already: a second click must not send the registry a second mail.
        raise ValidationError(_("The comment is already removed and registered."), code="removed")
    evidence = evidence_capture(comment=comment, moderator=by, rule=rule, action=action)
    failed = refused = None
    with transaction.atomic():
        comment_lock(comment)
        if is_registered(comment):  # someone else's deletion finished while this one captured
            Evidence.objects.filter(pk=evidence.pk, completed_at__isnull=True).delete()
            refused = ValidationError(_("The comment is already removed and registered."), code="removed")
        else:
            outcome = ModerationLogEntry.Outcome.DONE
            try:
                client_for(comment.account).delete(comment.platform_id)
            except AlreadyGone:
                outcome = ModerationLogEntry.Outcome.ALREADY_GONE
            except PlatformError as error:
                failed = action_failed(comment=comment, by=by, action=action, rule=rule, error=error)
            if failed is None:
                entry = _complete(
                    evidence=evidence,
                    comment=comment,
                    by=by,
                    outcome=outcome,
                    source=Comment.RemovalSource.PORTAL,
                )
    if refused is not None:
        raise refused
    if failed is not None:
        raise failed from failed.error  # once the transaction is done: the FAILED row stays
    return entry


def comment_delete_and_block(*, comment: Comment, by: User, rule: str = "") -> ModerationLogEntry:
    """ "Delete and block", e.g. for a personal attack: the deletion exactly as `comment_delete`
    (evidence, platform, registry mail), then the block.

    A failed deletion raises ActionFailed and blocks no one. A block that fails after the deletion
    leaves the deletion done and logged and raises BlockFailed; calling this again (or
    `comment_block_author`) then only blocks.
    """
    rule = _clean_rule(rule)
    require_offered(comment, Action.DELETE)
    require_offered(comment, Action.BLOCK)
    if not comment.author_id:
        raise ValidationError(_("The platform did not say who wrote the comment."), code="no_author")
    if not is_registered(comment):
        comment_delete(comment=comment, by=by, rule=rule)
    elif author_blocked(comment):
        raise ValidationError(_("The comment is already removed and its author blocked."), code="blocked")
    try:
        return comment_block_author(comment=comment, by=by, rule=rule)
    except ActionFailed as exc:
        logger.warning("block after delete failed for comment %s: %s", comment.pk, exc.error)
        raise BlockFailed(exc.error) from exc


def comment_removed_outside(*, comment: Comment) -> Evidence | None:
    """Evidence and registry mail for a comment someone else removed on the platform (seen by
    webhook or pull); nothing if it already has completed evidence."""
    if Evidence.objects.filter(comment=comment, completed_at__isnull=False).exists():
        return None
    rule = comment.labels[0] if comment.labels and comment.labels[0] in Label.values else ""
    evidence = evidence_capture(
        comment=comment,
        moderator=None,
        rule=rule,
        action=Action.REMOVED_OUTSIDE,
        removed_outside_portal=True,
    )
    _complete(
        evidence=evidence,
        comment=comment,
        by=None,
        outcome=ModerationLogEntry.Outcome.DONE,
        source=comment.removal_source or Comment.RemovalSource.WEBHOOK,
    )
    return evidence


def evidence_sweep_removed_outside(*, limit: int = 200) -> int:
    """Comments marked removed by webhook or pull that have no registered evidence yet."""
    ids = list(
        Comment.objects.filter(
            removed_on_platform_at__isnull=False,
            removal_source__in=[Comment.RemovalSource.WEBHOOK, Comment.RemovalSource.PULL],
        )
        .exclude(evidence__completed_at__isnull=False)
        .order_by("removed_on_platform_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    for comment in Comment.objects.filter(pk__in=ids).select_related("account"):
        if comment_removed_outside(comment=comment) is not None:
            done += 1
    return done

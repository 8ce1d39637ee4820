"""The access matrix's rows for moderation: the webhook, the queues, a comment, AKN's triage lists.

Comments of the own förvaltning sit in its queue on the account the editor edits; the other
förvaltning's carry the marker in text and author. KC's queue holds a direct message on the
city-wide account. See tests/access.py for how a row reads.
"""

from moderation.ingest import comments_ingest
from moderation.models import Comment, CommentNote, TriageDomain, TriageRule, TriageTerm
from tests.access import LOGIN, Case, everyone, expect, only_akn

from .helpers import remote

HTMX = {"HX-Request": "true"}


def build(world):
    m = world.marker
    for side in (world.own, world.other):
        marked = m if side is world.other else ""
        comments_ingest(
            account=side.account,
            items=[
                remote(f"{side.name}-q", f"Hur gör jag {marked}?", author_name=f"Anna {marked}"),
                remote(f"{side.name}-f", f"Vart vänder jag mig {marked}?", author_name=f"Bo {marked}"),
            ],
        )
        # Other apps' rows may give the förvaltningar KC agreements; these comments sit in their queues.
        Comment.objects.filter(account=side.account).update(in_kc_queue=False)
        side.comment = Comment.objects.get(account=side.account, platform_id=f"{side.name}-q")
        side.forwarded = Comment.objects.get(account=side.account, platform_id=f"{side.name}-f")
        CommentNote.objects.create(
            comment=side.forwarded,
            kind=CommentNote.Kind.FORWARD,
            author=world.users["kc"],
            text=f"Till er {marked}",
            to_administration=side.administration,
        )
    comments_ingest(account=world.citywide_account, items=[remote("dm-1", "Hej, en fråga", kind="message")])
    world.kc_comment = Comment.objects.get(platform_id="dm-1")
    world.own.kc_comment = world.other.kc_comment = world.kc_comment
    world.own.term = world.other.term = TriageTerm.objects.order_by("pk").first()
    world.own.domain = world.other.domain = TriageDomain.objects.order_by("pk").first()
    world.own.rule = world.other.rule = TriageRule.objects.order_by("pk").first()


def comment(side):
    return {"pk": side.comment.pk}


def forwarded(side):
    return {"pk": side.forwarded.pk}


def kc_comment(side):
    return {"pk": side.kc_comment.pk}


def administration(side):
    return {"administration_id": side.administration.pk}


# A comment in a förvaltning's queue: AKN all; its lead and the account's editor handle it.
HANDLE_OWN = expect(302, communicator=403, kc=404)
HANDLE_OTHER = expect(404, akn=302)
SEE_OWN = expect(200, communicator=403, kc=404)
SEE_OTHER = expect(404, akn=200)

CASES = [
    # --- the Meta webhook: no login, a signature or a verify token instead --------------------------
    Case("moderation:webhook-meta", own=everyone(403), anonymous=403),
    Case(
        "moderation:webhook-meta",
        label="handshake without token",
        query="hub.mode=subscribe&hub.challenge=1&hub.verify_token=x",
        own=everyone(403),
        anonymous=403,
    ),
    Case("moderation:webhook-meta", method="POST", data={"object": "page"}, own=everyone(403), anonymous=403),
    Case("moderation:webhook-meta", method="PUT", own=everyone(405), anonymous=405),
    # --- queues ---------------------------------------------------------------------------------
    Case("moderation:queue-home", own=expect(302, communicator=403)),
    Case("moderation:queue-kc", own=expect(403, akn=200, kc=200)),
    Case("moderation:queue-kc", label="htmx", headers=HTMX, own=expect(403, akn=200, kc=200)),
    Case(
        "moderation:queue-kc",
        label="filtered",
        query="label=question&status=open",
        own=expect(403, akn=200, kc=200),
    ),
    Case("moderation:queue-kc", method="POST", own=everyone(405)),
    Case("moderation:queue-administration", kwargs=administration, own=SEE_OWN, other=SEE_OTHER),
    Case(
        "moderation:queue-administration",
        label="htmx",
        kwargs=administration,
        headers=HTMX,
        own=SEE_OWN,
        other=SEE_OTHER,
    ),
    Case(
        "moderation:queue-administration",
        label="tampered cursor",
        kwargs=administration,
        query="after=!!nonsense&label=nonsense",
        # Access first (403, 404), then the cursor: one the list did not write is a 400.
        own=expect(400, communicator=403, kc=404),
        other=expect(404, akn=400),
    ),
    # --- one comment ----------------------------------------------------------------------------
    Case("moderation:comment-detail", kwargs=comment, own=SEE_OWN, other=SEE_OTHER),
    Case("moderation:comment-detail", method="POST", kwargs=comment, own=everyone(405), other=everyone(405)),
    Case("moderation:comment-claim", method="POST", kwargs=comment, own=HANDLE_OWN, other=HANDLE_OTHER),
    Case("moderation:comment-claim", kwargs=comment, own=everyone(405), other=everyone(405)),
    Case("moderation:comment-release", method="POST", kwargs=comment, own=HANDLE_OWN, other=HANDLE_OTHER),
    Case("moderation:comment-release", kwargs=comment, own=everyone(405), other=everyone(405)),
    Case(
        "moderation:comment-note-add",
        method="POST",
        kwargs=comment,
        data={"text": "Kollar med skolan."},
        own=HANDLE_OWN,
        other=HANDLE_OTHER,
    ),
    Case(
        "moderation:comment-note-add",
        method="POST",
        label="htmx",
        kwargs=comment,
        headers=HTMX,
        data={"text": "Kollar med skolan."},
        own=expect(200, communicator=403, kc=404),
        other=expect(404, akn=200),
    ),
    Case("moderation:comment-note-add", kwargs=comment, own=everyone(405), other=everyone(405)),
    # Forwarding is KC's (and AKN's): a comment already in a förvaltning's queue cannot be forwarded.
    Case(
        "moderation:comment-forward",
        method="POST",
        kwargs=comment,
        data=lambda side: {"administration": side.administration.pk, "note": "Till er"},
        own=expect(403, kc=404),
        other=expect(404, akn=403),
    ),
    Case(
        "moderation:comment-forward",
        method="POST",
        label="kc queue",
        kwargs=kc_comment,
        data=lambda side: {"administration": side.administration.pk, "note": "Till er"},
        own=expect(404, akn=302, kc=302),
        other=expect(404, akn=302, kc=302),
    ),
    Case("moderation:comment-forward", kwargs=comment, own=everyone(405), other=everyone(405)),
    Case(
        "moderation:comment-return",
        method="POST",
        kwargs=forwarded,
        data={"note": "Inte vår fråga."},
        own=HANDLE_OWN,
        other=HANDLE_OTHER,
    ),
    Case(
        "moderation:comment-return",
        method="POST",
        label="never forwarded",
        kwargs=comment,
        data={"note": "Inte vår fråga."},
        own=expect(403, kc=404),
        other=expect(404, akn=403),
    ),
    Case("moderation:comment-return", kwargs=forwarded, own=everyone(405), other=everyone(405)),
    # --- AKN's triage lists ---------------------------------------------------------------------
    Case("moderation:triage-lists", own=only_akn()),
    Case("moderation:triage-lists", method="POST", own=everyone(405)),
    Case("moderation:triage-try", own=only_akn()),
    Case(
        "moderation:triage-try",
        method="POST",
        data={"add_label": "threat", "add_term": "krossa dig", "add_match": "stem", "last": "50"},
        own=only_akn(200),
    ),
    Case(
        "moderation:triage-term-add",
        method="POST",
        data={"label": "threat", "term": "krossa dig", "match": "stem"},
        own=only_akn(302),
    ),
    Case(
        "moderation:triage-term-add", method="POST", label="invalid", data={"label": "x"}, own=only_akn(400)
    ),
    Case("moderation:triage-term-add", own=everyone(405)),
    Case(
        "moderation:triage-term-remove",
        method="POST",
        kwargs=lambda side: {"pk": side.term.pk},
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "moderation:triage-term-remove",
        kwargs=lambda side: {"pk": side.term.pk},
        own=everyone(405),
        other=everyone(405),
    ),
    Case(
        "moderation:triage-domain-add",
        method="POST",
        data={"domain": "https://www.fejknyheter.example/x", "kind": "blocked", "note": ""},
        own=only_akn(302),
    ),
    Case("moderation:triage-domain-add", own=everyone(405)),
    Case(
        "moderation:triage-domain-remove",
        method="POST",
        kwargs=lambda side: {"pk": side.domain.pk},
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "moderation:triage-domain-remove",
        kwargs=lambda side: {"pk": side.domain.pk},
        own=everyone(405),
        other=everyone(405),
    ),
    Case(
        "moderation:triage-rule-edit",
        method="POST",
        kwargs=lambda side: {"pk": side.rule.pk},
        data={"action": "hide", "is_enabled": "on"},
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "moderation:triage-rule-edit",
        kwargs=lambda side: {"pk": side.rule.pk},
        own=everyone(405),
        other=everyone(405),
    ),
]

__all__ = ["CASES", "LOGIN", "build"]


# --- acting on comments (issue 8): the actions form, bulk, evidence images, the export ----------------
from moderation.models import Evidence, ModerationLogEntry  # noqa: E402

_build_inbound = build


def build(world):
    _build_inbound(world)
    for side in (world.own, world.other):
        png = b"\x89PNG\r\n\x1a\n" + (world.marker.encode() if side is world.other else b"own")
        side.evidence = Evidence.objects.create(
            comment=side.comment,
            png=png,
            png_sha256="0" * 64,
            payload=b"{}",
            payload_sha256="1" * 64,
            renderer="pillow",
            rule="spam",
        )
        ModerationLogEntry.objects.create(comment_id=side.comment.pk, action="hide", rule="spam")
    ModerationLogEntry.objects.create(comment_id=world.kc_comment.pk, action="no_action")


def evidence(side):
    return {"pk": side.comment.pk, "evidence_id": side.evidence.pk}


EXPORT_SEES = expect(403, akn=200, lead=200, kc=200)

CASES += [
    Case(
        "moderation:comment-act",
        method="POST",
        kwargs=comment,
        data={"action": "no_action", "rule": "opinion"},
        own=HANDLE_OWN,
        other=HANDLE_OTHER,
    ),
    Case(
        "moderation:comment-act",
        method="POST",
        label="unknown action",
        kwargs=comment,
        data={"action": "explode"},
        own=HANDLE_OWN,
        other=HANDLE_OTHER,
    ),
    Case(
        "moderation:comment-act",
        method="POST",
        label="kc queue",
        kwargs=kc_comment,
        data={"action": "no_action"},
        own=expect(404, akn=302, kc=302),
        other=expect(404, akn=302, kc=302),
    ),
    # The panel through htmx: the panel itself comes back (200) where a form post is redirected.
    Case(
        "moderation:comment-act",
        method="POST",
        label="htmx",
        kwargs=comment,
        data={"action": "no_action", "rule": "opinion"},
        headers=HTMX,
        own=expect(200, communicator=403, kc=404),
        other=expect(404, akn=200),
    ),
    # A message to the author: checked like every action (empty text: no platform call at all).
    Case(
        "moderation:comment-act",
        method="POST",
        label="message the author",
        kwargs=comment,
        data={"action": "message", "message_text": ""},
        own=HANDLE_OWN,
        other=HANDLE_OTHER,
    ),
    Case("moderation:comment-act", kwargs=comment, own=everyone(405), other=everyone(405)),
    Case("moderation:comment-evidence-png", kwargs=evidence, own=SEE_OWN, other=SEE_OTHER),
    Case(
        "moderation:comment-evidence-png",
        method="POST",
        kwargs=evidence,
        own=everyone(405),
        other=everyone(405),
    ),
    # Bulk: each comment is checked on its own; a comment one may not handle is reported, not done.
    Case(
        "moderation:comments-bulk",
        method="POST",
        data=lambda side: {
            "comment": [side.comment.pk],
            "action": "no_action",
            "next": "/moderation/",
            "confirmed": "yes",
        },
        own=everyone(302),
    ),
    Case("moderation:comments-bulk", own=expect(200)),
    Case("moderation:comments-bulk", label="spam", query="label=spam&status=open", own=expect(200)),
    Case("moderation:comments-bulk", method="PUT", own=everyone(405)),
    Case("moderation:export-csv", query="from=2026-01-01&to=2026-12-31", own=EXPORT_SEES),
    Case(
        "moderation:export-csv",
        label="bad dates",
        query="from=2026-13-01&to=x",
        own=expect(403, akn=400, lead=400, kc=400),
    ),
    Case("moderation:export-csv", method="POST", own=everyone(405)),
    # The log's page: the export's scope (issue 17).
    Case("moderation:moderation-log", own=EXPORT_SEES),
    Case(
        "moderation:moderation-log",
        label="filtered",
        query="start=2026-01-01&end=2026-12-31&action=hide&rule=spam",
        own=EXPORT_SEES,
    ),
    Case(
        "moderation:moderation-log",
        label="bad dates",
        query="start=2026-13-01&end=x",
        own=expect(403, akn=400, lead=400, kc=400),
    ),
    Case(
        "moderation:moderation-log",
        label="tampered cursor",
        query="after=!!x",
        own=expect(403, akn=400, lead=400, kc=400),
    ),
    Case("moderation:moderation-log", method="POST", own=everyone(405)),
]


# --- saved replies (svarsmallar): AKN all, a lead their förvaltning's ----------------------------------
from moderation.models import SavedReply  # noqa: E402

_build_actions = build


def build(world):
    _build_actions(world)
    for side in (world.own, world.other):
        marked = world.marker if side is world.other else ""
        side.saved_reply = SavedReply.objects.create(
            administration=side.administration, title=f"Skolstart {marked}", text=f"Skolan börjar {marked}"
        )
    world.own.foreign_administration = world.other.administration


def saved_reply(side):
    return {"pk": side.saved_reply.pk}


def saved_reply_data(side):
    return {"administration": side.administration.pk, "title": "Öppettider", "text": "Vi har öppet 8–17."}


EDIT_OWN = expect(403, akn=200, lead=200, kc=404)
EDIT_OTHER = expect(404, akn=200)

CASES += [
    Case("moderation:saved-replies", own=expect(403, akn=200, lead=200)),
    Case(
        "moderation:saved-replies", method="POST", data=saved_reply_data, own=expect(403, akn=302, lead=302)
    ),
    Case(
        "moderation:saved-replies",
        method="POST",
        label="another förvaltning's",
        data=lambda side: {"administration": side.foreign_administration.pk, "title": "x", "text": "y"},
        own=expect(403, akn=302, lead=400),
    ),
    Case("moderation:saved-replies", method="PUT", own=everyone(405)),
    Case("moderation:saved-reply-edit", kwargs=saved_reply, own=EDIT_OWN, other=EDIT_OTHER),
    Case(
        "moderation:saved-reply-edit",
        method="POST",
        kwargs=saved_reply,
        data=saved_reply_data,
        own=expect(403, akn=302, lead=302, kc=404),
        other=expect(404, akn=302),
    ),
    Case(
        "moderation:saved-reply-delete",
        method="POST",
        kwargs=saved_reply,
        own=expect(403, akn=302, lead=302, kc=404),
        other=expect(404, akn=302),
    ),
    Case("moderation:saved-reply-delete", kwargs=saved_reply, own=everyone(405), other=everyone(405)),
]


# --- AKN's triage patterns and word groups (issue 17) ---------------------------------------------------
from moderation.models import TriagePattern  # noqa: E402

_build_before_patterns = build


def build(world):
    _build_before_patterns(world)
    world.own.pattern = world.other.pattern = TriagePattern.objects.order_by("pk").first()


def pattern(side):
    return {"pk": side.pattern.pk}


PATTERN_DATA = {"label": "threat", "name": "krossa någon", "pattern": "=krossa ..2 {offer}"}
GROUP_DATA = {"name": "krossa", "words": "krossa, =mosa", "note": ""}

CASES += [
    Case("moderation:triage-patterns", own=only_akn()),
    Case("moderation:triage-patterns", method="POST", own=everyone(405)),
    Case("moderation:triage-pattern-add", method="POST", data=PATTERN_DATA, own=only_akn(302)),
    Case(
        "moderation:triage-pattern-add",
        method="POST",
        label="a group that does not exist",
        data={**PATTERN_DATA, "pattern": "{finns_inte} ~2 =dig"},
        own=only_akn(400),
    ),
    Case("moderation:triage-pattern-add", own=everyone(405)),
    Case(
        "moderation:triage-pattern-toggle",
        method="POST",
        kwargs=pattern,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("moderation:triage-pattern-toggle", kwargs=pattern, own=everyone(405), other=everyone(405)),
    Case(
        "moderation:triage-pattern-remove",
        method="POST",
        kwargs=pattern,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("moderation:triage-pattern-remove", kwargs=pattern, own=everyone(405), other=everyone(405)),
    Case("moderation:triage-group-save", method="POST", data=GROUP_DATA, own=only_akn(302)),
    Case(
        "moderation:triage-group-save",
        method="POST",
        label="a word that is two words",
        data={**GROUP_DATA, "words": "krossa dig"},
        own=only_akn(400),
    ),
    Case("moderation:triage-group-save", own=everyone(405)),
    Case("moderation:triage-pattern-try", own=only_akn()),
    Case(
        "moderation:triage-pattern-try",
        method="POST",
        data={"label": "threat", "pattern": "=krossa ..2 {offer}", "last": "50"},
        own=only_akn(200),
    ),
    Case(
        "moderation:triage-pattern-try",
        method="POST",
        label="a gap at the end",
        data={"label": "threat", "pattern": "=krossa ..2", "last": "50"},
        own=only_akn(400),
    ),
]


# --- failed webhook deliveries (issue 12): AKN only; a delivery belongs to no förvaltning ------------
from django.utils import timezone  # noqa: E402

from moderation.models import WebhookDelivery  # noqa: E402

_build_saved_replies = build


def build(world):
    _build_saved_replies(world)
    body = b'{"object":"page","entry":[{"id":"555","changes":5}]}'
    world.own.delivery = world.other.delivery = WebhookDelivery.objects.create(
        body=body,
        body_sha256="f" * 64,
        status=WebhookDelivery.Status.FAILED,
        processed_at=timezone.now(),
        error=f"entry 0 ('555'): changes is a number, not a list {world.marker}",
        attempts=1,
    )


def delivery(side):
    return {"pk": side.delivery.pk}


CASES += [
    Case("moderation:webhook-deliveries", own=only_akn()),
    Case(
        "moderation:webhook-deliveries", label="tampered cursor", query="after=!!nonsense", own=only_akn(400)
    ),
    Case("moderation:webhook-deliveries", method="POST", own=everyone(405)),
    # Trying again re-runs the delivery (which fails again) and goes back to the list.
    Case(
        "moderation:webhook-delivery-retry",
        method="POST",
        kwargs=delivery,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case("moderation:webhook-delivery-retry", kwargs=delivery, own=everyone(405), other=everyone(405)),
]

# What moderators decided that triage did not foresee (issue 17).
CASES += [
    Case("moderation:triage-misses", own=only_akn()),
    Case("moderation:triage-misses", label="filtered", query="kind=missed", own=only_akn()),
    Case("moderation:triage-misses", method="POST", own=everyone(405)),
    Case(
        "moderation:triage-patterns",
        label="filled in from a miss",
        query="label=threat&phrase=borde+skjutas+allihop",
        own=only_akn(),
    ),
]


# --- what KC forwarded: it keeps reading it, read only (issue 17) ------------------------------------
_build_before_kc_forward = build


def build(world):
    _build_before_kc_forward(world)
    comments_ingest(
        account=world.citywide_account,
        items=[remote("dm-fwd", "Om skolskjuts", kind="message", author_id="71")],
    )
    forwarded_by_kc = Comment.objects.get(platform_id="dm-fwd")
    Comment.objects.filter(pk=forwarded_by_kc.pk).update(
        in_kc_queue=False, queue_administration=world.own.administration
    )
    CommentNote.objects.create(
        comment=forwarded_by_kc,
        kind=CommentNote.Kind.FORWARD,
        author=world.users["kc"],
        text="Till er",
        to_administration=world.own.administration,
    )
    world.own.kc_forwarded = world.other.kc_forwarded = forwarded_by_kc


def kc_forwarded(side):
    return {"pk": side.kc_forwarded.pk}


# The own förvaltning's lead handles it now; KC reads it (200), an editor of other accounts may not.
KC_FORWARDED = expect(200, editor=403, communicator=403)
CASES += [
    Case(
        "moderation:comment-detail",
        label="forwarded by kc",
        kwargs=kc_forwarded,
        own=KC_FORWARDED,
        other=KC_FORWARDED,
    ),
    Case(
        "moderation:comment-act",
        label="forwarded by kc",
        method="POST",
        kwargs=kc_forwarded,
        data={"action": "no_action"},
        own=expect(302, editor=403, communicator=403, kc=404),
        other=expect(302, editor=403, communicator=403, kc=404),
    ),
]


# --- AKN's automatic hiding per account (issue 17) ----------------------------------------------------


def auto_hide_account(side):
    return {"account_id": side.account.pk}


CASES += [
    Case("moderation:auto-hide-accounts", own=only_akn()),
    Case("moderation:auto-hide-accounts", method="POST", own=everyone(405)),
    Case("moderation:auto-hide-account", kwargs=auto_hide_account, own=only_akn(), other=only_akn()),
    Case(
        "moderation:auto-hide-account",
        label="try",
        method="POST",
        kwargs=auto_hide_account,
        data={"labels": ["spam"], "do": "try"},
        own=only_akn(),
        other=only_akn(),
    ),
    Case(
        "moderation:auto-hide-account",
        label="save untried",
        method="POST",
        kwargs=auto_hide_account,
        data={"labels": ["spam"], "is_enabled": "on", "do": "save"},
        own=only_akn(400),
        other=only_akn(400),
    ),
    Case(
        "moderation:auto-hide-account",
        method="PUT",
        kwargs=auto_hide_account,
        own=everyone(405),
        other=everyone(405),
    ),
]

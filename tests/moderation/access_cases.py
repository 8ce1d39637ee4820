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
        own=SEE_OWN,
        other=SEE_OTHER,
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

"""`{% comment_actions_panel comment %}`: the actions on one comment, and its evidence."""

from django import template

from moderation.access import can_edit_saved_replies
from moderation.actions import Action, action_offers, rule_preset
from moderation.models import Label, ModerationLogEntry
from moderation.selectors import saved_replies_for_comment

register = template.Library()


@register.inclusion_tag("moderation/_actions_panel.html", takes_context=True)
def comment_actions_panel(context, comment):
    return {
        **actions_panel_context(context["request"], comment),
        "csrf_token": context.get("csrf_token"),
    }


def actions_panel_context(request, comment) -> dict:
    """What the panel shows: the page's include and the htmx answer of `comment-act` alike."""
    offers = action_offers(comment)
    suggested = {
        "answer": Action.REPLY,
        "like": Action.LIKE,
        "no_action": Action.NO_ACTION,
        "hide": Action.HIDE,
        "delete": Action.DELETE,
        "block": Action.BLOCK,
    }.get(comment.suggested_action, Action.NO_ACTION)
    offered = {offer.action: offer for offer in offers}
    removed = comment.removed_on_platform_at is not None
    logged = set(
        ModerationLogEntry.objects.filter(
            comment_id=comment.pk, action__in=[Action.BLOCK, Action.MESSAGE]
        ).values_list("action", "outcome")
    )
    done, failed = ModerationLogEntry.Outcome.DONE, ModerationLogEntry.Outcome.FAILED
    return {
        "comment": comment,
        "offers": offered,
        "messaged": (Action.MESSAGE, done) in logged,
        # "Delete and block" deleted but could not block: offer the block alone.
        "block_retry": removed
        and offered[Action.BLOCK].available
        and (Action.BLOCK, failed) in logged
        and (Action.BLOCK, done) not in logged,
        "author_blocked": (Action.BLOCK, done) in logged,
        "unavailable": [o for o in offers if not o.available and o.action != Action.MESSAGE],
        "message_offer": next(o for o in offers if o.action == Action.MESSAGE),
        "rules": Label.choices,
        "preset": rule_preset(comment, suggested),
        "evidence": list(comment.evidence.order_by("-created_at", "-id")),
        "hidden": comment.hidden_on_platform_at is not None,
        "removed": removed,
        "signoff": request.user.signoff_text(),
        "saved_replies": list(saved_replies_for_comment(comment).select_related("administration")),
        "faq": booking_faq_for(comment),
        "can_edit_saved_replies": can_edit_saved_replies(request.user),
    }


def booking_faq_for(comment) -> str:
    """The FAQ of the booking whose published post the comment is on, if the post matched one."""
    if not comment.post_platform_id:
        return ""
    from metrics.models import PlatformPost

    return (
        PlatformPost.objects.filter(
            account_id=comment.account_id,
            platform_id=comment.post_platform_id,
            booking_slot__isnull=False,
        )
        .values_list("booking_slot__booking__faq_text", flat=True)
        .first()
        or ""
    )

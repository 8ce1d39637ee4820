"""`{% comment_actions_panel comment %}`: the actions on one comment, and its evidence."""

from django import template

from moderation.actions import Action, action_offers, rule_preset
from moderation.models import Label

register = template.Library()


@register.inclusion_tag("moderation/_actions_panel.html", takes_context=True)
def comment_actions_panel(context, comment):
    offers = action_offers(comment)
    suggested = {
        "answer": Action.REPLY,
        "like": Action.LIKE,
        "no_action": Action.NO_ACTION,
        "hide": Action.HIDE,
        "delete": Action.DELETE,
        "block": Action.BLOCK,
    }.get(comment.suggested_action, Action.NO_ACTION)
    return {
        "comment": comment,
        "csrf_token": context.get("csrf_token"),
        "offers": {offer.action: offer for offer in offers},
        "unavailable": [o for o in offers if not o.available and o.action != Action.MESSAGE],
        "message_offer": next(o for o in offers if o.action == Action.MESSAGE),
        "rules": Label.choices,
        "preset": rule_preset(comment, suggested),
        "evidence": list(comment.evidence.order_by("-created_at", "-id")),
        "hidden": comment.hidden_on_platform_at is not None,
        "removed": comment.removed_on_platform_at is not None,
        "signoff": context["request"].user.signoff_text(),
    }

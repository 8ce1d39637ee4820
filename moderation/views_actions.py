"""Views for acting on comments: the actions panel's form, bulk actions, evidence images, the export.

Each view first calls one function of the access layer (`moderation/access.py`: another förvaltning's
comment → 404, a role that may not handle it → 403); the services take what it returns.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helsocial.csv_export import csv_response
from helsocial.dates import day_param
from helsocial.errors import BadInput
from helsocial.ids import id_from

from . import selectors
from .access import (
    access_bulk,
    access_comment,
    access_comments,
    access_evidence,
    access_export,
    access_saved_replies,
    access_saved_reply,
    can_edit_saved_replies,
    can_write_citywide_saved_replies,
    saved_replies_editable_by,
    saved_reply_administrations,
)
from .actions import (
    SIMPLE_ACTIONS,
    Action,
    ActionFailed,
    ActionUnavailable,
    BlockFailed,
    comment_message_author,
    comment_reply,
    comments_bulk,
)
from .evidence import comment_delete, comment_delete_and_block
from .forms import SavedReplyForm
from .models import Comment, Label, ModerationLogEntry
from .services import saved_reply_remove, saved_reply_save

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PANEL_ACTIONS = {a.value for a in Action} - {Action.REMOVED_OUTSIDE}
# The text field an action reads, kept and focused again when the action is refused.
TEXT_FIELDS = {Action.REPLY: "reply_text", Action.MESSAGE: "message_text"}


def _run(request: HttpRequest, comment: Comment, action: str, rule: str) -> bool:
    try:
        if action == Action.REPLY:
            comment_reply(
                comment=comment, by=request.user, text=request.POST.get("reply_text", ""), rule=rule
            )
        elif action == Action.MESSAGE:
            comment_message_author(
                comment=comment, by=request.user, text=request.POST.get("message_text", ""), rule=rule
            )
        elif action == Action.DELETE:
            comment_delete(comment=comment, by=request.user, rule=rule)
        elif action == Action.BLOCK:
            # The same call deletes and blocks, or only blocks once the deletion is done.
            comment_delete_and_block(comment=comment, by=request.user, rule=rule)
        else:
            SIMPLE_ACTIONS[action](comment=comment, by=request.user, rule=rule)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ActionUnavailable as exc:
        messages.error(request, exc.reason)
    except BlockFailed:
        messages.error(
            request,
            _(
                "The comment was deleted and sent to the registry, but the platform did not block the "
                "author. Try blocking again in a while."
            ),
        )
    except ActionFailed:
        messages.error(
            request,
            _("The platform did not carry out the action. Nothing was changed here; try again in a while."),
        )
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
        return True
    return False


@login_required
@require_POST
def comment_act(request: HttpRequest, pk: int) -> HttpResponse:
    """One action from the panel. An htmx request gets the panel back with the outcome (swapped in
    place, the message in the page's live region); a plain form post is redirected to the page.

    The comment is checked here and locked by the action itself, in the transaction that acts: a
    deletion commits its evidence before it takes the lock and calls the platform."""
    comment = access_comment(request.user, pk)
    action = request.POST.get("action", "")
    done = False
    if action not in PANEL_ACTIONS:
        messages.error(request, _("Choose an action."))
    else:
        done = _run(request, comment, action, request.POST.get("rule", ""))
    if not request.htmx:
        return redirect("moderation:comment-detail", pk=comment.pk)
    # The panel shows the comment as the action left it: the services keep the object in step with
    # its row, and the facts (evidence, log) are read after the action.
    facts = selectors.comment_facts(comment)
    context = selectors.action_panel(comment, user=request.user, facts=facts)
    context.update(selectors.claim_state(comment, user=request.user))  # "Handled by", out of band
    # The due line (no longer overdue once handled) and the thread (the answer sent), out of band.
    context["item"] = selectors.queue_items([comment], user=request.user, now=timezone.now())[0]
    context.update(selectors.comment_thread(comment, user=request.user))
    context["can_edit_saved_replies"] = can_edit_saved_replies(request.user)
    field = TEXT_FIELDS.get(action)
    context["htmx"] = True
    context["focus"] = "heading"
    if field and not done:
        # Refused (e.g. personal data): the text stays for the person to correct, focus on it.
        context[field] = request.POST.get(field, "")
        context["focus"] = "reply" if action == Action.REPLY else "message"
    return render(request, "moderation/_actions_panel.html", context)


BULK_ACTIONS = [Action.HIDE, Action.UNHIDE, Action.LIKE, Action.NO_ACTION]
# The bulk actions as the buttons name them (the log's names are past tense: "Hidden").
BULK_VERBS = {
    Action.HIDE: gettext_lazy("Hide"),
    Action.UNHIDE: gettext_lazy("Show again"),
    Action.LIKE: gettext_lazy("Like"),
    Action.NO_ACTION: gettext_lazy("No action"),
}
BULK_LIMIT = 200


def _bulk_selection(request: HttpRequest):
    """The open comments the user may handle, filtered by label, account, or "the same author on the
    same account as comment N" (`like=N`: no author id in the address)."""
    like_id = request.GET.get("like", "")
    scope = access_bulk(request.user, like_id=int(like_id) if like_id.isdecimal() else None)
    rows = scope.comments.select_related("account").order_by("-received_at", "-id")
    label = request.GET.get("label", "")
    if label in Label.values:
        rows = rows.with_label(label)
    else:
        label = ""
    status = request.GET.get("status", "")
    if status in Comment.Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
        rows = rows.exclude(status=Comment.Status.REMOVED)
    like = scope.like
    if like is not None:
        rows = rows.filter(account_id=like.account_id, author_id=like.author_id)
    return rows, {"label": label, "status": status, "like": like}


@login_required
@require_http_methods(["GET", "POST"])
def comments_bulk_act(request: HttpRequest) -> HttpResponse:
    """GET: a filtered selection to tick; POST: one action on the ticked comments, each checked and
    logged on its own."""
    if request.method == "GET":
        rows, filters = _bulk_selection(request)
        return render(
            request,
            "moderation/bulk.html",
            {
                "rows": list(rows[:BULK_LIMIT]),
                "limit": BULK_LIMIT,
                "filters": filters,
                "labels": Label.choices,
                "statuses": Comment.Status.choices,
                "actions": [(a.value, BULK_VERBS[a]) for a in BULK_ACTIONS],
                "next": request.get_full_path(),
            },
        )
    ids = [pk for pk in map(id_from, request.POST.getlist("comment")) if pk is not None][:500]
    action = request.POST.get("action", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith(
        "/"
    ):
        back = "/moderation/"
    if not ids:
        messages.error(request, _("Tick the comments to act on."))
        return redirect(back)
    if action not in {a.value for a in BULK_ACTIONS}:
        messages.error(request, _("Choose the action to carry out on the ticked comments."))
        return redirect(back)
    selection = access_comments(request.user, ids)
    rule = request.POST.get("rule", "")
    if not selection.comments:
        messages.error(request, _("You may not handle this comment."))
        return redirect(back)
    if request.POST.get("confirmed") != "yes":
        # Nothing happens before the person has seen how many comments and which action.
        return render(
            request,
            "moderation/bulk_confirm.html",
            {
                "ids": [c.pk for c in selection.comments],
                "count": len(selection.comments),
                "action": action,
                "action_name": BULK_VERBS[action],
                "rule": rule if rule in Label.values else "",
                "rule_name": dict(Label.choices).get(rule, ""),
                "next": back,
            },
        )
    try:
        result = comments_bulk(selection=selection, by=request.user, action=action, rule=rule)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    if result.done:
        messages.success(request, _("Done for %(count)s comments.") % {"count": len(result.done)})
    if result.failed:
        messages.error(request, _("Not done for %(count)s comments.") % {"count": len(result.failed)})
    return redirect(back)


@login_required
@require_GET
def evidence_png(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    evidence = access_evidence(request.user, pk, evidence_id)
    response = HttpResponse(bytes(evidence.png), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the export for public-records requests -------------------------------------------------------


def _export_header() -> list[str]:
    # A literal context in each call: xgettext reads only literals.
    return [
        pgettext("moderation export column", "Handled at"),
        pgettext("moderation export column", "Handled by"),
        pgettext("moderation export column", "Action"),
        pgettext("moderation export column", "Outcome"),
        pgettext("moderation export column", "Guideline rule"),
        pgettext("moderation export column", "Comment id"),
        pgettext("moderation export column", "Account"),
        pgettext("moderation export column", "Platform"),
        pgettext("moderation export column", "Received"),
        pgettext("moderation export column", "Due"),
        pgettext("moderation export column", "Labels"),
        pgettext("moderation export column", "Status"),
    ]


def _export_rows(entries, comments_scope, chunk: int = 2000):
    # Words, not codes: the export answers public-records requests. Translated once, not per row.
    labels = {code: str(name) for code, name in Label.choices}
    actions = {code: str(name) for code, name in ModerationLogEntry.Action.choices}
    outcomes = {code: str(name) for code, name in ModerationLogEntry.Outcome.choices}
    statuses = {code: str(name) for code, name in Comment.Status.choices}
    buffer: list[ModerationLogEntry] = []

    def flush():
        found = comments_scope.select_related("account").in_bulk([e.comment_id for e in buffer])
        for entry in buffer:
            comment = found.get(entry.comment_id)
            if comment is None:
                continue
            actor = entry.actor
            yield [
                timezone.localtime(entry.at, STOCKHOLM).isoformat(timespec="seconds"),
                (actor.get_full_name() or actor.username) if actor else "",
                actions.get(entry.action, entry.action),
                outcomes.get(entry.outcome, entry.outcome),
                labels.get(entry.rule, entry.rule),
                comment.pk,
                comment.account.name,
                comment.account.platform,
                timezone.localtime(comment.received_at, STOCKHOLM).isoformat(timespec="seconds"),
                timezone.localtime(comment.due_at, STOCKHOLM).isoformat(timespec="seconds"),
                ";".join(labels.get(label, label) for label in comment.labels),
                statuses.get(comment.status, comment.status),
            ]

    for entry in entries.iterator(chunk_size=chunk):
        buffer.append(entry)
        if len(buffer) >= chunk:
            yield from flush()
            buffer = []
    if buffer:
        yield from flush()


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """One row per action in [from, to] (Swedish days), streamed: a year never sits in memory."""
    comments_scope = access_export(request.user)
    start = day_param(request.GET, "from", required=True)
    end = day_param(request.GET, "to", required=True)
    if end < start:
        raise BadInput(_("The end date is before the start date."))
    since = datetime.combine(start, time.min, tzinfo=STOCKHOLM)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=STOCKHOLM)
    entries = (
        ModerationLogEntry.objects.filter(at__gte=since, at__lt=until)
        .filter(comment_id__in=comments_scope.values("pk"))
        .select_related("actor")
        .order_by("at", "id")
    )
    return csv_response(
        filename=f"moderering-{start}-{end}.csv",
        header=_export_header(),
        rows=_export_rows(entries, comments_scope),
    )


# --- saved replies (svarsmallar) ------------------------------------------------------------------


def _saved_reply_form(request: HttpRequest, **kwargs) -> SavedReplyForm:
    return SavedReplyForm(
        request.POST if request.method == "POST" else None,
        administrations=saved_reply_administrations(request.user),
        citywide=can_write_citywide_saved_replies(request.user),
        **kwargs,
    )


def _saved_replies_page(request, *, form, status=200, editing=None):
    rows = saved_replies_editable_by(request.user).select_related("administration")
    return render(
        request,
        "moderation/saved_replies.html",
        {"rows": rows, "form": form, "editing": editing},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def saved_replies(request: HttpRequest) -> HttpResponse:
    access_saved_replies(request.user)
    form = _saved_reply_form(request)
    if request.method == "POST":
        if form.is_valid():
            saved_reply_save(by=request.user, reply=None, **form.cleaned_data)
            messages.success(request, _("The saved reply was added."))
            return redirect("moderation:saved-replies")
        return _saved_replies_page(request, form=form, status=400)
    return _saved_replies_page(request, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def saved_reply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        reply = access_saved_reply(request.user, pk, for_update=request.method == "POST")
        form = _saved_reply_form(request, instance=reply)
        if request.method == "POST" and form.is_valid():
            saved_reply_save(by=request.user, reply=reply, **form.cleaned_data)
            messages.success(request, _("The saved reply was saved."))
            return redirect("moderation:saved-replies")
    status = 400 if request.method == "POST" else 200
    return _saved_replies_page(request, form=form, status=status, editing=reply)


@login_required
@require_POST
def saved_reply_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved_reply_remove(reply=access_saved_reply(request.user, pk))
    messages.success(request, _("The saved reply was removed."))
    return redirect("moderation:saved-replies")

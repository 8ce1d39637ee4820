"""The queues, a comment's page, and AKN's triage lists. Platform text is escaped by the templates."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from helsocial.ids import id_from
from helsocial.pagination import keyset_page

from . import meta_webhook, queue_filter, queue_rows, selectors, services
from .access import (
    Queue,
    access_comment,
    access_comment_to_forward,
    access_comment_to_read,
    access_comment_to_return,
    access_kc_queue,
    access_queue,
    access_queue_home,
    access_triage_domain,
    access_triage_lists,
    access_triage_rule,
    access_triage_term,
    can_edit_saved_replies,
    can_forward,
    can_return,
)
from .forms import (
    ForwardForm,
    NoteForm,
    QueueFilterForm,
    ReturnForm,
    TriageDomainForm,
    TriageRuleForm,
    TriageTermForm,
    TriageTryForm,
)
from .models import Comment, SuggestedAction, TriageDomain, TriageRule, TriageTerm
from .triage import reason_text

logger = logging.getLogger(__name__)

QUEUE_PAGE_SIZE = 50
QUEUE_ORDER = ("priority", "sort_at", "id")
# Up to this many förvaltningar' queues are a row of links on the queue page; more are a list.
QUEUE_SWITCH_LINKS = 8


# --- the Meta webhook -----------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
def meta_webhook_receive(request: HttpRequest) -> HttpResponse:
    """Meta's verification handshake (GET) and its deliveries (POST, signed with the app secret)."""
    if request.method == "GET":
        token = request.GET.get("hub.verify_token", "")
        if (
            request.GET.get("hub.mode") == "subscribe"
            and settings.META_VERIFY_TOKEN
            and constant_time_compare(token, settings.META_VERIFY_TOKEN)
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden("", content_type="text/plain")
    body = meta_webhook.read_body(request)
    if body is None:
        logger.warning("webhook: refused a delivery over %d bytes", meta_webhook.MAX_BODY_BYTES)
        return HttpResponse("", status=413, content_type="text/plain")
    if not meta_webhook.signature_valid(
        body, request.META.get(meta_webhook.SIGNATURE_HEADER), settings.META_APP_SECRET
    ):
        logger.warning("webhook: refused a delivery with a bad or missing signature")
        return HttpResponseForbidden("", content_type="text/plain")
    # Meta retries a webhook it thinks failed: store it, answer 200 at once, work in a task.
    with transaction.atomic():
        services.webhook_delivery_store(body=body)
    return HttpResponse("", content_type="text/plain")


# --- queues ---------------------------------------------------------------------------------------


@login_required
@require_GET
def queue_home(request: HttpRequest) -> HttpResponse:
    administration = access_queue_home(request.user)
    chosen = id_from(request.GET.get("queue"))
    if chosen is not None:
        # The switcher's choice among many förvaltningar: the queue's own view checks the access.
        return redirect("moderation:queue-administration", administration_id=chosen)
    if administration is None:
        return redirect("moderation:queue-kc")
    return redirect("moderation:queue-administration", administration_id=administration.pk)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def queue_kc(request: HttpRequest) -> HttpResponse:
    queue = access_kc_queue(request.user)
    return _queue(request, queue, title=_("The contact centre's queue"))


@login_required
@require_GET
@vary_on_headers("HX-Request")
def queue_administration(request: HttpRequest, administration_id: int) -> HttpResponse:
    queue = access_queue(request.user, administration_id)
    title = _("Queue of %(administration)s") % {"administration": queue.administration.name}
    return _queue(request, queue, title=title)


def _queue(request: HttpRequest, queue: Queue, *, title: str) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None, account_choices=queue.account_choices)
    # The rows as plain values, written out in one pass (queue_rows.py): no model per row.
    rows = filters.filter(queue.comments).values(*queue_rows.ROW_FIELDS)
    page = keyset_page(rows, order=QUEUE_ORDER, after=request.GET.get("after"), size=QUEUE_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "title": title,
        "administration": queue.administration,
        "filters": filters,
        "page": page,
        "rows_html": queue_rows.rows_html(
            page.rows, user_id=request.user.pk, now=timezone.now(), csrf_input=csrf_input(request)
        ),
        "query": query.urlencode(),
        "refresh_seconds": settings.MODERATION_QUEUE_REFRESH_SECONDS,
        "administrations": queue.administrations,
        # Past a handful of förvaltningar (AKN sees the whole city's) a row of links would fill the
        # screen: the queues are then a list to choose from.
        "switch_by_list": len(queue.administrations) > QUEUE_SWITCH_LINKS,
        "can_see_kc": queue.can_see_kc,
    }
    if request.htmx:
        template = (
            "moderation/_queue_row_items.html" if "after" in request.GET else "moderation/_queue_rows.html"
        )
    else:
        template = "moderation/queue.html"
        context["filter_fields"] = queue_filter.filter_fields_html(filters, queue.account_choices)
    return render(request, template, context)


# --- one comment ----------------------------------------------------------------------------------


def _comment_context(request: HttpRequest, comment: Comment, **extra) -> dict:
    """The comment's page: the comment as access_comment returned it, its facts read in one query."""
    now = timezone.now()
    facts = selectors.comment_facts(comment)
    context = {
        **selectors.action_panel(comment, user=request.user, facts=facts),
        "item": selectors.queue_items([comment], user=request.user, now=now)[0],
        "reasons": [(r.get("label", ""), reason_text(r)) for r in comment.reasons],
        "notes": selectors.comment_notes(comment),
        **selectors.claim_state(comment, user=request.user, now=now),
        "permalink": comment.permalink if comment.permalink.startswith("https://") else "",
        "can_forward": can_forward(request.user, comment),
        "can_return": can_return(comment, forwarded=facts.was_forwarded),
        "can_edit_saved_replies": can_edit_saved_replies(request.user),
        "note_form": NoteForm(),
        "forward_form": ForwardForm(),
        "return_form": ReturnForm(),
        "back_url": selectors.queue_url_for(comment),
        **selectors.comment_thread(comment, user=request.user),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comment, may_handle = access_comment_to_read(request.user, pk)
    if not may_handle:
        # What KC forwarded: read only, with where it went (the forward note).
        return render(
            request,
            "moderation/comment_detail.html",
            {
                "comment": comment,
                "read_only": True,
                "item": selectors.queue_items([comment], user=request.user, now=timezone.now())[0],
                "reasons": [(r.get("label", ""), reason_text(r)) for r in comment.reasons],
                "notes": selectors.comment_notes(comment),
                "forwarded_to": selectors.forwarded_to(comment),
                "back_url": reverse("moderation:queue-kc"),
                "permalink": comment.permalink if comment.permalink.startswith("https://") else "",
                "conversation": selectors.conversation_lines(comment, user=request.user, readable=True),
            },
        )
    return render(request, "moderation/comment_detail.html", _comment_context(request, comment))


@login_required
@require_POST
def comment_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening a comment to handle it claims it; if someone else has it, the page says who. The claim
    is one conditional UPDATE (services.comment_claim): no lock needed for two people at once."""
    comment = access_comment(request.user, pk)
    if not services.comment_claim(comment=comment, by=request.user) and comment.status == Comment.Status.OPEN:
        messages.warning(request, _("%(person)s is handling this comment.") % {"person": comment.claimed_by})
    return redirect("moderation:comment-detail", pk=comment.pk)


@login_required
@require_POST
def comment_release(request: HttpRequest, pk: int) -> HttpResponse:
    comment = access_comment(request.user, pk)
    services.comment_release(comment=comment, by=request.user)
    return redirect(selectors.queue_url_for(comment))


@login_required
@require_POST
def comment_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    comment = access_comment(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.comment_note_add(comment=comment, by=request.user, text=form.cleaned_data["text"])
        if request.htmx:
            notes = selectors.comment_notes(comment)
            return render(
                request,
                "moderation/_notes.html",
                {"notes": notes, "comment": comment, "note_form": NoteForm()},
            )
        return redirect("moderation:comment-detail", pk=comment.pk)
    if request.htmx:
        notes = selectors.comment_notes(comment)
        return render(
            request, "moderation/_notes.html", {"notes": notes, "comment": comment, "note_form": form}
        )
    return render(
        request, "moderation/comment_detail.html", _comment_context(request, comment, note_form=form)
    )


@login_required
@require_POST
def comment_forward(request: HttpRequest, pk: int) -> HttpResponse:
    form = ForwardForm(request.POST)
    with transaction.atomic():
        comment = access_comment_to_forward(request.user, pk)
        if form.is_valid():
            services.comment_forward(
                comment=comment,
                by=request.user,
                administration=form.cleaned_data["administration"],
                note=form.cleaned_data["note"],
            )
    if not form.is_valid():
        return render(
            request, "moderation/comment_detail.html", _comment_context(request, comment, forward_form=form)
        )
    messages.success(
        request,
        _("Forwarded to %(administration)s.") % {"administration": form.cleaned_data["administration"]},
    )
    return redirect("moderation:queue-kc")


@login_required
@require_POST
def comment_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    with transaction.atomic():
        comment = access_comment_to_return(request.user, pk)
        back_to = selectors.queue_url_for(comment)
        if form.is_valid():
            services.comment_return(comment=comment, by=request.user, note=form.cleaned_data["note"])
    if not form.is_valid():
        return render(
            request, "moderation/comment_detail.html", _comment_context(request, comment, return_form=form)
        )
    messages.success(request, _("Sent back to the contact centre."))
    return redirect(back_to)


# --- AKN: triage lists ----------------------------------------------------------------------------


def _triage_lists_page(request: HttpRequest, *, status: int = 200, **forms) -> HttpResponse:
    """The lists with their forms; a form that failed comes back bound, showing its errors."""
    failed_rule = forms.pop("rule_form", None)
    rules = [
        (rule, failed_rule if failed_rule is not None and failed_rule.instance.pk == rule.pk else None)
        for rule in TriageRule.objects.all()
    ]
    context = {
        "rules": rules,
        "terms": list(TriageTerm.objects.all()),
        "domains": list(TriageDomain.objects.all()),
        "term_form": forms.get("term_form") or TriageTermForm(),
        "domain_form": forms.get("domain_form") or TriageDomainForm(),
        "action_choices": SuggestedAction.choices,
    }
    return render(request, "moderation/triage_lists.html", context, status=status)


@login_required
@require_GET
def triage_lists(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    return _triage_lists_page(request)


@login_required
@require_POST
def triage_term_add(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    form = TriageTermForm(request.POST)
    if form.is_valid():
        try:
            services.triage_term_add(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The word was added; it applies to comments from now on."))
            return redirect("moderation:triage-lists")
    return _triage_lists_page(request, term_form=form, status=400)


@login_required
@require_POST
def triage_term_remove(request: HttpRequest, pk: int) -> HttpResponse:
    services.triage_term_remove(term=access_triage_term(request.user, pk))
    messages.success(request, _("The word was removed."))
    return redirect("moderation:triage-lists")


@login_required
@require_POST
def triage_domain_add(request: HttpRequest) -> HttpResponse:
    access_triage_lists(request.user)
    form = TriageDomainForm(request.POST)
    if form.is_valid():
        try:
            services.triage_domain_add(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The domain was added."))
            return redirect("moderation:triage-lists")
    return _triage_lists_page(request, domain_form=form, status=400)


@login_required
@require_POST
def triage_domain_remove(request: HttpRequest, pk: int) -> HttpResponse:
    services.triage_domain_remove(domain=access_triage_domain(request.user, pk))
    messages.success(request, _("The domain was removed."))
    return redirect("moderation:triage-lists")


@login_required
@require_POST
def triage_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        rule = access_triage_rule(request.user, pk, for_update=True)
        form = TriageRuleForm(request.POST, instance=rule)
        if form.is_valid():
            services.triage_rule_update(rule=rule, by=request.user, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("The rule was saved."))
        return redirect("moderation:triage-lists")
    # The rule's row comes back with the form's errors (before they were dropped with the form).
    return _triage_lists_page(request, rule_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def triage_try(request: HttpRequest) -> HttpResponse:
    """Run a changed rule set over the last comments and show whose labels would change. Saves nothing."""
    access_triage_lists(request.user)
    form = TriageTryForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = selectors.triage_trial(**form.cleaned_data)
    return render(request, "moderation/triage_try.html", {"form": form, "outcome": outcome})

"""The tone checker's pages: Språkgranskning, the live panel endpoint, and AKN's pages for the word
lists (URL namespace ``tone``, mounted at ``/tone/``).

The engine, its lists and their writes are ``helsocial.tone``'s, which knows no domain app; these
pages live here because who may see them is the access layer's decision."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helsocial.tone import services
from helsocial.tone.checker import check_text
from helsocial.tone.forms import CheckForm, ToneSettingsForm, ToneWordForm
from helsocial.tone.models import ToneSettings, ToneWord
from helsocial.tone.panel import MAX_PANEL_CHARS, chosen_account_ids, panel_context, read_request
from helsocial.tone.selectors import tone_lists

from .access import can_edit_tone_lists, require_akn, require_any_role
from .models import SocialAccount

# What the note column means in each list (the form's label and the table's heading).
NOTE_LABELS = {
    ToneWord.Kind.ABBREVIATION: gettext_lazy("Write instead"),
    ToneWord.Kind.ACRONYM: "",
    ToneWord.Kind.SLANG: gettext_lazy("Write instead"),
    ToneWord.Kind.EMOJI: gettext_lazy("Why it is misread"),
    ToneWord.Kind.CALL_TO_ACTION: "",
    ToneWord.Kind.PERSONAL_DATA: gettext_lazy("Whose it is"),
}


def _check(text: str, context) -> dict:
    if len(text) > MAX_PANEL_CHARS:
        return panel_context(text, None, too_long=True)
    return panel_context(text, check_text(text, context=context, lists=tone_lists()))


@login_required
@require_http_methods(["GET", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    """Paste a text and get the feedback; with JavaScript the panel follows the typing, without it
    the button posts the page."""
    require_any_role(request.user)
    panel = None
    if request.method == "POST":
        text, context = read_request(request.POST)
        panel = _check(text, context)
        form = CheckForm(initial={**request.POST.dict(), "text": text})
    else:
        form = CheckForm()
    return render(
        request,
        "tone/check.html",
        {"form": form, "panel": panel, "can_edit_word_lists": can_edit_tone_lists(request.user)},
    )


@login_required
@require_POST
def panel(request: HttpRequest) -> HttpResponse:
    """The live panel's content for the posted text and context (htmx, from any including form)."""
    require_any_role(request.user)
    text, context = read_request(request.POST)
    ids = chosen_account_ids(request.POST)
    if ids and SocialAccount.objects.filter(pk__in=ids, platform=SocialAccount.Platform.X).exists():
        context = dataclasses.replace(context, for_x=True)  # X's length rule applies
    return render(request, "tone/_panel.html", {"panel": _check(text, context)})


# --- AKN: the lists --------------------------------------------------------------------------------


def _section(kind: str, *, form: ToneWordForm | None = None) -> dict:
    return {
        "kind": kind,
        "label": ToneWord.Kind(kind).label,
        "note_label": NOTE_LABELS[kind],
        "words": [w for w in ToneWord.objects.filter(kind=kind).order_by("text")],
        "form": form or ToneWordForm(prefix=kind),
    }


def _lists_context(**extra) -> dict:
    sections = {kind: _section(kind) for kind in ToneWord.Kind.values}
    sections.update(extra.pop("sections", {}))
    row = ToneSettings.objects.filter(pk=1).first() or ToneSettings(pk=1)
    return {
        "sections": list(sections.values()),
        "settings_form": extra.pop("settings_form", None) or ToneSettingsForm(instance=row),
        **extra,
    }


@login_required
@require_GET
def lists(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    return render(request, "tone/lists.html", _lists_context())


def _kind_or_404(kind: str) -> str:
    if kind not in ToneWord.Kind.values:
        raise Http404
    return kind


@login_required
@require_POST
def word_add(request: HttpRequest, kind: str) -> HttpResponse:
    require_akn(request.user)
    kind = _kind_or_404(kind)
    form = ToneWordForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            word = services.tone_word_add(
                by=request.user, kind=kind, text=form.cleaned_data["text"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            message = _("“%(text)s” was added. It applies from the next check.") % {"text": word.text}
            if request.htmx:
                return render(
                    request, "tone/_word_list.html", {"section": _section(kind), "message": message}
                )
            messages.success(request, message)
            return redirect("tone:lists")
    if request.htmx:
        return render(request, "tone/_word_list.html", {"section": _section(kind, form=form)})
    context = _lists_context(sections={kind: _section(kind, form=form)})
    return render(request, "tone/lists.html", context, status=400)


@login_required
@require_POST
def word_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require_akn(request.user)
    word = get_object_or_404(ToneWord, pk=pk)
    kind, text = word.kind, word.text
    services.tone_word_remove(by=request.user, word=word)
    message = _("“%(text)s” was removed. It applies from the next check.") % {"text": text}
    if request.htmx:
        return render(request, "tone/_word_list.html", {"section": _section(kind), "message": message})
    messages.success(request, message)
    return redirect("tone:lists")


@login_required
@require_POST
def settings_edit(request: HttpRequest) -> HttpResponse:
    require_akn(request.user)
    row = ToneSettings.objects.filter(pk=1).first() or ToneSettings(pk=1)
    form = ToneSettingsForm(request.POST, instance=row)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.tone_settings_update(
                by=request.user,
                max_sentence_words=data["max_sentence_words"],
                lix_info_from=Decimal(data["lix_info_from"]),
                lix_warning_from=Decimal(data["lix_warning_from"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The thresholds were saved. They apply from the next check."))
            return redirect("tone:lists")
    return render(request, "tone/lists.html", _lists_context(settings_form=form), status=400)

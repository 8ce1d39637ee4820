"""The moderation log as a page (issue 17): who did what to which comment, when, under which rule.

The page reads the same scope as the export beside it (`access.access_export`: AKN the whole city,
KC its queue, a lead their förvaltning's), filtered by period, account, action, rule and person, newest
first, paged by keyset. The log rows hold ids only; the account comes from the comment.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.models import SocialAccount, User
from helsocial.dates import DayField
from helsocial.errors import BadInput
from helsocial.forms import SingleLineInputsMixin
from helsocial.pagination import keyset_page
from helsocial.widgets import QuickSelect

from .access import access_export
from .forms import BootstrapMixin
from .models import Comment, Label, ModerationLogEntry

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LOG_PAGE_SIZE = 50
LOG_ORDER = ("-at", "-id")
# The period the page opens with, and the export's form with it.
DEFAULT_DAYS = 30


class LogFilterForm(SingleLineInputsMixin, BootstrapMixin, forms.Form):
    start = DayField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = DayField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    account = forms.TypedChoiceField(
        label=gettext_lazy("Account"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("All actions")), *ModerationLogEntry.Action.choices],
        widget=QuickSelect,
    )
    rule = forms.ChoiceField(
        label=gettext_lazy("Rule in the guideline"),
        required=False,
        choices=[("", gettext_lazy("All rules")), *Label.choices],
        widget=QuickSelect,
    )
    person = forms.TypedChoiceField(
        label=gettext_lazy("Person"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )

    def __init__(self, *args, accounts=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [("", _("All accounts")), *((a.pk, str(a)) for a in accounts)]
        self.fields["person"].choices = [
            ("", _("Everyone")),
            *((p.pk, p.get_full_name() or p.username) for p in people),
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


def _moment(day, *, end: bool = False) -> datetime:
    return datetime.combine(day + timedelta(days=1) if end else day, time.min, tzinfo=STOCKHOLM)


@login_required
@require_GET
def moderation_log(request: HttpRequest) -> HttpResponse:
    scope = access_export(request.user)
    entries = ModerationLogEntry.objects.filter(comment_id__in=scope.values("pk"))
    accounts = SocialAccount.objects.filter(pk__in=scope.values("account_id")).order_by("name", "platform")
    people = User.objects.filter(pk__in=entries.values("actor_id")).order_by(
        "first_name", "last_name", "username"
    )
    form = LogFilterForm(request.GET or None, accounts=accounts.only("pk", "name", "platform"), people=people)
    if form.is_bound and not form.is_valid():
        # A hand-edited address: say what is wrong in Swedish, as a 400, never a 500.
        raise BadInput(" ".join(str(e) for errors in form.errors.values() for e in errors))
    data = form.cleaned_data if form.is_bound else {}
    today = timezone.localdate()
    start = data.get("start") or today - timedelta(days=DEFAULT_DAYS)
    end = data.get("end") or today
    entries = entries.filter(at__gte=_moment(start), at__lt=_moment(end, end=True))
    if data.get("account"):
        entries = entries.filter(comment_id__in=scope.filter(account_id=data["account"]).values("pk"))
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("rule"):
        entries = entries.filter(rule=data["rule"])
    if data.get("person"):
        entries = entries.filter(actor_id=data["person"])
    page = keyset_page(
        entries.select_related("actor"), order=LOG_ORDER, after=request.GET.get("after"), size=LOG_PAGE_SIZE
    )
    comments = (
        Comment.objects.filter(pk__in=[e.comment_id for e in page.rows])
        .select_related("account")
        .only("pk", "kind", "account__name", "account__platform")
        .in_bulk()
    )
    labels = dict(Label.choices)
    rows = [
        {
            "entry": entry,
            "comment": comments.get(entry.comment_id),
            "rule": labels.get(entry.rule, entry.rule),
            "person": (entry.actor.get_full_name() or entry.actor.username) if entry.actor else "",
        }
        for entry in page.rows
    ]
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "moderation/log.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "start": start,
            "end": end,
        },
    )

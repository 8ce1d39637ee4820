"""Bad input never becomes a 500: a property-based test for every form class of the project.

`test_every_form_has_a_fuzz_case` finds every Form and ModelForm subclass in the project's modules
and fails, naming it, when FORM_CASES has no case for it, as the access matrix does for URLs. Each
case binds its form as its view does (the person, the instance, the querysets, the prefix) to data
that hypothesis draws per field: any unicode, lone surrogates, NUL, bidi controls, huge strings,
impossible and out-of-range dates, numbers past every column, ids of rows that exist and do not.
`is_valid()` must answer and the bound form must render; where a view takes the form, sending the
same data to it (a POST, or a GET for a filter) must answer below 500. The data is sent as a browser
sends it: UTF-8 bytes, lone surrogates as the invalid bytes they become.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Administration, Role, SocialAccount, User
from helsocial.dates import validate_in_range
from helsocial.fields import formfield
from tests.factories import AccountEditorFactory, AdministrationFactory, SocialAccountFactory, UserFactory

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("accounts", "calendar_booking", "moderation", "metrics", "platforms", "helsocial")
# Examples per form; FORMS_FUZZ_EXAMPLES=500 for a deeper run by hand.
EXAMPLES = int(os.environ.get("FORMS_FUZZ_EXAMPLES", "30"))

# --- what is thrown at every field --------------------------------------------------------------

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\ud83d",  # half an emoji
    "\u202eevil\u202c",
    "\u2066\u2069\u200f",
    "\ufeff",
    "<script>alert(1)</script>",
    '=HYPERLINK("https://evil.example")',
    "' OR 1=1 --",
    "{{ 7*7 }}{% debug %}",
    "x" * 100_000,
    "9" * 60,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "2026-02-30",
    "2026-02-30T10:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "0001-01-01",
    "0001-01-01T00:30",
    "0000-00-00",
    "2026-13-45T25:61",
    "\r\n\t",
    "😀" * 1000,
    "ä" * 300,
]
SURROGATES = st.characters(codec=None, categories=["Cs"])
NASTY = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=300),
    st.text(alphabet=st.one_of(st.characters(), SURROGATES), max_size=30),
)
DAYS = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%Y-%m-%d")),
    st.sampled_from(["2026-02-29", "2028-02-29", "1900-01-01", "2999-12-31", "1899-12-31", "3000-01-01"]),
)
MOMENTS = st.one_of(
    st.datetimes().map(lambda t: t.strftime("%Y-%m-%dT%H:%M")),
    st.datetimes().map(lambda t: t.strftime("%Y-%m-%d %H:%M")),
    # Summer time begins and ends: a wall-clock time that does not exist and one that exists twice.
    st.sampled_from(["2026-03-29T02:30", "2026-10-25T02:30", "2026-12-02T10:00", "1900-01-01T00:00"]),
)
NUMBERS = st.one_of(
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)


def _choice_values(field: forms.Field) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):  # an option group
            values += [str(v) for v, _ in label]
        else:
            values.append(str(getattr(value, "value", value)))
    return values or [""]


def field_values(field: forms.Field) -> st.SearchStrategy:
    """Plausible values for the field's type mixed with anything at all."""
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        plausible = st.sampled_from([*pks, "0", "-1", "99999999999999999999"])
    elif isinstance(field, forms.ChoiceField):
        plausible = st.sampled_from(_choice_values(field))
    elif isinstance(field, forms.DateTimeField):
        plausible = MOMENTS
    elif isinstance(field, forms.DateField):
        plausible = DAYS
    elif isinstance(field, forms.TimeField):
        plausible = st.times().map(lambda t: t.strftime("%H:%M"))
    elif isinstance(field, forms.BooleanField):
        plausible = st.sampled_from(["on", "", "true", "false", "0"])
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        plausible = NUMBERS
    elif isinstance(field, forms.EmailField):
        plausible = st.emails()
    elif isinstance(field, forms.URLField):
        plausible = st.sampled_from(["https://helsingborg.se/", "helsingborg.se", "javascript:alert(1)"])
    else:
        plausible = st.text(max_size=50)
    value = st.one_of(plausible, NASTY)
    if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return st.lists(value, max_size=4)
    return value


def draw_data(data: st.DataObject, form: forms.BaseForm) -> dict[str, list[str]]:
    """Per field of the (unbound) form: absent, or one or several values."""
    drawn: dict[str, list[str]] = {}
    for name, field in form.fields.items():
        if data.draw(st.booleans(), label=f"{name} given"):
            value = data.draw(field_values(field), label=name)
            drawn[form.add_prefix(name)] = value if isinstance(value, list) else [value]
    return drawn


def as_browser_sends(drawn: dict[str, list[str]]) -> str:
    """The urlencoded body a browser would send: UTF-8, a lone surrogate as its invalid bytes."""
    return urlencode(
        [(name, value.encode("utf-8", "surrogatepass")) for name, values in drawn.items() for value in values]
    )


# --- the world the forms are bound in ------------------------------------------------------------


@dataclass
class World:
    administration: Administration
    account: SocialAccount
    citywide: SocialAccount
    akn: User
    lead: User
    editor: User
    communicator: User
    kc: User
    person: User
    objects: dict
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction (as the access matrix does); each test's
    changes, all its examples', roll back to it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = _build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _account_request(applicant, administration):
    from accounts.models import AccountRequest

    return AccountRequest.objects.create(
        applicant=applicant,
        administration=administration,
        name="Fritidsgårdar",
        platform="instagram",
        purpose="Syfte",
        goal="Mål",
        target_group="Unga",
        answering="Vardagar 8–17",
        posts_per_week=3,
    )


def _build_world() -> World:
    from django.utils import timezone

    from calendar_booking.models import ChannelRule, KcAgreement
    from moderation.ingest import comments_ingest
    from moderation.models import Comment, SavedReply, TriageRule
    from platforms.models import PlatformPost
    from tests.calendar_booking.helpers import book
    from tests.moderation.helpers import remote

    administration = AdministrationFactory(name="Skol- och fritidsförvaltningen", short_name="SOF")
    other = AdministrationFactory(name="Stadsledningsförvaltningen", short_name="SLF")
    users = {
        "akn": UserFactory(username="akn", roles=[(Role.AKN, None)]),
        "lead": UserFactory(username="lead", roles=[(Role.LEAD, administration)]),
        "editor": UserFactory(username="editor", title="redaktör", roles=[(Role.EDITOR, administration)]),
        "communicator": UserFactory(username="communicator", roles=[(Role.COMMUNICATOR, administration)]),
        "kc": UserFactory(username="kc", roles=[(Role.KC, None)]),
    }
    account = SocialAccountFactory(administration=administration, name="Skolor i Helsingborg")
    AccountEditorFactory(account=account, user=users["editor"])
    citywide = SocialAccountFactory(
        administration=other, name="Helsingborgs stad", is_citywide=True, platform="facebook"
    )
    person = UserFactory(username="person", first_name="Per", roles=[(Role.EDITOR, administration)])
    AccountEditorFactory(
        account=SocialAccountFactory(administration=administration, name="Kulturskolan"), user=person
    )
    comments_ingest(account=account, items=[remote("q1", "När börjar skolan?")])
    comments_ingest(account=citywide, items=[remote("q2", "Var kan jag parkera?")])
    booking = book(users["communicator"], administration, (citywide, "2026-12-02 10:00"), title="Fuzz")
    objects = {
        "comment": Comment.objects.get(platform_id="q1"),
        "kc_comment": Comment.objects.get(platform_id="q2"),
        "booking": booking,
        "slot": booking.slots.get(),
        "rule": ChannelRule.objects.create(account=citywide, slot_minutes=60, max_posts_per_day=3),
        "agreement": KcAgreement.objects.create(administration=administration),
        "triage_rule": TriageRule.objects.first() or TriageRule.objects.create(label="spam", action="hide"),
        "saved_reply": SavedReply.objects.create(administration=administration, title="Tack", text="Tack!"),
        "post": PlatformPost.objects.create(
            account=account, platform_id="fuzz-post", created_at=timezone.now(), text="Utan bokning"
        ),
        "account_request": _account_request(users["communicator"], administration),
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return World(
        administration=administration,
        account=account,
        citywide=citywide,
        akn=users["akn"],
        lead=users["lead"],
        editor=users["editor"],
        communicator=users["communicator"],
        kc=users["kc"],
        person=person,
        objects=objects,
        clients=clients,
    )


# --- one case per form class: how its view binds it, and where the view is ------------------------


@dataclass
class FormCase:
    build: Callable[[World, MultiValueDict | None], forms.BaseForm]
    # (role, method, url) of the view that takes the form, or None when no view binds it directly.
    view: Callable[[World], tuple[str, str, str]] | None = None


def _cases() -> dict[type, FormCase]:
    from accounts import forms as a
    from accounts import forms_requests as ar
    from calendar_booking import forms as c
    from calendar_booking.models import ChannelRule
    from helsocial.tone import forms as t
    from helsocial.tone.models import ToneSettings
    from metrics import forms as m
    from metrics import forms_closing as mc
    from metrics.reports import forms_mail as rm
    from moderation import forms as mo
    from moderation import pattern_forms as mp
    from moderation.access import can_write_citywide_saved_replies, saved_reply_administrations
    from moderation.forms import SavedReplyForm

    def login_form(w, data):
        request = RequestFactory().post(reverse("login"), REMOTE_ADDR="192.0.2.10")
        return a.LoginForm(request, data=data)

    def calendar_filter(form_class):
        def build(w, data):
            return form_class(
                data,
                accounts=SocialAccount.objects.exclude(platform=SocialAccount.Platform.X),
                administrations=Administration.objects.all(),
            )

        return build

    bookable = SocialAccount.objects.exclude(platform=SocialAccount.Platform.X)

    return {
        a.LoginForm: FormCase(login_form, lambda w: ("anonymous", "POST", reverse("login"))),
        a.AccountFilterForm: FormCase(
            lambda w, d: a.AccountFilterForm(d, administrations=Administration.objects.all()),
            lambda w: ("lead", "GET", reverse("accounts:account-list")),
        ),
        a.SocialAccountForm: FormCase(
            lambda w, d: a.SocialAccountForm(d, instance=w.account, full=False),
            lambda w: ("lead", "POST", reverse("accounts:account-edit", args=[w.account.pk])),
        ),
        a.AdministrationForm: FormCase(
            lambda w, d: a.AdministrationForm(d, instance=w.administration),
            lambda w: ("akn", "POST", reverse("accounts:administration-create")),
        ),
        a.ProfileForm: FormCase(
            lambda w, d: a.ProfileForm(d, instance=w.editor),
            lambda w: ("editor", "POST", reverse("accounts:profile")),
        ),
        a.PersonForm: FormCase(
            lambda w, d: a.PersonForm(d, instance=w.person),
            lambda w: ("akn", "POST", reverse("accounts:person-create")),
        ),
        a.RoleAssignForm: FormCase(
            lambda w, d: a.RoleAssignForm(d, auto_id="id_role_%s"),
            lambda w: ("akn", "POST", reverse("accounts:person-role-add", args=[w.person.pk])),
        ),
        a.EditorAppointForm: FormCase(
            lambda w, d: a.EditorAppointForm(d, candidates=User.objects.filter(is_active=True)),
            lambda w: ("lead", "POST", reverse("accounts:account-editor-add", args=[w.account.pk])),
        ),
        c.CalendarFilterForm: FormCase(
            calendar_filter(c.CalendarFilterForm),
            lambda w: ("communicator", "GET", reverse("calendar_booking:calendar-week", args=[2026, 49])),
        ),
        c.ListFilterForm: FormCase(
            calendar_filter(c.ListFilterForm),
            lambda w: ("communicator", "GET", reverse("calendar_booking:booking-list")),
        ),
        c.BookingForm: FormCase(
            lambda w, d: c.BookingForm(
                d, administrations=Administration.objects.filter(pk=w.administration.pk)
            ),
            lambda w: ("communicator", "POST", reverse("calendar_booking:booking-create")),
        ),
        c.SlotForm: FormCase(
            lambda w, d: c.SlotForm(d, accounts=bookable, prefix="slot0"),
            lambda w: ("communicator", "POST", reverse("calendar_booking:booking-create")),
        ),
        c.MoveForm: FormCase(
            lambda w, d: c.MoveForm(d, accounts=bookable),
            lambda w: (
                "communicator",
                "POST",
                reverse("calendar_booking:slot-move", args=[w.objects["slot"].pk]),
            ),
        ),
        c.CancelForm: FormCase(
            lambda w, d: c.CancelForm(d),
            lambda w: (
                "communicator",
                "POST",
                reverse("calendar_booking:booking-cancel", args=[w.objects["booking"].pk]),
            ),
        ),
        c.ChannelRuleForm: FormCase(
            lambda w, d: c.ChannelRuleForm(d, instance=ChannelRule.for_account(w.account)),
            lambda w: ("akn", "POST", reverse("calendar_booking:rule-edit", args=[w.citywide.pk])),
        ),
        c.KcAgreementForm: FormCase(
            lambda w, d: c.KcAgreementForm(d, instance=w.objects["agreement"]),
            lambda w: ("akn", "POST", reverse("calendar_booking:agreement-create")),
        ),
        c.FeedCreateForm: FormCase(
            lambda w, d: c.FeedCreateForm(
                d, administrations=Administration.objects.all(), accounts=SocialAccount.objects.all()
            ),
            lambda w: ("communicator", "POST", reverse("calendar_booking:feed-create")),
        ),
        mo.QueueFilterForm: FormCase(
            lambda w, d: mo.QueueFilterForm(d, accounts=list(SocialAccount.objects.all())),
            lambda w: ("lead", "GET", reverse("moderation:queue-administration", args=[w.administration.pk])),
        ),
        mo.NoteForm: FormCase(
            lambda w, d: mo.NoteForm(d),
            lambda w: (
                "lead",
                "POST",
                reverse("moderation:comment-note-add", args=[w.objects["comment"].pk]),
            ),
        ),
        mo.ForwardForm: FormCase(
            lambda w, d: mo.ForwardForm(d),
            lambda w: (
                "kc",
                "POST",
                reverse("moderation:comment-forward", args=[w.objects["kc_comment"].pk]),
            ),
        ),
        mo.ReturnForm: FormCase(
            lambda w, d: mo.ReturnForm(d),
            lambda w: ("lead", "POST", reverse("moderation:comment-return", args=[w.objects["comment"].pk])),
        ),
        mo.TriageTermForm: FormCase(
            lambda w, d: mo.TriageTermForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-term-add")),
        ),
        mo.TriageDomainForm: FormCase(
            lambda w, d: mo.TriageDomainForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-domain-add")),
        ),
        mo.TriageRuleForm: FormCase(
            lambda w, d: mo.TriageRuleForm(d, instance=w.objects["triage_rule"]),
            lambda w: (
                "akn",
                "POST",
                reverse("moderation:triage-rule-edit", args=[w.objects["triage_rule"].pk]),
            ),
        ),
        mo.TriageTryForm: FormCase(
            lambda w, d: mo.TriageTryForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-try")),
        ),
        SavedReplyForm: FormCase(
            lambda w, d: SavedReplyForm(
                d,
                administrations=saved_reply_administrations(w.lead),
                citywide=can_write_citywide_saved_replies(w.lead),
                instance=w.objects["saved_reply"],
            ),
            lambda w: ("lead", "POST", reverse("moderation:saved-replies")),
        ),
        mp.TriagePatternForm: FormCase(
            lambda w, d: mp.TriagePatternForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-pattern-add")),
        ),
        mp.TriageWordGroupForm: FormCase(
            lambda w, d: mp.TriageWordGroupForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-group-save")),
        ),
        mp.PatternTryForm: FormCase(
            lambda w, d: mp.PatternTryForm(d),
            lambda w: ("akn", "POST", reverse("moderation:triage-pattern-try")),
        ),
        m.TokenPasteForm: FormCase(
            lambda w, d: m.TokenPasteForm(d),
            lambda w: ("akn", "POST", reverse("metrics:account-connect-token", args=[w.account.pk])),
        ),
        m.PostTagForm: FormCase(
            lambda w, d: m.PostTagForm(d),
            lambda w: ("editor", "POST", reverse("metrics:post-tag", args=[w.objects["post"].pk])),
        ),
        t.CheckForm: FormCase(
            lambda w, d: t.CheckForm(d), lambda w: ("editor", "POST", reverse("tone:check"))
        ),
        t.ToneWordForm: FormCase(
            lambda w, d: t.ToneWordForm(d, prefix="slang"),
            lambda w: ("akn", "POST", reverse("tone:word-add", args=["slang"])),
        ),
        t.ToneSettingsForm: FormCase(
            lambda w, d: t.ToneSettingsForm(
                d, instance=ToneSettings.objects.filter(pk=1).first() or ToneSettings(pk=1)
            ),
            lambda w: ("akn", "POST", reverse("tone:settings-edit")),
        ),
        ar.AccountRequestForm: FormCase(
            lambda w, d: ar.AccountRequestForm(
                d, administrations=Administration.objects.filter(pk=w.administration.pk)
            ),
            lambda w: ("communicator", "POST", reverse("accounts:request-create")),
        ),
        ar.AccountRequestDecisionForm: FormCase(
            lambda w, d: ar.AccountRequestDecisionForm(d),
            lambda w: (
                "akn",
                "POST",
                reverse("accounts:request-decide", args=[w.objects["account_request"].pk]),
            ),
        ),
        ar.GuidelineVersionForm: FormCase(
            lambda w, d: ar.GuidelineVersionForm(d),
            lambda w: ("akn", "POST", reverse("accounts:guideline-create")),
        ),
        mc.AccountCloseForm: FormCase(
            lambda w, d: mc.AccountCloseForm(d),
            lambda w: ("akn", "POST", reverse("metrics:account-close-confirm", args=[w.account.pk])),
        ),
        rm.ReportRecipientForm: FormCase(
            lambda w, d: rm.ReportRecipientForm(d),
            lambda w: ("akn", "POST", reverse("report_mail:recipient-add")),
        ),
    }


FORM_CASES = _cases()


def _review_cases() -> dict[type, FormCase]:
    """The account review's forms (metrics/review/forms.py)."""
    from metrics.review import forms as r
    from metrics.review.models import ReviewThresholds

    return {
        r.ReviewFilterForm: FormCase(
            lambda w, d: r.ReviewFilterForm(d, administrations=Administration.objects.all()),
            lambda w: ("akn", "GET", reverse("metrics:review")),
        ),
        r.ThresholdsForm: FormCase(
            lambda w, d: r.ThresholdsForm(d, instance=ReviewThresholds.defaults_for("facebook")),
            lambda w: ("akn", "POST", reverse("metrics:review-thresholds")),
        ),
        r.DecisionForm: FormCase(
            lambda w, d: r.DecisionForm(d),
            lambda w: ("akn", "POST", reverse("metrics:review-decision", args=[w.account.pk])),
        ),
    }


FORM_CASES.update(_review_cases())


def _moderation_log_case() -> dict:
    # The moderation log's filters (issue 17), a GET form as the queue's is.
    from moderation.views_log import LogFilterForm

    return {
        LogFilterForm: FormCase(
            lambda w, d: LogFilterForm(
                d, accounts=list(SocialAccount.objects.all()), people=list(User.objects.all())
            ),
            lambda w: ("lead", "GET", reverse("moderation:moderation-log")),
        )
    }


FORM_CASES.update(_moderation_log_case())


def _approval_case() -> dict:
    # The lead's decision on a booking awaiting approval (issue 18).
    from calendar_booking.forms_approval import ApprovalForm

    return {
        ApprovalForm: FormCase(
            lambda w, d: ApprovalForm(d),
            lambda w: (
                "lead",
                "POST",
                reverse("calendar_booking:booking-decide", args=[w.objects["booking"].pk]),
            ),
        )
    }


FORM_CASES.update(_approval_case())


# --- the meta-test: no form without a case ------------------------------------------------------------


def _import_project_modules() -> None:
    for package in PROJECT_PACKAGES:
        if not (ROOT / package).is_dir():
            continue
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            importlib.import_module(info.name)


def project_form_classes() -> set[type]:
    _import_project_modules()
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in PROJECT_PACKAGES:
                found.add(sub)
    return found


def forms_without_a_case() -> list[str]:
    return sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in project_form_classes() - set(FORM_CASES))


def test_every_form_has_a_fuzz_case():
    assert len(project_form_classes()) >= 25  # the discovery itself works
    missing = forms_without_a_case()
    assert not missing, f"forms without a case in tests/test_forms_fuzz.py FORM_CASES: {missing}"


def test_a_form_without_a_case_is_named():
    orphan = type("OrphanForm", (forms.Form,), {"__module__": "helsocial.orphan"})
    try:
        assert forms_without_a_case() == ["helsocial.orphan.OrphanForm"]
    finally:
        del orphan
        gc.collect()  # __subclasses__ holds weak references: gone for the tests after this one


def test_every_model_form_uses_the_projects_field_callback():
    # helsocial.fields.formfield bounds dates and refuses text the database cannot encode.
    model_forms = [cls for cls in project_form_classes() if issubclass(cls, forms.ModelForm)]
    assert model_forms
    without = [cls.__qualname__ for cls in model_forms if cls._meta.formfield_callback is not formfield]
    assert not without, f"set Meta.formfield_callback = helsocial.fields.formfield on {without}"


@pytest.mark.django_db
def test_every_date_field_is_bounded(world):
    dated = {
        f"{form_class.__qualname__}.{name}": field
        for form_class, case in FORM_CASES.items()
        for name, field in case.build(world, None).fields.items()
        if isinstance(field, (forms.DateField, forms.DateTimeField))
    }
    assert len(dated) >= 5  # the booking's, the slot's, the agreement's, the token's …
    unbounded = [name for name, field in dated.items() if validate_in_range not in field.validators]
    assert not unbounded, f"use helsocial.dates.DayField / MomentField: {unbounded}"


# --- the property: any data is answered ---------------------------------------------------------------


def _case_id(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(FORM_CASES), ids=_case_id)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_any_data_is_answered_never_a_500(world, form_class, data):
    case = FORM_CASES[form_class]
    drawn = draw_data(data, case.build(world, None))
    bound = case.build(world, MultiValueDict(drawn))
    assert type(bound) is form_class
    bound.is_valid()  # must answer, valid or not
    str(bound)  # and the form with its errors must render
    if case.view is None:
        return
    role, method, url = case.view(world)
    client = world.clients[role]
    body = as_browser_sends(drawn)
    if method == "GET":
        response = client.get(f"{url}?{body}")
    else:
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500, (url, drawn)


# --- what the property found ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_lone_surrogate_is_a_field_error_not_a_query_that_crashes(world):
    # Found by the property: a ModelForm checks the model's constraints in SQL with the text in it,
    # and no database encoding can write half a UTF-16 pair.
    from calendar_booking.forms import BookingForm

    form = FORM_CASES[BookingForm].build(world, MultiValueDict({"faq_text": ["\ud800"]}))
    assert not form.is_valid()
    assert form.errors["faq_text"] == [
        "Texten innehåller ett trasigt tecken som inte kan sparas. Skriv den igen."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["username", "password"])
def test_a_lone_surrogate_never_reaches_the_login_lookup_or_the_password_hasher(world, field):
    from accounts.forms import LoginForm

    data = {"username": "lead", "password": "fel-lösenord"} | {field: "le\udc80ad"}
    form = FORM_CASES[LoginForm].build(world, MultiValueDict({k: [v] for k, v in data.items()}))
    assert not form.is_valid()
    assert field in form.errors

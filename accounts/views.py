from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from helsocial.outbox.models import OutboxMessage
from helsocial.pagination import keyset_page

from . import account_rows, services, summary
from .access import (
    Action,
    access_account,
    access_accounts,
    access_administration,
    access_administrations,
    access_people,
    access_person,
    access_role_assignment,
    account_rights,
    accounts_edited_by,
    accounts_managed_by,
    administrations_for,
    can,
    require,
    roles_of,
    start_page,
)
from .forms import (
    AccountFilterForm,
    AdministrationForm,
    EditorAppointForm,
    LoginForm,
    PersonForm,
    ProfileForm,
    RoleAssignForm,
    SocialAccountForm,
)
from .models import AccountEditor, Role, RoleAssignment, SocialAccount, User
from .start import StartCard, StartLink, cards_for
from .start_accounts import WITHOUT_EDITOR

ACCOUNT_PAGE_SIZE = 50


class PortalLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


def _editor_prefetch() -> Prefetch:
    return Prefetch("editor_links", queryset=AccountEditor.objects.select_related("user"))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    offers = start_page(request.user)
    now = timezone.now()
    mine = accounts_edited_by(request.user).with_active_editor_flag().select_related("administration")[:20]
    waiting = cards_for(request.user, offers, now)
    if offers.appoints_editors:
        if roles_of(request.user).is_akn:
            # Every account of the city: the kept count (accounts/summary.py).
            kept = summary.summary(WITHOUT_EDITOR, now)
            flagged, counted_at = kept.value, kept.counted_at
        else:
            flagged, counted_at = accounts_managed_by(request.user).without_active_editor().count(), None
        links = [
            StartLink(
                _("Accounts without an active editor"),
                f"{reverse('accounts:account-list')}?editor=missing",
                flagged,
                urgent=bool(flagged),
                counted_at=counted_at,
            )
        ]
        # AKN is told of mail that could not be sent (the registry mail is a legal duty).
        if offers.watches_failed_mail:
            failed = OutboxMessage.objects.failed().count()
            links.append(
                StartLink(
                    _("E-mails that could not be sent"), reverse("accounts:mail-failed"), failed, bool(failed)
                )
            )
        waiting.append(StartCard(title=_("Accounts that need attention"), links=tuple(links), order=30))
        waiting.sort(key=lambda card: card.order)
    assignments = request.user.role_assignments.select_related("administration")
    return render(
        request,
        "accounts/home.html",
        {"offers": offers, "assignments": assignments, "my_accounts": mine, "waiting": waiting},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def account_list(request: HttpRequest) -> HttpResponse:
    visible = access_accounts(request.user)
    filters = AccountFilterForm(request.GET or None, administrations=administrations_for(request.user))
    accounts = filters.filter(visible).values(*account_rows.FIELDS)
    page = keyset_page(accounts, order=("name", "id"), after=request.GET.get("after"), size=ACCOUNT_PAGE_SIZE)
    context = {
        "filters": filters,
        "page": page,
        "rows": account_rows.account_rows(page.rows),
        "can_create": can(request.user, Action.ACCOUNT_CREATE),
        "title": _("Social accounts"),
        "query": _query_without_cursor(request),
    }
    # Going back after a filter change asks again with HX-History-Restore-Request: that needs the page.
    if request.htmx and not request.htmx.history_restore_request:
        # "Show more" replaces its own row with the next rows; a filter change replaces the body.
        template = (
            "accounts/_account_row_items.html" if "after" in request.GET else "accounts/_account_rows.html"
        )
    else:
        template = "accounts/account_list.html"
    return render(request, template, context)


def _query_without_cursor(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("after", None)
    return query.urlencode()


@login_required
@require_GET
def account_mine(request: HttpRequest) -> HttpResponse:
    accounts = (
        accounts_edited_by(request.user)
        .select_related("administration")
        .with_active_editor_flag()
        .prefetch_related(_editor_prefetch())
        .order_by("name", "id")
    )
    return render(request, "accounts/account_mine.html", {"accounts": accounts})


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.ACCOUNT_CREATE)
    form = SocialAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = form.save()
        messages.success(request, _("The account was created."))
        return redirect("accounts:account-detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {"form": form, "account": None})


@login_required
@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account(request.user, pk)
    return render(request, "accounts/account_detail.html", _account_context(request, account))


def _account_context(
    request: HttpRequest, account: SocialAccount, form: EditorAppointForm | None = None
) -> dict:
    rights = account_rights(request.user, account)
    editors = list(AccountEditor.objects.filter(account=account).select_related("user", "appointed_by"))
    if rights.can_manage_editors and form is None:
        form = EditorAppointForm(
            candidates=services.editor_candidates(account=account), auto_id="id_editor_%s"
        )
    return {
        "account": account,
        "editors": editors,
        "has_active_editor": any(link.is_active_editor() for link in editors),
        "can_manage_editors": rights.can_manage_editors,
        "can_edit": rights.can_edit,
        "can_close": rights.can_close,
        "editor_form": form,
    }


@login_required
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account(request.user, pk, Action.ACCOUNT_EDIT)
    full = account_rights(request.user, account).can_edit_all_fields
    form = SocialAccountForm(request.POST or None, instance=account, full=full)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The account was saved."))
        return redirect("accounts:account-detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {"form": form, "account": account})


@login_required
@require_GET
def account_editors(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account(request.user, pk)
    return render(request, "accounts/_editors.html", _account_context(request, account))


@login_required
@require_POST
def account_editor_add(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account(request.user, pk, Action.ACCOUNT_MANAGE_EDITORS)
    form = EditorAppointForm(
        request.POST, candidates=services.editor_candidates(account=account), auto_id="id_editor_%s"
    )
    if form.is_valid():
        try:
            services.account_editor_appoint(by=request.user, account=account, user=form.cleaned_data["user"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(user)s is now an editor.") % {"user": form.cleaned_data["user"]})
            form = None
    return _editors_response(request, account, form)


@login_required
@require_POST
def account_editor_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    account = access_account(request.user, pk, Action.ACCOUNT_MANAGE_EDITORS)
    link = get_object_or_404(AccountEditor.objects.select_related("user"), account=account, user_id=user_pk)
    services.account_editor_remove(by=request.user, account=account, user=link.user)
    messages.success(request, _("%(user)s is no longer an editor.") % {"user": link.user})
    return _editors_response(request, account, None)


def _editors_response(request: HttpRequest, account: SocialAccount, form) -> HttpResponse:
    if request.htmx:
        return render(request, "accounts/_editors.html", _account_context(request, account, form))
    if form is not None and form.errors:
        # Without JavaScript the errors must still be shown: the whole page, with the form.
        return render(request, "accounts/account_detail.html", _account_context(request, account, form))
    return redirect("accounts:account-detail", pk=account.pk)


# --- förvaltningar --------------------------------------------------------------------------------


@login_required
@require_GET
def administration_list(request: HttpRequest) -> HttpResponse:
    administrations = access_administrations(request.user).annotate(
        account_count=Count("accounts", distinct=True)
    )
    return render(request, "accounts/administration_list.html", {"administrations": administrations})


@login_required
@require_http_methods(["GET", "POST"])
def administration_create(request: HttpRequest) -> HttpResponse:
    access_administrations(request.user)
    form = AdministrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The administration was saved."))
        return redirect("accounts:administration-list")
    return render(request, "accounts/administration_form.html", {"form": form, "administration": None})


@login_required
@require_http_methods(["GET", "POST"])
def administration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    administration = access_administration(request.user, pk)
    form = AdministrationForm(request.POST or None, instance=administration)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The administration was saved."))
        return redirect("accounts:administration-list")
    return render(
        request, "accounts/administration_form.html", {"form": form, "administration": administration}
    )


# --- people ---------------------------------------------------------------------------------------


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    people = access_people(request.user).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("administration"))
    )
    page = keyset_page(people, order=("username", "id"), after=request.GET.get("after"), size=100)
    return render(request, "accounts/person_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    access_people(request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(user)s was created. Now give them their roles.") % {"user": person})
        return redirect("accounts:person-edit", pk=person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("%(user)s was saved.") % {"user": person})
        return redirect("accounts:person-edit", pk=person.pk)
    return render(request, "accounts/person_form.html", _person_context(person, form=form))


def _person_context(person: User, *, form=None, role_form=None) -> dict:
    return {
        "person": person,
        "form": form,
        "role_form": role_form or RoleAssignForm(auto_id="id_role_%s"),
        "assignments": person.role_assignments.select_related("administration"),
    }


@login_required
@require_POST
def person_role_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    role_form = RoleAssignForm(request.POST, auto_id="id_role_%s")
    if role_form.is_valid():
        try:
            services.role_assign(
                by=request.user,
                user=person,
                role=Role(role_form.cleaned_data["role"]),
                administration=role_form.cleaned_data["administration"],
            )
        except ValidationError as exc:
            role_form.add_error(None, exc)
        else:
            role_form = None
    return _roles_response(request, person, role_form)


@login_required
@require_POST
def person_role_remove(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    assignment = access_role_assignment(request.user, pk, role_pk)
    person = assignment.user
    try:
        services.role_remove(by=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _roles_response(request, person, None)


def _roles_response(request: HttpRequest, person: User, role_form) -> HttpResponse:
    if request.htmx:
        return render(request, "accounts/_roles.html", _person_context(person, role_form=role_form))
    if role_form is not None and role_form.errors:
        context = _person_context(person, form=PersonForm(instance=person), role_form=role_form)
        return render(request, "accounts/person_form.html", context)
    return redirect("accounts:person-edit", pk=person.pk)

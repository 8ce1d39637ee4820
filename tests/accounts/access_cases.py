"""The access matrix's rows for accounts and the project-level URLs (home, login, logout, healthz).

How to read a row: `own` is what each role gets for an object of its own förvaltning (or for the
URL itself when it has no object), `other` for the other förvaltning's object. Anonymous visitors
are sent to the login page unless `anonymous=` says otherwise. See tests/access.py.
"""

from helsocial.outbox.models import OutboxMessage
from tests.access import LOGIN, Case, everyone, expect, only_akn

HTMX = {"HX-Request": "true"}


def build(world):
    # Mail is the portal's, not a förvaltning's: each side has a failed mail, both AKN's alone.
    for number, side in enumerate((world.own, world.other)):
        marked = world.marker if side is world.other else ""
        side.failed_mail = OutboxMessage.objects.create(
            key=f"matrix-failed:{side.name}",
            to=[side.lead.email],
            subject=f"Brådskande kommentar på {side.account.name}",
            body=f"Text {marked}",
            message_id=f"<matrix-{number}@helsingborg.se>",
            status=OutboxMessage.Status.FAILED,
            last_error=f"SMTPRecipientsRefused: 550 {marked}",
        )


def failed_mail(side):
    return {"pk": side.failed_mail.pk}


def account(side):
    return {"pk": side.account.pk}


def administration(side):
    return {"pk": side.administration.pk}


def person(side):
    return {"pk": side.communicator.pk}


def account_post(side):
    return {
        "administration": side.administration.pk,
        "name": "Nytt kontonamn",
        "platform": "facebook",
        "handle": "nytt",
        "url": "",
        "platform_id": side.account.platform_id,
        "visibility": "open",
        "purpose": "Ett syfte",
        "goal": "",
        "target_group": "",
        "end_date": "",
    }


def person_post(side):
    return {
        "username": side.communicator.username,
        "first_name": "Ny",
        "last_name": "Person",
        "email": "ny.person@helsingborg.se",
        "title": "kommunikatör",
        "is_active": "on",
        "password": "",
    }


# Who may see an account: AKN all, the förvaltning's people theirs, KC only the city-wide ones.
SEE_OWN = expect(200, kc=404)
SEE_OTHER = expect(404, akn=200)
# Who may change an account or its editors: AKN and the förvaltning's lead.
CHANGE_OWN = expect(403, akn=302, lead=302, kc=404)
CHANGE_OTHER = expect(404, akn=302)

CASES = [
    # --- project level ---------------------------------------------------------------------------
    Case("home", own=everyone(200)),
    Case("home", method="POST", own=everyone(405)),
    Case("login", own=everyone(302), anonymous=200),
    Case(
        "login",
        method="POST",
        label="wrong password",
        data={"username": "nobody", "password": "wrong-password"},
        own=everyone(302),
        anonymous=200,
    ),
    Case("logout", method="POST", own=everyone(302), anonymous=LOGIN),
    Case("logout", own=everyone(405), anonymous=405),
    Case("healthz", own=everyone(200), anonymous=200),
    Case("healthz", method="POST", own=everyone(405), anonymous=405),
    # --- profile ---------------------------------------------------------------------------------
    Case("accounts:profile", own=everyone(200)),
    Case(
        "accounts:profile",
        method="POST",
        label="valid",
        data={
            "first_name": "Ny",
            "last_name": "",
            "email": "ny@helsingborg.se",
            "title": "redaktör",
            "signoff": "",
        },
        own=everyone(302),
    ),
    Case("accounts:profile", method="POST", label="invalid", data={"first_name": ""}, own=everyone(200)),
    # --- accounts --------------------------------------------------------------------------------
    Case("accounts:account-list", own=everyone(200)),
    Case(
        "accounts:account-list", label="filtered", query="scope=citywide&platform=facebook", own=everyone(200)
    ),
    Case("accounts:account-list", label="htmx", headers=HTMX, query="q=a", own=everyone(200)),
    Case("accounts:account-list", label="tampered cursor", query="after=!!nonsense", own=everyone(400)),
    Case("accounts:account-mine", own=everyone(200)),
    Case("accounts:account-create", own=only_akn(200)),
    Case("accounts:account-create", method="POST", data=account_post, own=only_akn(302)),
    Case("accounts:account-detail", kwargs=account, own=SEE_OWN, other=SEE_OTHER),
    Case("accounts:account-detail", method="POST", kwargs=account, own=everyone(405), other=everyone(405)),
    Case(
        "accounts:account-edit",
        kwargs=account,
        own=expect(403, akn=200, lead=200, kc=404),
        other=expect(404, akn=200),
    ),
    Case(
        "accounts:account-edit",
        method="POST",
        kwargs=account,
        data=account_post,
        own=CHANGE_OWN,
        other=CHANGE_OTHER,
    ),
    Case("accounts:account-editors", kwargs=account, own=SEE_OWN, other=SEE_OTHER),
    Case(
        "accounts:account-editors", label="htmx", kwargs=account, headers=HTMX, own=SEE_OWN, other=SEE_OTHER
    ),
    Case(
        "accounts:account-editor-add",
        method="POST",
        kwargs=account,
        data=lambda side: {"user": side.communicator.pk},
        own=CHANGE_OWN,
        other=CHANGE_OTHER,
    ),
    Case(
        "accounts:account-editor-add",
        method="POST",
        label="htmx",
        kwargs=account,
        headers=HTMX,
        data=lambda side: {"user": side.communicator.pk},
        own=expect(403, akn=200, lead=200, kc=404),
        other=expect(404, akn=200),
    ),
    Case("accounts:account-editor-add", kwargs=account, own=everyone(405), other=everyone(405)),
    Case(
        "accounts:account-editor-remove",
        method="POST",
        kwargs=lambda side: {"pk": side.account.pk, "user_pk": side.editor.pk},
        own=CHANGE_OWN,
        other=CHANGE_OTHER,
    ),
    Case(
        "accounts:account-editor-remove",
        kwargs=lambda side: {"pk": side.account.pk, "user_pk": side.editor.pk},
        own=everyone(405),
        other=everyone(405),
    ),
    # --- förvaltningar: AKN only -------------------------------------------------------------------
    Case("accounts:administration-list", own=only_akn()),
    Case("accounts:administration-create", own=only_akn()),
    Case(
        "accounts:administration-create",
        method="POST",
        data={"name": "Ny förvaltning", "short_name": "NF", "email": "", "phone": "", "is_active": "on"},
        own=only_akn(302),
    ),
    Case("accounts:administration-edit", kwargs=administration, own=only_akn(), other=only_akn()),
    Case(
        "accounts:administration-edit",
        method="POST",
        kwargs=administration,
        data=lambda side: {
            "name": "Omdöpt förvaltning",
            "short_name": "OF",
            "email": "",
            "phone": "",
            "is_active": "on",
        },
        own=only_akn(302),
        other=only_akn(302),
    ),
    # --- people and roles: AKN only --------------------------------------------------------------
    Case("accounts:person-list", own=only_akn()),
    Case("accounts:person-list", label="tampered cursor", query="after=eyJ4Ijo", own=only_akn(400)),
    Case("accounts:person-create", own=only_akn()),
    Case(
        "accounts:person-create",
        method="POST",
        data=lambda side: {**person_post(side), "username": "ny_person"},
        own=only_akn(302),
    ),
    Case("accounts:person-edit", kwargs=person, own=only_akn(), other=only_akn()),
    Case(
        "accounts:person-edit",
        method="POST",
        kwargs=person,
        data=person_post,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "accounts:person-role-add",
        method="POST",
        kwargs=person,
        data=lambda side: {"role": "editor", "administration": side.administration.pk},
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "accounts:person-role-add",
        method="POST",
        label="htmx",
        kwargs=person,
        headers=HTMX,
        data=lambda side: {"role": "lead", "administration": side.administration.pk},
        own=only_akn(200),
        other=only_akn(200),
    ),
    Case(
        "accounts:person-role-remove",
        method="POST",
        kwargs=lambda side: {"pk": side.communicator.pk, "role_pk": side.assignment.pk},
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "accounts:person-role-remove",
        kwargs=lambda side: {"pk": side.communicator.pk, "role_pk": side.assignment.pk},
        own=everyone(405),
        other=everyone(405),
    ),
    # --- mail that could not be sent ---------------------------------------------------------------
    Case("accounts:mail-failed", own=only_akn(200)),
    Case("accounts:mail-failed", method="POST", own=everyone(405)),
    Case("accounts:mail-resend", method="POST", kwargs=failed_mail, own=only_akn(302), other=only_akn(302)),
    Case("accounts:mail-resend", kwargs=failed_mail, own=everyone(405), other=everyone(405)),
]

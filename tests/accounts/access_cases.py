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
    build_requests_and_guideline(world)


def build_requests_and_guideline(world):
    """A request for a new account on each side, two guideline versions; the other side's account
    is left out of the public register (AKN's choice), which every role then reads."""
    from datetime import date

    from accounts.models import AccountRequest, GuidelineVersion

    for side in (world.own, world.other):
        marked = world.marker if side is world.other else ""
        side.account_request = AccountRequest.objects.create(
            applicant=side.communicator,
            administration=side.administration,
            name=f"Fritidsgårdar {marked}",
            platform="instagram",
            purpose=f"Syfte {marked}",
            goal=f"Mål {marked}",
            target_group=f"Unga {marked}",
            answering=f"Redaktörerna vardagar 8–17 {marked}",
            posts_per_week=3,
        )
        side.account_request.editors.set([side.editor])
    world.own.guideline = GuidelineVersion.objects.create(
        in_force_from=date(2026, 9, 1), url="https://helsingborg.se/riktlinjer-2026-09.pdf"
    )
    world.other.guideline = GuidelineVersion.objects.create(
        in_force_from=date(2026, 3, 1), url="https://helsingborg.se/riktlinjer-2026-03.pdf"
    )
    world.other.account.in_register = False
    world.other.account.save(update_fields=["in_register"])


def account_request(side):
    return {"pk": side.account_request.pk}


def guideline(side):
    return {"pk": side.guideline.pk}


def request_post(side):
    return {
        "administration": side.administration.pk,
        "name": "Ungdomsrådet",
        "platform": "instagram",
        "purpose": "Att nå unga med information om rådet.",
        "goal": "Fler unga söker till rådet.",
        "target_group": "Unga 13–19 år",
        "editors": [side.editor.pk],
        "answering": "Redaktörerna, vardagar 8–17",
        "posts_per_week": "3",
        "end_date": "",
    }


# Who applies for a new account, and so sees the requests: AKN, the lead and the communicator.
APPLY = expect(403, akn=200, lead=200, communicator=200)
PUBLIC = 200  # the account register: no login, on purpose (accounts.access.access_public_register)


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
    # --- requests for new accounts --------------------------------------------------------------------
    Case("accounts:request-list", own=APPLY),
    Case("accounts:request-list", method="POST", own=everyone(405)),
    Case("accounts:request-create", own=APPLY),
    Case(
        "accounts:request-create",
        method="POST",
        label="valid",
        data=request_post,
        own=expect(403, akn=302, lead=302, communicator=302),
    ),
    Case(
        "accounts:request-create",
        method="POST",
        label="invalid",
        data={"name": ""},
        own=expect(403, akn=400, lead=400, communicator=400),
    ),
    Case("accounts:request-advice", query="platform=facebook&end_date=2027-01-01", headers=HTMX, own=APPLY),
    Case("accounts:request-advice", label="nonsense", query="platform=x&end_date=9999-99-99", own=APPLY),
    Case(
        "accounts:request-detail",
        kwargs=account_request,
        own=APPLY,
        other=expect(403, akn=200, lead=404, communicator=404),
    ),
    Case(
        "accounts:request-decide",
        method="POST",
        kwargs=account_request,
        data={"decision": "approve", "reason": ""},
        own=only_akn(302),
        other=expect(403, akn=302, lead=404, communicator=404),
    ),
    Case(
        "accounts:request-decide",
        method="POST",
        label="rejected without reason",
        kwargs=account_request,
        data={"decision": "reject", "reason": ""},
        own=only_akn(400),
        other=expect(403, akn=400, lead=404, communicator=404),
    ),
    Case("accounts:request-decide", kwargs=account_request, own=everyone(405), other=everyone(405)),
    # --- the public account register: no login ------------------------------------------------------
    Case("accounts:register", own=everyone(PUBLIC), anonymous=PUBLIC),
    Case("accounts:register", method="POST", own=everyone(405), anonymous=405),
    Case("accounts:register-feed", own=everyone(PUBLIC), anonymous=PUBLIC),
    Case("accounts:register-feed", method="POST", own=everyone(405), anonymous=405),
    # --- the guideline in force -----------------------------------------------------------------------
    Case("accounts:guideline", own=everyone(200)),
    Case("accounts:guideline", method="POST", own=everyone(405)),
    Case("accounts:guideline-create", own=only_akn(200)),
    Case(
        "accounts:guideline-create",
        method="POST",
        data={
            "title": "Riktlinjer för sociala medier",
            "in_force_from": "2027-03-01",
            "url": "https://helsingborg.se/riktlinjer-2027-03.pdf",
            "changes": "Nytt avsnitt om AI.",
        },
        own=only_akn(302),
    ),
    Case("accounts:guideline-ask", method="POST", kwargs=guideline, own=only_akn(302), other=only_akn(302)),
    Case("accounts:guideline-ask", kwargs=guideline, own=everyone(405), other=everyone(405)),
    Case(
        "accounts:guideline-confirm", method="POST", kwargs=guideline, own=everyone(302), other=everyone(302)
    ),
    Case("accounts:guideline-confirm", kwargs=guideline, own=everyone(405), other=everyone(405)),
]

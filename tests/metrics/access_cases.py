"""The access matrix's rows for connecting accounts to their platforms (metrics/urls.py).

Connecting is changing the account: AKN and the lead of the account's förvaltning only. Another
förvaltning's account is a 404 for everyone but AKN; KC sees no förvaltning account at all.
"""

from datetime import UTC, datetime

from platforms.models import PlatformPost
from tests.access import Case, everyone, expect


def build(world):
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    world.own.post = PlatformPost.objects.create(
        account=world.own.account, platform_id="own-post", created_at=at, text="Eget inlägg"
    )
    world.other.post = PlatformPost.objects.create(
        account=world.other.account, platform_id="other-post", created_at=at, text=world.marker
    )


def post(side):
    return {"pk": side.post.pk}


def account(side):
    return {"pk": side.account.pk}


def token_post(side):
    return {"token": "EAAB" + "z" * 40, "expires_on": "2027-01-20"}


CONNECT_OWN = expect(403, akn=200, lead=200, kc=404)
CONNECT_OTHER = expect(404, akn=200)
# Starting the flow or saving a token ends in a redirect (to the platform, or back to the page).
CHANGE_OWN = expect(403, akn=302, lead=302, kc=404)
CHANGE_OTHER = expect(404, akn=302)

# The figures are seen by whoever sees the account (as its page).
SEE_OWN = expect(200, kc=404)
SEE_OTHER = expect(404, akn=200)

CASES = [
    Case("metrics:account-figures", kwargs=account, own=SEE_OWN, other=SEE_OTHER),
    Case("metrics:post-figures", kwargs=post, own=SEE_OWN, other=SEE_OTHER),
    Case("metrics:post-figures", method="POST", kwargs=post, own=everyone(405), other=everyone(405)),
    Case("metrics:account-figures", method="POST", kwargs=account, own=everyone(405), other=everyone(405)),
    Case("metrics:account-connect", kwargs=account, own=CONNECT_OWN, other=CONNECT_OTHER),
    Case("metrics:account-connect", method="POST", kwargs=account, own=everyone(405), other=everyone(405)),
    Case("metrics:account-connect-start", method="POST", kwargs=account, own=CHANGE_OWN, other=CHANGE_OTHER),
    Case("metrics:account-connect-start", kwargs=account, own=everyone(405), other=everyone(405)),
    Case(
        "metrics:account-connect-token",
        method="POST",
        kwargs=account,
        data=token_post,
        own=CHANGE_OWN,
        other=CHANGE_OTHER,
    ),
    Case(
        "metrics:account-connect-token",
        method="POST",
        label="invalid",
        kwargs=account,
        data={"token": "x"},
        own=CONNECT_OWN,
        other=CONNECT_OTHER,
    ),
    Case("metrics:account-connect-token", kwargs=account, own=everyone(405), other=everyone(405)),
    # Without a state this session started, the callback is refused before any account is touched.
    Case("metrics:connect-callback", own=everyone(400)),
    Case("metrics:connect-callback", label="forged state", query="state=forged&code=abc", own=everyone(400)),
]

# --- the monthly report (metrics/views_reports.py) ---------------------------------------------------
# AKN reads the city and every förvaltning; a lead their own; an editor the accounts they edit. Another
# förvaltning's report is a 404; a role without reports (communicator, KC) gets a 403.
REPORT_OWN = expect(403, akn=200, lead=200, editor=200)
REPORT_OTHER = expect(403, akn=200, lead=404, editor=404)
REPORT_NONE = expect(403, akn=404, lead=404, editor=404)
# KC's answer times: AKN and KC for the city, a lead for their own förvaltning.
ANSWERS = expect(403, akn=200, kc=200, lead=200)


def month(side):
    return {"year": 2026, "month": 11}


def administration_month(side):
    return {"year": 2026, "month": 11, "administration_id": side.administration.pk}


CASES += [
    Case("metrics:reports-home", own=expect(403, akn=302, lead=302, editor=302)),
    Case("metrics:report", kwargs=month, own=REPORT_OWN, other=REPORT_OWN),
    Case("metrics:report", method="POST", kwargs=month, own=everyone(405), other=everyone(405)),
    Case(
        "metrics:report",
        label="unknown administration",
        kwargs=month,
        query="administration=987654321",
        own=REPORT_NONE,
        other=REPORT_NONE,
    ),
    Case(
        "metrics:report",
        label="bad administration",
        kwargs=month,
        query="administration=x1",
        own=everyone(404),
        other=everyone(404),
    ),
    Case("metrics:report-administration", kwargs=administration_month, own=REPORT_OWN, other=REPORT_OTHER),
    Case("metrics:report-xlsx", kwargs=month, own=REPORT_OWN, other=REPORT_OWN),
    Case("metrics:report-csv", kwargs=month, own=REPORT_OWN, other=REPORT_OWN),
    Case(
        "metrics:report-csv",
        label="unknown administration",
        kwargs=month,
        query="administration=987654321",
        own=REPORT_NONE,
        other=REPORT_NONE,
    ),
    Case("metrics:answer-times-home", own=expect(403, akn=302, kc=302, lead=302)),
    Case("metrics:answer-times", kwargs=month, own=ANSWERS, other=ANSWERS),
    Case(
        "metrics:answer-times",
        label="unknown administration",
        kwargs=month,
        query="administration=987654321",
        own=expect(403, akn=404, kc=404, lead=404),
        other=expect(403, akn=404, kc=404, lead=404),
    ),
]

# The monthly report mail's AKN page: its rows and objects live in their own module.
from tests.metrics import access_cases_report_mail as _report_mail  # noqa: E402

_build_figures = build


def build(world):
    _build_figures(world)
    _report_mail.build(world)


CASES += _report_mail.CASES

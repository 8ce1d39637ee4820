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

# The monthly report mail's AKN page: its rows and objects live in their own module.
from tests.metrics import access_cases_report_mail as _report_mail  # noqa: E402

_build_figures = build


def build(world):
    _build_figures(world)
    _report_mail.build(world)


CASES += _report_mail.CASES

"""The access matrix's rows for connecting accounts to their platforms (metrics/urls.py).

Connecting is changing the account: AKN and the lead of the account's förvaltning only. Another
förvaltning's account is a 404 for everyone but AKN; KC sees no förvaltning account at all.
"""

from datetime import UTC, datetime

from platforms.models import PlatformPost
from tests.access import Case, everyone, expect, only_akn


def build(world):
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    world.own.post = PlatformPost.objects.create(
        account=world.own.account, platform_id="own-post", created_at=at, text="Eget inlägg"
    )
    world.other.post = PlatformPost.objects.create(
        account=world.other.account, platform_id="other-post", created_at=at, text=world.marker
    )
    build_archives(world)


def build_archives(world):
    # An archive copy on each side, so the decision to close can be taken in the matrix.
    from metrics.closing import account_archive_make

    for side in (world.own, world.other):
        side.archive = account_archive_make(account=side.account, by=world.users["akn"])


def archive(side):
    return {"pk": side.archive.pk}


def close_post(side):
    return {"closed_on": "2026-12-01", "reason": "Verksamheten använder stadens gemensamma konto."}


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
    # --- closing an account: AKN only, on any förvaltning's account ---------------------------------
    Case("metrics:account-close", kwargs=account, own=only_akn(200), other=only_akn(200)),
    Case("metrics:account-close", method="POST", kwargs=account, own=everyone(405), other=everyone(405)),
    Case(
        "metrics:account-archive-make", method="POST", kwargs=account, own=only_akn(302), other=only_akn(302)
    ),
    Case("metrics:account-archive-make", kwargs=account, own=everyone(405), other=everyone(405)),
    Case(
        "metrics:account-close-confirm",
        method="POST",
        kwargs=account,
        data=close_post,
        own=only_akn(302),
        other=only_akn(302),
    ),
    Case(
        "metrics:account-close-confirm",
        method="POST",
        label="no reason",
        kwargs=account,
        data={"closed_on": "2026-12-01", "reason": ""},
        own=only_akn(400),
        other=only_akn(400),
    ),
    Case("metrics:account-close-confirm", kwargs=account, own=everyone(405), other=everyone(405)),
    Case("metrics:archive-download", kwargs=archive, own=only_akn(200), other=only_akn(200)),
    Case("metrics:archive-download", method="POST", kwargs=archive, own=everyone(405), other=everyone(405)),
]

# A post's objective and category afterwards: the account's editors, its förvaltning's lead, AKN.
TAG_OWN = expect(403, akn=302, lead=302, editor=302, kc=404)
TAG_OWN_INVALID = expect(403, akn=200, lead=200, editor=200, kc=404)
TAG_OTHER = expect(404, akn=302)
TAG_OTHER_INVALID = expect(404, akn=200)
# A booking's figures are read by whoever opens the booking (its förvaltning and AKN).
BOOKING_OWN = expect(200, kc=404)
BOOKING_OTHER = expect(404, akn=200)


def booking(side):
    return {"pk": side.booking.pk}


CASES += [
    Case(
        "metrics:post-tag",
        method="POST",
        kwargs=post,
        data={"objective": "inform", "category": "tips"},
        own=TAG_OWN,
        other=TAG_OTHER,
    ),
    Case(
        "metrics:post-tag",
        method="POST",
        label="invalid",
        kwargs=post,
        data={"objective": "nonsense"},
        own=TAG_OWN_INVALID,
        other=TAG_OTHER_INVALID,
    ),
    Case("metrics:post-tag", kwargs=post, own=everyone(405), other=everyone(405)),
    Case("metrics:booking-figures", kwargs=booking, own=BOOKING_OWN, other=BOOKING_OTHER),
    Case(
        "metrics:booking-figures",
        label="htmx",
        kwargs=booking,
        headers={"HX-Request": "true"},
        own=BOOKING_OWN,
        other=BOOKING_OTHER,
    ),
    Case("metrics:booking-figures", method="POST", kwargs=booking, own=everyone(405), other=everyone(405)),
]


# --- the account review (metrics/views_review.py) --------------------------------------------------
# The list and its exports: AKN every account, a lead their förvaltning's; every other role a 403.
# One account's review: whoever cannot see the account gets a 404, who sees it without reviewing
# it a 403. Thresholds, "review now" and the annual decision are AKN's alone.
REVIEW = expect(403, akn=200, lead=200)
REVIEW_OWN = expect(403, akn=200, lead=200, kc=404)
DECIDE_OWN = expect(403, akn=302, kc=404)
DECIDE_OTHER = expect(404, akn=302)
DECISION = {"decision": "keep", "note": "Fortsätter som förut.", "next_review_on": "2099-01-01"}
THRESHOLDS = {
    "platform": "instagram", "posts_per_week_green": "2", "posts_per_week_amber": "1",
    "days_since_post_green": 7, "days_since_post_amber": 21, "answered_share_green": 90,
    "answered_share_amber": 75, "overdue_amber_max": 5, "booked_share_green": 50,
    "booked_share_amber": 20, "engagement_vs_median_green": 75, "engagement_vs_median_amber": 40,
    "engagement_drop_amber": 30, "follower_loss_red": 10, "followers_vs_citywide_green": 5,
    "followers_vs_citywide_amber": 1,
}  # fmt: skip

CASES += [
    Case("metrics:review", own=REVIEW),
    Case("metrics:review", label="filtered", query="active=red&sort=name&due=on", own=REVIEW),
    Case("metrics:review", method="POST", own=everyone(405)),
    Case("metrics:review-export-csv", own=REVIEW),
    Case("metrics:review-export-xlsx", own=REVIEW),
    Case("metrics:review-refresh", method="POST", own=expect(403, akn=302)),
    Case("metrics:review-refresh", own=everyone(405)),
    Case("metrics:review-thresholds", own=expect(403, akn=200)),
    Case("metrics:review-thresholds", method="POST", data=THRESHOLDS, own=expect(403, akn=302)),
    Case("metrics:review-account", kwargs=account, own=REVIEW_OWN, other=SEE_OTHER),
    Case(
        "metrics:review-account",
        label="htmx",
        kwargs=account,
        headers={"HX-Request": "true"},
        own=REVIEW_OWN,
        other=SEE_OTHER,
    ),
    Case(
        "metrics:review-decision",
        method="POST",
        kwargs=account,
        data=DECISION,
        own=DECIDE_OWN,
        other=DECIDE_OTHER,
    ),
    Case("metrics:review-decision", kwargs=account, own=everyone(405), other=everyone(405)),
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

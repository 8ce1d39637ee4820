"""The account figures page's rows written out in Python (metrics/account_rows.py) read exactly as the
template they replace (account_rows_reference.html, the page's rows before): every figure, change,
percentage, median, badge, date, escape and link."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from metrics import account_rows
from metrics.figures import account_months, account_posts
from metrics.models import MonthlyRollup
from platforms.models import PlatformPost
from tests.factories import SocialAccountFactory

REFERENCE = Path(__file__).with_name("account_rows_reference.html")
HOSTILE = "<script>alert(\"x\")</script> & 'quoted' "


def _normal(html: str) -> str:
    """The markup with the template's indentation and line breaks taken out."""
    return re.sub(r"\s+", " ", re.sub(r"\s*([<>])\s*", r"\1", html)).strip()


def month_back(n: int) -> date:
    month = timezone.localdate().replace(day=1)
    for _ in range(n):
        month = (month - date.resolution).replace(day=1)
    return month


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_rows_read_as_the_template_did(language, administration):
    account = SocialAccountFactory(administration=administration, platform="facebook", platform_id="111")
    now = timezone.now()
    figures = [
        # followers, new followers (kind), reach, views, interactions, rates, posts, settled
        (1_234_567, 12, "net", 98_765, 4_321, 1_500, 0.0012149, 0.015187, 40, True),
        (1_200_000, -3, "gross", 100_000, None, 1_200, 0.001, 0.012, 0, False),
        (1_100_000, None, "", 50_001, 4_000, None, None, None, None, True),
        (999, 7, "net", 0, 3, 2, 2 / 999, None, 3, False),
    ]
    for n, (fol, new, kind, reach, views, inter, rate, by_reach, posts, settled) in enumerate(figures):
        MonthlyRollup.objects.create(
            account=account, subject="", month=month_back(n), computed_at=now, followers=fol,
            new_followers=new, new_followers_kind=kind, reach=reach, views=views, interactions=inter,
            engagement_rate=rate, engagement_rate_by_reach=by_reach, posts_published=posts, settled=settled,
        )  # fmt: skip
    texts = [HOSTILE * 10, "", "Kort text", "Lång " * 30]
    for n, text in enumerate(texts):
        post = PlatformPost.objects.create(
            account=account,
            platform_id=f"111_<{n}>",
            text=text,
            # 23:30 UTC is the next day in Stockholm: the date is the local one.
            created_at=datetime(2026, 1 + n, 10 + n, 23, 30, tzinfo=UTC),
        )
        MonthlyRollup.objects.create(
            account=account, post=post, subject=post.platform_id, month=month_back(n % 2), computed_at=now,
            reach=[None, 12_345, 0, 7][n], views=[1, None, 22_222, 3][n], interactions=[5, 6, None, 0][n],
            engagement_rate=[0.5, 0.0004999, None, 0.0][n],
        )  # fmt: skip

    with translation.override(language):
        months = account_months(account=account, today=timezone.localdate())
        since = months.rows[-1].month
        expected = Template(REFERENCE.read_text()).render(
            Context({"months": months, "posts": account_posts(account=account, since=since)})
        )
        month_rows, median_row = account_rows.months_html(months)
        posts = account_posts(account=account, since=since).values(*account_rows.POST_FIELDS)
        written = (
            f"<table><tbody>{month_rows}</tbody><tfoot>{median_row}</tfoot></table>"
            f"<table><tbody>{account_rows.posts_html(posts)}</tbody></table>"
        )

    expected = _normal(expected.split("{% endcomment %}")[-1])
    assert _normal(written) == expected
    # What the comparison rests on: each case is in the rows.
    badge = {"sv": "inte slutlig", "en": "not final"}[language]
    for mark in ("&lt;script&gt;", "111_&lt;1&gt;", "–", "−", "+", "…", badge, "(net", "/posts/"):
        assert mark in written
    assert "<script>" not in written
    assert written.count("<tr>") == 13 + 1 + len(texts)


def test_no_posts_write_nothing():
    assert account_rows.posts_html([]) == ""

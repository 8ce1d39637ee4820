"""The queue page's shortcuts give what Django's own helpers give (quality.md bar 2).

The rows are rendered every few seconds, 50 at a time: their due time, excerpt and filters are
prepared without Django's per-call machinery, and must read exactly as before.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import formats, timezone, translation
from django.utils.text import Truncator

from moderation.forms import QueueFilterForm, QuickSelect
from moderation.selectors import DueFormat, excerpt

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_due_format_is_date_format_in_every_month_and_weekday(language):
    start = datetime(2026, 1, 1, 0, 0, tzinfo=STOCKHOLM)
    moments = [start + timedelta(days=d, hours=d % 24, minutes=(7 * d) % 60) for d in range(0, 400, 3)]
    with translation.override(language):
        due_text = DueFormat()
        for moment in moments:
            assert due_text(moment) == formats.date_format(moment, "D j b H:i")
    assert {m.month for m in moments} == set(range(1, 13))
    assert {m.weekday() for m in moments} == set(range(7))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kort fråga?",
        "å" * 240,
        "å" * 241,
        "a\u030a" * 240,  # å written with a combining ring: NFC makes it one character
        "e\u0301" * 300,
        "ord " * 100,
        "<script>alert(1)</script>" * 20,
    ],
)
def test_excerpt_is_truncator_chars_240(text):
    assert excerpt(text) == Truncator(text).chars(240)


CHOICES = [("", "Alla <konton>"), ("b", "B & b"), ("<&>", 'Q"uote'), (3, "Tre")]


@pytest.mark.parametrize("value", ["", "b", "<&>", None, 3, "3", "saknas"])
def test_quick_select_is_djangos_select(value):
    attrs = {"class": "form-select", "data-x": True, "hidden": False}
    expected = forms.Select(attrs=attrs, choices=CHOICES).render("n<", value, attrs={"id": "id_n"})
    assert QuickSelect(attrs=attrs, choices=CHOICES).render("n<", value, attrs={"id": "id_n"}) == expected


def test_quick_select_with_option_groups_renders_as_django_does():
    choices = [("Förvaltningar", [("1", "Kultur"), ("2", "Skola")]), ("3", "Övrigt")]
    expected = forms.Select(choices=choices).render("g", "2")
    assert QuickSelect(choices=choices).render("g", "2") == expected
    assert "<optgroup" in expected


@pytest.mark.django_db
def test_the_queue_filter_renders_as_with_djangos_selects(account, other_account):
    accounts = [account, other_account]

    class PlainFilterForm(QueueFilterForm):
        pass

    for name in ("label", "account", "status"):
        PlainFilterForm.base_fields[name] = QueueFilterForm.base_fields[name].__class__(
            **{
                "label": QueueFilterForm.base_fields[name].label,
                "required": False,
                **(
                    {"coerce": int, "empty_value": None}
                    if isinstance(QueueFilterForm.base_fields[name], forms.TypedChoiceField)
                    else {"choices": QueueFilterForm.base_fields[name].choices}
                ),
            }
        )
    for data in (None, {"label": "threat", "account": str(account.pk), "status": "handled"}):
        quick = QueueFilterForm(data, accounts=accounts)
        plain = PlainFilterForm(data, accounts=accounts)
        assert not isinstance(plain["label"].field.widget, QuickSelect)
        for name in ("label", "account", "status"):
            assert str(quick[name]) == str(plain[name])


@pytest.mark.django_db
def test_a_messages_reply_window_reads_as_before_open_and_closed(kc_client, citywide_account):
    from django.urls import reverse

    from moderation.ingest import comments_ingest

    from .helpers import remote

    now = timezone.now().replace(microsecond=0)
    comments_ingest(
        account=citywide_account,
        items=[
            remote("open", "Hej, en fråga", kind="message", post_id="t1", author_id="p1",
                   created_at=now - timedelta(hours=2, minutes=30)),
            remote("closed", "Hej igen", kind="message", post_id="t2", author_id="p2",
                   created_at=now - timedelta(hours=30)),
        ],
    )  # fmt: skip
    body = kc_client.get(reverse("moderation:queue-kc")).content.decode()
    # 21 h 30 min left, give or take the minute the request takes.
    left = r"(Reply window: 21 h (29|30) min left|Svarsfönster: 21 tim (29|30) min kvar)"
    assert re.search(rf"⌛</span> {left}</span>", body)
    assert re.search(r"⌛</span> (Reply window closed|Svarsfönstret har stängt)</span>", body)
    assert body.count("⌛") == 2

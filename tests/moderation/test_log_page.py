"""The moderation log's page (issue 17): the export's scope, its filters, keyset paging, the export
form beside it and the menu entry."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry

from .helpers import remote

pytestmark = pytest.mark.django_db

LOG = reverse("moderation:moderation-log")


@pytest.fixture
def comments(account, other_account, citywide_account):
    for acc, pid in ((account, "own"), (other_account, "other"), (citywide_account, "kc")):
        comments_ingest(account=acc, items=[remote(pid, "Hej?")])
    Comment.objects.exclude(platform_id="kc").update(in_kc_queue=False)
    Comment.objects.filter(platform_id="kc").update(in_kc_queue=True)
    return {c.platform_id: c for c in Comment.objects.all()}


def _ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/moderation/comments/(\d+)/"', response.content.decode())]


def test_each_role_reads_the_log_of_what_it_may_export(
    comments, akn_client, lead_client, kc_client, editor_client, kc_user
):
    for c in comments.values():
        ModerationLogEntry.objects.create(comment_id=c.pk, actor=kc_user, action="hide", rule="spam")
    assert sorted(_ids(akn_client.get(LOG))) == sorted(c.pk for c in comments.values())
    assert _ids(lead_client.get(LOG)) == [comments["own"].pk]
    assert _ids(kc_client.get(LOG)) == [comments["kc"].pk]
    assert editor_client.get(LOG).status_code == 403
    body = akn_client.get(LOG).content.decode()
    assert "Dold" in body and "Spam" in body and "Karim" in body  # words, not codes
    # The export's form beside the log, for the same period.
    assert 'action="/moderation/export.csv"' in body and 'name="from"' in body


def test_the_filters(comments, akn_client, kc_user, akn_user, account):
    own, kc = comments["own"], comments["kc"]
    now = timezone.now()
    ModerationLogEntry.objects.create(comment_id=own.pk, actor=kc_user, action="hide", rule="spam")
    ModerationLogEntry.objects.create(comment_id=kc.pk, actor=akn_user, action="reply", rule="question")
    ModerationLogEntry.objects.create(
        comment_id=kc.pk, actor=akn_user, action="like", at=now - timedelta(days=60)
    )
    assert _ids(akn_client.get(LOG, {"action": "hide"})) == [own.pk]
    assert _ids(akn_client.get(LOG, {"rule": "question"})) == [kc.pk]
    assert _ids(akn_client.get(LOG, {"person": kc_user.pk})) == [own.pk]
    assert _ids(akn_client.get(LOG, {"account": account.pk})) == [own.pk]
    # The page opens on the last 30 days; an older period is chosen by its dates.
    assert sorted(_ids(akn_client.get(LOG))) == sorted([own.pk, kc.pk])
    start = (timezone.localdate() - timedelta(days=61)).isoformat()
    end = (timezone.localdate() - timedelta(days=59)).isoformat()
    assert _ids(akn_client.get(LOG, {"start": start, "end": end})) == [kc.pk]
    bad = akn_client.get(LOG, {"start": end, "end": start})
    assert bad.status_code == 400 and "slutdatum" in bad.content.decode().lower()


def test_keyset_paging(comments, akn_client, kc_user):
    own = comments["own"]
    now = timezone.now()
    for n in range(53):
        ModerationLogEntry.objects.create(
            comment_id=own.pk, actor=kc_user, action="no_action", at=now - timedelta(minutes=n)
        )
    first = akn_client.get(LOG)
    assert len(_ids(first)) == 50
    cursor = re.search(r'after=([\w-]+)"', first.content.decode()).group(1)
    second = akn_client.get(LOG, {"after": cursor})
    assert len(_ids(second)) == 3 and "after=" not in second.content.decode()


def test_the_menu_has_the_log_for_those_who_may_read_it(lead_client, kc_client, akn_client, editor_client):
    for client in (lead_client, kc_client, akn_client):
        assert f'href="{LOG}"' in client.get(reverse("home")).content.decode()
    assert f'href="{LOG}"' not in editor_client.get(reverse("home")).content.decode()

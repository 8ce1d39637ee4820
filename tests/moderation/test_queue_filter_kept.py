"""KC's queue filter keeps its accounts in the cache (moderation/queue_filter.py): a page after the
first reads none, and a change to an account or an agreement shows on the next page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from calendar_booking.models import KcAgreement
from moderation.queue_filter import kc_filter_accounts
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def choices(client) -> list[tuple[str, str]]:
    response = client.get(reverse("moderation:queue-kc"))
    assert response.status_code == 200
    return [
        (str(value), str(label)) for value, label in response.context["filters"].fields["account"].choices
    ]


def test_a_second_page_reads_no_account(kc_client, citywide_account):
    first = choices(kc_client)
    with CaptureQueriesContext(connection) as captured:
        second = choices(kc_client)
    assert second == first
    assert (str(citywide_account.pk), "Helsingborgs stad (Facebook)") in second
    assert not [q["sql"] for q in captured.captured_queries if 'FROM "accounts_socialaccount"' in q["sql"]]


def test_a_renamed_new_or_deleted_account_shows_on_the_next_page(
    kc_client, citywide_account, city_administration
):
    choices(kc_client)  # kept
    citywide_account.name = "Helsingborg"
    citywide_account.save()
    added = SocialAccountFactory(
        administration=city_administration, name="Arena", is_citywide=True, platform="instagram"
    )
    assert choices(kc_client)[1:] == [
        (str(added.pk), "Arena (Instagram)"),
        (str(citywide_account.pk), "Helsingborg (Facebook)"),
    ]
    added.delete()
    assert choices(kc_client)[1:] == [(str(citywide_account.pk), "Helsingborg (Facebook)")]


def test_an_agreement_adds_and_its_end_removes_the_forvaltnings_accounts(
    kc_client, kc_user, citywide_account, administration, account
):
    # The KC person edits the förvaltning's account, so may see it (accounts_visible_to).
    AccountEditorFactory(user=kc_user, account=account)
    assert str(account.pk) not in dict(choices(kc_client))
    agreement = KcAgreement.objects.create(administration=administration)
    assert str(account.pk) in dict(choices(kc_client))
    agreement.delete()
    assert str(account.pk) not in dict(choices(kc_client))


def test_each_person_keeps_only_the_accounts_they_may_see(
    kc_user, citywide_account, administration, account, other_administration
):
    KcAgreement.objects.create(administration=administration)
    kc_only = [pk for pk, _label in kc_filter_accounts(kc_user)]
    assert kc_only == [citywide_account.pk]
    # AKN sees every account: the agreement's too, from the same kept list.
    akn = UserFactory(username="akn-filter", roles=[(Role.AKN, None)])
    assert [pk for pk, _label in kc_filter_accounts(akn)] == [citywide_account.pk, account.pk]


def test_the_page_works_when_the_cache_is_unreachable(kc_client, citywide_account, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert (str(citywide_account.pk), "Helsingborgs stad (Facebook)") in choices(kc_client)


def test_another_processs_change_shows_once_the_local_copy_is_old(kc_client, citywide_account, monkeypatch):
    from django.core.cache import cache
    from django.utils import timezone

    from accounts.models import SocialAccount
    from moderation import queue_filter

    choices(kc_client)  # kept here and in the cache
    # Another process renames the account: its signal forgets the cache's list, not this copy.
    SocialAccount.objects.filter(pk=citywide_account.pk).update(name="Helsingborg")
    cache.delete(queue_filter._key(timezone.localdate()))
    assert (str(citywide_account.pk), "Helsingborgs stad (Facebook)") in choices(kc_client)
    monkeypatch.setattr(queue_filter, "LOCAL_SECONDS", 0.0)
    assert (str(citywide_account.pk), "Helsingborg (Facebook)") in choices(kc_client)

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


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kept_filter_fields_read_as_a_fresh_render(language, kc_user, citywide_account):
    from django.http import QueryDict
    from django.template.loader import render_to_string
    from django.utils import translation

    from moderation.forms import QueueFilterForm
    from moderation.queue_filter import filter_fields_html

    account_choices = kc_filter_accounts(kc_user)
    asked = [
        None,
        "label=threat",
        "label=threat&status=answered",
        f"account={citywide_account.pk}&kind=message",
        "label=<b>nonsense</b>&account=abc",
        "after=abc",
        None,
    ]
    with translation.override(language):
        for _round in range(2):  # the second round is answered from what the first kept
            for query in asked:
                form = QueueFilterForm(QueryDict(query) if query else None, account_choices=account_choices)
                fresh = render_to_string("moderation/_queue_filter_fields.html", {"filters": form})
                assert filter_fields_html(form, account_choices) == fresh
    assert 'value="threat" selected' in filter_fields_html(
        QueueFilterForm(QueryDict("label=threat"), account_choices=account_choices), account_choices
    )
    unbound = QueueFilterForm(None, account_choices=account_choices)
    assert 'value="threat" selected' not in filter_fields_html(unbound, account_choices)


def test_the_queue_page_shows_the_chosen_filter(kc_client, citywide_account):
    url = reverse("moderation:queue-kc")
    assert 'value="threat" selected' not in kc_client.get(url).content.decode()
    assert 'value="threat" selected' in kc_client.get(url, {"label": "threat"}).content.decode()
    chosen = kc_client.get(url, {"account": citywide_account.pk}).content.decode()
    assert f'value="{citywide_account.pk}" selected' in chosen
    assert 'value="threat" selected' not in kc_client.get(url).content.decode()

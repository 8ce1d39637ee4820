"""The start page leads to the work: what waits for the person, counted, as links."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import summary
from accounts.access import start_page
from accounts.models import Role
from accounts.tasks import start_summaries_refresh
from calendar_booking.models import ChannelRule
from calendar_booking.start import calendar_cards, free_slots_this_week
from moderation.actions import comment_no_action
from moderation.ingest import comments_ingest
from moderation.models import Comment
from moderation.start import queue_cards
from tests.calendar_booking.helpers import at, book
from tests.factories import AccountEditorFactory, SocialAccountFactory, UserFactory
from tests.moderation.helpers import remote

pytestmark = pytest.mark.django_db


def counts(card) -> list[int | None]:
    return [link.count for link in card.links]


def set_due(platform_id: str, when, **fields) -> None:
    Comment.objects.filter(platform_id=platform_id).update(sort_at=when, due_at=when, **fields)


def ingest(account, *ids):
    comments_ingest(account=account, items=[remote(i, "Hur söker jag bygglov?") for i in ids])


@pytest.fixture
def queue(account, administration):
    """Four comments on the editor's account: overdue, due within the hour, due later, answered;
    and one on an account the editor does not edit."""
    now = timezone.now()
    ingest(account, "overdue", "soon", "later", "answered")
    set_due("overdue", now - timedelta(hours=2))
    set_due("soon", now + timedelta(minutes=30))
    set_due("later", now + timedelta(hours=6))
    set_due("answered", now - timedelta(hours=3), status=Comment.Status.ANSWERED)
    unedited = SocialAccountFactory(administration=administration, name="Annat konto")
    ingest(unedited, "elsewhere")
    set_due("elsewhere", now - timedelta(hours=1))
    return now


def test_an_editor_sees_their_accounts_queue_counted(editor, administration, queue):
    (card,) = queue_cards(editor, start_page(editor), queue)
    assert counts(card) == [3, 1, 1]
    assert all(
        link.url == reverse("moderation:queue-administration", args=[administration.pk])
        for link in card.links
    )
    assert [link.urgent for link in card.links] == [False, True, True]


def test_a_lead_sees_the_whole_queue_of_their_administration(lead, queue):
    (card,) = queue_cards(lead, start_page(lead), queue)
    assert counts(card) == [4, 1, 2]


def test_a_lead_with_an_empty_queue_still_gets_the_link_with_zeros(lead):
    (card,) = queue_cards(lead, start_page(lead), timezone.now())
    assert counts(card) == [0, 0, 0]
    assert not any(link.urgent for link in card.links)


def test_akn_sees_the_contact_centre_and_the_whole_city(akn_user, administration, queue):
    kc, city = queue_cards(akn_user, start_page(akn_user), queue)
    assert kc.links[0].url == reverse("moderation:queue-kc")
    assert counts(kc) == [0, 0, 0]
    # The sums for the city, then the förvaltning furthest behind, as a link to its queue.
    assert counts(city) == [4, 1, 2, 2]
    assert [link.url for link in city.links[:3]] == ["", "", ""]
    assert city.links[3].url == reverse("moderation:queue-administration", args=[administration.pk])


def test_akn_sees_at_most_three_queues_furthest_behind(akn_user, administration):
    from accounts.models import Administration

    now = timezone.now()
    for index in range(5):
        other = Administration.objects.create(name=f"Förvaltning {index}", short_name=f"F{index}")
        account = SocialAccountFactory(administration=other)
        ids = [f"f{index}-{n}" for n in range(index + 1)]
        ingest(account, *ids)
        for platform_id in ids:
            set_due(platform_id, now - timedelta(hours=1))
    (_kc, city) = queue_cards(akn_user, start_page(akn_user), now)
    assert counts(city) == [15, 0, 15, 5, 4, 3]


def test_a_communicator_without_a_queue_role_gets_no_queue_card(communicator, queue):
    assert queue_cards(communicator, start_page(communicator), queue) == []


def test_the_start_page_shows_the_counts_as_links(editor_client, administration, queue):
    body = editor_client.get(reverse("home")).content.decode()
    url = reverse("moderation:queue-administration", args=[administration.pk])
    assert f'href="{url}"' in body
    assert "Väntar på dig" in body
    assert "Försenade" in body


# --- the calendar ---------------------------------------------------------------------------------

MONDAY_MORNING = "2026-11-23 07:00"


@pytest.fixture
def tight_rule(citywide_account):
    from datetime import time

    return ChannelRule.objects.create(
        account=citywide_account,
        slot_minutes=60,
        min_gap_minutes=60,
        max_posts_per_day=2,
        allowed_from=time(8, 0),
        allowed_until=time(17, 0),
    )


def test_free_slots_count_what_can_still_be_booked_this_week(
    communicator, administration, citywide_account, tight_rule
):
    now = at(MONDAY_MORNING)
    # Seven days of two slots each.
    assert free_slots_this_week(now) == 14
    book(communicator, administration, (citywide_account, "2026-11-23 10:00"))
    # Monday has room for one more (08:00 keeps the gap); the other days are untouched.
    assert free_slots_this_week(now) == 13
    # On Wednesday evening Monday and Tuesday are past and Wednesday's hours are over.
    assert free_slots_this_week(at("2026-11-25 18:00")) == 8


def test_a_communicator_sees_new_booking_their_upcoming_bookings_and_free_slots(
    communicator, administration, citywide_account, tight_rule
):
    other = UserFactory(username="kollega", roles=[(Role.COMMUNICATOR, administration)])
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    book(communicator, administration, (citywide_account, "2026-11-27 10:00"))
    book(other, administration, (citywide_account, "2026-11-26 10:00"))
    (card,) = calendar_cards(communicator, start_page(communicator), at(MONDAY_MORNING))
    new, upcoming, free = card.links
    assert new.count is None
    assert new.url == reverse("calendar_booking:booking-create")
    assert upcoming.count == 2
    assert upcoming.url.endswith("?status=planned&mine=on")
    assert free.count == 14 - 3


def test_the_list_of_my_bookings_shows_only_mine(
    communicator_client, communicator, administration, citywide_account
):
    other = UserFactory(username="kollega", roles=[(Role.COMMUNICATOR, administration)])
    soon = timezone.localtime() + timedelta(days=2)
    day = soon.date().isoformat()
    book(communicator, administration, (citywide_account, f"{day} 10:00"), title="Min bokning")
    book(other, administration, (citywide_account, f"{day} 14:00"), title="Kollegans bokning")
    body = communicator_client.get(
        reverse("calendar_booking:booking-list") + "?status=planned&mine=on"
    ).content
    assert "Min bokning" in body.decode()
    assert "Kollegans bokning" not in body.decode()


def test_a_lead_sees_this_weeks_bookings_of_their_administration(
    lead, communicator, administration, other_administration, citywide_account
):
    other = UserFactory(username="annan", roles=[(Role.COMMUNICATOR, other_administration)])
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    book(communicator, administration, (citywide_account, "2026-12-02 10:00"))  # next week
    book(other, other_administration, (citywide_account, "2026-11-25 10:00"))
    (card,) = calendar_cards(lead, start_page(lead), at(MONDAY_MORNING))
    assert counts(card)[-1] == 1


def test_an_editor_without_booking_rights_sees_the_week_of_their_accounts(
    editor, communicator, administration, account
):
    book(communicator, administration, (account, "2026-11-24 10:00"))
    (card,) = calendar_cards(editor, start_page(editor), at(MONDAY_MORNING))
    assert counts(card) == [1]


def test_akn_sees_this_weeks_bookings_in_the_whole_city(
    akn_user, communicator, administration, citywide_account
):
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    (card,) = calendar_cards(akn_user, start_page(akn_user), at(MONDAY_MORNING))
    assert counts(card)[-1] == 1


# --- the accounts ---------------------------------------------------------------------------------


def test_a_lead_is_led_to_the_accounts_without_an_active_editor(lead_client, administration):
    SocialAccountFactory(administration=administration, name="Utan redaktör")
    response = lead_client.get(reverse("home"))
    (card,) = [c for c in response.context["waiting"] if c.order == 30]
    (link,) = card.links
    assert link.count == 1
    assert link.url == reverse("accounts:account-list") + "?editor=missing"
    listed = lead_client.get(link.url).content.decode()
    assert "Utan redaktör" in listed


def test_the_account_filter_for_missing_editors_leaves_out_accounts_with_one(akn_client, account, editor):
    editor.last_login = timezone.now()
    editor.save(update_fields=["last_login"])
    SocialAccountFactory(administration=account.administration, name="Utan redaktör")
    body = akn_client.get(reverse("accounts:account-list") + "?editor=missing").content.decode()
    assert "Utan redaktör" in body
    assert f">{account.name}<" not in body


# --- flat -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["akn_client", "lead_client", "editor_client", "communicator_client", "kc_client"]
)
def test_the_start_page_is_flat_in_comments_and_bookings(
    request, who, administration, account, citywide_account
):
    client = request.getfixturevalue(who)
    author = UserFactory(username="skribent", roles=[(Role.COMMUNICATOR, administration)])

    def measure():
        """The queries of the page that counts the city's kept figures itself, then of the next
        page, which reads them as kept (accounts/summary.py): both flat."""
        summary.forget_all_now()
        numbers = []
        for _kept in (False, True):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("home")).status_code == 200
            numbers.append(len(captured))
        return numbers

    small = measure()
    ingest(account, *(f"c{i}" for i in range(30)))
    start = timezone.localtime() + timedelta(days=1)
    for index in range(6):
        day = (start + timedelta(days=index)).date().isoformat()
        book(author, administration, (citywide_account, f"{day} 10:00"), (account, f"{day} 12:00"))
    for _index in range(5):
        AccountEditorFactory(account=SocialAccountFactory(administration=administration), user=author)
    large = measure()
    assert large == small, f"{small} queries before, {large} after"
    assert max(large) <= 14
    assert large[1] <= 12


def test_a_lead_is_led_to_the_bookings_awaiting_approval_but_not_their_own(
    lead, communicator, administration, citywide_account
):
    administration.requires_approval = True
    administration.save(update_fields=["requires_approval"])
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    book(communicator, administration, (citywide_account, "2026-11-26 10:00"))
    (card,) = calendar_cards(lead, start_page(lead), at(MONDAY_MORNING))
    (waiting,) = [link for link in card.links if link.url == reverse("calendar_booking:approval-list")]
    assert (waiting.count, waiting.urgent) == (2, True)
    # The communicator decides nothing and is offered no such link.
    (own,) = calendar_cards(communicator, start_page(communicator), at(MONDAY_MORNING))
    assert reverse("calendar_booking:approval-list") not in [link.url for link in own.links]


# --- the city's figures, kept ---------------------------------------------------------------------


def city_card(user, now):
    (_kc, city) = queue_cards(user, start_page(user), now)
    return city


def arrives_overdue(account, now, platform_id="new"):
    ingest(account, platform_id)
    set_due(platform_id, now - timedelta(hours=1))


def test_akn_reads_the_citys_counts_as_kept_and_is_told_when_they_were_counted(akn_user, account, queue):
    assert counts(city_card(akn_user, queue))[:3] == [4, 1, 2]
    arrives_overdue(account, queue)
    card = city_card(akn_user, queue)
    # The comment that arrived after the count waits for the next one.
    assert counts(card)[:3] == [4, 1, 2]
    assert card.counted_at == queue


def test_the_beat_task_counts_the_city_anew(akn_user, account, queue):
    city_card(akn_user, queue)
    arrives_overdue(account, queue)
    start_summaries_refresh()
    card = city_card(akn_user, queue)
    assert counts(card)[:3] == [5, 1, 3]
    assert card.counted_at > queue


def test_a_count_older_than_its_lifetime_is_counted_by_the_page(akn_user, account, queue):
    """The embedded default has no beat: the first page after the lifetime counts anew."""
    city_card(akn_user, queue)
    arrives_overdue(account, queue)
    later = queue + timedelta(seconds=summary.STALE_SECONDS + 1)
    card = city_card(akn_user, later)
    assert counts(card)[:3] == [5, 1, 3]
    assert card.counted_at == later


def test_handling_a_comment_has_the_city_counted_anew_once_it_is_committed(
    akn_user, account, queue, celery_eager, django_capture_on_commit_callbacks
):
    assert counts(city_card(akn_user, queue))[:3] == [4, 1, 2]
    overdue = Comment.objects.get(platform_id="overdue")
    with django_capture_on_commit_callbacks() as committed:
        comment_no_action(comment=overdue, by=akn_user)
    assert counts(city_card(akn_user, queue))[:3] == [4, 1, 2]  # not committed: the kept count
    for callback in committed:
        callback()  # the count is queued (and, tasks being eager here, runs)
    card = city_card(akn_user, queue)
    assert counts(card)[:3] == [3, 1, 1]
    assert card.counted_at > queue


def test_an_action_while_a_count_is_queued_queues_no_other(
    akn_user, account, queue, celery_eager, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from moderation.start import CITY_QUEUES

    city_card(akn_user, queue)
    cache.set(summary._pending_key(CITY_QUEUES), True)  # a count queued, not started
    with django_capture_on_commit_callbacks(execute=True):
        comment_no_action(comment=Comment.objects.get(platform_id="overdue"), by=akn_user)
    assert counts(city_card(akn_user, queue))[:3] == [4, 1, 2]  # nothing else was queued
    summary.summary_recount(CITY_QUEUES)  # the queued count runs, and sees the action
    assert counts(city_card(akn_user, queue))[:3] == [3, 1, 1]
    with django_capture_on_commit_callbacks(execute=True):
        comment_no_action(comment=Comment.objects.get(platform_id="elsewhere"), by=akn_user)
    assert counts(city_card(akn_user, queue))[:3] == [2, 1, 0]  # its mark dropped: queued again


def test_an_action_queues_no_count_of_a_figure_nobody_has_read(
    akn_user, account, queue, celery_eager, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from moderation.start import CITY_QUEUES

    with django_capture_on_commit_callbacks(execute=True):
        comment_no_action(comment=Comment.objects.get(platform_id="overdue"), by=akn_user)
    assert cache.get(summary._key(CITY_QUEUES)) is None  # no count ran: no worker busy for nothing
    assert counts(city_card(akn_user, queue))[:3] == [3, 1, 1]  # the page counts it when it shows it


def test_a_booking_counts_the_free_slots_anew_once_it_is_committed(
    communicator,
    administration,
    citywide_account,
    tight_rule,
    celery_eager,
    django_capture_on_commit_callbacks,
):
    now = at(MONDAY_MORNING)

    def free():
        (card,) = calendar_cards(communicator, start_page(communicator), now)
        return card.links[2]

    assert (free().count, free().counted_at) == (14, now)
    with django_capture_on_commit_callbacks() as committed:
        book(communicator, administration, (citywide_account, "2026-11-23 10:00"))
    assert free().count == 14  # not committed yet: the kept count stands
    for callback in committed:
        callback()
    assert free().count == 13


def test_akn_sees_this_weeks_bookings_in_the_city_as_kept(
    akn_user, communicator, administration, citywide_account, celery_eager, django_capture_on_commit_callbacks
):
    now = at(MONDAY_MORNING)

    def week():
        (card,) = calendar_cards(akn_user, start_page(akn_user), now)
        return card.links[-1]

    assert (week().count, week().counted_at) == (0, now)
    with django_capture_on_commit_callbacks(execute=True):
        book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    assert week().count == 1


def test_the_start_page_says_when_the_citys_counts_were_counted(akn_client, queue):
    body = akn_client.get(reverse("home")).content.decode()
    assert "Räknat kl." in body
    assert "räknat kl." in body  # the free slots


def test_the_refresh_is_on_the_beat_schedule(settings):
    (entry,) = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "accounts.tasks.start_summaries_refresh"
    ]
    assert entry["schedule"] <= summary.STALE_SECONDS


def test_akns_count_of_accounts_without_an_editor_is_kept_until_an_account_changes(
    akn_client, administration, celery_eager, django_capture_on_commit_callbacks
):
    def flagged():
        response = akn_client.get(reverse("home"))
        (card,) = [c for c in response.context["waiting"] if c.order == 30]
        return card.links[0]

    before = flagged()
    assert before.counted_at is not None
    SocialAccountFactory(administration=administration, name="Utan redaktör")
    assert flagged().count == before.count  # its transaction has not committed: the kept count
    with django_capture_on_commit_callbacks(execute=True):
        SocialAccountFactory(administration=administration, name="Också utan redaktör")
    assert flagged().count == before.count + 2


def test_with_the_cache_down_the_start_page_counts_the_city_itself(akn_client, settings, account, queue):
    # Nothing listens on port 1: every cache call fails at once, as with Redis stopped.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from accounts import context_processors

    context_processors.forget_guideline_footer()  # the footer asks the cache too
    response = akn_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Försenade kommentarer och meddelanden" in response.content.decode()


# --- a lead's figures, kept -------------------------------------------------------------------------


def test_a_lead_reads_their_queue_as_kept_and_counted_anew_after_a_handled_comment(
    lead, account, queue, celery_eager, django_capture_on_commit_callbacks
):
    """The lead's queue is part of the city's count (accounts/summary.py): read from it, with the
    time it was counted, and counted anew once a handled comment is committed."""
    (card,) = queue_cards(lead, start_page(lead), queue)
    assert (counts(card), card.counted_at) == ([4, 1, 2], queue)
    with django_capture_on_commit_callbacks() as committed:
        comment_no_action(comment=Comment.objects.get(platform_id="overdue"), by=lead)
    (card,) = queue_cards(lead, start_page(lead), queue)
    assert counts(card) == [4, 1, 2]  # not committed: the kept count
    for callback in committed:
        callback()
    (card,) = queue_cards(lead, start_page(lead), queue)
    assert counts(card) == [3, 1, 1]
    assert card.counted_at > queue


def test_a_lead_reads_a_kept_city_count_from_before_it_held_the_administrations(lead, queue):
    from django.core.cache import cache

    from moderation.start import CITY_QUEUES

    old = {"kc": {"open": 0, "soon": 0, "overdue": 0}, "total": {}, "worst": []}
    cache.set(summary._key(CITY_QUEUES), summary.Summary(old, queue), summary.STALE_SECONDS)
    (card,) = queue_cards(lead, start_page(lead), queue)
    assert counts(card) == [4, 1, 2]


def test_an_editor_and_a_lead_who_also_edits_elsewhere_count_their_queues_on_the_page(
    editor, lead, other_administration, account, queue
):
    (card,) = queue_cards(editor, start_page(editor), queue)
    assert (counts(card), card.counted_at) == ([3, 1, 1], None)
    elsewhere = SocialAccountFactory(administration=other_administration)
    AccountEditorFactory(account=elsewhere, user=lead)
    lead.role_assignments.create(role=Role.EDITOR, administration=other_administration)
    lead = type(lead).objects.get(pk=lead.pk)  # the roles read anew
    cards = queue_cards(lead, start_page(lead), queue)
    assert [(counts(card), card.counted_at) for card in cards] == [([0, 0, 0], None), ([4, 1, 2], None)]


def week_link(user, now):
    (card,) = calendar_cards(user, start_page(user), now)
    return card.links[-1]


def test_a_lead_reads_this_weeks_bookings_as_kept_and_counted_anew_after_a_booking(
    lead, communicator, administration, citywide_account, celery_eager, django_capture_on_commit_callbacks
):
    now = at(MONDAY_MORNING)
    assert (week_link(lead, now).count, week_link(lead, now).counted_at) == (0, now)
    with django_capture_on_commit_callbacks() as committed:
        book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    assert week_link(lead, now).count == 0  # not committed: the kept count
    for callback in committed:
        callback()
    assert week_link(lead, now).count == 1


def test_each_administrations_kept_week_is_the_week_its_lead_would_count(
    lead, communicator, administration, other_administration, city_administration, account, citywide_account
):
    """A förvaltning's week: its accounts' slots, and the other city-wide accounts' slots it booked;
    a city-wide account's slot booked by its own förvaltning counted once."""
    from calendar_booking.start import _counts, _week_slots, week_bounds, week_by_administration

    city = UserFactory(username="stad", roles=[(Role.COMMUNICATOR, city_administration)])
    other = UserFactory(username="annan", roles=[(Role.COMMUNICATOR, other_administration)])
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"), (account, "2026-11-24 12:00"))
    book(city, city_administration, (citywide_account, "2026-11-25 10:00"))
    book(other, other_administration, (citywide_account, "2026-11-26 10:00"))
    book(communicator, administration, (account, "2026-12-02 10:00"))  # next week
    now = at(MONDAY_MORNING)
    kept = week_by_administration(now)
    assert kept == {administration.pk: 2, city_administration.pk: 3, other_administration.pk: 1}
    _monday, start, end = week_bounds(now)
    for index, counted in enumerate((administration, city_administration, other_administration)):
        its_lead = UserFactory(username=f"chef{index}", roles=[(Role.LEAD, counted)])
        assert _counts(week=_week_slots(its_lead, start, end))["week"] == kept[counted.pk]
        assert week_link(its_lead, now).count == kept[counted.pk]


def test_an_account_moved_to_another_administration_has_the_weeks_counted_anew(
    lead,
    communicator,
    administration,
    other_administration,
    account,
    celery_eager,
    django_capture_on_commit_callbacks,
):
    now = at(MONDAY_MORNING)
    book(communicator, administration, (account, "2026-11-24 10:00"))
    assert week_link(lead, now).count == 1
    with django_capture_on_commit_callbacks(execute=True):
        account.administration = other_administration
        account.save()
    assert week_link(lead, now).count == 0


def test_a_lead_of_two_administrations_counts_the_week_on_the_page(
    lead, communicator, administration, other_administration, citywide_account
):
    lead.role_assignments.create(role=Role.LEAD, administration=other_administration)
    other = UserFactory(username="annan", roles=[(Role.COMMUNICATOR, other_administration)])
    book(communicator, administration, (citywide_account, "2026-11-24 10:00"))
    book(other, other_administration, (citywide_account, "2026-11-25 10:00"))
    link = week_link(type(lead).objects.get(pk=lead.pk), at(MONDAY_MORNING))
    assert (link.count, link.counted_at) == (2, None)

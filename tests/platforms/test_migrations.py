"""Moving AccountConnection and PlatformPost from metrics to platforms keeps every row and every link.

A database with rows made by the old models (metrics' PlatformPost pointing at its booked slot) is
migrated forward: the rows are the same rows, the figures and the connection still point at them,
the slot records its post, and the foreign keys in PostgreSQL point at the tables they did.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("metrics", "0001_initial"), ("platforms", None), ("calendar_booking", "0002_postgres_guards")]
AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as those migrations left them (an app migrated to zero has none).
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _foreign_key_target(table: str, column: str) -> tuple[str, str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    (target,) = {
        c["foreign_key"] for c in constraints.values() if c["foreign_key"] and c["columns"] == [column]
    }
    return target


@pytest.fixture
def old_world():
    """The database as it was before the move, and back at the newest state afterwards, whatever happens."""
    apps = _migrate(BEFORE)
    try:
        yield apps
    finally:
        _migrate(_leaves())


def test_rows_and_links_survive_the_move(old_world):
    apps = old_world
    administration = apps.get_model("accounts", "Administration").objects.create(name="Kulturförvaltningen")
    user = apps.get_model("accounts", "User").objects.create(username="ansvarig", password="!")
    account = apps.get_model("accounts", "SocialAccount").objects.create(
        name="Dunkers", platform="facebook", administration=administration, platform_id="111"
    )
    booking = apps.get_model("calendar_booking", "Booking").objects.create(
        title="Lov",
        objective="inform",
        category="news",
        target_group="Unga",
        administration=administration,
        author=user,
    )
    Slot = apps.get_model("calendar_booking", "BookingSlot")
    published = Slot.objects.create(
        booking=booking,
        account=account,
        starts_at=AT,
        ends_at=AT + timedelta(minutes=30),
        blocked_until=AT + timedelta(minutes=30),
        status="published",
        post_platform_id="111_1",
    )
    # A link the slot itself lacks (data written before the slot recorded its post): the slot learns it.
    unrecorded = Slot.objects.create(
        booking=booking,
        account=account,
        starts_at=AT + timedelta(hours=2),
        ends_at=AT + timedelta(hours=2, minutes=30),
        blocked_until=AT + timedelta(hours=2, minutes=30),
    )
    OldPost = apps.get_model("metrics", "PlatformPost")
    matched = OldPost.objects.create(
        account=account, platform_id="111_1", created_at=AT, booking_slot=published
    )
    late = OldPost.objects.create(
        account=account, platform_id="111_2", created_at=AT + timedelta(hours=2), booking_slot=unrecorded
    )
    alone = OldPost.objects.create(account=account, platform_id="111_3", created_at=AT + timedelta(hours=5))
    snapshot = apps.get_model("metrics", "MetricSnapshot").objects.create(
        account=account, post=matched, subject="111_1", day=AT.date(), metric_set="post_lifetime", reach=900
    )
    old_connection = apps.get_model("metrics", "AccountConnection").objects.create(
        account=account, status="needs_new_token", connected_by=user, last_error="code 190"
    )

    _migrate(_leaves())

    from calendar_booking.models import BookingSlot
    from metrics.models import MetricSnapshot
    from platforms.models import AccountConnection, PlatformPost

    posts = dict(PlatformPost.objects.filter(account_id=account.pk).values_list("platform_id", "pk"))
    assert posts == {"111_1": matched.pk, "111_2": late.pk, "111_3": alone.pk}
    assert MetricSnapshot.objects.get(pk=snapshot.pk).post.platform_id == "111_1"
    moved = AccountConnection.objects.get(pk=old_connection.pk)
    assert (moved.account_id, moved.status, moved.connected_by_id) == (account.pk, "needs_new_token", user.pk)
    recorded = dict(BookingSlot.objects.filter(account_id=account.pk).values_list("pk", "post_platform_id"))
    assert recorded == {published.pk: "111_1", unrecorded.pk: "111_2"}
    assert _foreign_key_target("metrics_metricsnapshot", "post_id") == ("metrics_platformpost", "id")
    assert _foreign_key_target("metrics_platformpost", "account_id") == ("accounts_socialaccount", "id")
    assert _foreign_key_target("metrics_accountconnection", "account_id") == ("accounts_socialaccount", "id")
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "metrics_platformpost")
        ]
    assert "booking_slot_id" not in columns  # the post no longer points up to the calendar


def test_going_back_restores_the_posts_links_to_their_slots(old_world):
    apps = old_world
    administration = apps.get_model("accounts", "Administration").objects.create(name="Kulturförvaltningen")
    user = apps.get_model("accounts", "User").objects.create(username="ansvarig", password="!")
    account = apps.get_model("accounts", "SocialAccount").objects.create(
        name="Dunkers", platform="facebook", administration=administration, platform_id="111"
    )
    booking = apps.get_model("calendar_booking", "Booking").objects.create(
        title="Lov",
        objective="inform",
        category="news",
        target_group="Unga",
        administration=administration,
        author=user,
    )
    slot = apps.get_model("calendar_booking", "BookingSlot").objects.create(
        booking=booking,
        account=account,
        starts_at=AT,
        ends_at=AT + timedelta(minutes=30),
        blocked_until=AT + timedelta(minutes=30),
        status="published",
        post_platform_id="111_1",
    )
    post = apps.get_model("metrics", "PlatformPost").objects.create(
        account=account, platform_id="111_1", created_at=AT, booking_slot=slot
    )
    _migrate(_leaves())

    apps = _migrate(BEFORE)

    assert apps.get_model("metrics", "PlatformPost").objects.get(pk=post.pk).booking_slot_id == slot.pk

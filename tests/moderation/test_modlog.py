"""The moderation log is append-only: through the ORM everywhere, and in SQL on PostgreSQL."""

import pytest
from django.db import connection, transaction

from moderation.models import ModerationLogEntry

pytestmark = pytest.mark.django_db


def _entry(user) -> ModerationLogEntry:
    return ModerationLogEntry.objects.create(
        comment_id=41, actor=user, action=ModerationLogEntry.Action.HIDE, rule="spam"
    )


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(kc_user):
    entry = _entry(kc_user)
    entry.rule = "threat"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ModerationLogEntry.objects.filter(pk=entry.pk).update(rule="threat")
    with pytest.raises(TypeError):
        ModerationLogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TypeError):
        ModerationLogEntry.objects.all().delete()
    entry = ModerationLogEntry.objects.get(pk=entry.pk)
    assert (entry.rule, entry.action, entry.actor_id) == ("spam", "hide", kc_user.pk)


def test_an_entry_holds_ids_and_the_action_not_personal_data():
    names = {field.name for field in ModerationLogEntry._meta.get_fields()}
    assert names == {"id", "comment_id", "actor", "action", "rule", "outcome", "detail", "at"}


@pytest.mark.postgres
def test_the_database_refuses_update_of_an_entry(kc_user):
    entry = _entry(kc_user)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE moderation_moderationlogentry SET rule = 'x' WHERE id = %s", [entry.pk])
    assert ModerationLogEntry.objects.get(pk=entry.pk).rule == "spam"


@pytest.mark.postgres
def test_the_database_refuses_delete_of_an_entry(kc_user):
    entry = _entry(kc_user)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM moderation_moderationlogentry WHERE id = %s", [entry.pk])
    assert ModerationLogEntry.objects.filter(pk=entry.pk).exists()

"""AccountConnection and PlatformPost leave metrics for `platforms`, with their tables and rows.

1. Which booked slot a post was published in is now recorded on the slot only
   (`BookingSlot.post_platform_id`, which `booking_slot_publish` has always set with the link): a
   slot that somehow lacks the id of the post linked to it gets it, then the post's own column goes.
   The calendar owns that record, and a post no longer points up to the calendar.
2. The figures' foreign key is re-pointed at `platforms.PlatformPost` in the state only: the table
   (`metrics_platformpost`) and its constraint stay as they are.
3. The two models leave metrics' state (platforms/migrations/0001 holds them now); their tables stay.
4. Their content types follow them, so permissions granted on them still apply.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["accountconnection", "platformpost"]


def slots_record_their_posts(apps, schema_editor):
    PlatformPost = apps.get_model("metrics", "PlatformPost")
    BookingSlot = apps.get_model("calendar_booking", "BookingSlot")
    linked = PlatformPost.objects.filter(booking_slot__isnull=False, booking_slot__post_platform_id="")
    for slot_id, platform_id in linked.values_list("booking_slot_id", "platform_id"):
        BookingSlot.objects.filter(pk=slot_id, post_platform_id="").update(post_platform_id=platform_id)


def posts_point_at_their_slots(apps, schema_editor):
    PlatformPost = apps.get_model("metrics", "PlatformPost")
    BookingSlot = apps.get_model("calendar_booking", "BookingSlot")
    slots = BookingSlot.objects.exclude(post_platform_id="").values_list("pk", "account_id", "post_platform_id")
    for slot_id, account_id, platform_id in slots:
        PlatformPost.objects.filter(account_id=account_id, platform_id=platform_id).update(booking_slot_id=slot_id)


def content_types_to(app_label: str, other: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MOVED:
            # A content type the new app already has (created by an earlier migrate) wins.
            if not ContentType.objects.using(db).filter(app_label=app_label, model=model).exists():
                ContentType.objects.using(db).filter(app_label=other, model=model).update(app_label=app_label)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ("metrics", "0001_initial"),
        ("platforms", "0001_initial"),
        ("calendar_booking", "0002_postgres_guards"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(slots_record_their_posts, posts_point_at_their_slots),
        migrations.RemoveField(model_name="platformpost", name="booking_slot"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="metricsnapshot",
                    name="post",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="snapshots", to="platforms.platformpost"),
                ),
                migrations.DeleteModel(name="AccountConnection"),
                migrations.DeleteModel(name="PlatformPost"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to("platforms", "metrics"), content_types_to("metrics", "platforms")),
    ]

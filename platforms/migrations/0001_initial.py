"""AccountConnection and PlatformPost move here from `metrics`, with their tables.

State only: the tables `metrics_accountconnection` and `metrics_platformpost` stay as they are
(`db_table` keeps their names), so no row moves and every foreign key keeps pointing at them.
`metrics/migrations/0002` removes the models from metrics' state. This migration depends on
metrics' first, where the tables were created: on a new database they exist before anything here
points at them.
"""

import django.db.models.deletion
import helsocial.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("metrics", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccountConnection",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("not_connected", "Not connected"), ("ok", "Connected"), ("needs_new_token", "Needs a new token")], default="not_connected", max_length=16, verbose_name="status")),
                        ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="token expires")),
                        ("refresh_token", helsocial.fields.EncryptedTextField(blank=True)),
                        ("connected_at", models.DateTimeField(blank=True, null=True, verbose_name="connected")),
                        ("last_pull_at", models.DateTimeField(blank=True, null=True, verbose_name="last pull")),
                        ("last_comments_pull_at", models.DateTimeField(blank=True, null=True)),
                        ("last_error", models.CharField(blank=True, max_length=500, verbose_name="last error")),
                        ("last_error_at", models.DateTimeField(blank=True, null=True)),
                        ("account", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="connection", to="accounts.socialaccount")),
                        ("connected_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "account connection",
                        "verbose_name_plural": "account connections",
                        "db_table": "metrics_accountconnection",
                        "indexes": [models.Index(condition=models.Q(("status", "ok")), fields=["expires_at"], name="connection_ok_expiry")],
                    },
                ),
                migrations.CreateModel(
                    name="PlatformPost",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("platform_id", models.CharField(max_length=128, verbose_name="platform id")),
                        ("created_at", models.DateTimeField(verbose_name="published")),
                        ("text", models.TextField(blank=True, verbose_name="text")),
                        ("permalink", models.URLField(blank=True, max_length=500, verbose_name="address")),
                        ("link", models.URLField(blank=True, max_length=1000, verbose_name="link")),
                        ("media_type", models.CharField(blank=True, max_length=16, verbose_name="media type")),
                        ("first_seen_at", models.DateTimeField(auto_now_add=True)),
                        ("account", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="platform_posts", to="accounts.socialaccount")),
                    ],
                    options={
                        "verbose_name": "platform post",
                        "verbose_name_plural": "platform posts",
                        "db_table": "metrics_platformpost",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [models.Index(fields=["account", "created_at"], name="platform_post_account_time")],
                        "constraints": [models.UniqueConstraint(fields=("account", "platform_id"), name="platform_post_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

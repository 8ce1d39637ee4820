"""Figures named for what they are (#14): clicks, views, new followers, settled days.

Rows pulled before kept Facebook's and LinkedIn's every click under `link_clicks` and Instagram's
`views` under `video_views`; they move to `clicks` and `views`, so no old row claims a figure it
never had. Old rows keep `day_zone` empty: their day was the portal's date, not the platform's.
"""

from django.db import migrations, models
from django.db.models import F


def figures_move_to_their_names(apps, schema_editor):
    MetricSnapshot = apps.get_model("metrics", "MetricSnapshot")
    posts = MetricSnapshot.objects.filter(metric_set="post_lifetime")
    posts.filter(account__platform__in=["facebook", "linkedin"]).update(clicks=F("link_clicks"), link_clicks=None)
    posts.filter(account__platform="instagram").update(views=F("video_views"), video_views=None)


def figures_move_back(apps, schema_editor):
    MetricSnapshot = apps.get_model("metrics", "MetricSnapshot")
    posts = MetricSnapshot.objects.filter(metric_set="post_lifetime")
    posts.filter(account__platform__in=["facebook", "linkedin"]).update(link_clicks=F("clicks"))
    posts.filter(account__platform="instagram").update(video_views=F("views"))


class Migration(migrations.Migration):

    dependencies = [
        ('metrics', '0003_constraint_messages'),
    ]

    operations = [
        migrations.AddField(
            model_name='metricsnapshot',
            name='clicks',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='day_zone',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='missing',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='new_followers',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='new_followers_kind',
            field=models.CharField(blank=True, choices=[('gross', 'New followers (gains counted by the platform)'), ('net', 'Net change in followers (difference of follower counts)')], max_length=8),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='organic_only',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='settled',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='metricsnapshot',
            name='views',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='metricsnapshot',
            name='metric_set',
            field=models.CharField(choices=[('post_lifetime', 'Post, lifetime to date'), ('account_day', 'Account, one day'), ('account_month', 'Account, one month')], max_length=16),
        ),
        migrations.RunPython(figures_move_to_their_names, figures_move_back),
    ]

"""The Swedish starting lists of the tone checker, from checker.DEFAULT_*; AKN edits them afterwards."""

from django.db import migrations

from helsocial.tone.seed import seed_starting_lists


def seed(apps, schema_editor):
    seed_starting_lists(apps.get_model("tone", "ToneWord"), apps.get_model("tone", "ToneSettings"))


def unseed(apps, schema_editor):
    apps.get_model("tone", "ToneWord").objects.all().delete()
    apps.get_model("tone", "ToneSettings").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("tone", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

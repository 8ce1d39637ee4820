"""Words the first lists missed on real-looking comments: veiled threats and an insult."""

from django.db import migrations

TERMS = [
    ("threat", "passa er", "exact"),
    ("threat", "passa dig", "exact"),
    ("threat", "vet var hon bor", "stem"),
    ("threat", "vet var han bor", "stem"),
    ("personal_attack", "svin", "stem"),
    ("personal_attack", "inkompetent idiot", "stem"),
]


def seed(apps, schema_editor):
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term, match in TERMS:
        TriageTerm.objects.get_or_create(label=label, term=term, defaults={"match": match})


def unseed(apps, schema_editor):
    TriageTerm = apps.get_model("moderation", "TriageTerm")
    for label, term, _match in TERMS:
        TriageTerm.objects.filter(label=label, term=term).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_starting_lists")]

    operations = [migrations.RunPython(seed, unseed)]

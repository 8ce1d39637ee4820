"""seed_demo fills the queues from the demo platform, and a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from moderation.models import Comment

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_kc_and_forvaltning_queues_once():
    call_command("seed_demo", stdout=StringIO())
    count = Comment.objects.count()
    assert Comment.objects.open().in_kc_queue().filter(kind="message").exists()
    assert Comment.objects.open().filter(in_kc_queue=False).exists()
    labels = {label for row in Comment.objects.values_list("labels", flat=True) for label in row}
    assert {"question", "praise", "personal_data"} <= labels
    assert labels & {"threat", "personal_attack"}
    call_command("seed_demo", stdout=StringIO())
    assert Comment.objects.count() == count

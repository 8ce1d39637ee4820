from django.apps import AppConfig


class ToneConfig(AppConfig):
    name = "helsocial.tone"
    label = "tone"
    verbose_name = "Tone checker"

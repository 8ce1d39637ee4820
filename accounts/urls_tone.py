"""The tone checker's pages, under ``/tone/`` (see ``views_tone.py``)."""

from django.urls import path

from . import views_tone as views

app_name = "tone"

urlpatterns = [
    path("", views.check_page, name="check"),
    path("panel/", views.panel, name="panel"),
    path("lists/", views.lists, name="lists"),
    path("lists/<slug:kind>/add/", views.word_add, name="word-add"),
    path("lists/words/<int:pk>/remove/", views.word_remove, name="word-remove"),
    path("lists/settings/", views.settings_edit, name="settings-edit"),
]

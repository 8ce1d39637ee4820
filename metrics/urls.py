from django.urls import path

from . import views, views_closing

app_name = "metrics"

urlpatterns = [
    path("accounts/<int:pk>/connect/", views.account_connect, name="account-connect"),
    path("accounts/<int:pk>/connect/start/", views.account_connect_start, name="account-connect-start"),
    path("accounts/<int:pk>/connect/token/", views.account_connect_token, name="account-connect-token"),
    path("accounts/<int:pk>/figures/", views.account_figures, name="account-figures"),
    path("posts/<int:pk>/figures/", views.post_figures, name="post-figures"),
    path("accounts/connect/callback/", views.connect_callback, name="connect-callback"),
    path("accounts/<int:pk>/close/", views_closing.account_close_page, name="account-close"),
    path("accounts/<int:pk>/close/archive/", views_closing.account_archive_make, name="account-archive-make"),
    path("accounts/<int:pk>/close/confirm/", views_closing.account_close, name="account-close-confirm"),
    path("archives/<int:pk>/download/", views_closing.archive_download, name="archive-download"),
]

from django.urls import path

from . import views, views_posts

app_name = "metrics"

urlpatterns = [
    path("accounts/<int:pk>/connect/", views.account_connect, name="account-connect"),
    path("accounts/<int:pk>/connect/start/", views.account_connect_start, name="account-connect-start"),
    path("accounts/<int:pk>/connect/token/", views.account_connect_token, name="account-connect-token"),
    path("accounts/<int:pk>/figures/", views.account_figures, name="account-figures"),
    path("posts/<int:pk>/figures/", views.post_figures, name="post-figures"),
    path("accounts/connect/callback/", views.connect_callback, name="connect-callback"),
    path("posts/<int:pk>/figures/tag/", views_posts.post_tag, name="post-tag"),
    path("bookings/<int:pk>/figures/", views_posts.booking_figures, name="booking-figures"),
]

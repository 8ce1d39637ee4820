from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views

from . import views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("login/", account_views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("tone/", include("accounts.urls_tone")),
    path("calendar/", include("calendar_booking.urls")),
    path("", include("moderation.urls")),
    path("", include("metrics.urls")),
    path("", include("metrics.reports.urls_mail")),
]

# A BadInput (helsocial/errors.py) says what was wrong with the address; see views.bad_request.
handler400 = "helsocial.views.bad_request"

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

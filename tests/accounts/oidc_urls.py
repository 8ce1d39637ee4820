"""The project's URLs as they are with OIDC_* set (the include is decided when settings load)."""

from django.urls import include, path

from helsocial.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]

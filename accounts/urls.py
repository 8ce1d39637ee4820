from django.urls import path

from . import views, views_guideline, views_mail, views_register, views_requests

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("accounts/", views.account_list, name="account-list"),
    path("accounts/mine/", views.account_mine, name="account-mine"),
    path("accounts/new/", views.account_create, name="account-create"),
    path("accounts/<int:pk>/", views.account_detail, name="account-detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account-edit"),
    path("accounts/<int:pk>/editors/", views.account_editors, name="account-editors"),
    path("accounts/<int:pk>/editors/add/", views.account_editor_add, name="account-editor-add"),
    path(
        "accounts/<int:pk>/editors/<int:user_pk>/remove/",
        views.account_editor_remove,
        name="account-editor-remove",
    ),
    path("administrations/", views.administration_list, name="administration-list"),
    path("administrations/new/", views.administration_create, name="administration-create"),
    path("administrations/<int:pk>/edit/", views.administration_edit, name="administration-edit"),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/roles/add/", views.person_role_add, name="person-role-add"),
    path("people/<int:pk>/roles/<int:role_pk>/remove/", views.person_role_remove, name="person-role-remove"),
    path("mail/failed/", views_mail.mail_failed, name="mail-failed"),
    path("mail/failed/<int:pk>/resend/", views_mail.mail_resend, name="mail-resend"),
    path("accounts/requests/", views_requests.request_list, name="request-list"),
    path("accounts/requests/new/", views_requests.request_create, name="request-create"),
    path("accounts/requests/advice/", views_requests.request_advice, name="request-advice"),
    path("accounts/requests/<int:pk>/", views_requests.request_detail, name="request-detail"),
    path("accounts/requests/<int:pk>/decide/", views_requests.request_decide, name="request-decide"),
    path("kanalregister/", views_register.register_page, name="register"),
    path("kanalregister.json", views_register.register_feed, name="register-feed"),
    path("guideline/", views_guideline.guideline, name="guideline"),
    path("guideline/new/", views_guideline.guideline_create, name="guideline-create"),
    path("guideline/<int:pk>/ask/", views_guideline.guideline_ask, name="guideline-ask"),
    path("guideline/<int:pk>/confirm/", views_guideline.guideline_confirm, name="guideline-confirm"),
]

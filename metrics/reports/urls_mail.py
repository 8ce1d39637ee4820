from django.urls import path

from . import views_mail

app_name = "report_mail"

urlpatterns = [
    path("reports/mail/", views_mail.report_mail_page, name="page"),
    path("reports/mail/recipients/", views_mail.recipient_add, name="recipient-add"),
    path("reports/mail/recipients/<int:pk>/remove/", views_mail.recipient_remove, name="recipient-remove"),
    path("reports/mail/<int:pk>/resend/", views_mail.mail_resend, name="resend"),
]

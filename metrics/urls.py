from django.urls import path

from . import views, views_reports

app_name = "metrics"

urlpatterns = [
    path("accounts/<int:pk>/connect/", views.account_connect, name="account-connect"),
    path("accounts/<int:pk>/connect/start/", views.account_connect_start, name="account-connect-start"),
    path("accounts/<int:pk>/connect/token/", views.account_connect_token, name="account-connect-token"),
    path("accounts/<int:pk>/figures/", views.account_figures, name="account-figures"),
    path("posts/<int:pk>/figures/", views.post_figures, name="post-figures"),
    path("accounts/connect/callback/", views.connect_callback, name="connect-callback"),
]

# The monthly report (issue #15): the page, its downloads and KC's answer times.
urlpatterns += [
    path("reports/", views_reports.reports_home, name="reports-home"),
    path("reports/<int:year>/<int:month>/", views_reports.report, name="report"),
    path(
        "reports/<int:year>/<int:month>/<int:administration_id>/",
        views_reports.report,
        name="report-administration",
    ),
    path(
        "reports/<int:year>/<int:month>/report.xlsx",
        views_reports.report_download,
        {"fmt": "xlsx"},
        name="report-xlsx",
    ),
    path(
        "reports/<int:year>/<int:month>/report.csv",
        views_reports.report_download,
        {"fmt": "csv"},
        name="report-csv",
    ),
    path("reports/answers/", views_reports.answer_times_home, name="answer-times-home"),
    path("reports/<int:year>/<int:month>/answers/", views_reports.answer_times, name="answer-times"),
]

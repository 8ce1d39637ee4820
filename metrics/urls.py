from django.urls import path

from . import views, views_closing, views_posts, views_reports

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

# The account review (metrics/views_review.py); "review" is no account id, so no clash with accounts'.
from . import views_review  # noqa: E402

urlpatterns += [
    path("accounts/review/", views_review.review_list, name="review"),
    path("accounts/review/export.csv", views_review.review_export_csv, name="review-export-csv"),
    path("accounts/review/export.xlsx", views_review.review_export_xlsx, name="review-export-xlsx"),
    path("accounts/review/refresh/", views_review.review_refresh, name="review-refresh"),
    path("accounts/review/thresholds/", views_review.review_thresholds, name="review-thresholds"),
    path("accounts/<int:pk>/review/", views_review.review_account, name="review-account"),
    path("accounts/<int:pk>/review/decision/", views_review.review_decision, name="review-decision"),
    path("accounts/<int:pk>/close/", views_closing.account_close_page, name="account-close"),
    path("accounts/<int:pk>/close/archive/", views_closing.account_archive_make, name="account-archive-make"),
    path("accounts/<int:pk>/close/confirm/", views_closing.account_close, name="account-close-confirm"),
    path("archives/<int:pk>/download/", views_closing.archive_download, name="archive-download"),
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

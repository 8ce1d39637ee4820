from django.urls import path

from . import views

app_name = "calendar_booking"

urlpatterns = [
    path("", views.calendar_index, name="calendar-index"),
    path("month/<year:year>/<month:month>/", views.calendar_month, name="calendar-month"),
    path("week/<year:year>/<week:week>/", views.calendar_week, name="calendar-week"),
    path("list/", views.booking_list, name="booking-list"),
    path("export.csv", views.booking_export, name="booking-export"),
    path("bookings/new/", views.booking_create, name="booking-create"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/edit/", views.booking_edit, name="booking-edit"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("slots/<int:pk>/move/", views.slot_move, name="slot-move"),
    path("rules/", views.rule_list, name="rule-list"),
    path("rules/<int:account_pk>/", views.rule_edit, name="rule-edit"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("agreements/<int:pk>/end/", views.agreement_end, name="agreement-end"),
    path("feeds/", views.feed_list, name="feed-list"),
    path("feeds/new/", views.feed_create, name="feed-create"),
    path("feeds/<int:pk>/renew/", views.feed_renew, name="feed-renew"),
    path("feeds/<int:pk>/delete/", views.feed_delete, name="feed-delete"),
    path("feed/<str:secret>.ics", views.feed_ics, name="feed-ics"),
]

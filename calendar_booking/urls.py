from django.urls import path

from .views import akn, approvals, bookings, calendar, feeds

app_name = "calendar_booking"

urlpatterns = [
    path("", calendar.calendar_index, name="calendar-index"),
    path("month/<year:year>/<month:month>/", calendar.calendar_month, name="calendar-month"),
    path("week/<year:year>/<week:week>/", calendar.calendar_week, name="calendar-week"),
    path("list/", calendar.booking_list, name="booking-list"),
    path("export.csv", calendar.booking_export, name="booking-export"),
    path("bookings/new/", bookings.booking_create, name="booking-create"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/edit/", bookings.booking_edit, name="booking-edit"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking-cancel"),
    path("slots/<int:pk>/move/", bookings.slot_move, name="slot-move"),
    path("rules/", akn.rule_list, name="rule-list"),
    path("rules/<int:account_pk>/", akn.rule_edit, name="rule-edit"),
    path("agreements/", akn.agreement_list, name="agreement-list"),
    path("agreements/new/", akn.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/edit/", akn.agreement_edit, name="agreement-edit"),
    path("agreements/<int:pk>/end/", akn.agreement_end, name="agreement-end"),
    path("feeds/", feeds.feed_list, name="feed-list"),
    path("feeds/new/", feeds.feed_create, name="feed-create"),
    path("feeds/<int:pk>/renew/", feeds.feed_renew, name="feed-renew"),
    path("feeds/<int:pk>/delete/", feeds.feed_delete, name="feed-delete"),
    path("feed/<str:secret>.ics", feeds.feed_ics, name="feed-ics"),
    path("approvals/", approvals.approval_list, name="approval-list"),
    path("bookings/<int:pk>/decide/", approvals.booking_decide, name="booking-decide"),
]

from django.urls import path

from . import views, views_patterns

app_name = "moderation"

urlpatterns = [
    path("webhooks/meta/", views.meta_webhook_receive, name="webhook-meta"),
    path("moderation/", views.queue_home, name="queue-home"),
    path("moderation/kc/", views.queue_kc, name="queue-kc"),
    path(
        "moderation/administrations/<int:administration_id>/",
        views.queue_administration,
        name="queue-administration",
    ),
    path("moderation/comments/<int:pk>/", views.comment_detail, name="comment-detail"),
    path("moderation/comments/<int:pk>/claim/", views.comment_claim, name="comment-claim"),
    path("moderation/comments/<int:pk>/release/", views.comment_release, name="comment-release"),
    path("moderation/comments/<int:pk>/notes/", views.comment_note_add, name="comment-note-add"),
    path("moderation/comments/<int:pk>/forward/", views.comment_forward, name="comment-forward"),
    path("moderation/comments/<int:pk>/return/", views.comment_return, name="comment-return"),
    path("moderation/triage/", views.triage_lists, name="triage-lists"),
    path("moderation/triage/try/", views.triage_try, name="triage-try"),
    path("moderation/triage/terms/add/", views.triage_term_add, name="triage-term-add"),
    path("moderation/triage/terms/<int:pk>/remove/", views.triage_term_remove, name="triage-term-remove"),
    path("moderation/triage/domains/add/", views.triage_domain_add, name="triage-domain-add"),
    path(
        "moderation/triage/domains/<int:pk>/remove/", views.triage_domain_remove, name="triage-domain-remove"
    ),
    path("moderation/triage/rules/<int:pk>/", views.triage_rule_edit, name="triage-rule-edit"),
    path("moderation/triage/patterns/", views_patterns.triage_patterns, name="triage-patterns"),
    path("moderation/triage/patterns/add/", views_patterns.triage_pattern_add, name="triage-pattern-add"),
    path("moderation/triage/patterns/try/", views_patterns.triage_pattern_try, name="triage-pattern-try"),
    path(
        "moderation/triage/patterns/<int:pk>/toggle/",
        views_patterns.triage_pattern_toggle,
        name="triage-pattern-toggle",
    ),
    path(
        "moderation/triage/patterns/<int:pk>/remove/",
        views_patterns.triage_pattern_remove,
        name="triage-pattern-remove",
    ),
    path("moderation/triage/groups/save/", views_patterns.triage_group_save, name="triage-group-save"),
]

# Acting on comments (issue 8): moderation/views_actions.py.
from . import views_actions  # noqa: E402

urlpatterns += [
    path("moderation/comments/<int:pk>/act/", views_actions.comment_act, name="comment-act"),
    path(
        "moderation/comments/<int:pk>/evidence/<int:evidence_id>.png",
        views_actions.evidence_png,
        name="comment-evidence-png",
    ),
    path("moderation/bulk/", views_actions.comments_bulk_act, name="comments-bulk"),
    path("moderation/export.csv", views_actions.export_csv, name="export-csv"),
]

urlpatterns += [
    path("moderation/saved-replies/", views_actions.saved_replies, name="saved-replies"),
    path("moderation/saved-replies/<int:pk>/", views_actions.saved_reply_edit, name="saved-reply-edit"),
    path(
        "moderation/saved-replies/<int:pk>/remove/",
        views_actions.saved_reply_delete,
        name="saved-reply-delete",
    ),
]

# Meta webhook deliveries that failed, for AKN (issue 12): moderation/views_webhooks.py.
from . import views_webhooks  # noqa: E402

urlpatterns += [
    path("moderation/webhooks/", views_webhooks.webhook_deliveries, name="webhook-deliveries"),
    path(
        "moderation/webhooks/<int:pk>/retry/",
        views_webhooks.webhook_delivery_retry,
        name="webhook-delivery-retry",
    ),
]

# What moderators decided that triage did not foresee (issue 17): moderation/views_misses.py.
from . import views_misses  # noqa: E402

urlpatterns += [
    path("moderation/triage/misses/", views_misses.triage_misses, name="triage-misses"),
]

# The moderation log as a page, beside its export (issue 17): moderation/views_log.py.
from . import views_log  # noqa: E402

urlpatterns += [
    path("moderation/log/", views_log.moderation_log, name="moderation-log"),
]

# AKN's automatic hiding per account (issue 17): moderation/views_auto_hide.py.
from . import views_auto_hide  # noqa: E402

urlpatterns += [
    path("moderation/auto-hide/", views_auto_hide.auto_hide_accounts, name="auto-hide-accounts"),
    path(
        "moderation/auto-hide/<int:account_id>/",
        views_auto_hide.auto_hide_account,
        name="auto-hide-account",
    ),
]

from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .review.models import ReviewThresholds
        from .review.services import forget_thresholds

        # The review's thresholds are kept in the cache (metrics/review/services.py).
        post_save.connect(forget_thresholds, sender=ReviewThresholds, dispatch_uid="review-thresholds-save")
        post_delete.connect(forget_thresholds, sender=ReviewThresholds, dispatch_uid="review-thresholds-del")

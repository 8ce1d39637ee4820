from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import SocialAccount

        # The start page's counts (accounts/start.py): registered here so that the accounts app,
        # the floor below, never imports this one.
        from . import start  # noqa: F401
        from .placement import agreement_model
        from .queue_filter import forget_kc_accounts

        # KC's queue filter keeps its accounts in the cache (queue_filter.py): a change forgets them.
        for sender in (SocialAccount, agreement_model()):
            if sender is None:
                continue
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    forget_kc_accounts, sender=sender, dispatch_uid=f"kc-filter-{sender.__name__}-{name}"
                )

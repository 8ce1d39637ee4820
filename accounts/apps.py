from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .context_processors import forget_guideline_footer
        from .models import GuidelineVersion

        post_save.connect(
            forget_guideline_footer, sender=GuidelineVersion, dispatch_uid="guideline-footer-save"
        )
        post_delete.connect(
            forget_guideline_footer, sender=GuidelineVersion, dispatch_uid="guideline-footer-del"
        )
        # The start page's city-wide figure of the accounts (accounts/summary.py), also in the worker.
        from . import start_accounts  # noqa: F401

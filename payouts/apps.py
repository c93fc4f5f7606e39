from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    name = "payouts"
    verbose_name = _("Ledger and payouts")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the sign-up receiver)

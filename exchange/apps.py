from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchange: products, orders, delivery")

    def ready(self) -> None:
        from accounts.signals import membership_ended, user_deactivated
        from consent.signals import consent_withdrawn

        from .receivers import on_consent_withdrawn, on_membership_ended, on_user_deactivated

        consent_withdrawn.connect(on_consent_withdrawn, dispatch_uid="exchange.on_consent_withdrawn")
        membership_ended.connect(on_membership_ended, dispatch_uid="exchange.on_membership_ended")
        user_deactivated.connect(on_user_deactivated, dispatch_uid="exchange.on_user_deactivated")

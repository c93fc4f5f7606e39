from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchange: products, orders, delivery")

    def ready(self) -> None:
        from consent.signals import consent_withdrawn

        from .receivers import on_consent_withdrawn

        consent_withdrawn.connect(on_consent_withdrawn, dispatch_uid="exchange.on_consent_withdrawn")

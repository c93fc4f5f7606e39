from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "talent"
    verbose_name = _("Talent search and paid invitations")

    def ready(self) -> None:
        from consent.signals import consent_withdrawn

        from . import receivers

        consent_withdrawn.connect(receivers.on_consent_withdrawn, dispatch_uid="talent.on_consent_withdrawn")
        receivers.connect_pool_refresh()

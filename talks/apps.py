from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "talks"
    verbose_name = _("Talks")

    def ready(self) -> None:
        from talks import receivers  # noqa: F401 - connects the receivers

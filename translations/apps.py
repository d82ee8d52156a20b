from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Approval, status and front-end rules for Danish, English and Swedish content."""

    name = "translations"
    verbose_name = _("translations")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentImportConfig(AppConfig):
    """Imports content documents (the demo content among them) as an editor would."""

    name = "content_import"
    verbose_name = _("content import")

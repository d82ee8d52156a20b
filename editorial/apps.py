from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from editorial import guard, signals
        from editorial.roles import municipality_owned_models

        post_migrate.connect(
            signals.ensure_roles_after_migrate, dispatch_uid="editorial_ensure_roles"
        )
        post_save.connect(
            signals.ensure_roles_for_municipality,
            sender="municipalities.Municipality",
            dispatch_uid="editorial_municipality_roles",
        )
        for model in municipality_owned_models():
            post_save.connect(
                signals.sync_owned_page_permissions,
                sender=model,
                dispatch_uid=f"editorial_page_permissions_{model._meta.label_lower}",
            )
        guard.connect()
        # Must run before wagtail.admin's ready() (editorial is listed first in
        # INSTALLED_APPS): see editorial.signals.connect_notifications.
        signals.connect_notifications()

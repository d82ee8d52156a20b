from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site-wide content")

    def ready(self):
        from home import request_memo

        request_memo.remember_active_locale()

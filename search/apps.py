from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django_tasks.signals import task_finished

        from .invalidation import index_updated

        task_finished.connect(index_updated, dispatch_uid="search-index-updated")

"""Admin registration of the agreement period snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from focusareas.models import AgreementPeriod


class AgreementPeriodViewSet(SnippetViewSet):
    model = AgreementPeriod
    icon = "date"
    menu_label = _("Agreement periods")
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["name", "start_year", "end_year"]
    list_filter = ["start_year", "locale"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["-start_year"]


register_snippet(AgreementPeriodViewSet)

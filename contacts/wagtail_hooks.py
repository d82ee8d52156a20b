"""Admin registration of the people snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contacts.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "job_title", "municipality", "focus_area", "email"]
    list_filter = ["municipality", "focus_area", "locale"]
    search_fields = ["name", "job_title", "email"]
    search_backend_name = None
    ordering = ["name"]

    def get_queryset(self, request):
        return Person.objects.select_related("municipality", "focus_area", "locale")


register_snippet(PersonViewSet)

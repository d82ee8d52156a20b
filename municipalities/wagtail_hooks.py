"""The municipalities in the admin: a snippet with its own menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from municipalities.models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug", "is_chair", "website"]
    list_filter = ["is_chair", "locale"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    ordering = ["name"]


register_snippet(MunicipalityViewSet)

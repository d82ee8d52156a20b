"""The translation status panel on the admin dashboard."""

from collections.abc import Mapping
from typing import Any

from wagtail.admin.ui.components import Component

from translations.status import get_translation_status, unsubmitted_translations

#: How many rows each list shows; the heading states the full count.
PANEL_ROWS = 20


class TranslationStatusPanel(Component):
    """Lists pages without an English/Swedish translation and stale translations."""

    name = "translation_status"
    template_name = "translations/translation_status_panel.html"
    order = 205

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        status = get_translation_status()
        drafts = unsubmitted_translations()
        return {
            "drafts": drafts[:PANEL_ROWS],
            "drafts_count": drafts.count(),
            "missing": status.missing[:PANEL_ROWS],
            "missing_count": len(status.missing),
            "outdated": status.outdated[:PANEL_ROWS],
            "outdated_count": len(status.outdated),
            "request": parent_context.get("request"),
            "csrf_token": parent_context.get("csrf_token"),
        }

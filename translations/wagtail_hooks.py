"""Admin integration: approval of translations, status panel, alias rules."""

from django.urls import include, path
from wagtail import hooks

from translations import urls, views


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    return [
        path("translations/", include(urls, namespace="translations")),
        # Shadows wagtail-localize's own route for "Sync translated pages" so that
        # "Publish immediately" needs publish permission (see the view).
        path(
            "localize/update/<int:translation_source_id>/",
            views.GuardedUpdateTranslationsView.as_view(),
        ),
    ]

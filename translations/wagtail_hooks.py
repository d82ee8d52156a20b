"""Admin integration: approval of translations, status panel, alias rules."""

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from translations import urls, views
from translations.approval import can_submit_translation
from translations.components import TranslationStatusPanel


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    return [
        path("translations/", include(urls, namespace="translations")),
        # These shadow wagtail-localize's own routes (same paths, matched first) so
        # that nothing is published without permission (see translations.views).
        path(
            "localize/update/<int:translation_source_id>/",
            views.GuardedUpdateTranslationsView.as_view(),
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            views.GuardedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.GuardedSubmitSnippetTranslationView.as_view(),
        ),
    ]


def submit_translation_buttons(page: Page, user, view_name=None, next_url=None):
    """Offers "Submit translation for approval" on translated pages."""
    if page.is_root() or page.alias_of_id:
        return
    if can_submit_translation(user, page):
        url = reverse("translations:submit_page", args=[page.id])
        yield Button(
            _("Submit translation for approval"),
            url,
            icon_name="resubmit",
            priority=55,
        )


hooks.register("register_page_header_buttons", submit_translation_buttons)
hooks.register("register_page_listing_more_buttons", submit_translation_buttons)


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels) -> None:
    """Shows the translation status to people who translate or manage translations."""
    if request.user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationStatusPanel())


@hooks.register("before_serve_page")
def refuse_cross_language_alias(page: Page, request, serve_args, serve_kwargs):
    """Answers 404 for an alias of a page in another language.

    Such an alias (e.g. made by wagtail-localize's tree synchronisation) shows the
    Danish text under /en/ and has never been reviewed as a translation.
    """
    if page.alias_of_id and page.alias_of.locale_id != page.locale_id:
        raise Http404

"""Admin views: submit a translation for approval; guarded wagtail-localize views.

The guarded views replace wagtail-localize's own routes (see wagtail_hooks.py) so
that no translation goes live without someone allowed to publish it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Page, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translations.approval import (
    NoWorkflowError,
    can_submit_translation,
    get_translation_for_page,
    submit_translation_for_approval,
)


class SubmitTranslationView(WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation (GET), then submits the translated page (POST)."""

    template_name = "translations/submit_translation.html"
    page_title = gettext_lazy("Submit translation for approval")
    header_icon = "resubmit"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.page = get_object_or_404(Page, id=kwargs["page_id"]).specific
        if not can_submit_translation(request.user, self.page):
            if not self.page.permissions_for_user(request.user).can_edit():
                raise PermissionDenied
            messages.error(
                request,
                _(
                    "“%(title)s” cannot be submitted: it is not a translation "
                    "made in the translation editor, or no approval workflow "
                    "covers it."
                )
                % {"title": self.page.get_admin_display_title()},
            )
            return redirect(self.get_next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    def get_next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(
            "wagtailadmin_explore", args=[self.page.get_parent().id]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        translation = get_translation_for_page(self.page)
        total, translated = translation.get_progress()
        context.update(
            page=self.page,
            translation=translation,
            source_page=translation.source.get_source_instance(),
            total_segments=total,
            translated_segments=translated,
            missing_segments=total - translated,
            next_url=self.get_next_url(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.id]),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            submit_translation_for_approval(self.page, request.user)
        except NoWorkflowError:
            messages.error(request, _("No approval workflow covers this page."))
        else:
            messages.success(
                request,
                _(
                    "The translation “%(title)s” (%(language)s) was submitted for "
                    "approval. It goes live when the secretariat approves it."
                )
                % {
                    "language": self.page.locale.get_display_name(),
                    "title": self.page.get_admin_display_title(),
                },
            )
        return redirect(self.get_next_url())


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" view with a publish check.

    The original lets anyone with admin access tick "Publish immediately", which
    would publish every translation without approval. Here only a user who may
    publish every target may do that; anybody else gets 403 for a crafted POST
    and never sees the box.
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        source = get_object_or_404(
            TranslationSource, id=kwargs["translation_source_id"]
        )
        self.may_publish = user_can_publish_translations(request.user, source)
        if (
            request.method == "POST"
            and request.POST.get("publish_translations")
            and not self.may_publish
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish:
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)


def user_can_publish_translations(user, source: TranslationSource) -> bool:
    """True when ``user`` may publish every enabled translation of ``source``."""
    model = source.specific_content_type.model_class()
    if model is None:
        return False
    if model in get_page_models():
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except model.DoesNotExist:
                continue
            if not target.permissions_for_user(user).can_publish():
                return False
        return True
    if model in get_snippet_models() and issubclass(model, DraftStateMixin):
        opts = model._meta
        return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    # Snippets without drafts are saved live whenever they are saved at all.
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def may_translate_live(user, instance) -> bool:
    """True when a translation of ``instance`` by ``user`` may be saved live.

    Pages and snippets with drafts are translated as drafts and approved later.
    Snippets without drafts (people, municipalities, agreement periods) are live
    as soon as they are saved, so only people who may change them anyway (the
    secretariat) may create their translations.
    """
    if isinstance(instance, Page | DraftStateMixin):
        return True
    opts = instance._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class ReviewedTranslationCreator(TranslationCreator):
    """Like wagtail-localize's creator, but never makes a live snippet copy unasked.

    Translating a page also translates the snippets it uses; a related snippet
    without drafts that ``user`` may not change is left untranslated (the page
    keeps pointing at the original) instead of being copied live.
    """

    def create_translations(self, instance, include_related_objects=True):
        if not include_related_objects and not may_translate_live(self.user, instance):
            return
        super().create_translations(instance, include_related_objects)


class GuardedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page" using ReviewedTranslationCreator."""

    @transaction.atomic
    def form_valid(self, form):
        locales = form.cleaned_data["locales"]
        creator = ReviewedTranslationCreator(self.request.user, locales)
        creator.create_translations(self.object)
        if form.cleaned_data["include_subtree"]:
            for page in self.object.get_descendants().specific():
                creator.create_translations(page)
        self.components.save(creator, sources_and_translations=creator.mappings)

        single_translated_object = None
        if len(locales) == 1:
            names = locales[0].get_display_name()
            single_translated_object = self.object.get_translation(locales[0])
        else:
            names = ", ".join(locale.get_display_name() for locale in locales)
        messages.success(self.request, self.get_success_message(names))
        return redirect(
            self.get_success_url()
            or self.get_default_success_url(single_translated_object)
        )


class GuardedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for snippets, refused where it would go live.

    A snippet without drafts is saved live when translated, so only people who
    may change it (the secretariat) may start its translation.
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        instance = self.get_object()
        if not may_translate_live(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

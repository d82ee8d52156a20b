"""Admin hooks of the editorial workflow: municipal page ownership and dashboards."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from django.views.defaults import bad_request
from wagtail import hooks
from wagtail.models import Page

from editorial.panels import panels_for
from editorial.permissions import (
    default_municipality_for,
    editor_municipality_keys,
    is_municipal_editor,
    may_manage_page,
)
from editorial.roles import municipality_owned_models, sync_page_permissions
from municipalities.models import Municipality, MunicipalityOwnedMixin


@hooks.register("before_create_page")
def limit_editors_to_municipal_page_types(request, parent_page, page_class):
    """Municipal editors create news posts, projects and standard pages only."""
    if not is_municipal_editor(request.user):
        return None
    if parent_page.permissions_for_user(request.user).can_publish_subpage():
        return None
    if not issubclass(page_class, MunicipalityOwnedMixin):
        raise PermissionDenied(_("Editors cannot create pages of this type."))
    refuse_foreign_municipality_choice(request)
    return None


@hooks.register("after_create_page")
def assign_editors_municipality(request, page):
    """Gives a page an editor created without a municipality to the editor's one."""
    if not isinstance(page, MunicipalityOwnedMixin) or page.owner_municipality_id:
        return None
    municipality = default_municipality_for(request.user, page)
    if municipality is None:
        return None
    page.owner_municipality = municipality
    type(page).objects.filter(pk=page.pk).update(owner_municipality=municipality)
    revision = page.latest_revision
    if revision is not None:
        revision.content["owner_municipality"] = municipality.pk
        revision.save(update_fields=["content"])
    sync_page_permissions([page])
    return None


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_move_page")
def refuse_other_municipalities_pages(request, page, *args):
    """Refuses an editor another municipality's page, even below one of their own."""
    if not may_manage_page(request.user, page):
        raise PermissionDenied(_("This page belongs to another municipality."))
    if isinstance(page.specific_deferred, MunicipalityOwnedMixin):
        refuse_foreign_municipality_choice(request)
    return None


def refuse_foreign_municipality_choice(request) -> None:
    """Refuses a POST in which an editor hands a page to another municipality."""
    if request.method != "POST" or not is_municipal_editor(request.user):
        return
    chosen = request.POST.get("owner_municipality")
    if not chosen:
        return
    key = (
        Municipality.objects.filter(pk=chosen if chosen.isdigit() else None)
        .values_list("translation_key", flat=True)
        .first()
    )
    if key not in editor_municipality_keys(request.user):
        raise PermissionDenied(
            _("Editors can only choose their own municipality as responsible.")
        )


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.extend(panels_for(request.user))


@hooks.register("before_copy_page")
def refuse_copy_to_an_unknown_parent(request, page):
    """A copy form whose destination is not a page answers 400, not 500.

    Wagtail's copy view looks the destination up before it validates the form,
    so a missing, non-numeric or unknown ``new_parent_page`` raised.
    """
    if request.method != "POST":
        return None
    parent_id = request.POST.get("new_parent_page", "")
    is_an_id = parent_id.isascii() and parent_id.isdigit() and len(parent_id) < 19
    if is_an_id and Page.objects.filter(pk=int(parent_id)).exists():
        return None
    return bad_request(request, ValueError("unknown new_parent_page"))


@hooks.register("construct_explorer_page_queryset")
def hide_explorer_drafts(parent_page, pages, request):
    return hide_other_municipalities_drafts(pages, request)


@hooks.register("construct_page_chooser_queryset")
def hide_chooser_drafts(pages, request):
    return hide_other_municipalities_drafts(pages, request)


def hide_other_municipalities_drafts(pages, request):
    """Leaves another municipality's pages that are not live out of an editor's lists.

    Their drafts belong to that municipality and the secretariat. Live pages stay
    listed, as visitors see them anyway; the contents of their drafts (preview,
    revisions, compare) are refused by Wagtail's page permissions.
    """
    user = request.user
    if not is_municipal_editor(user):
        return pages
    own = Municipality.objects.filter(
        translation_key__in=editor_municipality_keys(user)
    ).values("pk")
    owned = Q()
    for model in municipality_owned_models():
        owned |= Q(pk__in=model.objects.filter(owner_municipality__in=own).values("pk"))
    return pages.filter(Q(live=True) | Q(owner=user) | owned)

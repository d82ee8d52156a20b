"""Dashboard panels: an editor's municipality work in progress; the approval queue.

Each panel runs a fixed number of queries, however many pages it lists.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState, get_default_page_content_type

from editorial.permissions import editor_municipality_keys
from editorial.roles import SECRETARIAT, municipality_owned_models

PANEL_LIMIT = 50

STATE_LABELS = {
    WorkflowState.STATUS_IN_PROGRESS: _("Awaiting approval"),
    WorkflowState.STATUS_NEEDS_CHANGES: _("Changes requested"),
}


def _workflow_states_by_page(page_ids: list[int]) -> dict[int, WorkflowState]:
    """Returns {page id: active workflow state} in one query."""
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(page_id) for page_id in page_ids],
        )
        .select_related("requested_by", "current_task_state")
    )
    return {int(state.object_id): state for state in states}


def _municipality_names(page_ids: list[int]) -> dict[int, str]:
    """Returns {page id: responsible municipality's name}, one query per page type."""
    names: dict[int, str] = {}
    for model in municipality_owned_models():
        rows = model.objects.filter(
            pk__in=page_ids, owner_municipality__isnull=False
        ).values_list("pk", "owner_municipality__name")
        names.update(rows)
    return names


class MunicipalityDraftsPanel(Component):
    """Lists drafts and submissions of the editor's municipalities, in any locale."""

    name = "editorial_municipality_drafts"
    template_name = "editorial/panels/municipality_drafts.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        keys = editor_municipality_keys(self.user)
        page_ids: list[int] = []
        for model in municipality_owned_models():
            page_ids += model.objects.filter(
                Q(live=False) | Q(has_unpublished_changes=True),
                owner_municipality__translation_key__in=keys,
            ).values_list("pk", flat=True)
        pages = list(
            Page.objects.filter(pk__in=page_ids)
            .select_related("locale", "latest_revision__user")
            .order_by("-latest_revision_created_at")[:PANEL_LIMIT]
        )
        states = _workflow_states_by_page([page.pk for page in pages])
        municipalities = _municipality_names([page.pk for page in pages])
        context["rows"] = [
            {
                "page": page,
                "municipality": municipalities.get(page.pk, ""),
                "state": STATE_LABELS.get(
                    getattr(states.get(page.pk), "status", None), _("Draft")
                ),
            }
            for page in pages
        ]
        return context


class AwaitingApprovalPanel(Component):
    """The secretariat's queue: every submission, its municipality, submitter, wait."""

    name = "editorial_awaiting_approval"
    template_name = "editorial/panels/awaiting_approval.html"
    order = 80

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        task_states = list(
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type=get_default_page_content_type(),
            )
            .select_related("workflow_state__requested_by", "task")
            .order_by("started_at")[:PANEL_LIMIT]
        )
        page_ids = [int(state.workflow_state.object_id) for state in task_states]
        pages = Page.objects.select_related("locale").in_bulk(page_ids)
        municipalities = _municipality_names(page_ids)
        now = timezone.now()
        context["rows"] = [
            {
                "page": pages[page_id],
                "municipality": municipalities.get(page_id, ""),
                "submitter": state.workflow_state.requested_by,
                "submitted_at": state.started_at,
                "waited": now - state.started_at,
            }
            for state, page_id in zip(task_states, page_ids, strict=True)
            if page_id in pages
        ]
        return context


def panels_for(user) -> list[Component]:
    """Returns the editorial panels ``user`` should see on the dashboard."""
    panels: list[Component] = []
    if user.is_superuser or user.groups.filter(name=SECRETARIAT).exists():
        panels.append(AwaitingApprovalPanel())
    if not user.is_superuser and editor_municipality_keys(user):
        panels.append(MunicipalityDraftsPanel(user))
    return panels

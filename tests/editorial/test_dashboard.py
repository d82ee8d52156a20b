"""The dashboard panels of editors and the secretariat."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Workflow

from editorial.panels import AwaitingApprovalPanel, MunicipalityDraftsPanel
from editorial.roles import WORKFLOW_NAME
from tests.factories import NewsPageFactory


def submitted_pages(parent, municipality, user, count: int, prefix: str):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    pages = []
    for number in range(count):
        page = NewsPageFactory(
            parent=parent,
            title=f"{prefix} {number}",
            live=False,
            owner_municipality=municipality,
        )
        page.save_revision(user=user)
        workflow.start(page, user)
        pages.append(page)
    return pages


def test_secretariat_sees_the_queue_with_municipality_and_submitter(
    client, news_indexes, municipalities, roskilde_editor, secretary
):
    submitted_pages(
        news_indexes["en"], municipalities["roskilde"], roskilde_editor, 1, "Concert"
    )
    client.force_login(secretary)
    response = client.get(reverse("wagtailadmin_home"))
    panel = response.content.decode().split('id="editorial-awaiting-approval', 1)[1]
    assert "Concert 0" in panel
    assert "Roskilde" in panel
    assert "roskilde" in panel  # the submitter's name (username here)


def test_editor_sees_own_municipality_drafts_with_state(
    client, news_indexes, municipalities, roskilde_editor, koge_editor
):
    submitted_pages(
        news_indexes["da"], municipalities["roskilde"], roskilde_editor, 1, "Indsendt"
    )
    NewsPageFactory(
        parent=news_indexes["da"],
        title="Roskilde kladde",
        live=False,
        owner_municipality=municipalities["roskilde"],
    )
    NewsPageFactory(
        parent=news_indexes["da"],
        title="Køge kladde",
        live=False,
        owner_municipality=municipalities["koge"],
    )
    client.force_login(roskilde_editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    panel = response.content.decode().split('id="editorial-municipality-drafts', 1)[1]
    assert "Roskilde kladde" in panel
    assert "Indsendt 0" in panel
    assert "Køge kladde" not in panel
    assert "Afventer godkendelse" in panel or "Awaiting approval" in panel


def render_queries(panel, user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        panel.render_html({"request": request, "csrf_token": "x"})
    return len(queries)


@pytest.mark.parametrize("panel_name", ["queue", "drafts"])
def test_panels_run_the_same_queries_for_10_and_60_pages(
    news_indexes, municipalities, roskilde_editor, secretary, panel_name
):
    def panel():
        if panel_name == "queue":
            return AwaitingApprovalPanel(), secretary
        return MunicipalityDraftsPanel(roskilde_editor), roskilde_editor

    roskilde = municipalities["roskilde"]
    render_queries(*panel())  # warms caches (content types, locales)
    submitted_pages(news_indexes["da"], roskilde, roskilde_editor, 10, "A")
    with_10 = render_queries(*panel())
    submitted_pages(news_indexes["da"], roskilde, roskilde_editor, 50, "B")
    with_60 = render_queries(*panel())
    assert with_10 == with_60
    assert with_60 <= 12

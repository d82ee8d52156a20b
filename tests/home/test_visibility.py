"""View restrictions read once a request, and still applied everywhere."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(homes):
    open_page = StandardPageFactory(
        parent=homes["da"], title="Åben side", slug="aaben", show_in_menus=True
    )
    private = StandardPageFactory(
        parent=homes["da"], title="Lukket side", slug="lukket", show_in_menus=True
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="hemmelig"
    )
    return open_page, private


def test_a_page_view_reads_the_view_restrictions_once(client: Client, pages):
    client.get("/")  # creates the site settings
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/aaben/")

    assert response.status_code == 200
    reads = [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert len(reads) == 1
    assert "Åben side" in response.content.decode()
    assert "Lukket side" not in response.content.decode()  # not in the menu


def test_a_restricted_page_still_asks_for_its_password(client: Client, pages):
    response = client.get("/lukket/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Lukket side</h1>" not in response.content.decode()


def test_a_restricted_translation_is_left_out_of_the_language_switcher(
    client: Client, homes, pages
):
    open_page, _private = pages
    english = open_page.copy_for_translation(homes["en"].locale)
    english.save_revision().publish()
    PageViewRestriction.objects.create(
        page=english, restriction_type="password", password="hemmelig"
    )
    client.get("/")  # creates the site settings

    html = client.get("/aaben/").content.decode()

    assert 'hreflang="da"' in html
    assert 'hreflang="en"' not in html

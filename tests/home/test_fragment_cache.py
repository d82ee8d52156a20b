"""Header, footer and listings cached as fragments until the next publish."""

import datetime

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from caching.fragments import cached_fragment
from tests.factories import (
    ContactDirectoryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PersonFactory,
    StandardPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def news(homes):
    index = NewsIndexPageFactory(parent=homes["da"], title="Nyheder", slug="nyheder")
    first = NewsPageFactory(
        parent=index, title="Første nyhed", date=datetime.date(2026, 1, 5)
    )
    return index, first


def queries(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.parametrize("url", ["/", "/nyheder/", "/nyheder/forste-nyhed/"])
def test_a_repeated_request_reuses_the_fragments(client: Client, news, url):
    news[1].slug = "forste-nyhed"
    news[1].save_revision().publish()
    cold, first_html = queries(client, url)
    warm, second_html = queries(client, url)

    assert warm < cold
    assert second_html == first_html


def test_publishing_a_post_updates_every_listing_that_shows_it(client: Client, news):
    index, first = news
    for url in ("/", "/nyheder/", first.url):
        client.get(url)

    second = NewsPageFactory.build(title="Anden nyhed", date=datetime.date(2026, 2, 1))
    index.add_child(instance=second)
    second.save_revision().publish()

    assert "Anden nyhed" in client.get("/").content.decode()
    assert "Anden nyhed" in client.get("/nyheder/").content.decode()
    assert "Anden nyhed" in client.get(first.url).content.decode()  # next post


def test_publishing_a_menu_page_updates_the_menu(client: Client, homes):
    assert "Om partnerskabet" not in client.get("/").content.decode()

    about = StandardPageFactory.build(title="Om partnerskabet", show_in_menus=True)
    homes["da"].add_child(instance=about)
    about.save_revision().publish()

    assert "Om partnerskabet" in client.get("/").content.decode()


def test_the_language_switcher_follows_unpublishing(client: Client, homes):
    assert 'hreflang="sv"' in client.get("/").content.decode()

    homes["sv"].unpublish()

    assert 'hreflang="sv"' not in client.get("/").content.decode()


def test_previews_are_never_served_from_fragments():
    request = RequestFactory().get("/")
    cached_fragment(request, "hero", [1], lambda: "published")
    assert cached_fragment(request, "hero", [1], lambda: "other") == "published"

    request.is_preview = True
    assert cached_fragment(request, "hero", [1], lambda: "draft") == "draft"


def test_fragments_vary_by_language(client: Client):
    # The footer fragment varies by nothing but host and language.
    assert 'id="footer-contact">Kontakt</h2>' in client.get("/").content.decode()

    english = client.get("/en/").content.decode()

    assert 'id="footer-contact">Contact</h2>' in english


def test_the_remembered_site_follows_a_change_of_site(client: Client, site):
    assert client.get("/").status_code == 200

    site.hostname = "kulturmetropolen.example.org"
    site.is_default_site = False
    site.save()

    assert client.get("/").status_code == 404
    response = client.get("/", HTTP_HOST="kulturmetropolen.example.org")
    assert response.status_code == 200


def test_editing_a_person_updates_the_cached_contact_directory(client: Client, homes):
    person = PersonFactory(name="Ida Holm")
    ContactDirectoryPageFactory(
        parent=homes["da"],
        slug="kontakt",
        groups=[("group", {"heading": "Alle", "intro": "", "people": [person]})],
    )
    assert "Ida Holm" in client.get("/kontakt/").content.decode()

    person.name = "Ida Holm Berg"
    person.save()

    assert "Ida Holm Berg" in client.get("/kontakt/").content.decode()

"""Site, page and view restrictions remembered per process until the next publish."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from caching.store import current_generation
from tests.factories import (
    ContactDirectoryPageFactory,
    FocusAreaIndexPageFactory,
    FocusAreaPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ProjectPageFactory,
    StandardPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def pages(homes):
    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    post = NewsPageFactory(
        parent=index, title="Sommerens koncerter", slug="sommerens-koncerter"
    )
    NewsPageFactory(parent=index, date=datetime.date(2026, 3, 1))
    areas = FocusAreaIndexPageFactory(parent=homes["da"], slug="indsatsomraader")
    music = FocusAreaPageFactory(parent=areas, slug="musik")
    ProjectPageFactory(parent=music, slug="projekt")
    ContactDirectoryPageFactory(parent=homes["da"], slug="kontakt")
    StandardPageFactory(parent=homes["da"], slug="om")
    return {"index": index, "post": post}


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/nyheder/",
        "/nyheder/?page=1",
        "/nyheder/sommerens-koncerter/",
        "/indsatsomraader/",
        "/indsatsomraader/musik/",
        "/indsatsomraader/musik/projekt/",
        "/kontakt/",
        "/om/",
    ],
)
def test_a_repeated_page_request_needs_no_database(client: Client, pages, url):
    assert count_queries(client, url) > 0

    assert count_queries(client, url) == 0


def test_a_remembered_page_is_served_as_published_after_a_change(client: Client, pages):
    post = pages["post"]
    client.get(post.url)

    post.title = "Sommerens koncerter er flyttet"
    post.save_revision().publish()

    assert "Sommerens koncerter er flyttet" in client.get(post.url).content.decode()


def test_an_unpublished_page_is_no_longer_found(client: Client, pages):
    post = pages["post"]
    assert client.get(post.url).status_code == 200

    post.unpublish()

    assert client.get(post.url).status_code == 404


def test_a_moved_page_is_served_at_its_new_address_only(client: Client, pages, homes):
    post = pages["post"]
    old_url = post.url
    assert client.get(old_url).status_code == 200

    post.move(homes["da"], pos="last-child")

    assert client.get("/sommerens-koncerter/").status_code == 200
    # Wagtail leaves a redirect behind, not the remembered page.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/sommerens-koncerter/"


def test_a_view_restriction_added_later_applies_at_once(client: Client, pages):
    post = pages["post"]
    assert "Sommerens koncerter" in client.get(post.url).content.decode()

    PageViewRestriction.objects.create(
        page=pages["index"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="hemmelig",
    )

    response = client.get(post.url)
    assert "Sommerens koncerter</h1>" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_lifted_view_restriction_opens_the_page_again(client: Client, pages):
    post = pages["post"]
    restriction = PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(post.url).status_code == 302  # to the login page

    restriction.delete()

    assert client.get(post.url).status_code == 200


def test_the_remembered_news_index_still_routes_its_feeds(client: Client, pages):
    for _ in range(2):
        assert client.get("/nyheder/").status_code == 200
        rss = client.get("/nyheder/rss/")
        assert rss.status_code == 200
        assert "Sommerens koncerter" in rss.content.decode()
        assert client.get("/nyheder/ingen-side/").status_code == 404


def test_each_request_serves_its_own_copy_of_a_remembered_page(client: Client, pages):
    client.get("/nyheder/sommerens-koncerter/")
    first = client.get("/nyheder/sommerens-koncerter/").context["page"]
    first.title = "Changed in memory by one request"

    second = client.get("/nyheder/sommerens-koncerter/")

    assert second.context["page"] is not first
    assert "Changed in memory" not in second.content.decode()


def test_a_flushed_cache_starts_a_generation_never_used_before():
    before = current_generation()

    cache.clear()

    assert current_generation() != before


def fragment_keys() -> list[str]:
    # The test cache is local memory; its keys are ":1:<key>".
    return [key for key in cache._cache if "fragment:" in key]


def test_made_up_addresses_leave_no_fragments_behind(client: Client, pages):
    client.get("/nyheder/")
    remembered = fragment_keys()

    for path in ("/findes-ikke/", "/nyheder/findes-heller-ikke/", "/en/nowhere/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "<footer" in response.content.decode()

    assert fragment_keys() == remembered

"""What a change drops from the page and fragment caches, on the demo site.

Each test warms a set of pages as an anonymous visitor, makes a change the way an
editor's action makes it, and then checks two things: nothing served is stale (each
page is what a render with every cache off gives), and the pages that do not show
what changed are still served from the cache, without a query.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page, PageViewRestriction

from contacts.models import ContactDirectoryPage, Person
from focusareas.models import FocusAreaPage
from home.models import StandardPage
from municipalities.models import Municipality
from news.models import NewsIndexPage, NewsPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("caches_on")]


@pytest.fixture
def caches_on(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()


def danish(model):
    return model.objects.live().filter(locale__language_code="da")


@pytest.fixture
def site_pages(demo_content) -> dict[str, Page]:
    """The pages the tests warm, by what they are to the newest Danish post."""
    post = danish(NewsPage).order_by("-date", "-pk").first()
    focus_areas = list(danish(FocusAreaPage).order_by("path"))
    listing = {fa.pk for fa in focus_areas if fa.news_posts.filter(pk=post.pk)}
    return {
        "post": post,
        "index": danish(NewsIndexPage).get(),
        "home": Page.objects.get(pk=post.get_site().root_page_id),
        "post (en)": post.get_translations().live().get(locale__language_code="en"),
        "directory": danish(ContactDirectoryPage).get(),
        "standard page": danish(StandardPage).first(),
        **{
            f"focus area {fa.pk}{' (lists the post)' if fa.pk in listing else ''}": fa
            for fa in focus_areas
        },
    }


def addresses(pages: dict[str, Page]) -> dict[str, str]:
    urls = {name: page.url for name, page in pages.items()}
    urls["rss"] = pages["index"].url + "rss/"
    urls["atom"] = pages["index"].url + "atom/"
    return urls


def warm(client: Client, urls: dict[str, str]) -> None:
    for url in urls.values():
        client.get(url)
    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "hit", name


def served_from_cache(client: Client, url: str) -> bool:
    """Whether ``url`` is answered from the page cache, without a query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response["X-Page-Cache"] == "hit" and not queries.captured_queries


def normalised(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def assert_nothing_stale(client: Client, urls: dict[str, str]) -> dict[str, bool]:
    """Each page as served equals a render with every cache off; returns which
    were served from the cache."""
    hits = {}
    for name, url in urls.items():
        served = client.get(url)
        hits[name] = served.get("X-Page-Cache") == "hit"
        with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
            fresh = Client().get(url)
        assert served.status_code == fresh.status_code, name
        assert normalised(served.content) == normalised(fresh.content), name
    return hits


def test_publishing_a_post_drops_only_the_pages_that_show_it(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    post = site_pages["post"]
    # What it shows, for a cache in front that purges by tag.
    assert f"wagtailcore.page:{post.pk}" in client.get(urls["home"])["Cache-Tag"]

    post.title = "En helt ny overskrift"
    post.save_revision().publish()

    hits = assert_nothing_stale(client, urls)
    shows_the_post = {"post", "index", "home", "post (en)", "rss", "atom"} | {
        name for name in urls if name.endswith("(lists the post)")
    }
    assert {name for name, hit in hits.items() if not hit} == shows_the_post
    assert "En helt ny overskrift" in client.get(urls["home"]).content.decode()
    for name in ("directory", "standard page"):
        assert served_from_cache(client, urls[name]), name


def test_a_post_published_for_the_first_time_joins_every_listing(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    index = site_pages["index"]

    post = NewsPage(
        title="Nyt kulturtilbud i regionen", slug="nyt-kulturtilbud", lead="Kort."
    )
    post.owner_municipality = site_pages["post"].owner_municipality
    index.add_child(instance=post)
    post.save_revision().publish()

    assert_nothing_stale(client, urls)
    for name in ("index", "home", "rss"):
        assert "Nyt kulturtilbud i regionen" in client.get(urls[name]).content.decode()
    assert served_from_cache(client, urls["directory"])


def test_an_unpublished_post_disappears_everywhere(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    post = site_pages["post"]

    post.unpublish()

    assert_nothing_stale(client, urls)
    assert client.get(urls["post"]).status_code == 404
    assert post.title not in client.get(urls["index"]).content.decode()
    assert served_from_cache(client, urls["directory"])


def test_a_deleted_post_disappears_everywhere(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)

    site_pages["post"].delete()

    assert_nothing_stale(client, urls)
    assert client.get(urls["post"]).status_code == 404
    assert served_from_cache(client, urls["directory"])


def test_a_moved_page_is_found_only_at_its_new_address(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    page = site_pages["standard page"]
    old_url = urls["standard page"]

    page.move(site_pages["index"], pos="last-child")

    new_url = Page.objects.get(pk=page.pk).url
    assert client.get(old_url)["Location"] == new_url  # Wagtail's own redirect
    urls["standard page"] = new_url
    assert_nothing_stale(client, urls)


def test_a_new_view_restriction_hides_the_post_at_once(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    post = site_pages["post"]

    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )

    assert_nothing_stale(client, urls)
    assert post.title not in client.get(urls["index"]).content.decode()
    assert post.title not in client.get(urls["post"]).content.decode()


def test_saving_a_person_drops_exactly_the_pages_that_show_them(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    directory = client.get(urls["directory"]).content.decode()
    person = next(p for p in Person.objects.all() if p.name in directory)
    shown_on = {
        name
        for name, url in urls.items()
        if person.name in client.get(url).content.decode()
    }

    person.name = "Birte Fiktiv-Hansen"
    person.save()

    hits = assert_nothing_stale(client, urls)
    assert {name for name, hit in hits.items() if not hit} == shown_on
    assert "Birte Fiktiv-Hansen" in client.get(urls["directory"]).content.decode()


def test_saving_a_municipality_drops_the_pages_that_show_it(client, site_pages):
    urls = addresses(site_pages)
    warm(client, urls)
    municipality = site_pages["post"].owner_municipality

    municipality.name = "Fiktiv Kommune"
    municipality.save()

    hits = assert_nothing_stale(client, urls)
    shows_it = {
        name
        for name, url in urls.items()
        if "Fiktiv Kommune" in client.get(url).content.decode()
    }
    assert shows_it, "the demo shows no municipality on these pages"
    assert not any(hits[name] for name in shows_it)
    assert Municipality.objects.filter(name="Fiktiv Kommune").exists()


def test_replacing_an_image_drops_the_pages_that_show_it(client, site_pages):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from home.demo import demo_image

    urls = addresses(site_pages)
    warm(client, urls)
    image = site_pages["post"].image
    old_src = re.search(
        r'src="([^"]+/images/[^"]+)"', client.get(urls["post"]).content.decode()
    ).group(1)
    with demo_image("Erstatning", width=640, height=400).open_file() as source:
        upload = SimpleUploadedFile("erstatning.jpg", source.read(), "image/jpeg")

    editor = Client()
    editor.force_login(
        get_user_model().objects.create_superuser("billeder", "b@example.org", "x")
    )
    response = editor.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": image.title, "collection": image.collection_id, "file": upload},
    )

    assert response.status_code == 302
    assert old_src not in client.get(urls["post"]).content.decode()
    assert_nothing_stale(client, urls)
    assert served_from_cache(client, urls["directory"])


class RecordingBackend:
    """A frontend cache (nginx, a CDN) that records what it is asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname) -> bool:
        return True

    def purge_batch(self, urls) -> None:
        RecordingBackend.purged.extend(urls)


def test_a_cache_in_front_is_purged_for_every_page_dropped(
    client, site_pages, settings
):
    settings.WAGTAILFRONTENDCACHE = {
        "front": {"BACKEND": f"{__name__}.RecordingBackend"}
    }
    RecordingBackend.purged = []
    urls = addresses(site_pages)
    warm(client, urls)

    site_pages["post"].save_revision().publish()

    purged = {url.removeprefix("http://testserver") for url in RecordingBackend.purged}
    assert {urls["home"], urls["index"], urls["rss"], urls["post"]} <= purged
    assert urls["directory"] not in purged

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    from django.core.cache import cache

    cache.clear()


def test_anonymous_page_is_served_from_cache(client: Client, demo_content):
    first = client.get("/en/")
    second = client.get("/en/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=300" in second["Cache-Control"]
    assert "stale-while-revalidate=600" in second["Cache-Control"]


def test_publishing_invalidates_cached_pages(client: Client, homes):
    client.get("/")
    home = homes["da"]
    home.hero_heading = "Ny overskrift efter udgivelse"
    home.save_revision().publish()

    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "Ny overskrift efter udgivelse" in response.content.decode()


def test_unpublishing_invalidates_other_pages(client: Client, homes):
    assert 'hreflang="sv"' in client.get("/").content.decode()

    homes["sv"].unpublish()

    assert 'hreflang="sv"' not in client.get("/").content.decode()


def test_saving_a_snippet_invalidates(client: Client):
    client.get("/")

    PersonFactory()

    assert client.get("/")["X-Page-Cache"] == "miss"


def test_logged_in_users_are_never_served_from_cache(client: Client):
    client.get("/")
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)

    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_admin_and_search_are_not_cached(client: Client):
    client.get("/search/?q=kultur")
    search = client.get("/en/search/?q=kultur")

    assert "X-Page-Cache" not in client.get("/search/?q=kultur")
    assert "X-Page-Cache" not in search
    # The search view says so itself, so no cache in front keeps it either.
    assert "no-store" in search["Cache-Control"]
    assert "public" not in search["Cache-Control"]
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_a_view_that_declines_caching_is_not_looked_up_again(client, monkeypatch):
    """Search says never_cache: after its first answer the page cache no longer
    looks it up nor takes its render lock, for any query."""
    from caching import pages

    looked_up = []
    real = pages.fetch_or_claim

    def spy(cache, key):
        looked_up.append(key)
        return real(cache, key)

    warm(client)  # the site settings made, the generation settled
    monkeypatch.setattr(pages, "fetch_or_claim", spy)
    for query in ("kultur", "kultur", "musik"):
        assert client.get("/search/", {"q": query}).status_code == 200

    assert len(looked_up) == 1  # the first search only
    assert client.get("/")["X-Page-Cache"] == "hit"  # pages are still cached
    assert len(looked_up) == 2


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_control_is_set_without_page_cache(client: Client):
    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert "max-age=60" in response["Cache-Control"]


def warm(client: Client) -> None:
    client.get("/")  # the first view also creates the site settings,
    client.get("/")  # so only this response is stored under the current generation
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_search_does_not_drop_the_cached_pages(client: Client):
    warm(client)
    client.get("/search/?q=kultur")  # logs the query for the popular-searches report

    assert client.get("/")["X-Page-Cache"] == "hit"


def test_rendering_an_image_does_not_drop_the_cached_pages(client: Client):
    from home.demo import demo_image

    image = demo_image("Rendition test", width=200, height=100)
    warm(client)
    image.get_rendition("width-120")  # made on first view of a page using it

    assert client.get("/")["X-Page-Cache"] == "hit"


def _content_models():
    """Every page, snippet, setting, image and document model of the project."""
    from django.apps import apps
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    pages = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    return [
        *pages,
        *get_snippet_models(),
        *settings_registry,
        get_image_model(),
        get_document_model(),
    ]


@pytest.mark.parametrize(
    "model", _content_models(), ids=lambda model: model._meta.label_lower
)
def test_no_content_model_is_left_out_of_invalidation(model):
    from wagtail.models import Page

    from caching.invalidation import drops_everything

    if issubclass(model, Page):
        # Pages drop the cache when they are published, unpublished, moved or
        # deleted (see test_publishing_invalidates_cached_pages and below).
        from caching.invalidation import NON_PUBLIC_APPS

        assert model._meta.app_label not in NON_PUBLIC_APPS
    else:
        assert drops_everything(model), f"saving {model._meta.label} drops no page"


def test_replacing_a_document_drops_the_pages_that_link_it(client: Client, homes):
    import wagtail_factories
    from django.core.files.base import ContentFile

    document = wagtail_factories.DocumentFactory(title="Årsrapport")
    warm(client)

    document.file.save("aarsrapport-2026.pdf", ContentFile(b"%PDF-1.4 ny"))

    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_newsletter_sign_up_keeps_the_cached_pages(client: Client):
    from newsletter.models import Subscriber

    warm(client)
    Subscriber.objects.create(email="ny@example.org", language="da")

    assert client.get("/")["X-Page-Cache"] == "hit"

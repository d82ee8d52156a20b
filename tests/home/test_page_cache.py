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


def _shown_on_the_demo_site(client: Client) -> dict[str, set[str]]:
    """Every live page of the demo, each language: URL -> what it shows (the
    dependency keys in its Cache-Tag header)."""
    from wagtail.models import Page

    shown = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.url
        response = client.get(url)
        if response.status_code == 200 and "Cache-Tag" in response:
            shown[url] = set(response["Cache-Tag"].split(","))
    return shown


def _change(instance) -> None:
    """Saves ``instance`` the way its editor does: pages are published."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        instance.save_revision().publish()
    else:
        instance.save()


def test_saving_any_content_model_drops_the_pages_that_show_it(client, demo_content):
    """The guard: no allow-list to keep in step. Every page, snippet, setting,
    image and document model shown on the demo site is dropped from the pages
    that show it when one of its instances is saved; a model no demo page shows
    fails here, and so does a model skipped as "not public" that a page shows."""
    from caching.dependencies import object_key
    from caching.invalidation import NON_PUBLIC_APPS, NON_PUBLIC_MODELS

    _publish_page_linking_a_document()  # the demo content links none
    shown = _shown_on_the_demo_site(client)
    every_key = set().union(*shown.values())
    labels_shown = {key.rpartition(":")[0] for key in every_key}
    skipped = {label for label in labels_shown if label in NON_PUBLIC_MODELS}
    skipped |= {
        label for label in labels_shown if label.split(".")[0] in NON_PUBLIC_APPS
    }
    assert not skipped, f"shown on public pages but skipped on save: {skipped}"

    for model in _content_models():
        instances = (
            model.objects.all() if not hasattr(model, "live") else model.objects.live()
        )
        instance = next(
            (i for i in instances if object_key(model, i.pk) in every_key), None
        )
        assert instance is not None, f"no demo page shows a {model._meta.label}"
        key = object_key(model, instance.pk)
        showing = [url for url, keys in shown.items() if key in keys][:3]
        for url in showing:
            client.get(url)
            assert client.get(url)["X-Page-Cache"] == "hit", url

        _change(instance)

        for url in showing:
            assert client.get(url)["X-Page-Cache"] == "miss", (model, url)


def _publish_page_linking_a_document():
    import wagtail_factories
    from wagtail.models import Locale, Page

    from tests.factories import StandardPageFactory

    document = wagtail_factories.DocumentFactory(title="Årsrapport")
    link = f'<p><a linktype="document" id="{document.pk}">Hent årsrapporten</a></p>'
    page = StandardPageFactory.build(title="Rapporter", body=[("paragraph", link)])
    home = Page.objects.get(depth=2, locale=Locale.objects.get(language_code="da"))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, document


def test_replacing_a_document_drops_the_pages_that_link_it(client: Client, homes):
    from django.core.files.base import ContentFile

    page, document = _publish_page_linking_a_document()
    warm(client)
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    document.file.save("aarsrapport-2026.pdf", ContentFile(b"%PDF-1.4 ny"))

    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "aarsrapport-2026" in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"  # it does not link it


def test_a_newsletter_sign_up_keeps_the_cached_pages(client: Client):
    from newsletter.models import Subscriber

    warm(client)
    Subscriber.objects.create(email="ny@example.org", language="da")

    assert client.get("/")["X-Page-Cache"] == "hit"

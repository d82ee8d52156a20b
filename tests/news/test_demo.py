from django.core.management import call_command
from wagtail.models import Locale

from focusareas.models import FocusAreaPage
from news.models import NewsIndexPage, NewsPage


def _snapshot():
    return sorted(
        (
            post.slug,
            post.date,
            post.live,
            post.latest_revision_id,
            post.author_id,
            post.image_id,
            tuple(sorted(post.tags.values_list("slug", flat=True))),
            tuple(sorted(post.municipalities.values_list("slug", flat=True))),
            tuple(sorted(post.focus_areas.values_list("slug", flat=True))),
        )
        for post in NewsPage.objects.all()
    )


def test_demo_content_has_news_in_danish_with_some_translated(demo_content, client):
    index = NewsIndexPage.objects.get(slug="nyheder", locale__language_code="da")
    posts = NewsPage.objects.child_of(index).live()

    assert index.live and index.show_in_menus
    assert posts.count() >= 15
    assert {post.date.year for post in posts} == set(range(2021, 2027))
    signing = posts.get(slug="ny-kulturaftale-er-underskrevet")
    assert (signing.date.year, signing.date.month) == (2021, 1)
    assert signing.municipalities.count() == 9
    assert signing.author.name and signing.image_alt_text and signing.image_caption
    assert all(post.image_id for post in posts)
    if FocusAreaPage.objects.filter(slug="musik").exists():
        assert "musik" in signing.focus_areas.values_list("slug", flat=True)

    response = client.get("/nyheder/")
    assert response.status_code == 200
    assert response.context["paginator"].count == posts.count()
    assert client.get(signing.url).status_code == 200

    for language_code, url in [("en", "/en/news/"), ("sv", "/sv/nyheter/")]:
        translated = index.get_translation(
            Locale.objects.get(language_code=language_code)
        )
        assert translated.live and translated.url == url
        posts = NewsPage.objects.child_of(translated).live()
        assert posts.count() == 3
        assert all(post.image_alt_text for post in posts)
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["posts"]) == 3
        assert client.get(posts.first().url).status_code == 200


def test_loading_demo_content_twice_changes_nothing(demo_content):
    before = _snapshot()
    index_revision = NewsIndexPage.objects.get(slug="nyheder").latest_revision_id

    call_command("load_demo_content", verbosity=0)

    assert _snapshot() == before
    assert NewsIndexPage.objects.get(slug="nyheder").latest_revision_id == (
        index_revision
    )

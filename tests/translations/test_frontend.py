"""Language switcher, hreflang, og:locale, aliases and the sitemap."""

import re

import pytest
from django.utils import formats, translation

from tests.translations.conftest import translate_and_publish

pytestmark = pytest.mark.django_db


def hreflangs(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html)
    )


def switcher_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)" lang="', nav.group(0)) if nav else []


@pytest.fixture
def english_post(news_post, locales):
    return translate_and_publish(
        news_post,
        locales["en"],
        {"Ny festival i Køge": "New festival in Køge", "ny-festival": "new-festival"},
    )


def test_switcher_and_hreflang_list_exactly_the_existing_translations(
    client, english_post, news_post
):
    assert english_post.url == "/en/news/new-festival/"
    html = client.get(news_post.url).content.decode()
    assert hreflangs(html) == {
        "da": "http://testserver/nyheder/ny-festival/",
        "en": "http://testserver/en/news/new-festival/",
    }
    assert switcher_links(html) == ["/nyheder/ny-festival/", "/en/news/new-festival/"]

    english = client.get(english_post.url).content.decode()
    assert '<html lang="en">' in english
    assert hreflangs(english) == hreflangs(html)
    assert '<meta property="og:locale" content="en_GB">' in english
    assert '<meta property="og:locale:alternate" content="da_DK">' in english
    assert 'content="sv_SE"' not in english


def test_draft_translation_is_not_offered(client, english_post, news_post):
    english_post.unpublish()
    html = client.get(news_post.url).content.decode()
    assert set(hreflangs(html)) == {"da"}
    assert switcher_links(html) == []


def test_alias_of_danish_page_is_404_and_not_offered(client, news_post, locales):
    english_index = news_post.get_parent().get_translation(locales["en"])
    alias = news_post.create_alias(parent=english_index, update_locale=locales["en"])
    assert alias.live and alias.url == "/en/news/ny-festival/"
    assert client.get(alias.url).status_code == 404
    html = client.get(news_post.url).content.decode()
    assert set(hreflangs(html)) == {"da"}


def test_news_post_date_is_formatted_per_language(client, english_post, news_post):
    danish = client.get(news_post.url).content.decode()
    english = client.get(english_post.url).content.decode()
    with translation.override("da"):
        danish_date = formats.date_format(news_post.date, "DATE_FORMAT")
    with translation.override("en"):
        english_date = formats.date_format(news_post.date, "DATE_FORMAT")
    assert danish_date != english_date
    assert danish_date in danish and english_date not in danish
    assert english_date in english and danish_date not in english


def test_sitemap_lists_each_language_with_alternates(client, english_post, news_post):
    # Full URLs come from the Wagtail site (hostname "localhost").
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/en/news/new-festival/</loc>" in xml
    assert "<loc>http://localhost/nyheder/ny-festival/</loc>" in xml
    assert "<loc>http://localhost/sv/nyheter/</loc>" in xml
    entry = re.search(
        r"<url><loc>http://localhost/en/news/new-festival/</loc>.*?</url>", xml
    ).group(0)
    assert (
        '<xhtml:link rel="alternate" hreflang="da" '
        'href="http://localhost/nyheder/ny-festival/"/>'
    ) in entry
    assert 'hreflang="sv"' not in entry


def test_sitemap_leaves_out_aliases(client, news_post, locales):
    english_index = news_post.get_parent().get_translation(locales["en"])
    news_post.create_alias(parent=english_index, update_locale=locales["en"])
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/news/ny-festival/" not in xml
    assert "<loc>http://localhost/nyheder/ny-festival/</loc>" in xml


def test_a_draft_does_not_move_the_sitemaps_date(client, news_post, news_index):
    # news_index went live without a revision (as imported pages do), news_post
    # was published the usual way.
    news_post.save_revision().publish()
    published = client.get("/sitemap.xml").content
    assert published.count(b"<lastmod>") >= 1

    for page in (news_post, news_index):
        page.title = "Kladde"
        page.save_revision()

    assert client.get("/sitemap.xml").content == published


def test_sitemap_query_count_is_bounded(
    client, news_index, django_assert_max_num_queries
):
    from tests.factories import NewsPageFactory

    for _ in range(10):
        NewsPageFactory(parent=news_index)
    with django_assert_max_num_queries(12) as small:
        client.get("/sitemap.xml")
    for _ in range(30):
        NewsPageFactory(parent=news_index)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/sitemap.xml")

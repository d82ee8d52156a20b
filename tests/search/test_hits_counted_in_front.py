"""Searches counted by the proxy in front (SEARCH_HITS_COUNTED_IN_FRONT): the
search page is cached like any page, and nginx's search log is counted (the
count_searches command end to end: tests/cluster/test_a_publishing.py)."""

from collections import Counter

import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.hits import record, searched_text
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def hits(text: str) -> int:
    return sum(
        QueryDailyHits.objects.filter(query__query_string=text).values_list(
            "hits", flat=True
        )
    )


@pytest.fixture
def page_cache(settings, site):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    from django.core.cache import cache

    cache.clear()


def test_the_view_counts_and_is_never_cached_by_default(client, content):
    response = client.get("/search/?q=kulturaftale")

    assert "no-cache" in response["Cache-Control"]
    assert hits("kulturaftale") == 1


def test_counted_in_front_the_page_is_cached_and_dropped_by_a_publish(
    client, content, news_indexes, settings, page_cache
):
    settings.SEARCH_HITS_COUNTED_IN_FRONT = True

    first, *_, last = [client.get("/search/?q=kulturaftale") for _ in range(3)]
    assert "s-maxage" in first["Cache-Control"]
    assert "no-cache" not in first["Cache-Control"]
    assert last.get("X-Page-Cache") == "hit"
    assert hits("kulturaftale") == 0  # the proxy in front counts them

    post = NewsPageFactory.build(title="Ny kulturaftale fejres i Roskilde")
    news_indexes["da"].add_child(instance=post)
    post.save_revision().publish()

    assert "kulturaftale fejres" in client.get("/search/?q=kulturaftale").text


@pytest.mark.parametrize(
    "line, text",
    [
        (b"<190>Dec  6 22:00:00 kulturmetropolen: search-hit /search/?q=kultur+musik",
         "kultur musik"),
        (b"<190>kulturmetropolen: search-hit /en/search/?q=Music%21&page=1", "Music"),
        (b"search-hit /sv/search/?q=musik&page=2", None),
        (b"search-hit /search/?q=%3C%3E", None),
        (b"search-hit /search/", None),
        (b"something else /search/?q=musik", None),
    ],
)  # fmt: skip
def test_a_logged_search_is_read_as_the_view_would_count_it(line, text):
    assert searched_text(line) == text


def test_counts_are_added_to_the_report(db):
    record(Counter({"kultur musik": 3}))
    record(Counter({"kultur musik": 2, "jazz": 1}))

    assert hits("kultur musik") == 5
    assert hits("jazz") == 1
    assert Query.get("jazz").hits == 1

"""How many SQL queries a page costs cold: every cache off (page cache, fragments,
the per-process routing cache), as after a publish. The budgets are exact, so a
change that adds a query fails here, each is at most 8, and they do not grow with
the content: each page is measured again after more posts and people have been
added."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.data import generate
from contacts.models import ContactDirectoryPage
from focusareas.models import FocusAreaIndexPage, FocusAreaPage, ProjectPage
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

#: Queries per page, cold. Every page: the site with its settings, the page's
#: frame (the route's pages, the menu, the language versions, the footer's
#: pages, the view restrictions: home/frame.py) and the page's own row with
#: what it shows joined in. Then, for the home page: the featured focus areas,
#: their renditions, the latest news, their renditions, and the newsletter
#: form's choices (one union); for the news index: the filter choices (one
#: union), the page of posts with their count, their renditions and their
#: topics (one union); for a post: its topics, its neighbours, the related
#: posts and their renditions; for a focus area: its projects, project leads
#: and news, one query for all their renditions, and its municipalities.
BUDGETS = {
    "home": 8,
    "news index": 7,
    "news index p.2": 7,
    "news post": 7,  # its related posts are cards with pictures: one more query
    "focus area": 8,
    "focus area index": 5,
    "project": 4,
    "standard page": 3,
    "contact directory": 5,
    "home (en)": 7,
    # Its translation shares the Danish post's focus areas: related posts too.
    "news post (en)": 7,
}


def urls() -> dict[str, str]:
    da = {"locale__language_code": "da"}
    en = {"locale__language_code": "en"}
    news_index = NewsIndexPage.objects.live().get(**da).url
    return {
        "home": "/",
        "news index": news_index,
        "news index p.2": f"{news_index}?page=2",
        "news post": NewsPage.objects.live().filter(**da).order_by("-date")[0].url,
        "focus area": FocusAreaPage.objects.live().filter(**da).first().url,
        "focus area index": FocusAreaIndexPage.objects.live().get(**da).url,
        "project": ProjectPage.objects.live().filter(**da).first().url,
        "standard page": StandardPage.objects.live().filter(**da).first().url,
        "contact directory": ContactDirectoryPage.objects.live().get(**da).url,
        "home (en)": "/en/",
        "news post (en)": NewsPage.objects.live().filter(**en).order_by("-date")[0].url,
    }


def cold_queries(client, url: str) -> CaptureQueriesContext:
    client.get(url)  # Wagtail's own per-site lookups settle on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return queries


def test_every_page_keeps_its_query_budget_cold_whatever_the_amount_of_content(
    client, demo_content, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    addresses = urls()

    few = {name: len(cold_queries(client, url)) for name, url in addresses.items()}
    generate(news_posts=60, people=60)
    many = {name: len(cold_queries(client, url)) for name, url in addresses.items()}

    assert (few, many) == (BUDGETS, BUDGETS)


@pytest.mark.parametrize("number, budget", [("50", 8), ("0", 7), ("-1", 7)])
def test_a_page_past_the_end_of_the_news_is_the_last_page_within_eight_queries(
    client, demo_content, settings, number, budget
):
    """Django's answer (the last page), its posts and count read backwards in one
    query, after the page asked for was found empty (none is asked below 1). Kept
    out of BUDGETS: whether the last page has pictures, and so a renditions
    query, depends on which posts it holds."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    index = NewsIndexPage.objects.live().get(locale__language_code="da")
    queries = len(cold_queries(client, f"{index.url}?page={number}"))
    last = client.get(f"{index.url}?page={number}").context["posts"]
    expected = list(index.get_posts()[(last.paginator.num_pages - 1) * 12 :])
    assert last.number == last.paginator.num_pages > 1
    assert last.paginator.count == index.get_posts().count()
    assert list(last) == expected
    assert queries == budget

"""How many SQL queries a page costs cold: every cache off (page cache, fragments,
the per-process routing cache), as after a publish. The budgets are exact, so a
change that adds a query fails here, and they hold for 2,000 posts as for 20:
each page is measured again after the bench data has been added."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.data import generate
from contacts.models import ContactDirectoryPage
from focusareas.models import FocusAreaPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

#: Queries per page, cold. What they are, for the home page: the site, the page
#: (its locale and hero image joined), the view restrictions, the site settings,
#: the language versions, the menu, the featured focus areas and the latest news
#: (each with one query for all their renditions), the newsletter form's focus
#: areas and municipalities, and the footer's links.
BUDGETS = {
    "home": 13,
    "news index": 18,
    "news index p.2": 18,
    "news post": 18,  # its related posts are cards with pictures: one more query
    "focus area": 15,
    "contact directory": 12,
    "home (en)": 13,
    # Its translation shares the Danish post's focus areas: related posts too.
    "news post (en)": 18,
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

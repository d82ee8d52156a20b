"""{% latest_news %}: the newest posts for pages outside the news index."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load news_tags %}{% latest_news 2 as posts %}"
    "{% for post in posts %}"
    '{% include "news/includes/news_card.html" with post=post heading_tag="h3" %}'
    "{% endfor %}"
)


def render(page) -> str:
    request = RequestFactory().get("/")
    return TEMPLATE.render(Context({"page": page, "request": request}))


def test_shows_the_newest_live_posts_in_the_pages_language(homes, make_post):
    make_post(title="Ældst", date=datetime.date(2021, 1, 1))
    make_post(title="Midt", date=datetime.date(2022, 1, 1))
    make_post(title="Nyest", date=datetime.date(2023, 1, 1))
    make_post(title="Kladde", date=datetime.date(2024, 1, 1), live=False)
    english = NewsIndexPageFactory(parent=homes["en"], slug="news")
    make_post(parent=english, title="English", date=datetime.date(2025, 1, 1))

    danish = render(homes["da"])

    assert "<h3><a" in danish
    assert danish.index("Nyest") < danish.index("Midt")
    assert "Ældst" not in danish and "Kladde" not in danish
    assert "English" not in danish
    assert "English" in render(homes["en"])


def test_query_count_does_not_grow_with_the_number_shown(
    homes, make_post, django_assert_max_num_queries
):
    for day in range(1, 8):
        make_post(date=datetime.date(2024, 1, day), tags=["festival"])
    template = Template(
        "{% load news_tags %}{% latest_news 6 as posts %}"
        "{% for post in posts %}"
        '{% include "news/includes/news_card.html" with post=post %}'
        "{% endfor %}"
    )
    request = RequestFactory().get("/")

    with django_assert_max_num_queries(6):
        html = template.render(Context({"page": homes["da"], "request": request}))

    assert html.count("<h2>") == 6

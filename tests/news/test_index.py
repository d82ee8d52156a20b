"""The news index as a visitor sees it: listing, pagination, filters, bad input."""

import datetime
import html

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import NewsIndexPageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [post.title for post in response.context["posts"]]


def test_lists_live_public_posts_of_the_index_newest_first(client, homes, make_post):
    make_post(title="Gammel", date=datetime.date(2021, 1, 13))
    make_post(title="Ny", date=datetime.date(2025, 3, 1))
    make_post(title="Kladde", live=False)
    private = make_post(title="Privat")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="hemmelig"
    )
    english_index = NewsIndexPageFactory(parent=homes["en"], title="News", slug="news")
    make_post(parent=english_index, title="English post")

    response = client.get("/nyheder/")

    assert response.status_code == 200
    assert titles(response) == ["Ny", "Gammel"]
    content = response.content.decode()
    assert '<time datetime="2021-01-13">13. januar 2021</time>' in content
    assert content.count("<h1") == 1
    assert titles(client.get("/en/news/")) == ["English post"]


def test_paginates_twelve_posts_a_page(client, make_post):
    for day in range(1, 15):
        make_post(title=f"Nyhed {day:02}", date=datetime.date(2024, 1, day))

    first = client.get("/nyheder/")
    second = client.get("/nyheder/?page=2")

    assert titles(first) == [f"Nyhed {day:02}" for day in range(14, 2, -1)]
    assert titles(second) == ["Nyhed 02", "Nyhed 01"]
    assert 'href="?page=2"' in first.content.decode()
    assert 'aria-current="page"' in second.content.decode()


def test_a_long_listing_links_the_pages_near_the_current_one_and_both_ends(
    client, make_post
):
    for day in range(120):  # ten pages
        make_post(date=datetime.date(2024, 1, 1) + datetime.timedelta(day))

    fifth = client.get("/nyheder/", {"page": 5}).content.decode()
    first = client.get("/nyheder/").content.decode()

    def linked(content):
        return [n for n in range(1, 11) if f'href="?page={n}">Side {n}</a>' in content]

    assert linked(fifth) == [1, 2, 3, 4, 6, 7, 10]
    assert '<span aria-current="page">Side 5</span>' in fifth
    assert fifth.count('<span class="ellipsis">…</span>') == 1
    assert linked(first) == [2, 3, 10]
    assert first.count('<span class="ellipsis">…</span>') == 1


@pytest.mark.parametrize(
    "page, expected_number",
    [("abc", 1), ("", 1), ("99999", 2), ("0", 2), ("-3", 2), ("1.5", 1)],
)
def test_bad_page_numbers_fall_back_to_a_real_page(
    client, make_post, page, expected_number
):
    for day in range(1, 15):
        make_post(date=datetime.date(2024, 1, day))

    response = client.get("/nyheder/", {"page": page})

    assert response.status_code == 200
    assert response.context["posts"].number == expected_number


def test_filters_by_focus_area_municipality_tag_and_year(
    client, make_post, focus_areas, municipalities
):
    musik, unge = focus_areas["musik"], focus_areas["ungekultur"]
    roskilde, koge = municipalities["roskilde"], municipalities["koge"]
    make_post(
        title="Festival i Roskilde",
        date=datetime.date(2024, 6, 1),
        tags=["festival"],
        focus_areas=[musik],
        municipalities=[roskilde],
    )
    make_post(
        title="Festival i Køge 2023",
        date=datetime.date(2023, 6, 1),
        tags=["festival"],
        focus_areas=[musik],
        municipalities=[koge],
    )
    make_post(
        title="Ungeråd",
        date=datetime.date(2024, 2, 1),
        tags=["raad"],
        focus_areas=[unge],
        municipalities=[roskilde],
    )

    assert titles(client.get("/nyheder/?focus_area=musik")) == [
        "Festival i Roskilde",
        "Festival i Køge 2023",
    ]
    assert titles(client.get("/nyheder/?municipality=roskilde")) == [
        "Festival i Roskilde",
        "Ungeråd",
    ]
    assert titles(client.get("/nyheder/?tag=raad")) == ["Ungeråd"]
    assert titles(client.get("/nyheder/?year=2023")) == ["Festival i Køge 2023"]
    combined = client.get(
        "/nyheder/?focus_area=musik&municipality=roskilde&tag=festival&year=2024"
    )
    assert titles(combined) == ["Festival i Roskilde"]
    assert titles(client.get("/nyheder/?year=2022")) == []


def test_pagination_links_keep_the_filters(client, make_post):
    for day in range(1, 15):
        make_post(date=datetime.date(2024, 1, day), tags=["festival"])
    make_post(date=datetime.date(2024, 2, 1))

    response = client.get("/nyheder/?tag=festival&year=2024&page=2")

    assert response.context["paginator"].count == 14
    assert response.context["posts"].number == 2
    assert 'href="?tag=festival&amp;year=2024&amp;page=1"' in (
        response.content.decode()
    )


def test_filter_form_has_a_label_for_every_field(client, make_post, focus_areas):
    make_post(tags=["festival"], focus_areas=[focus_areas["musik"]])

    content = client.get("/nyheder/").content.decode()

    assert 'method="get"' in content
    for name in ("focus_area", "municipality", "tag", "year"):
        assert f'<label for="id_{name}">' in content
        assert f'name="{name}"' in content
    assert '<option value="musik">Musik</option>' in content
    assert '<option value="festival">festival</option>' in content
    assert '<option value="2024">2024</option>' in content


@pytest.mark.parametrize(
    "query, field",
    [
        ("tag=findes-ikke", "tag"),
        ("municipality=atlantis", "municipality"),
        ("focus_area=ukendt", "focus_area"),
        ("year=abc", "year"),
        ("year=99999999999999999999", "year"),
        ("year=<script>", "year"),
    ],
)
def test_invalid_filters_are_explained_and_left_out(client, make_post, query, field):
    make_post(title="Den eneste", tags=["festival"])

    response = client.get(f"/nyheder/?{query}&page=abc")

    assert response.status_code == 200
    errors = response.context["filter_form"].errors[field]
    content = response.content.decode()
    assert html.escape(errors[0]) in content
    assert 'class="message"' in content
    assert "<script>" not in content.split("<main", 1)[1]
    assert titles(response) == ["Den eneste"]


def test_unknown_filter_keeps_the_valid_ones(client, make_post):
    make_post(title="2024", date=datetime.date(2024, 1, 1))
    make_post(title="2023", date=datetime.date(2023, 1, 1))

    response = client.get("/nyheder/?year=2023&tag=nope")

    assert titles(response) == ["2023"]
    assert "tag=nope" not in response.content.decode()


def test_head_links_to_the_feeds_with_the_filters(client, make_post):
    make_post(tags=["festival"])

    content = client.get("/nyheder/?tag=festival").content.decode()
    head = content.split("</head>", 1)[0]

    assert (
        '<link rel="alternate" type="application/rss+xml"' in head
        and 'href="/nyheder/rss/?tag=festival"' in head
    )
    assert 'type="application/atom+xml"' in head
    assert 'href="/nyheder/atom/?tag=festival"' in head


def _make_posts(make_post, focus_areas, municipalities, count: int) -> None:
    author = PersonFactory()
    for number in range(count):
        make_post(
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            author=author if number % 2 else PersonFactory(),
            image=wagtail_factories.ImageFactory(),
            image_alt_text="En koncert",
            tags=[f"tag-{number}", "festival"],
            focus_areas=list(focus_areas.values()),
            municipalities=list(municipalities.values()),
        )


def _count_queries(client, url: str) -> int:
    client.get(url)  # draws the renditions on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?tag=festival&page=2"])
def test_listing_runs_the_same_number_of_queries_for_10_and_60_posts(
    client, make_post, focus_areas, municipalities, django_assert_num_queries, query
):
    url = f"/nyheder/{query}"
    _make_posts(make_post, focus_areas, municipalities, 10)
    if query:
        _make_posts(make_post, focus_areas, municipalities, 4)
    with_few = _count_queries(client, url)

    _make_posts(make_post, focus_areas, municipalities, 50)
    client.get(url)
    with django_assert_num_queries(with_few):
        response = client.get(url)

    assert len(response.context["posts"]) == 12
    assert with_few < 30

"""The search answers follow publishing, unpublishing, editing and deleting.

Run on both databases; on PostgreSQL the results are read from Wagtail's index
through the site's own queries (search/backends/postgres.py).
"""

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict

from tests.factories import NewsPageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result h3")]


def counts(response) -> dict[str, str]:
    """Type key ("" for all types) -> the count shown."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        QueryDict(a["href"].split("?", 1)[1]).get("type", ""): a.select_one(
            ".count"
        ).get_text(strip=True)
        for a in soup.select(".search-types a")
    }


@pytest.fixture
def published(news_indexes):
    post = NewsPageFactory.build(
        title="Koncertsal åbner", lead="Byens nye koncertsal åbner til sommer."
    )
    news_indexes["da"].add_child(instance=post)
    post.save_revision().publish()
    return post


def test_a_published_page_is_found_and_counted(client, published):
    response = client.get("/search/", {"q": "koncertsal"})

    assert titles(response) == ["Koncertsal åbner"]
    assert counts(response) == {"": "(1)", "news.newspage": "(1)"}


def test_an_unpublished_page_is_no_longer_found(client, published):
    published.unpublish()

    response = client.get("/search/", {"q": "koncertsal"})

    assert response.status_code == 200
    assert titles(response) == []
    assert counts(response) == {}


def test_a_deleted_page_is_no_longer_found(client, published):
    published.delete()

    response = client.get("/search/", {"q": "koncertsal"})

    assert response.status_code == 200
    assert titles(response) == []


def test_an_edited_page_is_found_by_its_new_words_only(client, published):
    published.title = "Musikhus åbner"
    published.lead = "Byens nye musikhus åbner til sommer."
    published.save_revision().publish()

    assert titles(client.get("/search/", {"q": "musikhus"})) == ["Musikhus åbner"]
    assert titles(client.get("/search/", {"q": "koncertsal"})) == []


def test_a_deleted_person_is_no_longer_found(client, db):
    person = PersonFactory(name="Ida Kulturvig", job_title="Konsulent")
    assert titles(client.get("/search/", {"q": "Kulturvig"})) == ["Ida Kulturvig"]

    person.delete()

    assert titles(client.get("/search/", {"q": "Kulturvig"})) == []


def test_every_word_must_match_in_the_title_or_the_body(client, news_indexes):
    for title, lead in [
        ("Jazz i parken", "Koncert hele dagen."),
        ("Jazz på biblioteket", "Oplæsning om eftermiddagen."),
    ]:
        NewsPageFactory(parent=news_indexes["da"], title=title, lead=lead)

    response = client.get("/search/", {"q": "jazz koncert"})

    assert titles(response) == ["Jazz i parken"]


def test_title_matches_rank_above_body_matches(client, news_indexes):
    NewsPageFactory(
        parent=news_indexes["da"],
        title="Sommerens program",
        lead="Der er også en udstilling om keramik.",
    )
    NewsPageFactory(
        parent=news_indexes["da"], title="Keramik", lead="En ny udstilling."
    )

    response = client.get("/search/", {"q": "keramik"})

    assert titles(response) == ["Keramik", "Sommerens program"]


def test_ranked_results_are_paged_without_gaps_or_repeats(client, news_indexes):
    for number in range(23):
        NewsPageFactory(
            parent=news_indexes["da"],
            title=f"Værksted {number}",
            lead="værksted " * (number % 5 + 1),
        )

    pages = [
        titles(client.get("/search/", {"q": "værksted", "page": page}))
        for page in (1, 2, 3)
    ]

    assert [len(page) for page in pages] == [10, 10, 3]
    assert len({title for page in pages for title in page}) == 23

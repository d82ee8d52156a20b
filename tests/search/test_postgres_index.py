"""The site's own reading of Wagtail's search index on PostgreSQL."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection

from search.models import SearchDocument
from tests.factories import NewsPageFactory, StandardPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL full-text search; run with DATABASE_URL=postgres://...",
    ),
]


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result h3")]


def test_the_search_documents_are_gin_indexed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_gin'"
        )
        (definition,) = cursor.fetchone()

    assert "USING gin (document) WITH (fastupdate=off)" in definition


def document_words(page) -> str:
    documents = SearchDocument.objects.filter(object_id=page.pk)
    return " ".join(str(document.document) for document in documents)


def test_a_page_has_one_document_in_its_language_while_it_exists(homes, locales):
    page = StandardPageFactory(
        parent=homes["en"], title="Libraries", intro="Reading festivals."
    )
    (document,) = SearchDocument.objects.filter(object_id=page.pk)
    assert document.locale == locales["en"]
    assert "'librari'" in document_words(page)  # English stems

    page.title = "Museums"
    page.save_revision().publish()
    assert "'museum'" in document_words(page)
    assert "'librari'" not in document_words(page)

    page.delete()
    assert not SearchDocument.objects.filter(object_id=page.pk).exists()


def test_update_index_rebuilds_the_documents(homes):
    page = StandardPageFactory(parent=homes["da"], title="Kulturaftale")
    SearchDocument.objects.all().delete()
    SearchDocument.objects.create(
        content_type_id=page.content_type_id, object_id=10**9, document=""
    )

    call_command("update_index", stdout=io.StringIO())

    assert "'kulturaftal'" in document_words(page)
    assert not SearchDocument.objects.filter(object_id=10**9).exists()


def test_stop_words_in_the_query_are_ignored(client, homes):
    """Each word was once required on its own, so a stop word ("og", "the")
    matched nothing and hid every result."""
    StandardPageFactory(
        parent=homes["da"],
        title="Musik og teater",
        intro="Kommunerne samarbejder om musik.",
    )
    StandardPageFactory(
        parent=homes["en"], title="The music of the city", intro="Concerts."
    )

    assert titles(client.get("/search/", {"q": "musik og teater"})) == [
        "Musik og teater"
    ]
    assert titles(client.get("/en/search/", {"q": "the music"})) == [
        "The music of the city"
    ]


def test_a_query_of_stop_words_only_finds_nothing_without_an_error(client, homes):
    StandardPageFactory(parent=homes["da"], title="Og så videre")

    response = client.get("/search/", {"q": "og i på"})

    assert response.status_code == 200
    assert titles(response) == []


def test_only_the_first_candidates_are_ranked_title_matches_first(
    client, news_indexes, monkeypatch
):
    """Beyond RANK_CANDIDATES, matches follow unranked: title matches first,
    then body matches, newest first; every match is still listed once."""
    from search.backends import postgres

    monkeypatch.setattr(postgres, "RANK_CANDIDATES", 2)
    for title, lead in [
        ("Orgel i domkirken", "Orgel orgel orgel."),  # the oldest
        ("Orgel og kor", "Koncert."),
        ("Kirkens orgel", "Orgel orgel."),
        ("Sommerkoncert", "Med orgel."),  # body only, the newest
    ]:
        NewsPageFactory(parent=news_indexes["da"], title=title, lead=lead)

    assert titles(client.get("/search/", {"q": "orgel"})) == [
        "Kirkens orgel",  # ranked: the two newest title matches
        "Orgel og kor",
        "Orgel i domkirken",  # then unranked: the older title match...
        "Sommerkoncert",  # ...before the body-only match
    ]

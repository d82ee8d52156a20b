"""Language-aware stemming: PostgreSQL only (SQLite FTS5 has no stemmers)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from tests.factories import StandardPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Stemming needs PostgreSQL full-text search; run with "
        "DATABASE_URL=postgres://... to include these tests.",
    ),
]


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result h3")]


@pytest.fixture
def stemming_pages(homes) -> None:
    StandardPageFactory(
        parent=homes["da"],
        title="Aftalen med staten",
        intro="En kulturaftale giver hver kommune midler til kunst.",
    )
    StandardPageFactory(
        parent=homes["en"],
        title="Reading in the suburbs",
        intro="Every library in the region joins the reading festival.",
    )
    StandardPageFactory(
        parent=homes["sv"],
        title="Avtalet med staten",
        intro="Varje kommun får stöd genom ett kulturavtal.",
    )


@pytest.mark.parametrize("query", ["kulturaftaler", "kommunerne", "Kulturaftalen"])
def test_danish_words_are_stemmed_as_danish(client, stemming_pages, query):
    assert titles(client.get("/search/", {"q": query})) == ["Aftalen med staten"]


def test_english_words_are_stemmed_as_english(client, stemming_pages):
    # The Danish stemmer keeps "libraries" and "library" apart.
    response = client.get("/en/search/", {"q": "libraries"})

    assert titles(response) == ["Reading in the suburbs"]


def test_swedish_words_are_stemmed_as_swedish(client, stemming_pages):
    # The Danish stemmer keeps "kommunerna" apart from "kommun".
    response = client.get("/sv/search/", {"q": "kommunerna kulturavtalen"})

    assert titles(response) == ["Avtalet med staten"]

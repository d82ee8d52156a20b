import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result h3")]


def test_results_are_limited_to_the_current_language(client, content):
    danish = client.get("/search/", {"q": "kulturaftale"})
    english = client.get("/en/search/", {"q": "agreement"})

    assert "Ny kulturaftale underskrevet" in result_titles(danish)
    assert "New culture agreement signed" not in result_titles(danish)
    assert result_titles(english) == ["New culture agreement signed"]


def test_english_query_does_not_find_danish_pages(client, content):
    response = client.get("/en/search/", {"q": "kulturaftale"})

    assert response.status_code == 200
    assert result_titles(response) == []

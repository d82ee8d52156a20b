import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result h3")]


def test_promoted_result_comes_first_in_its_language_only(client, content):
    query = Query.get("kulturaftale")
    SearchPromotion.objects.create(
        query=query, page=content["da_area"], description="Læs om børn og unge."
    )
    SearchPromotion.objects.create(query=query, page=content["en_news"])

    danish = client.get("/search/", {"q": "Kulturaftale"})
    english = client.get("/en/search/", {"q": "kulturaftale"})

    assert titles(danish)[0] == "Børn og unge"
    assert "Læs om børn og unge." in danish.content.decode()
    assert "New culture agreement signed" not in titles(danish)
    assert titles(english)[0] == "New culture agreement signed"
    assert "Børn og unge" not in titles(english)


def test_promoted_page_is_not_repeated_among_the_results(client, content):
    SearchPromotion.objects.create(
        query=Query.get("kulturaftale"), page=content["da_news"]
    )

    response = client.get("/search/", {"q": "kulturaftale"})

    assert titles(response).count("Ny kulturaftale underskrevet") == 1
    assert titles(response)[0] == "Ny kulturaftale underskrevet"


def test_searches_are_logged_once_per_search_and_old_hits_pruned(client, content):
    client.get("/search/", {"q": "Kulturaftale"})
    client.get("/search/", {"q": "kulturaftale ", "page": 2})
    client.get("/search/", {"q": "?!"})

    assert Query.objects.get(query_string="kulturaftale").hits == 1
    assert not Query.objects.filter(query_string="?!").exists()

    old = Query.get("gammel søgning")
    old.add_hit(date=timezone.localdate() - timezone.timedelta(days=400))
    call_command("searchpromotions_garbage_collect")

    assert not QueryDailyHits.objects.filter(query=old).exists()
    assert not Query.objects.filter(query_string="gammel søgning").exists()
    assert Query.objects.get(query_string="kulturaftale").hits == 1


def test_suggestions_offer_titles_of_the_current_language(client, content):
    danish = client.get("/search/suggest/", {"q": "kultur"}).json()
    english = client.get("/en/search/suggest/", {"q": "cult"}).json()
    empty = client.get("/en/search/suggest/", {"q": "%%"}).json()

    assert "Ny kulturaftale underskrevet" in [s["title"] for s in danish["suggestions"]]
    assert [s["title"] for s in english["suggestions"]] == [
        "New culture agreement signed"
    ]
    assert english["suggestions"][0]["url"].startswith("/en/")
    assert empty == {"suggestions": []}


def test_search_page_works_without_javascript(client, content):
    """The form is a plain GET form; the script only adds suggestions."""
    response = client.get("/en/search/", {"q": "agreement"})
    soup = BeautifulSoup(response.content, "html.parser")

    form = soup.select_one("main form[role=search]")
    assert form["method"] == "get"
    assert form.select_one("input[name=q]")["value"] == "agreement"
    assert soup.select_one("script[src$='search-autocomplete.js']").has_attr("defer")
    assert not [s for s in soup.select("script") if not s.has_attr("src")]

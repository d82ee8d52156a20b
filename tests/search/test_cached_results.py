"""Search results rendered once per address until the next publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from tests.factories import NewsPageFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


def search(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), captured.captured_queries


def test_a_repeated_search_is_not_searched_again_but_still_counted(client, content):
    first_html, _ = search(client, "/search/?q=kulturaftale")
    second_html, second_queries = search(client, "/search/?q=kulturaftale")

    assert second_html == first_html
    assert "Ny kulturaftale underskrevet" in second_html
    searched = [
        q["sql"] for q in second_queries if "wagtailsearchpromotions" not in q["sql"]
    ]
    assert searched == []
    hits = QueryDailyHits.objects.get(query=Query.get("kulturaftale")).hits
    assert hits == 2


def test_a_published_page_is_found_by_the_next_search(client, content, news_indexes):
    html, _ = search(client, "/search/?q=kulturaftale")
    assert "kulturaftale fejres" not in html

    post = NewsPageFactory.build(title="Ny kulturaftale fejres i Roskilde")
    news_indexes["da"].add_child(instance=post)
    post.save_revision().publish()

    html, _ = search(client, "/search/?q=kulturaftale")
    assert "Ny kulturaftale fejres i Roskilde" in html


def test_an_edited_person_is_found_by_the_next_search(client, content):
    search(client, "/search/?q=Kulturvig")
    PersonFactory(name="Jonas Kulturvig", job_title="Rådgiver")

    html, _ = search(client, "/search/?q=Kulturvig")

    assert "Jonas Kulturvig" in html


def test_type_filters_and_languages_are_cached_apart(client, content):
    everything, _ = search(client, "/search/?q=kulturaftale")
    people, _ = search(client, "/search/?q=Kulturvig&type=contacts.person")
    english, _ = search(client, "/en/search/?q=agreement")

    assert "Ny kulturaftale underskrevet" in everything
    assert "Mette Kulturvig" in people
    assert "Ny kulturaftale underskrevet" not in people
    assert "New culture agreement signed" in english
    assert "Ny kulturaftale" not in english


def test_a_finished_indexing_task_drops_the_cached_results(client, content):
    """Pages are indexed by a background task after the publish: its end drops
    the results rendered from the index before it."""
    from types import SimpleNamespace

    from search.invalidation import index_updated

    search(client, "/search/?q=kulturaftale")
    _, cached_queries = search(client, "/search/?q=kulturaftale")
    indexing = SimpleNamespace(
        task=SimpleNamespace(
            module_path="modelsearch.tasks.insert_or_update_object_task"
        )
    )

    index_updated(None, task_result=indexing)
    _, queries = search(client, "/search/?q=kulturaftale")

    assert len(queries) > len(cached_queries)

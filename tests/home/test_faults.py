from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

DATABASE_DOWN = mock.patch(
    "django.db.backends.utils.CursorWrapper.execute",
    side_effect=OperationalError("could not connect to server: Connection refused"),
)


@pytest.mark.parametrize("url", ["/", "/en/", "/search/?q=kultur"])
def test_database_outage_answers_503_with_a_friendly_page(client: Client, url):
    with DATABASE_DOWN:
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "midlertidigt" in response.content.decode() or url.startswith("/en/")


def test_english_outage_page_is_english(client: Client):
    with DATABASE_DOWN:
        response = client.get("/en/")

    assert "briefly unavailable" in response.content.decode()


def test_site_and_healthz_recover_when_the_database_returns(client: Client):
    with DATABASE_DOWN:
        assert client.get("/healthz").status_code == 503
        assert client.get("/").status_code == 503

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_database_outage_is_the_503_page_with_the_routing_cache_on(
    client: Client, fragment_cache, url
):
    with DATABASE_DOWN:
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"

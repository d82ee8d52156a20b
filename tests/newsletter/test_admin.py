"""The secretariat's subscriber admin: listing, filters, search, export, erasure."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter.models import Subscriber
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/newsletter/subscribers/"


@pytest.fixture
def subscribers(locales):
    koge = MunicipalityFactory(name="Roskilde")
    anna = Subscriber.objects.create(
        email="anna@example.org", status="confirmed", language="da"
    )
    anna.municipalities.add(koge)
    Subscriber.objects.create(email="bo@example.org", status="pending", language="en")
    Subscriber.objects.create(
        email="cecilia@example.org", status="unsubscribed", language="sv"
    )
    return {"koge": koge, "anna": anna}


def listed(response) -> set[str]:
    html = response.content.decode()
    return {
        email
        for email in ("anna@example.org", "bo@example.org", "cecilia@example.org")
        if email in html
    }


def test_filters_and_search(client, secretariat, subscribers):
    client.force_login(secretariat)

    assert listed(client.get(INDEX)) == {
        "anna@example.org",
        "bo@example.org",
        "cecilia@example.org",
    }
    assert listed(client.get(INDEX, {"status": "pending"})) == {"bo@example.org"}
    assert listed(client.get(INDEX, {"language": "sv"})) == {"cecilia@example.org"}
    koge = subscribers["koge"].pk
    assert listed(client.get(INDEX, {"municipalities": koge})) == {"anna@example.org"}
    assert listed(client.get(INDEX, {"q": "cecil"})) == {"cecilia@example.org"}


def test_csv_and_xlsx_export(client, secretariat, subscribers):
    client.force_login(secretariat)

    csv = client.get(INDEX, {"export": "csv", "status": "confirmed"})
    xlsx = client.get(INDEX, {"export": "xlsx"})

    body = b"".join(csv.streaming_content).decode()
    assert csv.status_code == 200
    assert "anna@example.org" in body
    assert "bo@example.org" not in body
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_erasure_on_request(client, secretariat, subscribers):
    client.force_login(secretariat)
    anna = subscribers["anna"]

    response = client.post(f"{INDEX}delete/{anna.pk}/")

    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="anna@example.org").exists()


def test_listing_queries_do_not_grow_with_subscribers(client, secretariat, locales):
    client.force_login(secretariat)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"s{n}@example.org", unsubscribe_token=f"t{n}")
        for n in range(10)
    )
    client.get(INDEX)  # warm up per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"m{n}@example.org", unsubscribe_token=f"u{n}")
        for n in range(50)
    )
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)

    assert len(many) == len(few)


def test_dashboard_shows_counts(client, secretariat, subscribers):
    client.force_login(secretariat)

    html = client.get("/admin/").content.decode()

    assert "Newsletter subscribers" in html
    assert "newsletter-subscribers" in html


def test_editor_without_permission_cannot_list_subscribers(
    client, municipal_editor, subscribers
):
    client.force_login(municipal_editor)

    response = client.get(INDEX)

    assert response.status_code in (302, 403)
    assert "anna@example.org" not in response.content.decode()

"""The admin's flat listing of news posts."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_editors_see_every_post_newest_first_with_date_and_author(
    admin_client, make_post, author
):
    make_post(title="Gammel post", date=datetime.date(2021, 1, 13), author=author)
    make_post(title="Ny post", date=datetime.date(2025, 1, 15))

    response = admin_client.get("/admin/news_posts/")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Ny post") < content.index("Gammel post")
    assert "Mette Sørensen" in content
    oldest_first = admin_client.get("/admin/news_posts/?ordering=date")
    assert oldest_first.content.decode().index("Gammel post") < (
        oldest_first.content.decode().index("Ny post")
    )


def test_listing_never_fails_on_bad_filter_values(admin_client, make_post):
    make_post(title="Eneste post")

    response = admin_client.get(
        "/admin/news_posts/?locale=xx&owner_municipality=abc&date=ikke-en-dato"
        "&ordering=nonsense"
    )

    assert 200 <= response.status_code < 500

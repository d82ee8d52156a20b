"""RSS 2.0 and Atom feeds under the news index: /nyheder/rss/ and /nyheder/atom/."""

import datetime
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def atom_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_rss_has_the_newest_twenty_live_posts(client, make_post, author):
    for day in range(1, 26):
        make_post(
            title=f"Nyhed {day:02}",
            date=datetime.date(2024, 3, day),
            lead=f"Resumé {day}",
            author=author,
            tags=["festival"],
        )
    make_post(title="Kladde", date=datetime.date(2024, 4, 1), live=False)

    response = client.get("/nyheder/rss/")

    items = rss_items(response)
    assert [item.findtext("title") for item in items] == [
        f"Nyhed {day:02}" for day in range(25, 5, -1)
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver/nyheder/nyhed-25/"
    assert first.findtext("description") == "Resumé 25"
    assert first.findtext("pubDate").startswith("Mon, 25 Mar 2024")
    assert first.findtext("category") == "festival"
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "da"
    assert channel.findtext("link") == "http://testserver/nyheder/"


def test_atom_feed_lists_the_same_posts(client, make_post, author):
    make_post(title="Ældre", date=datetime.date(2022, 1, 1), author=author)
    make_post(title="Nyere", date=datetime.date(2023, 1, 1))

    entries = atom_entries(client.get("/nyheder/atom/"))

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Nyere",
        "Ældre",
    ]
    assert entries[1].find(f"{ATOM}author").findtext(f"{ATOM}name") == (
        "Mette Sørensen"
    )
    assert entries[0].find(f"{ATOM}link").get("href") == (
        "http://testserver/nyheder/nyere/"
    )


def test_feeds_apply_the_index_filters(client, make_post, focus_areas, municipalities):
    make_post(
        title="Musik i Køge",
        date=datetime.date(2024, 1, 1),
        tags=["festival"],
        focus_areas=[focus_areas["musik"]],
        municipalities=[municipalities["koge"]],
    )
    make_post(title="Andet", date=datetime.date(2024, 2, 1), tags=["andet"])
    make_post(
        title="Musik 2023",
        date=datetime.date(2023, 1, 1),
        focus_areas=[focus_areas["musik"]],
    )

    def rss_titles(query):
        return [
            i.findtext("title") for i in rss_items(client.get(f"/nyheder/rss/?{query}"))
        ]

    assert rss_titles("tag=festival") == ["Musik i Køge"]
    assert rss_titles("focus_area=musik") == ["Musik i Køge", "Musik 2023"]
    assert rss_titles("municipality=koge&year=2024") == ["Musik i Køge"]
    assert rss_titles("year=2023") == ["Musik 2023"]
    atom = atom_entries(client.get("/nyheder/atom/?focus_area=musik&year=2023"))
    assert [entry.findtext(f"{ATOM}title") for entry in atom] == ["Musik 2023"]


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999999999999999999999",
        "tag=findes-ikke",
        "focus_area=<x>",
        "page=abc",
    ],
)
def test_bad_filter_values_never_break_the_feeds(client, make_post, query):
    make_post(title="Den eneste")

    rss = rss_items(client.get(f"/nyheder/rss/?{query}"))
    atom = atom_entries(client.get(f"/nyheder/atom/?{query}"))

    assert [item.findtext("title") for item in rss] == ["Den eneste"]
    assert len(atom) == 1


def test_a_nul_character_in_a_feed_filter_is_a_translated_400(client, make_post):
    make_post(title="Den eneste")

    response = client.get("/nyheder/rss/?municipality=%00", HTTP_ACCEPT_LANGUAGE="da")

    assert response.status_code == 400
    assert "Forespørgslen kunne ikke læses" in response.content.decode()


def test_feed_of_an_empty_index_is_valid(client, news_index):
    assert rss_items(client.get("/nyheder/rss/")) == []
    assert atom_entries(client.get("/nyheder/atom/")) == []


def test_unknown_route_under_the_index_is_not_found(client, news_index):
    assert client.get("/nyheder/feed/").status_code == 404

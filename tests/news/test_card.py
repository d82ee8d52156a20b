"""A news post is one card wherever it is listed: same picture, date and lead."""

import datetime
import re

import pytest

pytestmark = pytest.mark.django_db


def card(html: str, title: str) -> str:
    """The card of the post called ``title``, its heading level and badges left out."""
    cards = re.finditer(r'<article class="card news-card">.*?</article>', html, re.S)
    for match in cards:
        if f">{title}</a>" in match.group(0):
            found = re.sub(r"<(/?)h[23]>", r"<\1h>", match.group(0))
            return re.sub(r'\s*<ul class="badges".*?</ul>', "", found, flags=re.S)
    raise AssertionError(f"no card for {title!r}")


def test_home_index_focus_area_and_related_posts_show_the_same_card(
    client, homes, make_post, focus_areas, image
):
    music = focus_areas["musik"]
    post = make_post(
        title="Koncert på havnen",
        lead="Byens orkester spiller på havnen en sommeraften.",
        date=datetime.date(2026, 6, 20),
        image=image,
        focus_areas=[music],
    )
    neighbour = make_post(title="Nabo", focus_areas=[music])

    cards = {
        "home": card(client.get(homes["da"].url).content.decode(), post.title),
        "index": card(client.get("/nyheder/").content.decode(), post.title),
        "focus area": card(client.get(music.url).content.decode(), post.title),
        "related": card(client.get(neighbour.url).content.decode(), post.title),
    }

    assert len(set(cards.values())) == 1, cards
    shown = cards["home"]
    assert "20. juni 2026" in shown and 'datetime="2026-06-20"' in shown
    assert "<picture>" in shown and "Byens orkester" in shown

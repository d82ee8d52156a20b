"""A news post as a visitor sees it."""

import datetime
import re

import pytest

from tests.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_shows_date_lead_author_and_main_image(client, make_post, image, author):
    post = make_post(
        title="Koncert",
        date=datetime.date(2021, 1, 13),
        lead="Et kort resumé.",
        author=author,
        image=image,
        image_alt_text="Publikum foran scenen",
        image_caption="Foto: Kulturmetropolen",
    )

    content = client.get(post.url).content.decode()

    assert '<time datetime="2021-01-13">13. januar 2021</time>' in content
    assert '<p class="lead">Et kort resumé.</p>' in content
    assert "Mette Sørensen" in content and "Kommunikationsansvarlig" in content
    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'alt="Publikum foran scenen"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "srcset=" in img and "1200w" in picture
    assert "<figcaption>Foto: Kulturmetropolen</figcaption>" in content


def test_image_without_alt_text_is_decorative(client, make_post, image):
    post = make_post(image=image, image_alt_text="")

    content = client.get(post.url).content.decode()

    img = re.search(r"<picture>.*?(<img [^>]*>)", content, re.S).group(1)
    assert 'alt=""' in img


def test_topics_link_to_the_filtered_index(
    client, make_post, focus_areas, municipalities
):
    post = make_post(
        tags=["festival"],
        focus_areas=[focus_areas["musik"]],
        municipalities=[municipalities["koge"]],
    )

    content = client.get(post.url).content.decode()

    assert '<a class="badge" href="/nyheder/?tag=festival">festival</a>' in content
    assert '<a class="badge" href="/nyheder/?focus_area=musik">Musik</a>' in content
    assert '<a class="badge" href="/nyheder/?municipality=koge">Køge</a>' in content
    filtered = client.get("/nyheder/?municipality=koge")
    assert [p.title for p in filtered.context["posts"]] == [post.title]


def test_previous_and_next_are_live_posts_of_the_same_index_by_date(
    client, homes, make_post
):
    oldest = make_post(title="Ældst", date=datetime.date(2021, 1, 1))
    make_post(title="Kladde", date=datetime.date(2021, 6, 1), live=False)
    middle = make_post(title="Midt", date=datetime.date(2022, 1, 1))
    same_day = make_post(title="Samme dag", date=datetime.date(2022, 1, 1))
    newest = make_post(title="Nyest", date=datetime.date(2023, 1, 1))
    english = NewsIndexPageFactory(parent=homes["en"], slug="news")
    make_post(parent=english, title="Other language", date=datetime.date(2021, 3, 1))

    def neighbours(post):
        context = client.get(post.url).context
        previous, following = context["previous_post"], context["next_post"]
        return (previous and previous.title, following and following.title)

    assert neighbours(oldest) == (None, "Midt")
    assert neighbours(middle) == ("Ældst", "Samme dag")
    assert neighbours(same_day) == ("Midt", "Nyest")
    assert neighbours(newest) == ("Samme dag", None)
    content = client.get(middle.url).content.decode()
    assert f'href="{oldest.url}" rel="prev"' in content
    assert f'href="{same_day.url}" rel="next"' in content


def test_related_posts_share_a_focus_area_or_tag(client, make_post, focus_areas):
    musik = focus_areas["musik"]
    post = make_post(title="Denne", tags=["festival"], focus_areas=[musik])
    make_post(title="Samme område", focus_areas=[musik])
    make_post(title="Samme tag", tags=["festival"])
    make_post(title="Begge dele", tags=["festival"], focus_areas=[musik])
    make_post(title="Endnu en", tags=["festival"], date=datetime.date(2020, 1, 1))
    make_post(title="Urelateret", tags=["andet"])
    make_post(title="Kladde", tags=["festival"], live=False)

    response = client.get(post.url)

    related = [p.title for p in response.context["related_posts"]]
    assert related[0] == "Begge dele"
    assert sorted(related) == sorted(["Begge dele", "Samme område", "Samme tag"])
    related_section = response.content.decode().split('id="related-heading"')[1]
    assert f'href="{post.url}"' not in related_section
    assert related_section.count("<h3>") == 3


def test_post_without_topics_has_no_related_posts(client, make_post):
    post = make_post()
    make_post()

    assert client.get(post.url).context["related_posts"] == []


def test_a_preview_shows_the_drafts_topics(make_post, focus_areas):
    post = make_post(title="Festival", focus_areas=[focus_areas["musik"]])
    draft = post.get_latest_revision_as_object()
    draft.focus_areas.set([focus_areas["ungekultur"]])

    response = draft.make_preview_request()

    html = response.render().content.decode()
    assert ">Ungekultur</a>" in html
    assert ">Musik</a>" not in html

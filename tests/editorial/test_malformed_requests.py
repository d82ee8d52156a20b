"""Hand-made or truncated admin requests, as found by test_admin_fuzz.py."""

import pytest
import wagtail_factories
from django.test import Client
from wagtail.models import Collection

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of(secretary):
    client = Client(raise_request_exception=False)
    client.force_login(secretary)
    return client


@pytest.fixture
def post(news_indexes, secretary):
    post = NewsPageFactory(parent=news_indexes["da"], title="Uændret")
    post.save_revision(user=secretary).publish()
    return post


def test_a_page_form_without_its_streamfield_count_is_a_400(client_of, post):
    response = client_of.post(
        f"/admin/pages/{post.pk}/edit/",
        {"title": "Ny titel", "slug": post.slug, "action-publish": "1"},
        HTTP_ACCEPT_LANGUAGE="da",
    )

    assert response.status_code == 400
    assert "Forespørgslen kunne ikke læses" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Uændret"
    assert post.revisions.count() == 1


def test_a_next_that_is_not_an_address_is_ignored(client_of):
    image = wagtail_factories.ImageFactory(
        collection=Collection.objects.get(name="Roskilde")
    )
    form = client_of.get(f"/admin/images/{image.pk}/")
    assert form.status_code == 200

    response = client_of.post(
        f"/admin/images/{image.pk}/?next=edit",
        {"title": "Domkirken", "collection": image.collection_id, "next": "edit"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/images/"
    image.refresh_from_db()
    assert image.title == "Domkirken"


@pytest.mark.parametrize("parent", ["", "abc", "2026-13-45", "999999", "9" * 30])
def test_a_copy_to_an_unknown_parent_is_a_400(client_of, post, parent):
    response = client_of.post(
        f"/admin/pages/{post.pk}/copy/",
        {"new_title": "Kopi", "new_slug": "kopi", "new_parent_page": parent},
    )

    assert response.status_code == 400
    assert not post.get_parent().get_children().filter(slug="kopi").exists()


@pytest.mark.parametrize("query", ['"', 'domkirke"n', '""'])
def test_admin_search_with_double_quotes_answers(client_of, query):
    wagtail_factories.ImageFactory(title="Domkirken")

    response = client_of.get("/admin/images/", {"q": query})

    assert response.status_code == 200


def test_a_nul_character_in_a_string_translation_is_a_400(
    client, translator, news_indexes, locales, secretary
):
    from urllib.parse import urlencode

    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    from tests.translations.conftest import translate_and_publish

    post = NewsPageFactory(parent=news_indexes["da"], title="Kulturnat")
    post.save_revision(user=secretary).publish()
    translate_and_publish(post, locales["sv"])
    translation = Translation.objects.get(
        source__object_id=post.translation_key, target_locale=locales["sv"]
    )
    segment = StringSegment.objects.filter(source=translation.source).first()
    client.force_login(translator)
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"

    response = client.put(
        url,
        urlencode({"value": "Kultur\x00natt"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    stored = StringTranslation.objects.values_list("data", flat=True)
    assert not [text for text in stored if "\x00" in text]

"""Snippets without drafts go live when saved, so translators cannot create them."""

import pytest
from django.urls import reverse

from contacts.models import Person
from tests.factories import PersonFactory
from tests.translations.test_approval import submit_for_translation

pytestmark = pytest.mark.django_db


def translate_person_url(person: Person) -> str:
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["contacts", "person", person.pk],
    )


def test_translator_cannot_put_a_person_translation_live(client, translator, locales):
    person = PersonFactory(job_title="Projektchef")
    client.force_login(translator)
    response = client.post(
        translate_person_url(person), {"locales": [locales["en"].id]}
    )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not Person.objects.filter(locale=locales["en"]).exists()


def test_secretariat_translates_a_person(client, secretary, locales):
    person = PersonFactory(job_title="Projektchef")
    client.force_login(secretary)
    response = client.post(
        translate_person_url(person), {"locales": [locales["en"].id]}
    )
    assert response.status_code == 302
    assert person.get_translation(locales["en"]).name == person.name


def test_translating_a_page_leaves_its_people_untranslated_for_translators(
    client, translator, news_post, locales
):
    author = PersonFactory(job_title="Kommunikationsansvarlig")
    news_post.author = author
    news_post.save_revision().publish()
    client.force_login(translator)
    response = submit_for_translation(client, news_post, locales["en"])
    assert response.status_code == 302
    english = news_post.get_translation(locales["en"])
    assert not english.live
    assert not Person.objects.filter(locale=locales["en"]).exists()
    assert english.specific.author == author

"""The demo content has published English and Swedish translations."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from contacts.models import Person
from focusareas.models import FocusAreaPage
from municipalities.models import Municipality
from news.models import NewsPage

pytestmark = pytest.mark.django_db


PATHS = {
    "en": [
        "/en/",
        "/en/about/",
        "/en/focus-areas/",
        "/en/focus-areas/music/",
        "/en/focus-areas/niche-culture/",
        "/en/contact/",
    ],
    "sv": [
        "/sv/",
        "/sv/om-oss/",
        "/sv/insatsomraden/",
        "/sv/insatsomraden/nischkultur/",
        "/sv/kontakt/",
    ],
}


def test_demo_translations(client, demo_content):
    """One demo load (it is slow) checked for everything the issue asks of it."""
    for language, paths in PATHS.items():
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert f'<html lang="{language}">' in response.content.decode()
        locale = Locale.objects.get(language_code=language)
        assert NewsPage.objects.live().filter(locale=locale).count() >= 3
        assert FocusAreaPage.objects.live().filter(locale=locale).count() == (
            FocusAreaPage.objects.live().filter(locale__language_code="da").count()
        )

    # Every string is translated, except people's names and phone numbers.
    for translation in Translation.objects.select_related("source"):
        if translation.source.specific_content_type.model_class() is Person:
            continue
        total, translated = translation.get_progress()
        assert translated == total, translation.source.object_repr

    html = client.get("/en/contact/").content.decode()
    assert "Project manager" in html
    assert "Projektchef" not in html

    english = FocusAreaPage.objects.get(slug="music", locale__language_code="en")
    leads = list(english.project_leads.all())
    assert leads and all(p.locale.language_code == "en" for p in leads)
    assert english.agreement_period.locale.language_code == "en"

    # Municipalities are translated, and translated posts and filters use them.
    ishoj = Municipality.objects.get(slug="ishoj", locale__language_code="sv")
    assert ishoj.name == "Ishøj"
    assert ishoj.description == (
        "Ishøj kommun är med i Kulturmetropolen och är ordförande för partnerskapet."
    )
    tagged = NewsPage.objects.filter(
        locale__language_code="en", municipalities__isnull=False
    ).distinct()
    assert tagged
    for post in tagged:
        assert {m.locale.language_code for m in post.municipalities.all()} == {"en"}
        html = client.get(post.url).content.decode()
        assert "?municipality=" in html
        slug = post.municipalities.first().slug
        listing = client.get(f"{post.get_parent().url}?municipality={slug}")
        assert post.title in listing.content.decode()


def test_demo_translations_are_idempotent(demo_content):
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages

"""Roles, workflow and a small translated tree for the translation tests.

Groups and workflow come from the editorial app (editorial/roles.py).
"""

import pytest
from django.contrib.auth.models import Group
from wagtail_localize.models import Translation, TranslationSource

from editorial import roles as editorial_roles
from tests.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def roles(homes):
    """The editorial app's groups and approval workflow (built after migrate)."""
    editorial_roles.ensure_roles()
    return {
        "secretariat": Group.objects.get(name=editorial_roles.SECRETARIAT),
        "translators": Group.objects.get(name=editorial_roles.TRANSLATORS),
    }


@pytest.fixture
def secretary(roles, django_user_model):
    user = django_user_model.objects.create_user(
        "sekretaer", "sekretaer@example.org", "pw"
    )
    user.groups.add(roles["secretariat"])
    return user


@pytest.fixture
def translator(roles, django_user_model):
    user = django_user_model.objects.create_user(
        "oversaetter", "oversaetter@example.org", "pw"
    )
    user.groups.add(roles["translators"])
    return user


def translate_and_publish(page, locale, texts: dict[str, str] | None = None):
    """Translates ``page`` into ``locale`` with wagtail-localize and publishes it.

    ``texts`` maps source strings to their translation; others keep the source text.
    """
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        if texts and segment.string.data in texts:
            segment.string.translations.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data": texts[segment.string.data]},
            )
    # save_target(publish=True) publishes on commit, which a test never reaches.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def news_index(homes, locales):
    """A Danish news index, translated into English and Swedish and live."""
    index = NewsIndexPageFactory(parent=homes["da"], title="Nyheder", slug="nyheder")
    translate_and_publish(index, locales["en"], {"Nyheder": "News", "nyheder": "news"})
    translate_and_publish(
        index, locales["sv"], {"Nyheder": "Nyheter", "nyheder": "nyheter"}
    )
    return index


@pytest.fixture
def news_post(news_index):
    return NewsPageFactory(
        parent=news_index,
        title="Ny festival i Køge",
        slug="ny-festival",
        lead="Festivalen samler kunstnere fra hele regionen.",
    )

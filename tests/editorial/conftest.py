import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from editorial.roles import EDITOR_PREFIX, SECRETARIAT, TRANSLATORS
from tests.factories import MunicipalityFactory, NewsIndexPageFactory

PASSWORD = "test-password-1234"  # noqa: S105


@pytest.fixture
def municipalities(locales) -> dict:
    """Roskilde and Køge in Danish and English, by slug (Danish ones)."""
    result = {}
    for slug, name in [("roskilde", "Roskilde"), ("koge", "Køge")]:
        danish = MunicipalityFactory(name=name, slug=slug)
        danish.copy_for_translation(locales["en"]).save()
        result[slug] = danish
    return result


@pytest.fixture
def news_indexes(homes) -> dict:
    """A live news index in the Danish and the English tree, by language code."""
    return {
        "da": NewsIndexPageFactory(parent=homes["da"], title="Nyheder", slug="nyheder"),
        "en": NewsIndexPageFactory(parent=homes["en"], title="News", slug="news"),
    }


@pytest.fixture
def make_user(db):
    def make(username: str, *groups: str, language: str = "da", **fields):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            **fields,
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return make


@pytest.fixture
def roskilde_editor(make_user, municipalities):
    return make_user("roskilde", f"{EDITOR_PREFIX}Roskilde")


@pytest.fixture
def koge_editor(make_user, municipalities):
    return make_user("koge", f"{EDITOR_PREFIX}Køge")


@pytest.fixture
def secretary(make_user, municipalities):
    return make_user("sekretaer", SECRETARIAT, language="en")


@pytest.fixture
def second_secretary(make_user, municipalities):
    return make_user("sekretaer2", SECRETARIAT)


@pytest.fixture
def translator(make_user, municipalities):
    return make_user("oversaetter", TRANSLATORS)


@pytest.fixture
def english(locales) -> Locale:
    return locales["en"]

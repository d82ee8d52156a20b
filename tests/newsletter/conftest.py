import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsletter_tree(homes, locales):
    """A Danish newsletter archive with a live issue in da, en and sv.

    The issue's one news post is about focus area "Musik" and municipality "Køge".
    Returns a namespace with the pages, the focus areas and the municipalities.
    """
    from types import SimpleNamespace

    from newsletter.models import NewsletterArchivePage, NewsletterPage
    from tests.factories import (
        FocusAreaIndexPageFactory,
        FocusAreaPageFactory,
        MunicipalityFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
    )

    da = homes["da"]
    focus_index = FocusAreaIndexPageFactory(parent=da)
    music = FocusAreaPageFactory(parent=focus_index, title="Musik", slug="musik")
    heritage = FocusAreaPageFactory(parent=focus_index, title="Kulturarv")
    koge = MunicipalityFactory(name="Køge", slug="koge")
    herlev = MunicipalityFactory(name="Herlev", slug="herlev")
    news_index = NewsIndexPageFactory(parent=da)
    post = NewsPageFactory(parent=news_index, title="Koncert i Køge")
    post.focus_areas.add(music)
    post.municipalities.add(koge)
    post.save_revision().publish()

    archive = NewsletterArchivePage(title="Nyhedsbrev", slug="nyhedsbrev")
    da.add_child(instance=archive)
    archive.save_revision().publish()
    issue = NewsletterPage(
        title="Nyhedsbrev nr. 1", slug="nr-1", posts=[("post", post)]
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()

    titles = {"en": "Newsletter no. 1", "sv": "Nyhetsbrev nr 1"}
    translations = {"da": issue}
    for code, title in titles.items():
        copy = issue.copy_for_translation(locales[code], copy_parents=True)
        copy.title = title
        copy.save_revision().publish()
        translations[code] = NewsletterPage.objects.get(pk=copy.pk)
    music_en = music.copy_for_translation(locales["en"], copy_parents=True)
    music_en.save_revision().publish()
    koge_sv = koge.copy_for_translation(locales["sv"])
    koge_sv.save()
    return SimpleNamespace(
        archive=archive,
        issue=issue,
        translations=translations,
        post=post,
        music=music,
        music_en=music_en,
        heritage=heritage,
        koge=koge,
        koge_sv=koge_sv,
        herlev=herlev,
    )


def _admin_in_english(user) -> None:
    """Tests read English admin texts, whatever the site's default language."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def secretariat(django_user_model):
    """A staff user whose group has the newsletter permissions (not a superuser)."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Newsletter senders")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="newsletter",
            codename__in=[
                "send_newsletter",
                "view_subscriber",
                "add_subscriber",
                "change_subscriber",
                "delete_subscriber",
            ],
        ),
    )
    user = django_user_model.objects.create_user("sekretariat", password="pw")
    user.groups.add(group)
    _admin_in_english(user)
    return user


@pytest.fixture
def municipal_editor(django_user_model, newsletter_tree):
    """An admin user who may edit pages under the newsletter archive, not send."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Test municipal editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for kind in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=group, page=newsletter_tree.archive, permission_type=kind
        )
    user = django_user_model.objects.create_user("redaktor", password="pw")
    user.groups.add(group)
    _admin_in_english(user)
    return user

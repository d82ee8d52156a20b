"""Who may do what: roles, municipal page ownership, every locale."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from editorial.roles import (
    EDITOR_PREFIX,
    SECRETARIAT,
    SHARED_COLLECTION,
    TRANSLATORS,
    WORKFLOW_NAME,
    ensure_roles,
)
from news.models import NewsPage
from tests.editorial.helpers import create_news, edit_news, latest
from tests.factories import MunicipalityFactory, NewsPageFactory


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def assert_denied(response) -> None:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    if response.status_code != 403:
        assert response.status_code == 302, response.status_code
        assert response.url == reverse("wagtailadmin_home")


def test_roles_exist_and_only_the_secretariat_publishes(municipalities):
    names = set(Group.objects.values_list("name", flat=True))
    assert {SECRETARIAT, TRANSLATORS, f"{EDITOR_PREFIX}Roskilde"} <= names
    assert not names & {"Editors", "Moderators"}
    publishers = set(
        GroupPagePermission.objects.filter(
            permission__codename="publish_page"
        ).values_list("group__name", flat=True)
    )
    assert publishers == {SECRETARIAT}
    assert (
        Group.objects.get(name=TRANSLATORS)
        .permissions.filter(codename="submit_translation")
        .exists()
    )
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME
    assert list(Workflow.objects.filter(active=True)) == [
        Workflow.objects.get(name=WORKFLOW_NAME)
    ]
    collections = set(Collection.objects.values_list("name", flat=True))
    assert {"Roskilde", "Køge", SHARED_COLLECTION} <= collections


def test_ensure_roles_is_idempotent(municipalities):
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    ensure_roles()
    ensure_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts


@pytest.mark.parametrize("language", ["da", "en"])
def test_koge_editor_cannot_open_or_edit_roskilde_draft(
    client, news_indexes, roskilde_editor, koge_editor, make_user, language
):
    client.force_login(roskilde_editor)
    create_news(client, news_indexes[language], "Roskilde kladde")
    draft = latest("Roskilde kladde")
    assert draft.locale.language_code == language
    assert draft.owner_municipality.name == "Roskilde"
    assert client.get(edit_url(draft)).status_code == 200

    colleague = make_user("roskilde2", f"{EDITOR_PREFIX}Roskilde")
    client.force_login(colleague)
    assert client.get(edit_url(draft)).status_code == 200

    client.force_login(koge_editor)
    assert_denied(client.get(edit_url(draft)))
    assert_denied(edit_news(client, draft, title="Overtaget"))
    delete_url = reverse("wagtailadmin_pages:delete", args=(draft.pk,))
    assert_denied(client.post(delete_url))
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Roskilde kladde"


def test_secretariat_page_is_closed_to_editors(client, news_indexes, koge_editor):
    page = NewsPageFactory(parent=news_indexes["da"], title="Sekretariatets side")
    client.force_login(koge_editor)
    assert_denied(client.get(edit_url(page)))


def test_editor_cannot_unpublish_or_delete_live_pages(
    client, news_indexes, roskilde_editor, municipalities
):
    page = NewsPageFactory(
        parent=news_indexes["da"], owner_municipality=municipalities["roskilde"]
    )
    client.force_login(roskilde_editor)
    assert client.get(edit_url(page)).status_code == 200
    client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    page.refresh_from_db()
    assert page.live


def test_editor_creates_only_municipality_pages(client, homes, roskilde_editor):
    client.force_login(roskilde_editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("news", "newsindexpage", homes["da"].pk)
    )
    assert_denied(client.get(url))
    url = reverse(
        "wagtailadmin_pages:add", args=("home", "standardpage", homes["da"].pk)
    )
    assert client.get(url).status_code == 200


def test_rules_hold_for_a_municipality_added_later(
    client, news_indexes, roskilde_editor, make_user
):
    MunicipalityFactory(name="Greve", slug="greve")
    assert Collection.objects.filter(name="Greve").exists()
    greve_editor = make_user("greve", f"{EDITOR_PREFIX}Greve")

    client.force_login(greve_editor)
    create_news(client, news_indexes["da"], "Greve kladde", action="action-submit")
    greve_page = latest("Greve kladde")
    assert greve_page.owner_municipality.name == "Greve"
    assert greve_page.workflow_in_progress and not greve_page.live

    client.force_login(roskilde_editor)
    assert_denied(client.get(edit_url(greve_page)))
    create_news(client, news_indexes["da"], "Roskilde kladde")
    client.force_login(greve_editor)
    assert_denied(client.get(edit_url(latest("Roskilde kladde"))))


def test_a_renamed_municipality_renames_its_group_and_a_translation_does_not(
    municipalities, locales
):
    roskilde = municipalities["roskilde"]
    english = roskilde.get_translation(locales["en"])
    english.name = "Roskilde Municipality"
    english.save()
    assert Group.objects.filter(name=f"{EDITOR_PREFIX}Roskilde").exists()

    roskilde.name = "Roskilde Kommune"
    roskilde.save()
    editor_groups = Group.objects.filter(name__startswith=EDITOR_PREFIX)
    assert sorted(editor_groups.values_list("name", flat=True)) == [
        f"{EDITOR_PREFIX}Køge",
        f"{EDITOR_PREFIX}Roskilde Kommune",
    ]


def test_explorer_offers_koge_no_edit_link_to_roskilde_drafts(
    client, news_indexes, roskilde_editor, koge_editor
):
    client.force_login(roskilde_editor)
    create_news(client, news_indexes["da"], "Roskilde kladde")
    draft = latest("Roskilde kladde")
    listing = reverse("wagtailadmin_explore", args=(news_indexes["da"].pk,))
    assert edit_url(draft) in client.get(listing).content.decode()

    client.force_login(koge_editor)
    response = client.get(listing)
    assert response.status_code == 200
    assert edit_url(draft) not in response.content.decode()


def test_editor_cannot_hand_a_page_to_another_municipality(
    client, news_indexes, roskilde_editor, municipalities
):
    client.force_login(roskilde_editor)
    koge = municipalities["koge"].pk
    assert_denied(
        create_news(client, news_indexes["da"], "Forklædt", owner_municipality=koge)
    )
    assert not NewsPage.objects.filter(title="Forklædt").exists()

    create_news(client, news_indexes["da"], "Egen kladde")
    draft = latest("Egen kladde")
    assert_denied(edit_news(client, draft, title="Flyttet", owner_municipality=koge))
    assert draft.get_latest_revision_as_object().title == "Egen kladde"
    response = edit_news(
        client,
        draft,
        title="Rettet",
        owner_municipality=municipalities["roskilde"].pk,
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Rettet"


def test_editors_do_not_see_another_municipalitys_unpublished_pages(
    client, news_indexes, municipalities, koge_editor, roskilde_editor, secretary
):
    index = news_indexes["da"]
    NewsPageFactory(
        parent=index,
        title="Roskilde, udgivet",
        owner_municipality=municipalities["roskilde"],
    )
    NewsPageFactory(
        parent=index,
        title="Roskilde, kladde",
        owner_municipality=municipalities["roskilde"],
        live=False,
    )
    NewsPageFactory(
        parent=index,
        title="Køge, kladde",
        owner_municipality=municipalities["koge"],
        live=False,
    )
    explorer = f"/admin/pages/{index.pk}/"
    api = f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1"
    chooser = f"/admin/choose-page/{index.pk}/"

    def seen(user):
        client.force_login(user)
        pages = [client.get(url) for url in (explorer, api)]
        pages = [page.content.decode() for page in pages]
        pages.append(client.get(chooser).json()["html"])  # a modal's JSON
        return [{t for t in TITLES if t in page} for page in pages]

    TITLES = ("Roskilde, udgivet", "Roskilde, kladde", "Køge, kladde")
    assert seen(koge_editor) == [{"Roskilde, udgivet", "Køge, kladde"}] * 3
    assert seen(roskilde_editor) == [{"Roskilde, udgivet", "Roskilde, kladde"}] * 3
    assert seen(secretary) == [set(TITLES)] * 3

"""A translation reaches the public only after the secretariat approves it."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringSegment, Translation

pytestmark = pytest.mark.django_db


def submit_for_translation(client, page, locale):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [locale.id]},
    )


def translate_strings(client, page, locale, texts: dict[str, str]) -> Translation:
    """Types translations into wagtail-localize's editor API, as the editor does."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string"
    )
    for segment in segments:
        if segment.string.data in texts:
            url = reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation.id, segment.id],
            )
            response = client.put(
                url,
                urlencode({"value": texts[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content
    return translation


ENGLISH = {
    "Ny festival i Køge": "New festival in Køge",
    "ny-festival": "new-festival",
    "Festivalen samler kunstnere fra hele regionen.": (
        "The festival brings together artists from the whole region."
    ),
}


@pytest.fixture
def english_draft(client, translator, news_post, locales):
    client.force_login(translator)
    response = submit_for_translation(client, news_post, locales["en"])
    assert response.status_code == 302
    translate_strings(client, news_post, locales["en"], ENGLISH)
    return news_post.get_translation(locales["en"])


def test_translating_a_news_post_creates_an_english_draft(
    client, english_draft, news_post
):
    assert english_draft.locale.language_code == "en"
    assert not english_draft.live
    assert client.get("/en/news/ny-festival/").status_code == 404
    assert client.get("/en/news/new-festival/").status_code == 404
    assert client.get(news_post.url).status_code == 200


def test_translator_sees_no_publish_button(client, english_draft):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_draft.id]))
    assert response.status_code == 200
    assert "&quot;canPublish&quot;: false" in response.content.decode()


def test_translator_cannot_publish_with_a_crafted_post(client, english_draft):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english_draft.id]),
        {"action": "publish"},
    )
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard
    # (a successful publish would redirect back to the editor).
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    english_draft.refresh_from_db()
    assert not english_draft.live


def test_translator_cannot_publish_through_sync_translations(
    client, english_draft, news_post
):
    translation = Translation.objects.get(
        source__object_id=news_post.translation_key,
        target_locale=english_draft.locale,
    )
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "publish_translations" not in page.content.decode()
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    english_draft.refresh_from_db()
    assert not english_draft.live


def test_submit_button_offered_to_translator_in_the_explorer(client, english_draft):
    response = client.get(
        reverse("wagtailadmin_explore", args=[english_draft.get_parent().id])
    )
    assert reverse("translations:submit_page", args=[english_draft.id]) in (
        response.content.decode()
    )


def test_secretariat_approves_and_translation_goes_live(
    client, english_draft, secretary
):
    url = reverse("translations:submit_page", args=[english_draft.id])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Send til godkendelse" in confirm.content.decode()

    response = client.post(url)
    assert response.status_code == 302
    english_draft.refresh_from_db()
    assert not english_draft.live
    state = english_draft.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/en/news/new-festival/").status_code == 404

    client.force_login(secretary)
    task_state = state.current_task_state
    approve = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english_draft.id, "approve", task_state.id],
        ),
        {"comment": ""},
    )
    assert approve.status_code in (200, 302)
    english_draft.refresh_from_db()
    assert english_draft.live
    client.logout()
    public = client.get("/en/news/new-festival/")
    assert public.status_code == 200
    body = public.content.decode()
    assert "New festival in Køge" in body
    assert "The festival brings together artists" in body


def test_resubmitting_while_in_moderation_keeps_one_workflow(
    client, english_draft, news_post, locales
):
    url = reverse("translations:submit_page", args=[english_draft.id])
    client.post(url)
    translate_strings(
        client, news_post, locales["en"], {"Ny festival i Køge": "Festival in Køge"}
    )
    client.post(url)
    english_draft.refresh_from_db()
    assert english_draft.workflow_states.count() == 1
    assert english_draft.get_latest_revision_as_object().title == "Festival in Køge"
    assert not english_draft.live


def test_source_page_cannot_be_submitted_as_translation(client, translator, news_post):
    client.force_login(translator)
    response = client.post(reverse("translations:submit_page", args=[news_post.id]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not news_post.workflow_states.exists()

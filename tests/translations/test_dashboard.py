"""The translation status panel on the admin dashboard."""

import re

import pytest
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from tests.factories import NewsPageFactory
from tests.translations.conftest import translate_and_publish

pytestmark = pytest.mark.django_db


# The admin speaks the site's default language (Danish) unless a user chooses.
def panel(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r'id="translation-status-section".*?</section>', html, re.S)
    assert match, "the translation status panel is missing"
    return match.group(0)


def table(html: str, kind: str) -> str:
    match = re.search(rf'data-translation-status="{kind}".*?</table>', html, re.S)
    return match.group(0) if match else ""


def test_translator_sees_pages_lacking_translations(
    client, translator, news_post, locales
):
    client.force_login(translator)
    missing = table(panel(client), "missing")
    row = re.search(
        rf"<tr>\s*<td><a [^>]*>{news_post.title}</a>.*?</tr>", missing, re.S
    )
    assert row, missing
    assert "Engelsk" in row.group(0) and "Svensk" in row.group(0)
    assert reverse(
        "wagtail_localize:submit_page_translation", args=[news_post.id]
    ) in row.group(0)

    translate_and_publish(news_post, locales["en"])
    row = re.search(
        rf"<tr>\s*<td><a [^>]*>{news_post.title}</a>.*?</tr>",
        table(panel(client), "missing"),
        re.S,
    )
    assert "Svensk" in row.group(0) and "Engelsk" not in row.group(0)


def test_editing_the_danish_source_marks_the_translation_out_of_date(
    client, translator, news_post, locales
):
    news_post.save_revision().publish()
    english = translate_and_publish(
        news_post, locales["en"], {"Ny festival i Køge": "New festival in Køge"}
    )
    client.force_login(translator)
    assert "New festival in Køge" not in table(panel(client), "outdated")

    news_post.lead = "Festivalen flytter til havnen."
    news_post.save_revision().publish()

    outdated = table(panel(client), "outdated")
    assert "New festival in Køge" in outdated
    assert reverse("wagtailadmin_pages:edit", args=[english.id]) in outdated
    assert "Engelsk" in outdated

    # Bringing the translation up to date (a new translated revision) clears it.
    english.save_revision()
    assert "New festival in Køge" not in table(panel(client), "outdated")


def test_panel_is_hidden_from_people_who_do_not_translate(
    client, django_user_model, roles
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status-section"' not in html


def test_panel_query_count_is_bounded(
    client, translator, news_index, django_assert_max_num_queries
):
    client.force_login(translator)
    for _ in range(5):
        NewsPageFactory(parent=news_index)
    client.get(reverse("wagtailadmin_home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("wagtailadmin_home"))
    for _ in range(30):
        NewsPageFactory(parent=news_index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("wagtailadmin_home"))


def test_unsubmitted_translation_is_listed_until_submitted(
    client, translator, news_post, locales
):
    source, _created = TranslationSource.get_or_create_from_instance(news_post)
    translation = Translation.objects.create(source=source, target_locale=locales["en"])
    translation.save_target(publish=False)
    english = news_post.get_translation(locales["en"])
    client.force_login(translator)

    drafts = table(panel(client), "drafts")
    submit_url = reverse("translations:submit_page", args=[english.id])
    assert reverse("wagtailadmin_pages:edit", args=[english.id]) in drafts
    assert submit_url in drafts
    assert "Engelsk" in drafts

    response = client.post(submit_url)
    assert response.status_code == 302
    assert english.current_workflow_state is not None
    assert 'data-translation-status="drafts"' not in panel(client)

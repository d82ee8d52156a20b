"""PO export/import for external translators, and machine translation."""

import os
import subprocess
import sys

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation

from tests.translations.test_approval import submit_for_translation

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Ny festival i Køge": "New festival in Køge",
    "ny-festival": "new-festival",
    "Festivalen samler kunstnere fra hele regionen.": (
        "The festival gathers “artists” from the whole region – Øresund included."
    ),
}


@pytest.fixture
def translation(client, translator, news_post, locales) -> Translation:
    client.force_login(translator)
    submit_for_translation(client, news_post, locales["en"])
    return Translation.objects.get(
        source__object_id=news_post.translation_key, target_locale=locales["en"]
    )


def download(client, translation) -> polib.POFile:
    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.id])
    )
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def test_po_export_edit_import_round_trips_and_updates_the_page(
    client, translation, secretary
):
    exported = download(client, translation)
    msgids = {entry.msgid for entry in exported}
    assert set(ENGLISH) <= msgids
    for entry in exported:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgstr)

    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("post-en.po", str(exported).encode())},
    )
    assert upload.status_code == 302

    again = download(client, translation)
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in again] == [
        (e.msgctxt, e.msgid, e.msgstr) for e in exported
    ]
    assert again.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)

    page = translation.get_target_instance()
    client.post(reverse("translations:submit_page", args=[page.id]))
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(secretary)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.id, "approve", state.current_task_state.id],
        ),
        {"comment": ""},
    )
    client.logout()
    response = client.get("/en/news/new-festival/")
    assert response.status_code == 200
    assert "“artists” from the whole region – Øresund included." in (
        response.content.decode()
    )


def test_po_file_of_another_translation_is_ignored(client, translation, locales):
    exported = download(client, translation)
    exported.metadata["X-WagtailLocalize-TranslationID"] = (
        "00000000-0000-0000-0000-000000000000"
    )
    for entry in exported:
        entry.msgstr = "WRONG"
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("other.po", str(exported).encode())},
    )
    assert not StringTranslation.objects.filter(data="WRONG").exists()


def test_no_machine_translator_by_default():
    assert get_machine_translator() is None


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
)
def test_machine_translation_fills_strings(client, translation):
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id])
    )
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        locale=translation.target_locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    assert machine.filter(data="Køge i festival Ny").exists()
    # Machine translations are drafts like any other: nothing went live.
    assert not translation.get_target_instance().live


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "None"),
        (
            {"MACHINE_TRANSLATOR": "deepl", "DEEPL_API_KEY": "k"},
            "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        ),
        (
            {
                "MACHINE_TRANSLATOR": "libretranslate",
                "LIBRETRANSLATE_URL": "http://translate.example.org",
            },
            "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        ),
    ],
)
def test_machine_translator_is_chosen_by_environment(environment, expected):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MACHINE_TRANSLATOR", "DEEPL_API_KEY", "LIBRETRANSLATE_URL"}
    }
    env.update(environment)
    code = (
        "from config.settings import base; "
        "print(getattr(base, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_unknown_machine_translator_is_refused():
    env = {**os.environ, "MACHINE_TRANSLATOR": "babelfish"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.base"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "MACHINE_TRANSLATOR" in result.stderr

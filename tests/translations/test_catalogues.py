"""Every UI string has a Danish, English and Swedish translation."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "site" / "locale"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalogue_is_complete(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    catalogue = polib.pofile(str(path))
    active = [entry for entry in catalogue if not entry.obsolete]
    assert active, f"{path} has no entries"
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:20]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:20]}"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_compiled_catalogue_is_current(language):
    """The .mo Django loads holds what the .po says (run compilemessages)."""
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    compiled = polib.mofile(str(directory / "django.mo"))
    source = polib.pofile(str(directory / "django.po"))
    expected = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in source.translated_entries()
    }
    actual = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in compiled
        if entry.msgid
    }
    assert actual == expected

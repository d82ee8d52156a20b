import sys

import pytest
from django.core.cache import cache
from PIL import AvifImagePlugin, Image
from wagtail.models import Locale, Site

from home.models import HomePage, SiteSettings
from tests import demo_snapshot as demo_snapshot_module


def _save_avif_quickly(image, fp, filename) -> None:
    image.encoderinfo.setdefault("speed", 10)
    AvifImagePlugin._save(image, fp, filename)


def pytest_configure(config):
    """Renditions in AVIF are encoded at libavif's fastest speed (10, not 6): at
    its default, encoding them was most of the time a test spent rendering a page
    with a picture (about 1 s of CPU an image). Tests read the markup and the
    rendition records, never the pictures' bytes; production is unchanged."""
    Image.init()
    Image.register_save(AvifImagePlugin.AvifImageFile.format, _save_avif_quickly)


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def homes(db) -> dict[str, HomePage]:
    """The home page of each language's tree, created by the data migration."""
    return {home.locale.language_code: home for home in HomePage.objects.all()}


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def fragment_cache(settings, site):
    """The fragment cache and the per-process routing cache on, the page cache off."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    SiteSettings.for_site(site)  # made on first use, which starts a new generation
    cache.clear()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> demo_snapshot_module.Snapshot:
    """The demo content, loaded once for the whole session (tests/demo_snapshot.py)."""
    with django_db_blocker.unblock():
        return demo_snapshot_module.take()


@pytest.fixture
def demo_content(db, demo_snapshot):
    """The database as ``load_demo_content`` leaves it, rolled back after the test."""
    demo_snapshot_module.restore(demo_snapshot)


def pytest_terminal_summary(terminalreporter):
    """Reports how many inputs the property-based tests tried, and any 5xx."""
    fuzzing = sys.modules.get("tests.fuzzing")
    if not fuzzing or not fuzzing.INPUTS_TRIED:
        return
    total = sum(fuzzing.INPUTS_TRIED.values())
    parts = ", ".join(f"{k}: {v}" for k, v in sorted(fuzzing.INPUTS_TRIED.items()))
    terminalreporter.write_line(f"fuzz inputs tried: {total} ({parts})")
    terminalreporter.write_line(
        f"fuzz server errors (5xx): {len(fuzzing.SERVER_ERRORS)}"
    )
    for error in fuzzing.SERVER_ERRORS:
        terminalreporter.write_line(f"  {error}")


def pytest_sessionfinish(session):
    """Under ``make fuzz`` a 5xx is recorded instead of failing at once: fail here."""
    fuzzing = sys.modules.get("tests.fuzzing")
    if fuzzing and fuzzing.SERVER_ERRORS and session.exitstatus == 0:
        session.exitstatus = 1

"""Browser tests: Playwright driving Debian's Chromium against a live server.

The suite's test database is filled once with the demo content (the session's
snapshot of it, tests/demo_snapshot.py) and served by a
threaded WSGI server for the whole session. pytest-django runs tests that use no
database fixture last, so nothing rolls back or flushes this data under the server.
Without Chromium the tests are skipped with the reason, except under CI=true,
where a missing browser is a failure.
"""

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.screenshots import CHROMIUM_ARGS

# Playwright's sync API runs an event loop; the server thread and fixtures below
# use the ORM from plain threads, which Django must not mistake for async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
AXE_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker, demo_snapshot) -> Iterator[str]:
    """The demo site served from the test database; yields its base URL."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import transaction
    from django.test.testcases import _MediaFilesHandler, _StaticFilesHandler

    from tests import demo_snapshot as snapshots

    _require_chromium()
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.restore(demo_snapshot)  # the demo, committed for the server

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    django_db_blocker.unblock()
    server = ThreadedWSGIServer(
        ("127.0.0.1", 0), QuietHandler, allow_reuse_address=True
    )
    # Static files and media as nginx serves them in production (DEBUG is off).
    server.set_app(_MediaFilesHandler(_StaticFilesHandler(WSGIHandler())))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        django_db_blocker.restore()


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    from django.core.cache import cache

    # Every client of the suite comes from 127.0.0.1: forget earlier tests'
    # sign-up attempts so the rate limit judges this test alone.
    cache.clear()
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_accessible(axe, page) -> None:
    """Fails with axe's report when the page has any WCAG 2.1 A/AA violation."""
    results = axe.run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()

"""Lighthouse (mobile) scores 100 for accessibility, best practices and SEO on
every public page type in every language.

One Node process runs Lighthouse over all pages with one Chromium
(bench/lighthouse.mjs); the tests below read its results. Needs Node.js and the
pinned Lighthouse in node_modules/ (`make test` installs it with `npm ci`);
without them the tests are skipped with the reason, except under CI=true.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import CHROMIUM
from .pages import LANGUAGE_PREFIXES, PUBLIC_PAGES, page_url, pending_confirmation_path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "bench" / "lighthouse.mjs"
CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGE_TYPES = [*PUBLIC_PAGES, "newsletter-confirm"]

# Audits a page is exempt from, because it must fail them to be right: error
# pages keep their 4xx status (a 404 answered with 200 would be indexed), which
# Lighthouse's SEO audit "http-status-code" fails; search results are kept out of
# search engines (noindex), as Google asks of search result pages. Every other
# audit still applies to them.
EXEMPT_AUDITS = {
    "not-found": {"http-status-code"},
    "newsletter-invalid-link": {"http-status-code"},
    "search": {"is-crawlable"},
}
# Chromium logs an error page's own status as a console error ("Failed to load
# resource: ... 404"); any other console error still fails the page.
ERROR_PAGES = {"not-found", "newsletter-invalid-link"}


def unexcused(page_type: str, url: str, audit: dict) -> bool:
    """Whether a failed audit counts against this page (see EXEMPT_AUDITS)."""
    if audit["id"] in EXEMPT_AUDITS.get(page_type, ()):
        return False
    if audit["id"] == "errors-in-console" and page_type in ERROR_PAGES:
        return any(
            not (item["source"] == "network" and item["url"] == url)
            for item in audit["items"]
        )
    return True


def _require_lighthouse() -> str:
    node = shutil.which("node")
    reason = None
    if node is None:
        reason = "Node.js not found (apt-get install nodejs npm)"
    elif not (ROOT / "node_modules" / "lighthouse").is_dir():
        reason = "Lighthouse not installed (npm ci)"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return node


@pytest.fixture(scope="session")
def lighthouse_results(live_site) -> dict[tuple[str, str], dict]:
    """Lighthouse's findings per (page type, language), from one run over all."""
    node = _require_lighthouse()
    urls = {}
    for language in LANGUAGE_PREFIXES:
        for page_type in PUBLIC_PAGES:
            urls[page_type, language] = page_url(live_site, page_type, language)
        urls["newsletter-confirm", language] = live_site + pending_confirmation_path(
            language
        )
    with tempfile.NamedTemporaryFile("w", suffix=".json") as job:
        json.dump({"urls": list(urls.values()), "categories": CATEGORIES}, job)
        job.flush()
        started = time.monotonic()
        finished = subprocess.run(
            [node, str(RUNNER), job.name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=1200,
        )
    assert finished.returncode == 0, finished.stderr[-4000:]
    results = {result["url"]: result for result in json.loads(finished.stdout)}
    print(f"\nLighthouse: {len(results)} pages in {time.monotonic() - started:.0f} s")
    return {key: results[url] for key, url in urls.items()}


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_lighthouse_scores_100(lighthouse_results, page_type, language):
    result = lighthouse_results[page_type, language]
    assert result["runtimeError"] is None, result["runtimeError"]
    failed = [a for a in result["failed"] if unexcused(page_type, result["url"], a)]

    assert failed == [], json.dumps(failed, indent=1, ensure_ascii=False)
    excused = {audit["category"] for audit in result["failed"]}
    for category, score in result["scores"].items():
        if category not in excused:
            assert score == 100, (category, score)

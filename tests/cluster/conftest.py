"""One cluster (deploy/cluster.py) for the whole session, driven over real HTTP.

Skipped with the reason where nginx, its purge module or PostgreSQL is missing,
except under CI=true, where that is a failure.
"""

import json
import os
from collections.abc import Iterator

import pytest

from deploy.cluster import BASE_DIR, Cluster, missing_requirements
from tests.cluster.browser import Browser

SECRETARIAT = ("sekretariat", "sekretariat-demo-2026")


def _require_cluster() -> None:
    reason = missing_requirements()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


FIGURES: dict[str, dict] = {}


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    _require_cluster()
    # Its own Redis database, so a `make cluster` on the side is not disturbed.
    with Cluster(
        run_dir=BASE_DIR / "var" / "cluster-test",
        redis_url=os.environ.get("CLUSTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/13"),
        gunicorn_workers=2,
        scheduler_interval=1,
        extra_env={"NEWSLETTER_STALE_CLAIM_SECONDS": "5"},
    ) as running:
        running.figures = FIGURES
        yield running


def pytest_terminal_summary(terminalreporter):
    """Prints what the cluster tests measured (README: the figures)."""
    for title, values in FIGURES.items():
        terminalreporter.write_line(f"cluster: {title}")
        for name, value in values.items():
            terminalreporter.write_line(f"  {name}: {value}")


def shell(cluster: Cluster, code: str):
    """Runs ``code`` in a Django shell on the cluster's database; returns the JSON
    it printed last."""
    output = cluster.manage("shell", "--no-imports", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def site_map(cluster) -> dict:
    """Addresses and ids the tests start from, per language."""
    return shell(
        cluster,
        "import json\n"
        "from news.models import NewsIndexPage\n"
        "from home.models import HomePage\n"
        "out = {}\n"
        "for index in NewsIndexPage.objects.live().select_related('locale'):\n"
        "    code = index.locale.language_code\n"
        "    home = HomePage.objects.get(locale=index.locale)\n"
        "    out[code] = {'news_index_id': index.pk, 'news_index': index.url,\n"
        "                 'home': home.url}\n"
        "print(json.dumps(out))\n",
    )


@pytest.fixture
def editor_on_a(cluster) -> Browser:
    """The secretariat, logged in on node A directly."""
    browser = Browser(cluster.node_url("a"))
    browser.log_in(*SECRETARIAT)
    return browser

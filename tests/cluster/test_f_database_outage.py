"""PostgreSQL unreachable for a few seconds: nginx serves the pages it keeps, the
nodes answer 503 for the rest, and both recover by themselves."""

import time
import uuid

from tests.cluster.browser import Browser, poll


def test_database_outage_serves_cached_pages_then_recovers(cluster, site_map):
    public = Browser(cluster.public_url)
    node_b = Browser(cluster.node_url("b"))
    cached = [
        site_map[code][page] for code in site_map for page in ("home", "news_index")
    ]
    for path in cached:
        for _ in range(2):
            assert public.get(path).status == 200
    uncached = f"/search/?q=klynge{uuid.uuid4().hex[:6]}"

    cluster.database_relay.cut()
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            for path in cached:
                assert public.get(path).status == 200, path
            for browser in (public, node_b):
                response = browser.get(uncached)
                assert response.status == 503, (browser.base_url, response.status)
                assert response.headers["Retry-After"]
    finally:
        cluster.database_relay.restore()

    for browser in (public, node_b, Browser(cluster.node_url("a"))):
        recovered = poll(
            lambda browser=browser: browser.get(uncached).status == 200, 10
        )
        assert recovered is not None, f"{browser.base_url} did not recover"

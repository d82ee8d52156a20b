"""The page and fragment caches on a real Redis, through caching.redis's backend."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import Client

from caching import redis as home_cache
from home.models import SiteSettings
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

REDIS = ("127.0.0.1", 6379)


def redis_is_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings, site):
    if not redis_is_running():
        pytest.skip("Redis is not running on 127.0.0.1:6379 (README: Benchmarks)")
    # A prefix of this process's own: another test run may share the database.
    prefix = f"kulturmetropolen-test-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis.ReusingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    SiteSettings.for_site(site)  # made on first use, which starts a new generation
    cache = caches["default"]
    yield cache
    client = cache._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_pages_are_cached_in_redis_and_dropped_on_publish(redis_cache, homes):
    client = Client()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    home = homes["da"]
    home.hero_heading = "Kultur i hele regionen"
    home.save_revision().publish()

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Kultur i hele regionen" in response.content.decode()


def test_one_redis_client_serves_every_call(redis_cache):
    backend = redis_cache._cache
    redis_cache.set("greeting", "hej")

    assert redis_cache.get("greeting") == "hej"
    assert backend.get_client() is backend.get_client(write=True)


@pytest.fixture
def stopped_redis(settings, site, monkeypatch):
    """A cache on a port where Redis is not running yet; ``start()`` starts it."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis.ReusingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    monkeypatch.setattr(home_cache, "RETRY_SECONDS", 0.0)
    SiteSettings.for_site(site)
    servers = []

    def start():
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        servers.append(server)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_the_site_works_without_redis_and_caches_again_when_it_is_back(
    stopped_redis, homes
):
    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    post = NewsPageFactory(parent=index, title="Koncert i parken")
    client = Client()

    for url in ("/", "/nyheder/", post.url, "/search/?q=koncert"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    assert "Koncert i parken" in client.get("/search/?q=koncert").content.decode()

    # Publishing while Redis is down works, and shows at once.
    post.title = "Koncert i parken er aflyst"
    post.save_revision().publish()
    assert "Koncert i parken er aflyst" in client.get(post.url).content.decode()

    stopped_redis()

    assert client.get(post.url)["X-Page-Cache"] == "miss"
    assert client.get(post.url)["X-Page-Cache"] == "hit"

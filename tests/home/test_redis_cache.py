"""The page and fragment caches on a real Redis, through home.cache's backend."""

import os
import socket

import pytest
from django.core.cache import caches
from django.test import Client

from home.models import SiteSettings

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
            "BACKEND": "home.cache.ReusingRedisCache",
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

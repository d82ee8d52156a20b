"""After a publish, many visitors miss the cache at once: one renders, the rest wait."""

import threading
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from caching import store
from caching.fragments import cached_fragment
from caching.pages import PageCacheMiddleware


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()


class SlowRender:
    """Renders ``make()`` in 0.3 s, counting calls and telling when one started."""

    def __init__(self, make):
        self.make = make
        self.calls = 0
        self.started = threading.Event()

    def __call__(self, *args):
        self.calls += 1
        self.started.set()
        time.sleep(0.3)
        return self.make()


def side_by_side(visit, render: SlowRender) -> list:
    """Two visits, the second made while the first is rendering."""
    results = [None, None]

    def run(index):
        results[index] = visit()

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    threads[0].start()
    assert render.started.wait(10)
    threads[1].start()
    for thread in threads:
        thread.join(10)
        assert not thread.is_alive(), "a visit waited far beyond the render"
    return results


def test_simultaneous_misses_render_a_page_once():
    render = SlowRender(lambda: HttpResponse("<p>Sommerkoncert</p>"))
    middleware = PageCacheMiddleware(render)

    first, second = side_by_side(
        lambda: middleware(RequestFactory().get("/nyheder/")), render
    )

    assert render.calls == 1
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == b"<p>Sommerkoncert</p>"


def test_a_page_that_cannot_be_cached_is_rendered_for_each_visitor(monkeypatch):
    monkeypatch.setattr(store, "RENDER_WAIT_SECONDS", 60.0)

    def with_cookie():
        response = HttpResponse("<form>…</form>")
        response.set_cookie("csrftoken", "x")
        return response

    render = SlowRender(with_cookie)
    middleware = PageCacheMiddleware(render)

    # The second stops waiting as soon as the first has finished without caching,
    # long before the 60 s; side_by_side fails a visit still running after 10 s.
    _first, second = side_by_side(
        lambda: middleware(RequestFactory().get("/tilmeld/")), render
    )

    assert render.calls == 2
    assert "X-Page-Cache" not in second


def test_simultaneous_misses_render_a_fragment_once():
    render = SlowRender(lambda: "<nav>Menu</nav>")

    results = side_by_side(
        lambda: cached_fragment(RequestFactory().get("/"), "menu", [], render), render
    )

    assert render.calls == 1
    assert results == ["<nav>Menu</nav>", "<nav>Menu</nav>"]

"""An editor publishes through node A's admin; node B and nginx show it within 1 s.

Every page is read first through node B (both gunicorn workers) and through
nginx, so the page cache, the fragments, each process's routing cache and
nginx's proxy cache all hold the old version when the change is made.
"""

import datetime
import time
import uuid

import pytest

from tests.cluster.browser import Browser, form_fields, replace, seen_after
from tests.cluster.conftest import shell

LANGUAGES = ["da", "en", "sv"]
SEARCH = {"da": "/search/", "en": "/en/search/", "sv": "/sv/search/"}
DEADLINE = 1.0  # seconds: a functional deadline, polled, not a speed target
#: Search reads the index, which a worker's task updates after the publish.
SEARCH_DEADLINE = 5.0


def edit_form(html: str) -> list[tuple[str, str]]:
    return form_fields(html, lambda attrs: attrs.get("id") == "page-edit-form")


def readers(cluster) -> dict[str, Browser]:
    return {
        "node B": Browser(cluster.node_url("b")),
        "nginx": Browser(cluster.public_url),
    }


def warm(readers: dict[str, Browser], paths: list[str]) -> None:
    for browser in readers.values():
        for path in paths:
            for _ in range(4):
                assert browser.get(path).status == 200, path


def everywhere(readers, checks, since: float) -> float | None:
    """Seconds from ``since`` until every reader saw each (path, predicate)."""
    return seen_after(
        [
            (browser, path, predicate)
            for browser in readers.values()
            for path, predicate in checks
        ],
        since,
        DEADLINE,
    )


def shows(text: str):
    return lambda response: response.status == 200 and text in response.text


def lacks(text: str):
    return lambda response: response.status == 200 and text not in response.text


def gone(response) -> bool:
    return response.status == 404


@pytest.fixture(scope="module")
def posts(cluster, site_map) -> dict[str, dict]:
    token = uuid.uuid4().hex[:8]
    return {
        language: {
            "slug": f"klynge-{language}-{token}",
            "title": f"Klyngenyhed {language} {token}",
            "index": site_map[language]["news_index"],
            "index_id": site_map[language]["news_index_id"],
            "home": site_map[language]["home"],
            # Search pages are cached in front too (nginx counts the searches).
            "search": f"{SEARCH[language]}?q={token}",
        }
        for language in LANGUAGES
    }


def test_publish_edit_and_unpublish_reach_node_b_and_nginx_within_a_second(
    cluster, editor_on_a, posts
):
    read = readers(cluster)
    figures = cluster.figures.setdefault("publish visible after (s)", {})

    # 1. A new post, published in each language: its page, its language's news
    #    index and home page (latest news) show it.
    for language, post in posts.items():
        post["url"] = f"{post['index']}{post['slug']}/"
        warm(read, [post["index"], post["home"], post["search"]])
        add = f"/admin/pages/add/news/newspage/{post['index_id']}/"
        fields = replace(
            edit_form(editor_on_a.get(add).text),
            title=post["title"],
            slug=post["slug"],
            date=datetime.date.today().isoformat(),
            lead="Udgivet gennem node A.",
            **{"body-count": "0", "action-publish": "action-publish"},
        )
        response = editor_on_a.post(add, fields)
        assert response.status == 302, response.text[:3000]
        published = time.monotonic()
        after = everywhere(
            read,
            [
                (post["url"], shows(post["title"])),
                (post["index"], shows(post["title"])),
                (post["home"], shows(post["title"])),
            ],
            published,
        )
        assert after is not None, f"new {language} post not visible within 1 s"
        figures[f"new post ({language})"] = round(after, 3)
        # Search finds it once a worker has indexed it (a background task, whose
        # end drops and purges the search pages rendered before it).
        found = seen_after(
            [
                (browser, post["search"], shows(post["title"]))
                for browser in read.values()
            ],
            published,
            SEARCH_DEADLINE,
        )
        assert found is not None, f"new {language} post not found by search in time"
        figures[f"new post found by search ({language})"] = round(found, 3)

    ids = shell(
        cluster,
        "import json\nfrom news.models import NewsPage\n"
        f"slugs = {[post['slug'] for post in posts.values()]!r}\n"
        "print(json.dumps({p.slug: p.pk for p in "
        "NewsPage.objects.filter(slug__in=slugs)}))\n",
    )

    # 2. An edit of each, published: the new title everywhere, the old one gone.
    for language, post in posts.items():
        post["id"] = ids[post["slug"]]
        warm(read, [post["url"], post["index"], post["home"]])
        edit = f"/admin/pages/{post['id']}/edit/"
        new_title = f"{post['title']} (rettet)"
        fields = replace(
            edit_form(editor_on_a.get(edit).text),
            title=new_title,
            **{"action-publish": "action-publish"},
        )
        if not any(name == "body-count" for name, _value in fields):
            fields.append(("body-count", "0"))
        posted = time.monotonic()
        response = editor_on_a.post(edit, fields)
        assert response.status == 302, response.text[:3000]
        published = time.monotonic()
        after = everywhere(
            read,
            [
                (post["url"], shows(new_title)),
                (post["index"], shows(new_title)),
                (post["home"], shows(new_title)),
            ],
            published,
        )
        assert after is not None, f"edited {language} post not visible within 1 s"
        figures[f"edit ({language})"] = round(after, 3)
        figures[f"edit ({language}): the POST itself"] = round(published - posted, 3)
        post["title"] = new_title

    # 3. Unpublished: the page is gone and no listing shows it.
    for language, post in posts.items():
        warm(read, [post["url"], post["index"], post["home"], post["search"]])
        unpublish = f"/admin/pages/{post['id']}/unpublish/"
        fields = form_fields(
            editor_on_a.get(unpublish).text,
            lambda attrs: "unpublish" in attrs.get("action", ""),
        )
        response = editor_on_a.post(unpublish, fields)
        assert response.status == 302, response.text[:3000]
        after = everywhere(
            read,
            [
                (post["url"], gone),
                (post["index"], lacks(post["title"])),
                (post["home"], lacks(post["title"])),
                (post["search"], lacks(post["title"])),
            ],
            time.monotonic(),
        )
        assert after is not None, f"unpublished {language} post still shown after 1 s"
        figures[f"unpublish ({language})"] = round(after, 3)


def test_searches_answered_by_nginx_are_counted(cluster):
    """nginx answers a repeated search from its cache, and still every search is
    counted for the popular-searches report (its log, read by count_searches)."""
    public = Browser(cluster.public_url)
    word = f"orgel{uuid.uuid4().hex[:6]}"
    statuses = [
        public.get(f"/search/?q={word}").headers["X-Cache-Status"] for _ in range(3)
    ]
    assert statuses[-1] == "HIT", statuses

    def counted() -> int:
        return shell(
            cluster,
            "import json\nfrom wagtail.contrib.search_promotions.models import Query\n"
            f"print(json.dumps(Query.get({word!r}).hits))\n",
        )

    deadline = time.monotonic() + 20
    while counted() < 3:
        assert time.monotonic() < deadline, "the searches were not counted"
        time.sleep(0.5)
    assert counted() == 3

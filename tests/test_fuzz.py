"""Property-based tests: arbitrary input at every public form and query parameter.

Asserts no 5xx and nothing stored from invalid input. The number of inputs tried
is printed at the end of the run ("fuzz inputs tried").
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from newsletter.models import Subscriber
from tests.factories import NewsIndexPageFactory, NewsPageFactory
from tests.fuzzing import FUZZ, assert_no_server_error, nasty_text, raw_bytes, tried


@pytest.fixture
def news_index(homes):
    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    for _ in range(3):
        NewsPageFactory(parent=index)
    return index


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["focus_area", "municipality", "tag", "year", "page"]),
        nasty_text,
    )
)
def test_news_index_and_feeds_survive_any_filter(client: Client, news_index, params):
    query = urlencode(params)
    for suffix in ("", "rss/", "atom/"):
        tried("news index and feeds", 1)
        assert_no_server_error(client.get(f"{news_index.url}{suffix}?{query}"))


@pytest.mark.django_db
@FUZZ
@given(query=nasty_text, page=nasty_text, kind=nasty_text)
def test_search_survives_any_query(client: Client, query, page, kind):
    tried("search", 2)
    params = urlencode({"q": query, "page": page, "type": kind})
    assert_no_server_error(client.get(f"/search/?{params}"))
    assert_no_server_error(client.get(f"/en/search/suggest/?{urlencode({'q': query})}"))


@pytest.mark.django_db
@FUZZ
@given(query_string=raw_bytes)
def test_raw_bytes_in_query_strings(client: Client, news_index, query_string):
    for path in ("/search/", news_index.url, f"{news_index.url}rss/"):
        tried("raw query bytes", 1)
        # WSGI carries the raw bytes as latin-1 text.
        environ_value = query_string.decode("iso-8859-1")
        response = client.generic("GET", path, QUERY_STRING=environ_value)
        assert_no_server_error(response)


@pytest.mark.django_db
@FUZZ
@given(
    email=nasty_text.filter(lambda text: "@" not in text),
    honeypot=nasty_text,
    extra=st.dictionaries(
        st.sampled_from(["focus_areas", "municipalities", "source"]), nasty_text
    ),
)
def test_invalid_sign_ups_store_nothing(client: Client, email, honeypot, extra):
    tried("newsletter sign-up", 1)
    data = {"email": email, "website": honeypot, **extra}

    response = client.post("/newsletter/subscribe/", data)

    assert_no_server_error(response)
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
@FUZZ
@given(token=nasty_text.filter(bool))
def test_confirm_and_unsubscribe_survive_any_token(client: Client, token):
    path_token = quote(token, safe="")
    for kind in ("confirm", "unsubscribe"):
        tried("confirm and unsubscribe tokens", 2)
        url = f"/newsletter/{kind}/{path_token}/"
        assert_no_server_error(client.get(url))
        assert_no_server_error(client.post(url))


@pytest.fixture
def public_urls(demo_content):
    """Every live page of the demo site, in each language, and its feeds."""
    from wagtail.models import Page

    urls = [page.url for page in Page.objects.live().public().exclude(depth=1)]
    return sorted({url for url in urls if url})


@pytest.mark.django_db
@FUZZ
@given(
    data=st.data(),
    params=st.dictionaries(
        st.sampled_from(
            ["page", "q", "type", "focus_area", "municipality", "tag", "year", "lang"]
        ),
        nasty_text,
        min_size=1,
    ),
)
def test_every_public_page_survives_any_query(
    client: Client, public_urls, data, params
):
    url = data.draw(st.sampled_from(public_urls), label="url")
    tried("every public page")
    assert_no_server_error(client.get(f"{url}?{urlencode(params)}"))


@pytest.mark.django_db
@FUZZ
@given(segment=nasty_text.filter(bool), number=st.integers(min_value=-(2**70)))
def test_any_address_answers_without_a_server_error(client: Client, segment, number):
    quoted = quote(segment, safe="")
    for path in (
        f"/{quoted}/",
        f"/en/{quoted}/",
        f"/sv/nyheter/{quoted}/",
        f"/contacts/vcard/{abs(number)}.vcf",
        f"/documents/{abs(number)}/{quoted}",
    ):
        tried("addresses")
        assert_no_server_error(client.get(path), path)

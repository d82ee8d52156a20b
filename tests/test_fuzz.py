"""Property-based tests: arbitrary input at every public form and query parameter.

Asserts no 5xx and nothing stored from invalid input. The number of inputs tried
is printed at the end of the run ("fuzz inputs tried").
"""

from collections import Counter
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.models import Subscriber
from tests.factories import NewsIndexPageFactory, NewsPageFactory

INPUTS_TRIED: Counter = Counter()
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text as a browser or a bot might send it: any printable or control character,
# long strings, SQL and HTML fragments.
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=2500),
    st.sampled_from(
        [
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "\x00",
            "%00",
            "../../etc/passwd",
            "ÆØÅ æøå ÄÖ äö",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "*",
            '"',
        ]
    ),
)
raw_bytes = st.binary(max_size=300)


@pytest.fixture
def news_index(homes):
    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    for _ in range(3):
        NewsPageFactory(parent=index)
    return index


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, response.content[:500]


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
        INPUTS_TRIED["news index and feeds"] += 1
        assert_no_server_error(client.get(f"{news_index.url}{suffix}?{query}"))


@pytest.mark.django_db
@FUZZ
@given(query=nasty_text, page=nasty_text, kind=nasty_text)
def test_search_survives_any_query(client: Client, query, page, kind):
    INPUTS_TRIED["search"] += 2
    params = urlencode({"q": query, "page": page, "type": kind})
    assert_no_server_error(client.get(f"/search/?{params}"))
    assert_no_server_error(client.get(f"/en/search/suggest/?{urlencode({'q': query})}"))


@pytest.mark.django_db
@FUZZ
@given(query_string=raw_bytes)
def test_raw_bytes_in_query_strings(client: Client, news_index, query_string):
    for path in ("/search/", news_index.url, f"{news_index.url}rss/"):
        INPUTS_TRIED["raw query bytes"] += 1
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
    INPUTS_TRIED["newsletter sign-up"] += 1
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
        INPUTS_TRIED["confirm and unsubscribe tokens"] += 2
        url = f"/newsletter/{kind}/{path_token}/"
        assert_no_server_error(client.get(url))
        assert_no_server_error(client.post(url))

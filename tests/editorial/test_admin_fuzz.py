"""Arbitrary input at the admin forms, as each role: never a server error.

For each role, each form is fetched as the admin shows it, then posted back with
some of its fields replaced by hostile text (see tests/fuzzing.py). A refusal
or a form error is fine; a 5xx is not. ``make test`` sends a few examples per
form; ``make fuzz`` many more.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
import wagtail_factories
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Collection
from wagtail_localize.models import StringSegment, Translation

from tests.editorial import doors
from tests.factories import NewsPageFactory
from tests.fuzzing import assert_no_server_error, fuzz_settings, nasty_text, tried
from tests.translations.conftest import translate_and_publish

pytestmark = pytest.mark.django_db

ADMIN_FUZZ = fuzz_settings(examples=4)


@pytest.fixture
def objects(news_indexes, municipalities, locales, secretary):
    post = NewsPageFactory(
        parent=news_indexes["da"],
        title="Roskilde fejrer",
        owner_municipality=municipalities["roskilde"],
    )
    post.save_revision(user=secretary).publish()
    translated = translate_and_publish(post, locales["sv"])
    translation = Translation.objects.get(
        source__object_id=post.translation_key, target_locale=locales["sv"]
    )
    collection = Collection.objects.get(name="Roskilde")
    image = wagtail_factories.ImageFactory(collection=collection)
    document = wagtail_factories.DocumentFactory(collection=collection)
    return {
        "post": post,
        "translated": translated,
        "translation": translation,
        "segment": StringSegment.objects.filter(source=translation.source).first(),
        "image": image,
        "document": document,
        "index": news_indexes["da"],
    }


def admin_forms(o) -> list[str]:
    """The admin addresses whose forms are fuzzed."""
    return [
        f"/admin/pages/{o['post'].pk}/edit/",
        f"/admin/pages/{o['translated'].pk}/edit/",
        f"/admin/pages/add/news/newspage/{o['index'].pk}/",
        f"/admin/pages/{o['post'].pk}/move/",
        f"/admin/pages/{o['post'].pk}/copy/",
        f"/admin/localize/submit/page/{o['post'].pk}/",
        f"/admin/localize/translate/{o['translation'].pk}/",
        "/admin/snippets/contacts/person/add/",
        f"/admin/images/{o['image'].pk}/",
        f"/admin/documents/edit/{o['document'].pk}/",
        "/admin/account/",
    ]


LISTINGS = [
    "/admin/pages/search/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/contacts/person/",
    "/admin/reports/site-history/",
    "/admin/api/main/pages/",
]
LISTING_PARAMETERS = ["q", "p", "ordering", "locale", "collection_id", "type"]


@pytest.fixture(params=["roskilde_editor", "translator", "secretary"])
def role_client(request, objects):
    user = request.getfixturevalue(request.param)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return request.param, client


@pytest.fixture
def role_forms(role_client, objects):
    """The forms the admin shows the role, each fetched once (never a 5xx)."""
    _role, client = role_client
    forms = {}
    for url in admin_forms(objects):
        response = client.get(url)
        assert_no_server_error(response, f"GET {url}")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            requests = doors.post_forms(
                f"http://testserver{url}", response.content.decode()
            )
            if requests:
                forms[url] = requests[0][1] + browser_script_fields(response)
    return forms


def browser_script_fields(response) -> list[tuple[str, str]]:
    """Fields the admin's JavaScript adds: a StreamField's block count.

    Wagtail draws StreamFields in the browser, which posts ``<name>-count`` and
    the blocks; an empty StreamField is sent as a count of 0.
    """
    html = response.content.decode()
    names = re.findall(r'<div[^>]+id="([\w-]+)"[^>]+data-controller="w-block"', html)
    names += re.findall(r'<div[^>]+data-controller="w-block"[^>]+id="([\w-]+)"', html)
    return [(f"{name}-count", "0") for name in dict.fromkeys(names)]


@ADMIN_FUZZ
@given(data=st.data())
def test_admin_forms_survive_any_input(role_client, role_forms, data):
    role, client = role_client
    forms = role_forms
    assert forms, "no admin form was offered to this role"
    for url, fields in forms.items():
        names = sorted({name for name, _value in fields})
        hostile = data.draw(
            st.dictionaries(st.sampled_from(names), nasty_text, max_size=4),
            label=url,
        )
        sent: dict[str, list[str]] = {}
        for name, value in fields:
            sent.setdefault(name, []).append(value)
        sent.update({name: [value] for name, value in hostile.items()})
        tried(f"admin forms ({role})")
        assert_no_server_error(client.post(url, sent), f"POST {url} as {role}")


@ADMIN_FUZZ
@given(data=st.data())
def test_admin_listings_and_strings_survive_any_input(role_client, objects, data):
    role, client = role_client
    for url in LISTINGS:
        params = data.draw(
            st.dictionaries(st.sampled_from(LISTING_PARAMETERS), nasty_text),
            label=url,
        )
        tried(f"admin listings ({role})")
        assert_no_server_error(
            client.get(f"{url}?{urlencode(params)}"), f"GET {url} as {role}"
        )
    value = data.draw(nasty_text, label="string translation")
    url = (
        f"/admin/localize/translate/{objects['translation'].pk}"
        f"/strings/{objects['segment'].pk}/edit/"
    )
    tried(f"admin listings ({role})")
    response = client.put(
        url,
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert_no_server_error(response, f"PUT {url} as {role}")
    assert response.status_code != 404, "the string editing API was not reached"

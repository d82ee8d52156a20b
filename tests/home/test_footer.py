"""Every footer links to the accessibility statement in the visitor's language."""

import re

import pytest
from django.test import Client
from wagtail.models import Site

from home.models import SiteSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def footer_links(html: str) -> dict[str, str]:
    footer = html[html.index('<footer class="site-footer"') :]
    nav = re.search(r'<nav aria-labelledby="footer-links">.*?</nav>', footer, re.S)
    assert nav, "the footer has no links"
    return {
        label: href
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(0))
    }


@pytest.mark.parametrize(
    ("home", "label", "statement"),
    [
        ("/", "Tilgængelighedserklæring", "/tilgaengelighedserklaering/"),
        ("/en/", "Accessibility statement", "/en/accessibility/"),
        ("/sv/", "Tillgänglighetsredogörelse", "/sv/tillganglighet/"),
    ],
)
def test_footer_links_to_the_statement_in_each_language(
    client: Client, demo_content, home, label, statement
):
    links = footer_links(client.get(home).content.decode())

    assert links[label] == statement
    page = client.get(statement)
    assert page.status_code == 200
    assert page.content.decode().count(f'href="{statement}"') >= 1


def test_untranslated_statement_is_linked_in_danish(client: Client, homes):
    statement = StandardPageFactory(
        parent=homes["da"], title="Tilgængelighed", slug="tilgaengelighed"
    )
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"accessibility_statement": statement},
    )

    links = footer_links(client.get("/en/").content.decode())

    assert links["Accessibility statement"] == "/tilgaengelighed/"


def test_no_link_without_a_statement(client: Client, homes):
    html = client.get("/").content.decode()
    assert 'aria-labelledby="footer-links"' not in html

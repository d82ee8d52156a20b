"""The public newsletter pages: the archive listing and the embeddable sign-up block."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from newsletter.models import NewsletterArchivePage, NewsletterPage

pytestmark = pytest.mark.django_db


def add_issues(archive: NewsletterArchivePage, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        issue = NewsletterPage(title=f"Nummer {n}", slug=f"nummer-{n}")
        archive.add_child(instance=issue)
        issue.save_revision().publish()


def test_archive_queries_do_not_grow_with_issues(client, homes):
    archive = NewsletterArchivePage(title="Nyhedsbrev", slug="nyhedsbrev")
    homes["da"].add_child(instance=archive)
    archive.save_revision().publish()
    add_issues(archive, 3)
    client.get("/nyhedsbrev/")
    with CaptureQueriesContext(connection) as few:
        response = client.get("/nyhedsbrev/")
    assert response.content.decode().count('href="/nyhedsbrev/nummer-') == 3
    add_issues(archive, 9, start=3)

    with CaptureQueriesContext(connection) as many:
        response = client.get("/nyhedsbrev/")

    assert response.content.decode().count('href="/nyhedsbrev/nummer-') == 12
    assert len(many) == len(few)


def test_signup_block_renders_on_its_own(homes):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        html = render_to_string("newsletter/signup_form.html", {"request": request})

    assert 'action="/en/newsletter/subscribe/"' in html
    assert 'name="email"' in html
    assert 'value="/en/"' in html  # the page the sign-up came from
    assert "csrfmiddlewaretoken" not in html
    assert "<h2" in html

import pytest
from django.core.management import call_command

from newsletter.models import NewsletterArchivePage, NewsletterPage

pytestmark = pytest.mark.django_db


def test_demo_content_is_idempotent_and_served(client, demo_content):
    call_command("load_demo_content", verbosity=0)

    archive = NewsletterArchivePage.objects.get()
    issue = NewsletterPage.objects.get()
    assert archive.slug == "nyhedsbrev"
    assert archive.locale.language_code == "da"
    assert issue.get_parent().pk == archive.pk
    response = client.get("/nyhedsbrev/")
    assert response.status_code == 200
    assert issue.title in response.content.decode()
    assert client.get(issue.url).status_code == 200

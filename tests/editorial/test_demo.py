"""The demo users: one per role, documented logins that work."""

from django.urls import reverse

from editorial.demo import DEMO_SUBMISSION_SLUG, LOGINS
from news.models import NewsPage


def test_demo_logins_work_and_show_the_demo_queue(client, demo_content):
    credentials = [line.split(" (")[0].split(" / ") for line in LOGINS]
    assert len(credentials) == 4
    for username, password in credentials:
        assert client.login(username=username, password=password), username
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        client.logout()

    client.login(username="sekretariat", password=dict(credentials)["sekretariat"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    queue = page.split('id="editorial-awaiting-approval', 1)[1]
    assert "Roskilde inviterer til lydvandring" in queue

    client.login(username="redaktor-koge", password=dict(credentials)["redaktor-koge"])
    draft = NewsPage.objects.get(slug=DEMO_SUBMISSION_SLUG)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,)))
    assert response.status_code in (302, 403)

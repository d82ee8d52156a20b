"""Drives the real page editor: builds the POST data a browser would send."""

import datetime

from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage


def news_form_data(title: str, *, action: str | None = None, **extra) -> dict:
    data = {
        "title": title,
        "slug": extra.pop("slug", title.lower().replace(" ", "-")),
        "date": datetime.date(2025, 3, 1).isoformat(),
        "lead": "En kort indledning.",
        "body": streamfield([]),
        "tags": "",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        **extra,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def create_news(client: Client, parent: Page, title: str, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    return client.post(url, news_form_data(title, **kwargs))


def edit_news(client: Client, page: Page, title: str | None = None, **kwargs):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = news_form_data(title or page.title, slug=page.slug, **kwargs)
    return client.post(url, data)


def latest(title: str) -> NewsPage:
    return NewsPage.objects.get(title=title)

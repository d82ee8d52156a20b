"""Generates the benchmark data set: 2,000 news posts and 200 people on top of the demo.

Idempotent: tops up to the target counts and never duplicates.
"""

import datetime

from django.db import transaction
from wagtail.models import Locale

from contacts.models import Person
from municipalities.models import Municipality
from news.models import NewsIndexPage, NewsPage

NEWS_POSTS = 2000
PEOPLE = 200
WORDS = [
    "kultur",
    "musik",
    "ungdom",
    "fællesskab",
    "festival",
    "scene",
    "kommune",
    "borgere",
    "værksted",
    "litteratur",
    "teater",
    "dans",
    "kunst",
    "talent",
    "bibliotek",
    "koncert",
    "frivillige",
    "samarbejde",
]


def _text(seed: int, words: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words))


@transaction.atomic
def generate(news_posts: int = NEWS_POSTS, people: int = PEOPLE) -> None:
    danish = Locale.objects.get(language_code="da")
    municipalities = list(Municipality.objects.filter(locale=danish))
    existing_people = Person.objects.filter(name__startswith="Benchperson ").count()
    Person.objects.bulk_create(
        Person(
            name=f"Benchperson {n:04d}",
            job_title="Kulturkonsulent",
            email=f"bench{n}@example.org",
            phone="+45 10 20 30 40",
            locale=danish,
            municipality=municipalities[n % len(municipalities)]
            if municipalities
            else None,
        )
        for n in range(existing_people, people)
    )
    index = NewsIndexPage.objects.filter(locale=danish).first()
    if index is None:
        raise SystemExit("The demo content has no Danish news index to fill.")
    existing = NewsPage.objects.filter(slug__startswith="bench-").count()
    start = datetime.date(2019, 1, 1)
    for n in range(existing, news_posts):
        post = NewsPage(
            title=f"Nyhed {n}: {_text(n, 4)}",
            slug=f"bench-{n:05d}",
            date=start + datetime.timedelta(days=n % 2500),
            lead=_text(n, 30),
            body=[("paragraph", f"<p>{_text(n + 1, 120)}</p>")],
            locale=danish,
            live=True,
        )
        if municipalities:
            post.municipalities = [municipalities[n % len(municipalities)]]
        # Created live without a revision: much faster, and serving is the same.
        index.add_child(instance=post)

"""Times site searches against many news posts on the configured database.

Creates a news index with N Danish posts inside a transaction that is rolled back
at the end, so the database is left as it was. Prints the median and the 95th
percentile of the time one search takes (counts per type, promotions and the
first page of results: the database work of the results page, not its rendering).
"""

import datetime
import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from search.results import SiteSearch, clean_query, promotions_for

WORDS = [
    "kultur",
    "aftale",
    "kommune",
    "bibliotek",
    "musik",
    "teater",
    "dans",
    "festival",
    "børn",
    "unge",
    "kunst",
    "museum",
    "koncert",
    "litteratur",
    "film",
    "scene",
    "værksted",
    "fællesskab",
    "natur",
    "historie",
    "sommer",
    "vinter",
    "forår",
    "efterår",
    "borger",
    "frivillig",
    "skole",
    "udstilling",
    "kulturaftale",
    "samarbejde",
    "projekt",
    "region",
    "netværk",
    "rejse",
    "fortælling",
    "lyd",
    "lys",
]


VOCABULARY_SIZE = 3000
QUERY_WORDS_FROM = 300


def vocabulary(rng: random.Random) -> list[str]:
    """Real words first, then made-up ones: ``VOCABULARY_SIZE`` distinct words.

    Texts draw words with Zipf-like weights (the n-th word 1/n), as natural text
    does, so a query matches from most posts (common words) to a few (rare ones).
    """
    words = list(dict.fromkeys(WORDS))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(
            rng.choice("bdfgklmnprstv") + rng.choice("aeiouyæøå")
            for _ in range(rng.choice((2, 3, 4)))
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]


class Rollback(Exception):
    pass


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(int(round(fraction * len(ordered) + 0.5)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


class Command(BaseCommand):
    help = (
        "Times site searches over N news posts (throwaway data, rolled back): "
        "median and 95th percentile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--queries", type=int, default=100)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, posts: int, queries: int, seed: int, **options):
        home = HomePage.objects.filter(locale__language_code="da").first()
        if home is None:
            raise CommandError("No Danish home page: run migrate first.")
        rng = random.Random(seed)
        words = vocabulary(rng)
        try:
            with transaction.atomic():
                started = time.perf_counter()
                self.create_posts(home, posts, rng, words)
                self.stdout.write(
                    f"Created and indexed {posts} news posts in "
                    f"{time.perf_counter() - started:.1f} s."
                )
                timings = self.time_searches(queries, rng, words)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(
            f"search ({connection.vendor}, {posts} news posts, {queries} queries): "
            f"median {statistics.median(timings):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms"
        )
        self.stdout.write("Benchmark data rolled back.")

    def create_posts(
        self, home: HomePage, count: int, rng: random.Random, words: list[str]
    ) -> None:
        """Adds ``count`` posts under a new news index and indexes them in bulk.

        Rows are written in bulk (``Page.save`` with its signals, log entries and
        reference-index tasks would take minutes for 10,000 posts); tree paths are
        computed as treebeard does, and the search index is filled in one pass.
        """
        index_page = home.add_child(
            instance=NewsIndexPage(title="Benchmark", slug="bench-search-nyheder")
        )
        content_type = ContentType.objects.get_for_model(NewsPage)
        weights = [1 / rank for rank in range(1, len(words) + 1)]
        today = timezone.localdate()
        now = timezone.now()
        posts = []
        for number in range(count):
            title = " ".join(rng.choices(words, weights, k=5)).capitalize()
            posts.append(
                NewsPage(
                    title=title,
                    draft_title=title,
                    slug=f"bench-{number}",
                    content_type=content_type,
                    lead=" ".join(rng.choices(words, weights, k=40)).capitalize() + ".",
                    date=today - datetime.timedelta(days=number % 2000),
                    locale_id=index_page.locale_id,
                    depth=index_page.depth + 1,
                    path=NewsPage._get_path(
                        index_page.path, index_page.depth + 1, number + 1
                    ),
                    url_path=f"{index_page.url_path}bench-{number}/",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        pages = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(post, f.attname) for f in PAGE_FIELDS})
                for post in posts
            ],
            batch_size=500,
        )
        for post, page in zip(posts, pages, strict=True):
            post.pk = post.page_ptr_id = page.pk
        self.insert_rows(NewsPage, posts)
        Page.objects.filter(pk=index_page.pk).update(numchild=count)
        get_search_backend().add_bulk(
            NewsPage, NewsPage.objects.filter(path__startswith=index_page.path)
        )

    def insert_rows(self, model, objs) -> None:
        """Inserts the rows of ``model``'s own table (not its parents') for ``objs``."""
        fields = model._meta.local_concrete_fields
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        rows = [
            [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
            for obj in objs
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows
            )

    def time_searches(
        self, count: int, rng: random.Random, words: list[str]
    ) -> list[float]:
        """Milliseconds per search for ``count`` one- and two-word queries drawn
        from the ``QUERY_WORDS_FROM`` most common words."""
        locale = Locale.objects.get(language_code="da")
        timings = []
        with translation.override("da"):
            for _ in range(count):
                terms = rng.sample(words[:QUERY_WORDS_FROM], rng.choice((1, 1, 2)))
                query = clean_query(" ".join(terms))
                started = time.perf_counter()
                promotions_for(query, locale)
                results = SiteSearch(query, locale).run()
                list(results[:10])
                timings.append((time.perf_counter() - started) * 1000)
        return timings

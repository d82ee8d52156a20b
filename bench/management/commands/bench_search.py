"""Times site searches against many news posts on the configured database.

Creates a news index with N posts in each language (Danish, English, Swedish)
inside a transaction that is rolled back at the end, so the database is left as it
was; on PostgreSQL the database is vacuumed before (the dead rows of earlier runs)
and analysed once the posts are in, as autovacuum would do. Each search
is a request to the real search view (``/search/``, ``/en/search/``, ``/sv/search/``)
for a search nobody made before: the page cache is off and each request's address
is new, so its results are never read from the fragment cache, while the header,
menu and footer fragments are warm, as they are for every visitor between two
publishes. Timed: the query count for the report, promotions, counts per type, the
first page of results and the rendering. Prints the median and the 95th percentile
in ms per language and kind of query.
"""

import datetime
import itertools
import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage

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
#: Common words are the most frequent ``COMMON_WORDS``; rare ones come from the tail.
COMMON_WORDS = 300
RARE_WORDS_FROM = 2000
LANGUAGES = {"da": "/search/", "en": "/en/search/", "sv": "/sv/search/"}


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


class SQLTimer:
    """An execute wrapper adding up the seconds spent in the database."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(int(round(fraction * len(ordered) + 0.5)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


class Command(BaseCommand):
    help = (
        "Times the search view over N news posts per language (throwaway data, "
        "rolled back): median and 95th percentile per language and kind of query."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000, help="per language")
        parser.add_argument(
            "--queries", type=int, default=20, help="per language and kind"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--explain",
            action="store_true",
            help="print EXPLAIN ANALYZE of the search queries of the request "
            "slowest in SQL (PostgreSQL)",
        )

    def handle(
        self, *args, posts: int, queries: int, seed: int, explain: bool, **options
    ):
        homes = {
            home.locale.language_code: home
            for home in HomePage.objects.select_related("locale")
        }
        if set(LANGUAGES) - set(homes):
            raise CommandError("A home page per language is missing: run migrate.")
        rng = random.Random(seed)
        words = vocabulary(rng)
        if connection.vendor == "postgresql":
            # Earlier runs were rolled back: their rows are dead until vacuumed,
            # and every index scan would still visit them (autovacuum would
            # have removed them on a live site).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        try:
            with transaction.atomic():
                started = time.perf_counter()
                for code in LANGUAGES:
                    self.create_posts(homes[code], posts, rng, words)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                self.stdout.write(
                    f"Created and indexed {posts} news posts in each of "
                    f"{len(LANGUAGES)} languages in "
                    f"{time.perf_counter() - started:.1f} s."
                )
                timings, slowest = self.time_searches(queries, rng, words)
                if explain and connection.vendor == "postgresql":
                    self.explain(*slowest)
                raise Rollback
        except Rollback:
            pass
        self.report(timings, posts, queries)
        self.stdout.write("Benchmark data rolled back.")

    def report(self, timings: dict, posts: int, queries: int) -> None:
        self.stdout.write(
            f"search view ({connection.vendor}, {posts} news posts per language, "
            f"{queries} queries per row, results uncached): ms per request, "
            "and of it in SQL"
        )
        self.stdout.write(
            f"{'language':<9}{'query':<15}{'median':>7}{'p95':>7}"
            f"{'SQL median':>12}{'SQL p95':>9}"
        )
        everything, everything_sql = [], []
        for (code, kind), pairs in timings.items():
            values = [total for total, _sql in pairs]
            sql = [sql for _total, sql in pairs]
            everything.extend(values)
            everything_sql.extend(sql)
            self.stdout.write(
                f"{code:<9}{kind:<15}{statistics.median(values):>7.1f}"
                f"{percentile(values, 0.95):>7.1f}"
                f"{statistics.median(sql):>12.1f}{percentile(sql, 0.95):>9.1f}"
            )
        self.stdout.write(
            f"search ({connection.vendor}, all rows): "
            f"median {statistics.median(everything):.1f} ms, "
            f"p95 {percentile(everything, 0.95):.1f} ms, "
            f"slowest {max(everything):.1f} ms; "
            f"SQL median {statistics.median(everything_sql):.1f} ms, "
            f"p95 {percentile(everything_sql, 0.95):.1f} ms"
        )

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
        posts = self.unsaved_posts(index_page, count, rng, words)
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

    def unsaved_posts(
        self, index_page: NewsIndexPage, count: int, rng: random.Random, words
    ) -> list[NewsPage]:
        """``count`` live posts of random words under ``index_page``, with the tree
        paths treebeard would give them; not saved."""
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
        return posts

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

    @staticmethod
    def query_kinds(rng: random.Random, words: list[str]) -> dict[str, str]:
        """One query of each kind, as a visitor would type it."""
        common = words[:COMMON_WORDS]
        return {
            "one word": rng.choice(common),
            "two words": " ".join(rng.sample(common, 2)),
            "three words": " ".join(rng.sample(common, 3)),
            "rare word": rng.choice(words[RARE_WORDS_FROM:]),
            "prefix": rng.choice([w for w in common if len(w) > 5])[:4],
            "quoted phrase": '"' + " ".join(rng.sample(common, 2)) + '"',
            "no match": f"qqxz{rng.randrange(10**6)}",
        }

    def time_searches(
        self, count: int, rng: random.Random, words: list[str]
    ) -> tuple[dict[tuple[str, str], list[tuple[float, float]]], tuple[str, str]]:
        """Milliseconds per request to the search view and of it in SQL,
        ``count`` requests per language and kind of query, each at a new
        address; and the path and query of the request slowest in SQL."""
        client = Client(HTTP_HOST="localhost")
        timings: dict[tuple[str, str], list[float]] = {}
        slowest = (0.0, "", "")
        # Unique across runs too: a shared cache outlives the rolled-back data.
        run = time.time_ns()
        requests = (f"{run}-{number}" for number in itertools.count())
        with override_settings(FRAGMENT_CACHE_SECONDS=3600, PAGE_CACHE_SECONDS=0):
            for path in LANGUAGES.values():  # templates and page fragments
                client.get(path, {"q": words[0], "n": next(requests)})
            for _ in range(count):
                for code, path in LANGUAGES.items():
                    for kind, query in self.query_kinds(rng, words).items():
                        in_sql = SQLTimer()
                        with connection.execute_wrapper(in_sql):
                            started = time.perf_counter()
                            response = client.get(
                                path, {"q": query, "n": next(requests)}
                            )
                            elapsed = (time.perf_counter() - started) * 1000
                        if response.status_code != 200:
                            raise CommandError(
                                f"{path}?q={query}: {response.status_code}"
                            )
                        sql = in_sql.seconds * 1000
                        timings.setdefault((code, kind), []).append((elapsed, sql))
                        slowest = max(slowest, (sql, path, query))
        return timings, slowest[1:]

    def explain(self, path: str, query: str) -> None:
        """Prints the plan of each search query the search view makes for ``query``."""
        client = Client(HTTP_HOST="localhost")
        with (
            override_settings(FRAGMENT_CACHE_SECONDS=0),
            CaptureQueriesContext(connection) as captured,
        ):
            client.get(path, {"q": query})
        self.stdout.write(
            f"EXPLAIN ANALYZE of the search slowest in SQL, {path}?q={query}"
        )
        with connection.cursor() as cursor:
            for sql in (q["sql"] for q in captured.captured_queries):
                if "searchdocument" not in sql or not sql.startswith("SELECT"):
                    continue
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                self.stdout.write(sql)
                self.stdout.write("\n".join(row[0] for row in cursor.fetchall()))

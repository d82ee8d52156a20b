"""PostgreSQL full-text search stemmed per language (see the package docstring).

The site search (``search.results``) asks this backend for ``matching()`` and
``ranked()`` instead of ``queryset.search()``. Wagtail joins its index to the
searched table on ``object_id = id::varchar`` and matches ``title || body``,
which no index serves: after ``ANALYZE`` the planner chose a nested loop over the
join, and two common words took 1.6 s over 2,000 posts. Here the words are
matched in ``search.SearchDocument``: one narrow row per indexed object, its
``title || body`` stored once in a GIN-indexed ``tsvector`` (in the object's
language, as Wagtail's row) under an integer ``object_id``, so the searched table
is joined on its integer key by hash. Counting does not rank; ranking reads only
the documents of the searched rows. The documents are written and deleted by the
index below, in the same calls as Wagtail's rows (saving, publishing,
unpublishing, deleting, ``update_index``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.models import Locale

from search.models import SearchDocument

ENTRIES = IndexEntry._meta.db_table
DOCUMENTS = SearchDocument._meta.db_table
#: How many candidates a search ranks (see ``ranked()``).
RANK_CANDIDATES = 500

#: Language code -> PostgreSQL text search configuration; SEARCH_CONFIGS overrides.
DEFAULT_CONFIGS = {"da": "danish", "en": "english", "sv": "swedish"}


class _ConfigOverride:
    """The backend as seen by the indexer, with another text search config."""

    def __init__(self, backend, config: str):
        self._backend = backend
        self.config = config

    def __getattr__(self, name: str):
        return getattr(self._backend, name)


class LanguageAwareIndex(PostgresIndex):
    """Indexes each object with the text search configuration of its locale,
    and keeps a ``SearchDocument`` beside each index row of an integer key."""

    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config: dict[str, list] = {}
        for obj in objs:
            config = self.backend.config_for_object(obj, languages)
            by_config.setdefault(config, []).append(obj)
        backend = self.backend
        try:
            for config, group in by_config.items():
                self.backend = _ConfigOverride(backend, config)
                super().add_items(model, group)
        finally:
            self.backend = backend
        self._write_documents(model, objs)

    def _write_documents(self, model, objs) -> None:
        """Copies the index rows of ``objs`` into their search documents."""
        objs = [obj for obj in objs if isinstance(obj.pk, int)]
        if not objs or not model.get_search_fields():
            return
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {DOCUMENTS}"
                " (content_type_id, object_id, locale_id, document, title)"
                " SELECT entry.content_type_id, entry.object_id::bigint,"
                " object.locale_id, entry.title || entry.body, entry.title"
                f" FROM {ENTRIES} entry"
                " JOIN unnest(%s::text[], %s::integer[]) AS object (id, locale_id)"
                " ON entry.object_id = object.id"
                " WHERE entry.content_type_id = %s"
                " ON CONFLICT (content_type_id, object_id) DO UPDATE"
                " SET document = EXCLUDED.document, title = EXCLUDED.title,"
                " locale_id = EXCLUDED.locale_id",
                [
                    [str(obj.pk) for obj in objs],
                    [getattr(obj, "locale_id", None) for obj in objs],
                    get_content_type_pk(model),
                ],
            )

    def delete_item(self, item):
        super().delete_item(item)
        if not isinstance(item.pk, int):
            return
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DOCUMENTS}"
                " WHERE content_type_id = ANY(%s) AND object_id = %s",
                [get_descendants_content_types_pks(type(item)), item.pk],
            )

    def delete_stale_entries(self):
        super().delete_stale_entries()
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DOCUMENTS} document WHERE NOT EXISTS ("
                f" SELECT FROM {ENTRIES} entry"
                " WHERE entry.content_type_id = document.content_type_id"
                " AND entry.object_id = document.object_id::text)"
            )

    def reset(self):
        super().reset()
        SearchDocument.objects.all()._raw_delete(using=self.write_connection.alias)


class LanguageAwareQueryCompiler(PostgresSearchQueryCompiler):
    """Parses the query with the active language's configuration."""

    def get_config(self, backend):
        return backend.config_for_language(translation.get_language())

    def search(self, config, start, stop, score_field=None, backend=None):
        # Wagtail matches ``title || body`` against the query, which no index
        # can serve: every search reads the whole index. Requiring each word
        # in the title or the body first lets PostgreSQL use the GIN indexes;
        # the original match still decides.
        query = self.query
        if (
            self.fields is None
            and isinstance(query, PlainText)
            and query.operator == "and"
            and not getattr(self, "_prefiltered", False)
        ):
            each_word = Q()
            for term in query.query_string.split():
                word = SearchQuery(term, search_type="plain", config=config)
                each_word &= Q(index_entries__title=word) | Q(index_entries__body=word)
            # One filter() call: one join to the index entries.
            self.queryset = self.queryset.filter(each_word)
            self._prefiltered = True
        return super().search(config, start, stop, score_field, backend)


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL full-text search stemmed in each object's own language."""

    query_compiler_class = LanguageAwareQueryCompiler
    index_class = LanguageAwareIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
        self.configs = params.get("SEARCH_CONFIGS", DEFAULT_CONFIGS)

    def config_for_language(self, language_code: str | None) -> str:
        """The text search configuration for a code like ``da`` or ``en-gb``."""
        code = (language_code or "").lower()
        return self.configs.get(code) or self.configs.get(
            code.split("-")[0], self.config
        )

    def matching(
        self, queryset: QuerySet, text: str, locale: Locale | None = None
    ) -> QuerySet:
        """``queryset`` narrowed to the objects whose title or body hold every
        word of ``text`` (stemmed for the active language), unordered.

        ``locale``, when given, is the one every object of ``queryset`` has: the
        documents are narrowed to it before the join."""
        documents, _query = self._matching_documents(queryset.model, text, locale)
        return queryset.filter(pk__in=documents.values("object_id")).order_by()

    def ranked(
        self, queryset: QuerySet, text: str, locale: Locale | None = None
    ) -> RankedMatches:
        """The objects of ``queryset`` matching ``text``, best first, as a
        sequence that fetches only the slices asked for; ``locale`` as for
        ``matching()``.

        Only the first ``RANK_CANDIDATES`` candidates are ranked (``ts_rank``
        reads each whole document): matches in the title first, newest first
        among them, then matches in the body only. Title words weigh a hundred
        times more, so a candidate outside that set would rank below it anyway
        unless there are more title matches than that; those, and every match
        after the ranked set, follow in the candidates' order."""
        documents, query = self._matching_documents(queryset.model, text, locale)
        candidates = (
            documents.filter(object_id__in=queryset.order_by().values("pk"))
            .annotate(in_title=ExpressionWrapper(Q(title=query), BooleanField()))
            .order_by("-in_title", "-object_id")
        )
        ranked = (
            SearchDocument.objects.filter(
                pk__in=candidates.values("pk")[:RANK_CANDIDATES]
            )
            .annotate(rank=SearchRank(F("document"), query, weights=get_sql_weights()))
            .order_by("-rank", "-object_id")
        )
        return RankedMatches(
            queryset,
            ranked.values_list("object_id", flat=True),
            candidates.values_list("object_id", flat=True),
        )

    def _matching_documents(
        self, model, text: str, locale: Locale | None
    ) -> tuple[QuerySet, SearchQuery]:
        config = self.config_for_language(translation.get_language())
        query = SearchQuery(text, search_type="plain", config=config)
        documents = SearchDocument.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(model),
            document=query,
        )
        if locale is not None:
            documents = documents.filter(locale=locale)
        return documents, query

    def config_for_object(self, obj, languages: dict[int, str]) -> str:
        """The configuration of ``obj``'s locale; ``SEARCH_CONFIG`` without one.

        ``languages`` maps locale ids to language codes."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.config
        return self.config_for_language(languages.get(locale_id))


class RankedMatches(Sequence):
    """Search hits best first, read one slice at a time (for ``Paginator``).

    ``ranked_pks`` yields the primary keys of the first ``RANK_CANDIDATES`` of
    ``candidate_pks`` best first; the rest follow in the candidates' order. Each
    slice fetches its keys first, then those rows of ``queryset``
    (``.specific()`` and all), in that order.
    """

    def __init__(self, queryset: QuerySet, ranked_pks: QuerySet, candidate_pks):
        self.queryset = queryset
        self.ranked_pks = ranked_pks
        self.candidate_pks = candidate_pks

    def __len__(self) -> int:
        return self.candidate_pks.count()

    def __getitem__(self, item) -> Any:
        if not isinstance(item, slice):
            found = self[item : item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        if item.step not in (None, 1) or (item.start or 0) < 0:
            raise ValueError("Only forward slices without a step are supported.")
        start = item.start or 0
        stop = len(self) if item.stop is None else item.stop
        pks = []
        if start < RANK_CANDIDATES:
            pks += self.ranked_pks[start : min(stop, RANK_CANDIDATES)]
        if stop > RANK_CANDIDATES:
            pks += self.candidate_pks[max(start, RANK_CANDIDATES) : stop]
        if not pks:
            return []
        by_pk = {obj.pk: obj for obj in self.queryset.filter(pk__in=pks)}
        return [by_pk[pk] for pk in pks if pk in by_pk]

"""The database search backend: Wagtail's, stemmed per language on PostgreSQL.

Wagtail's PostgreSQL backend stems everything with one text search configuration
(``SEARCH_CONFIG``). This site holds Danish, English and Swedish pages in the same
index, so here each object is indexed with the configuration of its locale and each
query is parsed with the configuration of the active language (search results are
always filtered to that language's locale, so query and documents agree)::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "SEARCH_CONFIG": "danish",  # objects without a locale
            "SEARCH_CONFIGS": {"da": "danish", "en": "english", "sv": "swedish"},
        }
    }

On SQLite and other databases this module returns Wagtail's own database backend
unchanged (SQLite FTS5 has no stemming). After changing the configurations, run
``manage.py update_index``.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

DEFAULT_CONFIGS = {"da": "danish", "en": "english", "sv": "swedish"}


def SearchBackend(params: dict[str, Any]):  # noqa: N802 (the name Wagtail looks up)
    """Returns the language-aware backend on PostgreSQL, Wagtail's elsewhere."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        backend.__class__ = _quote_safe(type(backend))
    return backend


def _quote_safe(backend_class: type) -> type:
    """SQLite's full-text backend with the double quotes in a query escaped.

    modelsearch puts each term in double quotes for FTS5 without doubling the
    ones inside it, as FTS5 asks, so a search for ``"`` (the admin's image
    search, say) raised "unterminated string".
    """

    class QuoteSafeBackend(backend_class):
        def search(self, query, *args, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', '""')
            return super().search(query, *args, **kwargs)

        def autocomplete(self, query, *args, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', '""')
            return super().autocomplete(query, *args, **kwargs)

    QuoteSafeBackend.__name__ = f"QuoteSafe{backend_class.__name__}"
    return QuoteSafeBackend


def _language_codes() -> dict[int, str]:
    """Locale id -> language code (one query; locales are few)."""
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def _postgres_backend_class():
    # Imported lazily: the PostgreSQL backend imports psycopg-only Django parts.
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Q
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.query import PlainText

    class _ConfigOverride:
        """The backend as seen by the indexer, with another text search config."""

        def __init__(self, backend, config: str):
            self._backend = backend
            self.config = config

        def __getattr__(self, name: str):
            return getattr(self._backend, name)

    class LanguageAwareIndex(PostgresIndex):
        def add_items(self, model, objs):
            languages = _language_codes()
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

    class LanguageAwareQueryCompiler(PostgresSearchQueryCompiler):
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
                    each_word &= Q(index_entries__title=word) | Q(
                        index_entries__body=word
                    )
                # One filter() call: one join to the index entries.
                self.queryset = self.queryset.filter(each_word)
                self._prefiltered = True
            return super().search(config, start, stop, score_field, backend)

    class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
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

        def config_for_object(self, obj, languages: dict[int, str]) -> str:
            """The configuration of ``obj``'s locale; ``SEARCH_CONFIG`` without one.

            ``languages`` maps locale ids to language codes."""
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is None:
                return self.config
            return self.config_for_language(languages.get(locale_id))

    return LanguageAwarePostgresSearchBackend

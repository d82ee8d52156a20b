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

On SQLite this module returns Wagtail's own database backend with double quotes
escaped (SQLite FTS5 has no stemming); on other databases Wagtail's unchanged.
After changing the configurations, run ``manage.py update_index``.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params: dict[str, Any]):  # noqa: N802 (the name Wagtail looks up)
    """Returns the language-aware backend on PostgreSQL, Wagtail's elsewhere.

    Each database's module is imported only on that database, as modelsearch
    does: its SQLite module needs a model that exists only on SQLite.
    """
    if connection.vendor == "postgresql":
        from search.backends.postgres import LanguageAwarePostgresSearchBackend

        return LanguageAwarePostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import (
            QuoteSafeSQLiteSearchBackend,
            SQLiteSearchBackend,
        )

        if type(backend) is SQLiteSearchBackend:  # FTS5 is there (not the fallback)
            return QuoteSafeSQLiteSearchBackend(params)
    return backend

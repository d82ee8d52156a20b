"""SQLite FTS5 search: Wagtail's backend with double quotes escaped."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend


def _escape_quotes(query):
    return query.replace('"', '""') if isinstance(query, str) else query


class QuoteSafeSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite's full-text backend with the double quotes in a query escaped.

    modelsearch puts each term in double quotes for FTS5 without doubling the
    ones inside it, as FTS5 asks, so a search for ``"`` (the admin's image
    search, say) raised "unterminated string".
    """

    #: FTS5 ranks each match in a subquery of its own: over a few hundred matches
    #: the search view lists them newest first instead (search/results.py).
    ranks_cheaply = False

    def search(self, query, *args, **kwargs):
        return super().search(_escape_quotes(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(_escape_quotes(query), *args, **kwargs)

"""PostgreSQL full-text search stemmed per language (see the package docstring)."""

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import PlainText
from wagtail.models import Locale

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
    """Indexes each object with the text search configuration of its locale."""

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

    def config_for_object(self, obj, languages: dict[int, str]) -> str:
        """The configuration of ``obj``'s locale; ``SEARCH_CONFIG`` without one.

        ``languages`` maps locale ids to language codes."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.config
        return self.config_for_language(languages.get(locale_id))

"""Site search: query cleaning, result sets per type, promotions and excerpts.

The searched models are not listed here: every live, public page of the active
locale is searched whatever its type, plus the snippets in ``SEARCHED_SNIPPETS``
(models with a ``locale``). New page types join the search by declaring
``search_fields``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from home.visibility import public_q

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
EXCERPT_WORDS = 32
SEARCHED_SNIPPETS = ("contacts.Person",)
# Wagtail's SQLite backend scores every match in a correlated subquery: ranking
# thousands of matches takes seconds. Beyond this many matches, SQLite results are
# ordered newest first instead (PostgreSQL and OpenSearch always rank).
RANKED_RESULTS_LIMIT = 500

WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class CleanedQuery:
    """A visitor's query reduced to words the search backends accept.

    ``terms`` holds only letters and digits (punctuation, operators, SQL and
    HTML fragments are dropped), so no query syntax reaches a backend.
    ``error`` is a translated message when the query cannot be searched.
    """

    raw: str
    terms: tuple[str, ...] = ()
    error: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms) and not self.error


def clean_query(raw: str | None) -> CleanedQuery:
    """Returns the searchable words of ``raw`` or an explanation why there are none."""
    raw = (raw or "").strip()
    if not raw:
        return CleanedQuery(raw="")
    if len(raw) > MAX_QUERY_LENGTH:
        return CleanedQuery(
            raw=raw[:MAX_QUERY_LENGTH],
            error=_("Your search is too long. Use at most %(max)s characters.")
            % {"max": MAX_QUERY_LENGTH},
        )
    terms = tuple(WORD_RE.findall(raw))
    if not terms:
        return CleanedQuery(
            raw=raw,
            error=_("Type at least one letter or digit to search."),
        )
    return CleanedQuery(raw=raw, terms=terms[:MAX_QUERY_WORDS])


def searched_snippet_models() -> list[type[models.Model]]:
    """The snippet models searched besides pages."""
    return [apps.get_model(label) for label in SEARCHED_SNIPPETS]


def type_key(model: type[models.Model]) -> str:
    """The value of the ``type`` filter for ``model``, e.g. ``news.newspage``."""
    return model._meta.label_lower


@dataclass
class TypeFacet:
    key: str
    label: str
    count: int
    selected: bool = False


class CombinedResults(Sequence):
    """Several result sets read as one list, in order, for ``Paginator``.

    Each part is a ``(results, count)`` pair, the count known beforehand (the
    facets already counted, which saves a query per part); only the slice a page
    needs is fetched from each part.
    """

    def __init__(self, parts: Iterable[tuple[Any, int]]):
        self.parts = list(parts)

    def __len__(self) -> int:
        return sum(count for _part, count in self.parts)

    def count(self) -> int:
        return len(self)

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _step = item.indices(len(self))
        items: list[Any] = []
        offset = 0
        for part, count in self.parts:
            lo, hi = max(start - offset, 0), min(stop - offset, count)
            if lo < hi:
                items.extend(part[lo:hi])
            offset += count
        return items


@dataclass
class SiteSearch:
    """One search of the site for the active locale.

    ``type_filter`` is a key from ``facets`` (``news.newspage``, ``contacts.person``);
    unknown keys are reported in ``type_error`` and ignored.
    """

    query: CleanedQuery
    locale: Locale
    type_filter: str = ""
    type_error: str = ""
    facets: list[TypeFacet] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._page_results = None
        self._snippet_results: dict[str, Any] = {}

    def pages(self):
        return (
            Page.objects.live()
            .filter(public_q())
            .filter(locale=self.locale)
            .exclude(depth=1)
            .specific()
        )

    def run(self, exclude_page_ids: Iterable[int] = ()) -> CombinedResults:
        """Searches and fills ``facets``; returns the results of the selected type."""
        exclude_page_ids = list(exclude_page_ids)
        pages = self.pages()
        if exclude_page_ids:
            pages = pages.exclude(id__in=exclude_page_ids)
        page_counts = self._count_by_type(pages)
        ranked = _ranks_cheaply() or sum(page_counts.values()) <= RANKED_RESULTS_LIMIT

        page_facets, page_parts_by_key = self._page_facets(page_counts)
        snippet_facets, snippet_parts = self._snippet_facets()
        self._choose_facets([*page_facets, *snippet_facets])

        if self.type_filter in snippet_parts:
            return CombinedResults([snippet_parts[self.type_filter]])
        page_count = sum(page_counts.values())
        if self.type_filter:
            ct_id = page_parts_by_key[self.type_filter]
            pages = pages.filter(content_type_id=ct_id)
            page_count = page_counts[ct_id]
        page_results = (self._search(pages, ranked), page_count)
        if self.type_filter:
            return CombinedResults([page_results])
        # People are few and matched on their name or title: they come first.
        return CombinedResults([*snippet_parts.values(), page_results])

    def _count_by_type(self, pages) -> dict[int, int]:
        """Matching pages per content type id; counting ranks nothing."""
        backend = get_search_backend()
        if not hasattr(backend, "matching"):
            return dict(self._search(pages).facet("content_type_id"))
        return dict(
            backend.matching(pages, self.query.text, self.locale)
            .values_list("content_type_id")
            .annotate(count=Count("pk"))
        )

    @staticmethod
    def _page_facets(page_counts: dict) -> tuple[list[TypeFacet], dict[str, int]]:
        """One facet per page type with hits, and each type's content type id."""
        facets, ct_ids = [], {}
        for ct_id, count in page_counts.items():
            model = ContentType.objects.get_for_id(ct_id).model_class()
            if model is None or not count:
                continue
            facets.append(_facet(model, count))
            ct_ids[type_key(model)] = ct_id
        return facets, ct_ids

    def _snippet_facets(self) -> tuple[list[TypeFacet], dict[str, tuple]]:
        """One facet per searched snippet type with hits, and its (results, count)."""
        facets, parts = [], {}
        for model in searched_snippet_models():
            snippets = model._default_manager.filter(locale=self.locale)
            count = self._count(snippets)
            if count:
                facets.append(_facet(model, count))
                parts[type_key(model)] = (self._search(snippets), count)
        return facets, parts

    def _choose_facets(self, facets: list[TypeFacet]) -> None:
        """Sorts the facets, marks the chosen one and drops an unknown choice."""
        facets.sort(key=lambda facet: (-facet.count, facet.label))
        if self.type_filter and self.type_filter not in {f.key for f in facets}:
            self.type_error = _(
                "There are no results of the chosen type; showing all results."
            )
            self.type_filter = ""
        for facet in facets:
            facet.selected = facet.key == self.type_filter
        self.facets = facets

    def _search(self, queryset, ranked: bool = True):
        """``queryset``'s matches (all of ``self.locale``): best first, or newest
        first if not ``ranked``."""
        backend = get_search_backend()
        if hasattr(backend, "ranked"):  # PostgreSQL: search/backends/postgres.py
            return backend.ranked(queryset, self.query.text, self.locale)
        if ranked:
            return backend.search(self.query.text, queryset, operator="and")
        return backend.search(
            self.query.text,
            queryset.order_by("-first_published_at"),
            operator="and",
            order_by_relevance=False,
        )

    def _count(self, queryset) -> int:
        backend = get_search_backend()
        if hasattr(backend, "matching"):
            return backend.matching(queryset, self.query.text, self.locale).count()
        return backend.search(self.query.text, queryset, operator="and").count()


def _ranks_cheaply() -> bool:
    """False for SQLite FTS5, whose backend ranks each match in its own subquery
    (search/backends/sqlite.py says so with ``ranks_cheaply``)."""
    return getattr(get_search_backend(), "ranks_cheaply", True)


def promotions_for(query: CleanedQuery, locale: Locale) -> list[SearchPromotion]:
    """The secretariat's promoted results for ``query`` shown in ``locale``.

    Promotions have no language of their own: one pointing at a page is shown
    only where the page's locale is ``locale``; external links are shown in
    every language.
    """
    if not query:
        return []
    return list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query.text)
        )
        .filter(
            Q(page__isnull=True)
            | Q(page__locale=locale, page__live=True, page__view_restrictions=None)
        )
        .select_related("page")
        .order_by("sort_order")
    )


def log_query(query: CleanedQuery) -> None:
    """Counts one search for the "popular searches" report (pruned daily)."""
    if query:
        Query.get(query.text).add_hit()


@dataclass
class ResultItem:
    """What the results page shows for one page or snippet."""

    obj: Any
    title: str
    url: str
    type_label: str
    date: datetime.date | None
    end_date: datetime.date | None
    excerpt: SafeString


def searchable_text(obj: models.Model) -> str:
    """The text of ``obj``'s search fields other than the title, flattened."""
    parts: list[str] = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        if search_field.field_name == "title":
            continue
        parts.extend(_flatten(search_field.get_value(obj)))
    return " ".join(part for part in parts if part)


def _flatten(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


def _stem_prefix(term: str) -> str:
    """A crude stem used only to highlight: the first letters of a term."""
    term = term.lower()
    return term if len(term) <= 4 else term[: max(4, len(term) - 3)]


def make_excerpt(
    text: str, terms: Iterable[str], size: int = EXCERPT_WORDS
) -> SafeString:
    """About ``size`` words of ``text`` around the first match of a term, escaped,
    with the matching words wrapped in ``<mark>``."""
    text = re.sub(r"<[^>]+>", " ", text)
    words = text.split()
    if not words:
        return mark_safe("")
    prefixes = tuple(_stem_prefix(term) for term in terms if term)

    def matches(word: str) -> bool:
        bare = "".join(WORD_RE.findall(word)).lower()
        return bool(prefixes) and bare.startswith(prefixes)

    first = next((i for i, word in enumerate(words) if matches(word)), 0)
    start = max(first - size // 3, 0)
    window = words[start : start + size]
    rendered = [
        format_html("<mark>{}</mark>", word)
        if matches(word)
        else conditional_escape(word)
        for word in window
    ]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + size < len(words) else ""
    return mark_safe(prefix + " ".join(rendered) + suffix)


def describe(obj: Any, terms: Sequence[str], request) -> ResultItem:
    """Turns a search hit into what the results page shows."""
    if isinstance(obj, Page):
        url = obj.get_url(request=request) or ""
        title = obj.title
    else:
        url = _snippet_url(obj, request)
        title = str(obj)
    date = getattr(obj, "date", None) or getattr(obj, "start_date", None)
    end_date = getattr(obj, "end_date", None)
    text = searchable_text(obj) or getattr(obj, "search_description", "")
    return ResultItem(
        obj=obj,
        title=title,
        url=url,
        type_label=str(obj._meta.verbose_name),
        date=date if isinstance(date, datetime.date) else None,
        end_date=end_date if isinstance(end_date, datetime.date) else None,
        excerpt=make_excerpt(text, terms),
    )


def _snippet_url(obj: Any, request) -> str:
    """A public URL for a snippet: its ``get_url`` if it has one, else none."""
    get_url = getattr(obj, "get_url", None)
    if callable(get_url):
        return get_url(request) or ""
    return ""


def _facet(model: type, count: int) -> TypeFacet:
    return TypeFacet(type_key(model), str(model._meta.verbose_name_plural), count)

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from caching.dependencies import depends_on, listing_key
from caching.fragments import cached_fragment
from home.visibility import public_q

from .invalidation import SEARCH_INDEX_KEY
from .results import (
    SEARCHED_SNIPPETS,
    CleanedQuery,
    SiteSearch,
    clean_query,
    describe,
    log_query,
    promotions_for,
)

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 8


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Searches the live pages and the people of the visitor's language.

    Always answers 200: an empty, over-long or wordless query gets a message,
    an unknown type or page number falls back to all types or the nearest page.
    The results are rendered once per address until the next publish (a cached
    fragment). Every first-page search is counted for the popular-searches report:
    here, so no cache may answer a search; or, with SEARCH_HITS_COUNTED_IN_FRONT,
    by the proxy in front, which logs every search it answers to ``manage.py
    count_searches`` (search/hits.py): then a search page is cached like any page,
    in the page cache and in front, and dropped and purged with the next publish.
    """
    counted_here = not getattr(settings, "SEARCH_HITS_COUNTED_IN_FRONT", False)
    query = clean_query(request.GET.get("q"))
    context = {"query": query}
    if query:
        if counted_here and request.GET.get("page", "1") in ("", "1"):
            # Paging through results is not another search.
            log_query(query)
        context["results_html"] = cached_fragment(
            request,
            "search-results",
            [request.get_full_path()],
            lambda: render_to_string(
                "search/includes/results.html", results_context(request, query), request
            ),
        )
    response = TemplateResponse(request, "search/search.html", context)
    if counted_here:
        add_never_cache_headers(response)
    return response


def results_context(request: HttpRequest, query: CleanedQuery) -> dict:
    """Searches for ``query`` and returns what the results template shows."""
    # Any page published or person saved may match (and is in the results count).
    depends_on(
        listing_key(Page),
        *(listing_key(apps.get_model(m)) for m in SEARCHED_SNIPPETS),
        # ...and the index, which a background task updates after the publish.
        SEARCH_INDEX_KEY,
    )
    locale = Locale.get_active()
    promotions = promotions_for(query, locale)
    site_search = SiteSearch(
        query, locale, type_filter=request.GET.get("type", "")[:100]
    )
    results = site_search.run(
        exclude_page_ids=[p.page_id for p in promotions if p.page_id]
    )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "query": query,
        "promotions": promotions if page_obj.number == 1 else [],
        "paginator": paginator,
        "page_obj": page_obj,
        "search_results": [describe(obj, query.terms, request) for obj in page_obj],
        "facets": site_search.facets,
        "type_filter": site_search.type_filter,
        "type_error": site_search.type_error,
        "total": len(results),
        "total_all": sum(facet.count for facet in site_search.facets),
    }


@require_safe
def suggest(request: HttpRequest) -> JsonResponse:
    """Titles of live pages of the visitor's language starting with the typed words.

    Returns ``{"suggestions": [{"title": ..., "url": ...}]}``; empty for bad input.
    """
    query = clean_query(request.GET.get("q"))
    suggestions = []
    if query and len(query.text) >= 2:
        pages = (
            Page.objects.live()
            .filter(public_q())
            .filter(locale=Locale.get_active())
            .exclude(depth=1)
            .autocomplete(query.text, operator="and")[:MAX_SUGGESTIONS]
        )
        suggestions = [
            {"title": page.title, "url": page.get_url(request=request)}
            for page in pages
        ]
    return JsonResponse({"suggestions": suggestions})

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

#: Who may see what visitors search for: those who curate promoted results.
REPORT_PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


class PopularSearchesView(SearchTermsReportView):
    """Wagtail's search-terms report, open to the secretariat, not only superusers.

    Counts come from the daily hit records, pruned after
    ``WAGTAILSEARCH_HITS_MAX_AGE`` days.
    """

    page_title = _("Popular searches")
    index_url_name = "search_popular"
    index_results_url_name = "search_popular_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            return permission_denied(request)
        # Skips the parent's superuser-only check; the permission above replaces it.
        return ReportView.dispatch(self, request, *args, **kwargs)


class PopularSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    return [
        path(
            "reports/popular-searches/",
            PopularSearchesView.as_view(),
            name="search_popular",
        ),
        path(
            "reports/popular-searches/results/",
            PopularSearchesView.as_view(results_only=True),
            name="search_popular_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PopularSearchesMenuItem(
        _("Popular searches"),
        reverse("search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    """The popular-searches report replaces Wagtail's identical superuser-only one."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]

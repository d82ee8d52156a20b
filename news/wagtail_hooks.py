"""Admin: a flat listing of every news post, newest first, with its date and author."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from news.models import NewsPage


class NewsPageIndexView(IndexView):
    default_ordering = "-date"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author")


class NewsPageListingViewSet(PageListingViewSet):
    model = NewsPage
    name = "news_posts"
    icon = "calendar-alt"
    menu_label = _("News posts")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = NewsPageIndexView
    columns = [
        *IndexView.base_columns,
        DateColumn("date", label=_("Publication date"), sort_key="date"),
        Column("author", label=_("Author"), accessor="author"),
    ]
    list_filter = ["locale", "owner_municipality", "date"]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsPageListingViewSet()

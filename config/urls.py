from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from translations.sitemaps import TranslatedSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": TranslatedSitemap}},
        name="sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("contacts.urls")),
    path("newsletter/", include("newsletter.urls")),
    # Wagtail's page serving comes last: it answers everything not caught above,
    # routed by home.views.serve (Wagtail's pattern; its _util/ views excepted).
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", home_views.serve, name="serve_page"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "home.views.server_error"

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.views import serve as wagtail_serve

from caching.routes import cached_route
from home.routing import find_route, find_site


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, its site and route found in three queries
    (home/routing.py), or from this process's routing cache when it is on
    (caching.routes.cached_route)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = find_site(request)
        if site is not None:
            request._wagtail_route_for_request = cached_route(
                request, site, path, find_route
            )
    return wagtail_serve(request, path)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with {"status": "ok"} when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, translated. Its template touches neither database nor cache."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)

import logging
from collections.abc import Callable

from django.db import (
    DatabaseError,
    DataError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template import loader
from django.utils.datastructures import MultiValueDictKeyError
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answers 503 with a friendly page while the database is unreachable.

    Connections are health-checked (CONN_HEALTH_CHECKS), so the next request after
    the database returns reconnects by itself; nothing needs restarting.
    """

    retry_after_seconds = 30

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        outage = isinstance(exception, OperationalError | InterfaceError)
        if not outage or _is_data_error(exception):
            return None
        logger.error("Database unavailable: answered 503", exc_info=exception)
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"request": request}), status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        response["Cache-Control"] = "no-store"
        return response


def _is_data_error(exception: DatabaseError) -> bool:
    """SQLite reports some bad queries as OperationalError; those are not outages."""
    message = str(exception).lower()
    return "syntax error" in message or "no such column" in message


class MalformedRequestMiddleware:
    """Answers hand-made or truncated admin requests with a 400 or as if well formed.

    * Some views (Wagtail's StreamField reads ``<name>-count`` from the POST data)
      index the data without checking it and raised MultiValueDictKeyError: that
      is a 400 now, and so is a ValueError while an admin form is posted (Wagtail's
      choosers look a posted id up with ``int()`` when the form is shown again).
      Nothing is saved: the request's transaction (editorial/guard.py) is rolled
      back. The traceback is logged, since a view should check its own input.
    * A NUL character in a query string or form field is a 400 before any view
      runs: no text has one, and PostgreSQL cannot store or even compare one
      (Django's form fields refuse it, views that read the data directly did not).
    * A value the database refuses (DataError: a NUL character PostgreSQL cannot
      store, a number out of range), which wagtail-localize's string editing API
      stores unchecked, is a 400 as well.
    * A ``next`` address that is not a path ("next=edit") made Wagtail's views
      redirect to it as a URL name and raise NoReverseMatch after saving: such a
      ``next`` is dropped, so the view goes where it goes without one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul_character(request):
            return bad_request(request, ValueError("NUL character in the request"))
        for method in ("GET", "POST"):
            data = getattr(request, method)
            if "next" in data and not _is_an_address(data.get("next", "")):
                data = data.copy()
                del data["next"]
                setattr(request, method, data)
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        malformed = isinstance(exception, MultiValueDictKeyError | DataError) or (
            isinstance(exception, ValueError)
            and request.method == "POST"
            and request.path.startswith("/admin/")
        )
        if not malformed:
            return None
        logger.warning(
            "Malformed request answered 400: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        if connection.in_atomic_block:
            transaction.set_rollback(True)
        return bad_request(request, exception)


def _is_an_address(value: str) -> bool:
    return value == "" or value.startswith(("/", "http://", "https://", "?"))


def _has_nul_character(request: HttpRequest) -> bool:
    data = [request.GET]
    if request.method == "POST":
        data.append(request.POST)
    elif request.content_type == "application/x-www-form-urlencoded":
        data.append(QueryDict(request.body))  # PUT and PATCH, as DRF reads them
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    )

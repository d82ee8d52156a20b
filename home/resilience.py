from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader


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
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"request": request}), status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        response["Cache-Control"] = "no-store"
        return response


def _is_data_error(exception: DatabaseError) -> bool:
    """SQLite reports some bad queries as OperationalError; those are not outages."""
    message = str(exception).lower()
    return "syntax error" in message or "no such column" in message

"""The Django project: settings per environment, URLs, WSGI and ASGI."""

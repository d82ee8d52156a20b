"""Settings for the test suite: fast, isolated, nothing leaves the machine."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]  # the test client and the live server use arbitrary names
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Never culled: the page cache's dependency index lives beside the entries (caching/).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the browser tests' server thread shares it.
    # One file per test process, so parallel runs on one machine never collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")
    }
DATABASES["default"]["CONN_MAX_AGE"] = 0
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://testserver")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests log in with the test client, which authenticates without a request;
# the throttling tests switch django-axes on themselves.
AXES_ENABLED = False

"""Settings shared by every environment.

Everything that differs between machines comes from the environment through
django-environ (see README.md, "Environment variables").
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "caching",
    "municipalities",
    "home",
    "focusareas",
    "news",
    "contacts",
    "newsletter",
    "search",
    "editorial",
    "translations",
    "content_import",
    "bench",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.request_memo.RequestMemoMiddleware",
    "caching.pages.PageCacheMiddleware",
    "home.resilience.DatabaseUnavailableMiddleware",
    "caching.routes.CachedRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing public changes without a publisher, whichever view is asked.
    "editorial.guard.PublishingGuardMiddleware",
    "home.resilience.MalformedRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.security.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login throttling: 5 failed attempts for one username from one address lock
# that pair out for 15 minutes, answered with a translated page (status 429).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True

# No inline script anywhere on the public site, so no nonces are needed; the admin
# (which uses inline script) is left out. frame-ancestors 'self' keeps previews working.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes on one file (gunicorn workers, the task worker): with a
    # write-ahead log readers never wait for a writer, and a writer takes its lock
    # when its transaction starts instead of failing half-way ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
        timeout=10,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://kulturmetropolen")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend with one client per pool, which serves pages without the
    # cache when Redis is unreachable (home/cache.py); a dead server must not
    # hold a request for long.
    CACHES["default"]["BACKEND"] = "caching.redis.ReusingRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=0.5, socket_timeout=1.0
    )
# A CDN or nginx/Varnish in front is purged on publish by Wagtail's frontend_cache:
# FRONTEND_CACHE_PURGE_URL for an HTTP PURGE endpoint (see deploy/nginx.conf), or
# CLOUDFLARE_API_TOKEN with CLOUDFLARE_ZONE_ID.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_API_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
# The addresses purged are the ones pages were served at: no language variants.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
# The full-page cache (caching/pages.py) needs a cache all processes share.
PAGE_CACHE_SECONDS = env.int(
    "PAGE_CACHE_SECONDS",
    default=300 if env("CACHE_URL", default="").startswith("redis") else 0,
)
# Header, menu, language switcher and footer are cached as HTML fragments for
# everyone (previews excepted), dropped with the page cache's generation.
FRAGMENT_CACHE_SECONDS = env.int(
    "FRAGMENT_CACHE_SECONDS",
    default=3600 if env("CACHE_URL", default="").startswith("redis") else 0,
)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Kulturmetropolen <noreply@kulturmetropolen.dk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages: Danish is the default and has no URL prefix.
LANGUAGE_CODE = "da"
LANGUAGES = [
    ("da", _("Danish")),
    ("en", _("English")),
    ("sv", _("Swedish")),
]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("da", "Dansk"),
    ("en", "English"),
    ("sv", "Svenska"),
]

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_media_storage(bucket: str, **options) -> dict:
    """The STORAGES entry for media in ``bucket`` (django-storages' S3Storage)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": "media",
            "querystring_auth": False,
            "file_overwrite": False,
            **options,
        },
    }


# Media on S3-compatible object storage (django-storages) when MEDIA_S3_BUCKET is
# set; boto3 reads the credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
# (or an instance role). Media are public, so URLs carry no signature and can be
# cached; MEDIA_S3_CUSTOM_DOMAIN puts a CDN host in them.
if env("MEDIA_S3_BUCKET", default=""):
    STORAGES["default"] = s3_media_storage(
        env("MEDIA_S3_BUCKET"),
        endpoint_url=env("MEDIA_S3_ENDPOINT_URL", default=None),
        region_name=env("MEDIA_S3_REGION", default=None),
        custom_domain=env("MEDIA_S3_CUSTOM_DOMAIN", default=None),
    )

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Kulturmetropolen"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Search (see search/README.md): the database backend by default, i.e. SQLite FTS5
# in development and PostgreSQL full-text search stemmed per language; OpenSearch or
# Elasticsearch with SEARCH_BACKEND=opensearch|elasticsearch and SEARCH_URL.
SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "danish",
        "SEARCH_CONFIGS": {"da": "danish", "en": "english", "sv": "swedish"},
    }
    if SEARCH_BACKEND == "database"
    else {
        "BACKEND": {
            "opensearch": "wagtail.search.backends.opensearch3",
            "elasticsearch": "wagtail.search.backends.elasticsearch8",
        }[SEARCH_BACKEND],
        "URLS": env.list("SEARCH_URL"),
        "INDEX": env("SEARCH_INDEX", default="kulturmetropolen"),
        "TIMEOUT": 5,
    }
}
# Search terms can hold personal data: hit records older than this are pruned
# daily by searchpromotions_garbage_collect (editorial's run_scheduler).
WAGTAILSEARCH_HITS_MAX_AGE = env.int("SEARCH_HITS_MAX_AGE_DAYS", default=30)
# Set where nginx counts every search (deploy/nginx.conf logs each one to
# `manage.py count_searches`): search pages are then cached like any page.
SEARCH_HITS_COUNTED_IN_FRONT = env.bool("SEARCH_HITS_COUNTED_IN_FRONT", default=False)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}

# A translation must never reach the public unreviewed: wagtail-localize creates
# translated pages as drafts that go through the approval workflow.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation is off unless MACHINE_TRANSLATOR names a backend, so no text
# leaves the site by default: "deepl" (DEEPL_API_KEY) or "libretranslate"
# (LIBRETRANSLATE_URL, optional LIBRETRANSLATE_API_KEY).
MACHINE_TRANSLATOR = env("MACHINE_TRANSLATOR", default="").lower()
if MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY")},
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", default=""),
        },
    }
elif MACHINE_TRANSLATOR:
    raise ValueError(
        f"MACHINE_TRANSLATOR={MACHINE_TRANSLATOR!r}: use deepl, libretranslate or "
        "leave it unset."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""Settings for the city-network portal.

Everything that varies between machines comes from environment variables through
`portal.env` (names in README.md). The defaults are for development on one machine: SQLite under
var/, debug on, the cache in the database. With DJANGO_DEBUG=0 the settings are production settings:
a secret key and allowed hosts must be given, and `manage.py check --deploy` is clean.
"""

from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env, is_production

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

PRODUCTION = is_production()
DEBUG = not PRODUCTION

# --- Secrets and hosts -----------------------------------------------------------------------
if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production (DJANGO_DEBUG=0) needs one.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Set DJANGO_ALLOWED_HOSTS (comma-separated host names): "
            "production (DJANGO_DEBUG=0) serves only the hosts it is told."
        )
else:
    # A fixed key is harmless in development: it signs nothing that leaves this machine.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="development-only-key-not-for-production")
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "django_filters",
    "django_countries",  # country names in each language (its catalogues)
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "simple_history",
    "import_export",
    # The portal's own apps, in the order of their layers (docs/architecture.md).
    "core",
    "staff",
    "network",
    "events",
    "publications",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL character in an address is refused before any view looks it up (404 / 400).
    "core.middleware.refuse_nul_characters",
    # The page cache stores here, outside the session, CSRF and messages middleware, so that it
    # sees every cookie set and every Vary; it answers from the cache below (core/page_cache.py).
    "core.page_cache.store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every GET and 304 for a matching If-None-Match: API consumers poll cheaply.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous reads answered from the page cache (or 304) once the language is known.
    "core.page_cache.fetch",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages served to staff may preview drafts: never stored by a shared cache.
    "staff.preview.private_for_staff",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each change for django-simple-history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Serves the collected, hashed static files; in development runserver serves them.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_navigation",
            ],
        },
    },
]

# --- Database and cache ----------------------------------------------------------------------
# SQLite under var/ is the embedded default; production and CI use PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", 60 if PRODUCTION else 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SQLite serving several clients at once (gunicorn's workers, runserver's threads). Readers and
# the one writer do not block each other (WAL journal). A write transaction takes the write lock
# when it begins (IMMEDIATE), so it waits its turn instead of failing "database is locked" when
# it turns from reading to writing; it waits up to 20 s (timeout). synchronous=NORMAL is safe
# with WAL: a power cut may lose the last commits, never the database.
# tests/portal/test_concurrent_writes.py: 50 writers at once, none refused, none lost.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# The cache every worker and app machine shares: the API's anonymous rate limit counts in it, so
# a limit of N per minute is N, not N per gunicorn worker. Without CACHE_URL it is a table of the
# database (created by core's migration); production may name Redis (rediscache://host:6379/1).
# tests/api/test_rate_limit_shared.py: two processes share one count.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://portal_cache")}
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    # Room for the page cache's entries (Django's default is 300), unless CACHE_URL says.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20000)

# The page cache (core/page_cache.py): public pages, feeds and API reads for anonymous visitors,
# kept at most this many seconds and never stale (every change to public content replaces the
# content version they are stored under). 0 turns it off.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600)

# Sessions live in the database (or the cache, if CACHE_URL names a shared one) so that app
# servers stay stateless.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Logins: django-axes -------------------------------------------------------------------
# Repeated failed logins lock out that user name from that address for a while (the lockout page
# says so); a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"

# --- Proxies: the client's address ------------------------------------------------------------
# The login lockout and the API's rate limit count per client address (core.client_address).
# X-Forwarded-For is believed only from a request whose REMOTE_ADDR is one of the trusted proxy
# addresses, and past at most TRUSTED_PROXIES of them; anyone else's header is ignored.
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)
TRUSTED_PROXY_ADDRESSES = env.list("DJANGO_TRUSTED_PROXY_ADDRESSES", default=["127.0.0.0/8", "::1"])
for _address in TRUSTED_PROXY_ADDRESSES:
    try:
        ip_network(_address.strip(), strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXY_ADDRESSES: {_address!r} is not an IP address or network."
        ) from None

# --- Spreadsheet imports: django-import-export ----------------------------------------------
# The preview's file is kept in the "import_export" storage until the import is confirmed (each
# import is one transaction, rolled back when any row fails: see staff/spreadsheets/).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # a sheet of a few thousand records is well under this
IMPORT_MAX_ROWS = 5000
# Bounds checked before a sheet is read (staff/spreadsheets/reading.py): 5,000 rows of 30
# columns unpack to about 12 MB of XLSX and read in about 2 s.
IMPORT_MAX_COLUMNS = 100
IMPORT_MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
IMPORT_MAX_READ_SECONDS = 10

# The admin's address: set DJANGO_ADMIN_URL (e.g. "office-7f3a/") to keep it off the usual path.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# --- Passwords -------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# The networks work in these languages; codes are BCP 47 as Django spells them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("ko", _("Korean")),
    ("ja", _("Japanese")),
    ("mn", _("Mongolian")),
]
# Each language named in itself, as the language switcher shows it (Django's own names give
# "Mongolian" for mn and 简体中文 / 繁體中文 for Chinese).
LANGUAGE_NAMES_LOCAL = {
    "en": "English",
    "zh-hans": "中文（简体）",
    "zh-hant": "中文（繁體）",
    "ko": "한국어",
    "ja": "日本語",
    "mn": "Монгол",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Files served only through a view that checks the visitor may read them (publication PDFs):
# outside MEDIA_ROOT, so neither the media server nor /media/ can hand them out.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Spreadsheets between an import's preview and its confirmation: outside MEDIA_ROOT, which
    # the public may read. With several app machines, point it at storage they share.
    "import_export": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("IMPORT_STORAGE_ROOT", default=VAR_DIR / "imports")},
    },
    # Hashed, compressed file names in production, so any CDN may cache them for ever.
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # TLS is terminated by the proxy in front of gunicorn, which sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Content-Security-Policy: django-csp --------------------------------------------------------
# Everything from this site only; no inline script anywhere (the pages' only <script> elements
# are JSON-LD data blocks, which browsers never execute). Inline styles are refused too, except
# on the API docs page (Swagger UI, see portal/urls.py).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the small SVG icons the admin's and Swagger UI's stylesheets embed.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- History: django-simple-history -------------------------------------------------------------
# Every content model keeps its history (who, when, what changed) and can be restored from it.
SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Django REST framework and the API ----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    # DRF's three parsers; JSON's answers a too-deeply nested body with a 400, not a 500.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # Staff write with a token (`manage.py drf_create_token <username>`); the session serves the
    # browsable API to staff logged in to the admin. Anonymous users only read.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
# Requests per client address for anonymous API users; answered with 429 and Retry-After beyond.
API_ANONYMOUS_RATE = env.str("API_ANONYMOUS_RATE", default="600/minute")

SPECTACULAR_SETTINGS = {
    "TITLE": "City Network Portal API",
    "DESCRIPTION": (
        "Read everything published about the city networks: networks, members, governance, people, "
        "projects, city pairings, events, publications, stories and computed annual reports. "
        "Lists are paginated (count, next, previous, results; page_size up to 100); dates are "
        "ISO 8601; language codes BCP 47. Invalid parameters answer 400 naming the parameter. "
        "Reads are open to anyone. Staff write events and publications with an API token sent "
        "as `Authorization: Token <key>` (staff get one from an administrator: "
        "`python manage.py drf_create_token <username>`); writes need the same permissions as "
        "in the admin and run the admin's validation (400 with the message otherwise)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI from drf-spectacular-sidecar: served from this site, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind`, `status` or `role` of their own: name each list of values.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "events.models.EventKind",
        "EventStatusEnum": "events.models.EventStatus",
        "OrganiserRoleEnum": "events.models.OrganiserRole",
        "PublicationKindEnum": "publications.models.PublicationKind",
        "PersonRoleEnum": "publications.models.PersonRole",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.document_error_answers",
        "core.api_schema.document_csv",
        "core.api_schema.document_empty_filters",
        "core.api_schema.document_anonymous_reads",
    ],
}

# CORS: anyone may read the API from a browser; nothing else is shared across origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

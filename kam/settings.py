"""Settings for KAM CRM, read strictly from the environment.

Every value has a default that lets a fresh clone run (SQLite, eager Celery, console
e-mail); production sets DATABASE_URL, REDIS_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kam.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "axes",
    "kam",
    "accounts",
    "market_intel",
    "sales_plans",
    "tickets",
    "contracts",
    "training",
    "kpis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kam.middleware.SecurityHeadersMiddleware",
    "kam.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kam.middleware.PrivateCacheMiddleware",
    "kam.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Serves the collected static files under gunicorn (runserver serves them in DEBUG).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "kam.urls"
WSGI_APPLICATION = "kam.wsgi.application"

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
                "kam.context_processors.layout",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kam.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock out a username after repeated failures, on the login page and the token endpoint.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind reverse proxies, lockout must key on the real client, not on the proxy's address
# (which every client shares): see kam.net.client_ip.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "kam.net.client_ip"

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kam.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
KAM_CURRENCY = env_str("KAM_CURRENCY", "CNY")
#: Where users reach KAM CRM: links in e-mails and webhook posts are made absolute with it.
KAM_BASE_URL = env_str("KAM_BASE_URL", "http://127.0.0.1:8000")
#: A file with more rows than this is checked and imported by a Celery worker.
KAM_IMPORT_SYNC_ROWS = env_int("KAM_IMPORT_SYNC_ROWS", 2000)
#: An export with more rows than this is made by a Celery job with a status page.
KAM_EXPORT_SYNC_ROWS = env_int("KAM_EXPORT_SYNC_ROWS", 5000)
#: The departments that must all approve a contract version before it may be signed.
KAM_CONTRACT_REVIEWERS = env_list("KAM_CONTRACT_REVIEWERS", ["legal", "finance"])
#: The largest contract file (PDF or DOCX) accepted, in MiB.
KAM_CONTRACT_FILE_MAX_MB = env_int("KAM_CONTRACT_FILE_MAX_MB", 20)
#: The largest training material (slides, handouts) accepted, in MiB.
KAM_TRAINING_FILE_MAX_MB = env_int("KAM_TRAINING_FILE_MAX_MB", 50)
#: Shown in the header of every exported PDF and in the XLSX properties.
KAM_COMPANY_NAME = env_str("KAM_COMPANY_NAME", "KAM CRM")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Results in Redis too, so a caller (a test, the "recompute now" button) can wait on a task.
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "KAM CRM <kam@localhost>")

# Outgoing webhooks (kam.webhooks): per-attempt timeout, attempts, back-off between them.
# Without Redis (the embedded default) Celery runs tasks in the request that queued them, so
# one short attempt; with a worker, six attempts over about 15 minutes.
KAM_WEBHOOK_TIMEOUT = env_int("KAM_WEBHOOK_TIMEOUT", 5 if REDIS_URL else 3)
KAM_WEBHOOK_MAX_ATTEMPTS = env_int("KAM_WEBHOOK_MAX_ATTEMPTS", 6 if REDIS_URL else 1)
KAM_WEBHOOK_BACKOFF_SECONDS = env_int("KAM_WEBHOOK_BACKOFF_SECONDS", 30)
#: Off in production: a webhook may not point at loopback or private addresses (SSRF).
KAM_WEBHOOK_ALLOW_PRIVATE = env_bool("KAM_WEBHOOK_ALLOW_PRIVATE", False)

REST_FRAMEWORK = {
    # Token first, so an anonymous request gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kam.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON bodies only (a form or multipart body is 415), so the schema declares one body
    # per operation and generated clients work; the endpoints that take a file (imports,
    # contract versions, training materials) name MultiPartParser themselves. The
    # browsable API posts its raw-data form as JSON.
    "DEFAULT_PARSER_CLASSES": ["kam.parsers.SafeJSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kam.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "kam.filters.BoundedSearchFilter",
        "kam.filters.StableOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kam.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KAM CRM API",
    "DESCRIPTION": "REST API of KAM CRM. Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operation ids and tags from the path after /api/v1/: ``accounts_list``, not
    # ``v1_accounts_list`` (the version would leak into every generated function's name).
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kam.schema.integer_ids",
    ],
    # Choices several fields share get one name each (a stage is a stage, in an opportunity
    # and in its stage changes), instead of names drf-spectacular would have to guess.
    "ENUM_NAME_OVERRIDES": {
        "SalesPlanStatusEnum": "sales_plans.choices.SalesPlanStatus",
        "StageEnum": "sales_plans.choices.Stage",
        "OrderStatusEnum": "sales_plans.choices.OrderStatus",
        "TicketStatusEnum": "tickets.choices.TicketStatus",
        "ReportStatusEnum": "market_intel.choices.ReportStatus",
        "SuggestionStatusEnum": "market_intel.choices.SuggestionStatus",
        "ContractStatusEnum": "contracts.choices.ContractStatus",
        "DecisionEnum": "contracts.choices.Decision",
        "SessionStatusEnum": "training.choices.SessionStatus",
        "DepartmentCodeEnum": "kam.choices.DepartmentCode",
    },
}

# Content-Security-Policy of every response (kam.middleware.SecurityHeadersMiddleware): no
# inline script anywhere; the vendored htmx and our own scripts load from this origin.
KAM_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
#: Third-party UIs served as they come (admin, browsable API, Swagger UI) use inline styles.
KAM_CSP_INLINE_STYLE_PATHS = ("/admin/", "/api/")
KAM_PERMISSIONS_POLICY_DENY = (
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
)

# Production hardening: on whenever DEBUG is off (the deploy checks stay clean).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The container health check calls the web process directly, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "kam.logfilters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"filters": ["client_errors"]}},
}

# Covering indexes (``Index(include=…)``) speed PostgreSQL up; SQLite builds them without
# the included columns, which is all the embedded default needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

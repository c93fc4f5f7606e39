"""Settings for the data exchange, read from the environment.

`DJANGO_ENV=production` selects production behaviour: no debug, secure cookies,
HSTS, and every secret must come from the environment. Anything else is
development, which gets safe local defaults that production refuses to start with.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.storage import default_storage_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("EXCHANGE_VAR_DIR", BASE_DIR / "var"))

ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENV == "production"

# Development defaults. They are public (they are in this file), so production
# refuses every one of them.
_DEV_SECRET_KEY = "dev-only-secret-key-never-use-in-production-0123456789abcdef"  # noqa: S105 (public on purpose)
_DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="  # 32 bytes, base64
_DEV_SIGNING_KEY = "ZGV2LW9ubHktZWQyNTUxOS1zZWVkLW5vdC1wcm9kISE="  # Ed25519 seed


def _env(name: str, dev_default: str) -> str:
    value = os.environ.get(name, "")
    if PRODUCTION:
        if not value or value == dev_default:
            raise ImproperlyConfigured(f"{name} must be set in the environment in production.")
        return value
    return value or dev_default


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = _env("DJANGO_SECRET_KEY", _DEV_SECRET_KEY)
# Comma-separated Fernet keys, newest first (MultiFernet rotation).
FIELD_ENCRYPTION_KEYS = _env_list("FIELD_ENCRYPTION_KEYS", _DEV_FIELD_KEY)
if PRODUCTION and _DEV_FIELD_KEY in FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must not contain the development key.")
RECEIPT_SIGNING_KEY = _env("RECEIPT_SIGNING_KEY", _DEV_SIGNING_KEY)

DEBUG = not PRODUCTION and os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "django_tables2",
    "django_filters",
    "bootstrap",
    "accounts",
    "consent",
    "payouts",
    "exchange",
    "talent",
    "demo",  # the demo world of `make run` (seed_demo)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.ApiBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.SessionTimeoutMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accounts.context_processors.memberships",
                "accounts.context_processors.notifications",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names PostgreSQL (psycopg 3).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL must be set in production (PostgreSQL).")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "exchange.sqlite3")),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
# A streaming replica for reads that tolerate lag (catalog, statistics, dashboards): config/replica.py.
# Beyond REPLICA_MAX_LAG_SECONDS behind, or down, those reads go back to the primary.
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 1
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "10"))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "2"))
DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# django-allauth: e-mail login, mandatory verification.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Whether an e-mail has an account is itself personal data (being a jobseeker here is sensitive):
# sign-up and password reset answer the same for known and unknown addresses, and the owner of
# a taken address is told by e-mail instead.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    # per IP, and per e-mail at one IP (accounts/adapters.py): one person cannot lock out an office
    "login_failed": "60/15m/ip,5/5m/key",
    # per e-mail from any IP: guesses spread over many addresses still stop
    "login_failed_account": "20/15m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@exchange.example")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-private/"  # never served directly: downloads go through signed views
# STORAGE_URL: uploads and artefacts on an S3-compatible object store (config/storage.py), so any
# web or worker host reads what another wrote; without it, the local MEDIA_ROOT folder.
STORAGE_URL = os.environ.get("STORAGE_URL", "")
STORAGES = {
    "default": default_storage_from_url(STORAGE_URL, region=os.environ.get("STORAGE_REGION", "")),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# API request bodies (config/parsers.py): larger ones get a JSON 413, deeper nesting a JSON 400.
API_MAX_BODY_BYTES = 2 * 1024 * 1024
API_MAX_JSON_DEPTH = 32

# Celery. REDIS_URL: a real broker, worker and beat. Without it, development uses
# kombu's filesystem transport (no server to install; `make run` starts a worker
# with an embedded beat), and tests run tasks eagerly unless a test starts a worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if PRODUCTION and not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production.")
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "0") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Short socket timeouts: a purchase that enqueues its settlement while Redis is away gives up
    # in a fraction of a second (the outbox carries the work), instead of the 4 s default plus retries.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 0.5, "socket_timeout": 2}
    CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = TIME_ZONE

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "exchange.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The API speaks JSON only, read with size and depth limits.
    "DEFAULT_PARSER_CLASSES": ["config.parsers.LimitedJSONParser"],
    # No browsable HTML API: answers under /api/ are JSON (the documentation is at /api/docs/).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # A signed download link is fetched with no credentials: per address, at the rate a key would have.
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "download": "600/min"},
    "EXCEPTION_HANDLER": "config.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Data Exchange API",
    "DESCRIPTION": "Buy and query privacy-preserving data products. Authenticate with `Authorization: Api-Key <key>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "APPEND_COMPONENTS": {"securitySchemes": {"ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "Authorization"}}},
    "SECURITY": [{"ApiKeyAuth": []}],
    # Ids in API paths are documented as the positive 32-bit integers rows can have.
    "PATH_CONVERTER_OVERRIDES": {"object_id": {"type": "integer", "minimum": 1, "maximum": 2147483647}},
    # Strict inputs (config/api_input.py) refuse unknown fields, so their schemas say so; links (config/api_links.py)
    # say which answer supplies the ids of the next call.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api_input.strict_inputs_closed",
        "config.api_links.api_links_added",
        "exchange.apis.query_templates_documented",
    ],
}

CACHES = {
    # Throttle counters and rate limits only: a Redis outage makes them misses, never errors (config/cache.py).
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Webhooks (exchange/webhooks.py): receivers on private or loopback addresses (this machine's own
# services) are refused in production; development and tests post to a local receiver.
WEBHOOKS_ALLOW_PRIVATE = os.environ.get("WEBHOOKS_ALLOW_PRIVATE", "0" if PRODUCTION else "1") == "1"

# Exchange rules (DESIGN §4, §6); staff may override per product within bounds.
# Links in e-mails (receipts, notices) point here.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

EXCHANGE = {
    "COMMISSION_BPS": 1000,
    "SUBJECT_POOL_BPS": 3000,
    "REFUND_WINDOW_DAYS": 7,
    "DOWNLOAD_LINK_SECONDS": 15 * 60,
    "DEFAULT_K": 5,
    "DEFAULT_MAX_SUPPRESSION": 0.05,
    "MIN_AGE": 16,
    # Lifetime differential-privacy budget of one person, across every release and query.
    "LIFETIME_EPSILON": "10",
    # ε a query-service version reserves from each member's lifetime budget when it is built;
    # its queries together spend at most this much (unset: a quarter of LIFETIME_EPSILON).
    # "QUERY_ALLOWANCE_EPSILON": "2.5",
    # API Idempotency-Keys (and the first response they replay) are kept this long, then purged by beat.
    "IDEMPOTENCY_KEY_HOURS": 24,
    # A stored object no row names (a process died between writing it and committing its row,
    # or the store was down when a delete was due) is removed by beat once it is this old.
    "ORPHAN_FILE_GRACE_HOURS": 24,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Content-Security-Policy (django-csp): scripts, styles, fonts and connections from this site only;
# no inline script, no inline style (not even style attributes: templates use classes and
# static/js/exchange.js), no plugins, no framing, forms post only here. Bootstrap's own icons are
# data: SVG images. htmx's injected indicator style is switched off in base.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Permissions-Policy: none of these browser features is used by any page, so none may be.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

SESSION_COOKIE_HTTPONLY = True
# A signed-in session ends after 30 minutes without a request (the clock slides with each one) and
# 12 hours after sign-in whatever happens (config/middleware.py); the cookie lasts no longer either.
SESSION_IDLE_SECONDS = 30 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

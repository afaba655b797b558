"""Settings for bangfu, read from the environment (one file, typed helpers).

Every variable is documented in README.md ("Environment"). ``BANGFU_ENV`` says what kind of
run this is: ``production`` (the default: nothing insecure is assumed), ``demo`` (``make
demo`` on a laptop over plain HTTP) or ``test`` (the test suite).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BANGFU_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


BANGFU_ENV = env_str("BANGFU_ENV", "production")
if BANGFU_ENV not in {"production", "demo", "test"}:
    raise ImproperlyConfigured("BANGFU_ENV must be production, demo or test")
DEBUG = env_bool("DEBUG", env_bool("DJANGO_DEBUG", False))
RELAXED = DEBUG or BANGFU_ENV in {"demo", "test"}

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not RELAXED:
        raise ImproperlyConfigured(
            "SECRET_KEY is required in production (set BANGFU_ENV=demo for a local demo)."
        )
    SECRET_KEY = "insecure-demo-and-test-key-never-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS: on by default in production; a demo on a laptop runs over plain HTTP.
HTTPS = env_bool("BANGFU_HTTPS", not RELAXED)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("BANGFU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("BANGFU_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BANGFU_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For; 0 trusts none (REMOTE_ADDR is used).
BANGFU_TRUSTED_PROXIES = env_int("BANGFU_TRUSTED_PROXIES", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "treebeard",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "bangfu.core",
    "bangfu.accounts",
    "bangfu.audit",
    "bangfu.registry",
    "bangfu.plans",
    "bangfu.assistance",  # migrations only: the tables of grants and treasury (decision 0008)
    "bangfu.treasury",
    "bangfu.grants",
    "bangfu.ledger",
    "bangfu.dynamics",
    "bangfu.campaigns",
    "bangfu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bangfu.core.middleware.RequestContextMiddleware",
    "bangfu.core.middleware.NulBytesMiddleware",
    "bangfu.audit.middleware.UnmaskedReadMiddleware",
    "bangfu.core.uploads.UploadNamesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bangfu.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "bangfu.core.pages.NotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bangfu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "bangfu.core.context_processors.navigation_menu",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite in var/ by default so the platform runs with no server.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bangfu.sqlite3'}"),
        conn_max_age=env_int("BANGFU_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web server and the worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: our queries are short OLTP reads whose row estimates on big tables trigger
    # compilation that costs more (≈ 180 ms) than the query (docs/benchmarks.md, step e).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after two idle hours and when the browser closes.
SESSION_COOKIE_AGE = env_int("BANGFU_SESSION_SECONDS", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lockout (django-axes), on the login page and the token endpoint alike: five failures in a row
# lock the username for 30 minutes from every address (a lock keyed on username and address alone let
# an attacker with many addresses go on guessing one account). Each failure during the lock
# starts the 30 minutes again; a success before the limit clears the count.
AXES_FAILURE_LIMIT = env_int("BANGFU_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("BANGFU_LOCKOUT_MINUTES", 30))
# With one limit the username alone decides; the (username, address) pair is kept because axes'
# deploy check (axes.W006) asks for the address among the parameters.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_USERNAME_CALLABLE = "bangfu.accounts.authentication.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bangfu.accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "bangfu.core.middleware.client_ip"
AXES_VERBOSE = False

# API tokens (django-rest-knox): stored as hashes, each one ends after this many idle hours (every
# use pushes its expiry on); with BANGFU_TOKEN_MAX_HOURS set, use pushes it no later than that
# many hours after the token was issued.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105  (a model name, not a secret)
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("BANGFU_TOKEN_IDLE_HOURS", 8)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": (
        timedelta(hours=env_int("BANGFU_TOKEN_MAX_HOURS", 0))
        if env_int("BANGFU_TOKEN_MAX_HOURS", 0)
        else None
    ),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "bangfu" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("BANGFU_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "bangfu" / "static"]
MEDIA_ROOT = Path(env_str("BANGFU_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Closed files are kept this many years, then `bangfu purge --apply` removes personal data.
BANGFU_RETENTION_YEARS = env_int("BANGFU_RETENTION_YEARS", 10)
# Ledger import: largest upload, and whether a PostgreSQL superuser import may switch off
# foreign-key triggers per batch (faster; off by default so that the database checks every row).
BANGFU_LEDGER_UPLOAD_MAX_MB = env_int("BANGFU_LEDGER_UPLOAD_MAX_MB", 512)
BANGFU_LEDGER_SKIP_TRIGGERS = env_bool("BANGFU_LEDGER_SKIP_TRIGGERS", False)
BANGFU_UPLOAD_MAX_BYTES = env_int("BANGFU_UPLOAD_MAX_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if BANGFU_ENV == "test"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = BANGFU_ENV == "test"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bangfu.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "bangfu.core.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bangfu.core.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "bangfu.core.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "bangfu.core.api_settings.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_METADATA_CLASS": "bangfu.core.api_settings.Metadata",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "bangfu API",
    "DESCRIPTION": "Precise assistance for workers in hardship (精准帮扶).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrgKindEnum": "bangfu.accounts.models.OrgKind",
        "AttachmentKindEnum": "bangfu.registry.models.Attachment.KINDS",
        "ExpenseKindEnum": "bangfu.registry.choices.ExpenseKind",
        "MeasureKindEnum": "bangfu.plans.choices.MeasureKind",
        "MeasureStatusEnum": "bangfu.plans.choices.MeasureStatus",
        "CaringPartyKindEnum": "bangfu.plans.choices.CaringPartyKind",
        "GiftKindEnum": "bangfu.plans.choices.GiftKind",
        "ModelWorkerEnum": "bangfu.registry.choices.ModelWorker",
        "CaseStatusEnum": "bangfu.registry.choices.CaseStatus",
        "SpotCheckResultEnum": "bangfu.dynamics.models.CheckResult",
        "FundSourceEnum": "bangfu.treasury.models.FundSource",
        "IncomeSourceEnum": "bangfu.registry.choices.IncomeSource",
        "RevisitDecisionEnum": "bangfu.dynamics.models.Decision",
        "CapBasisEnum": "bangfu.grants.models.caps.CapBasis",
        "CampaignBasisEnum": "bangfu.campaigns.models.AmountBasis",
        "CampaignKindEnum": "bangfu.campaigns.models.CampaignKind",
        "CampaignStatusEnum": "bangfu.campaigns.models.CampaignStatus",
        "BatchStatusEnum": "bangfu.treasury.models.payments.BatchStatus",
    },
}

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("BANGFU_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "bangfu@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403, 404) is logged as one line, without the exception's traceback.
    "filters": {"refused": {"()": "bangfu.core.logs.RefusedRequestFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django.request": {"filters": ["refused"]}},
}

"""Open Verzuim settings: one module, configured by environment variables (12-factor).

Every variable read here is documented in docs/configuration.md; tests/test_settings.py fails when one
is not. The helpers fail loudly: a misspelt boolean or a missing secret stops the process at start-up
instead of running with a surprise.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    if name not in os.environ:
        return default
    value = os.environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r}: use 1/0, true/false, yes/no or on/off."
    )


def env_int(name: str, default: int) -> int:
    if name not in os.environ:
        return default
    try:
        return int(os.environ[name])
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r}: expected a whole number."
        ) from None


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list; blanks are dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name and name in os.environ:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r}: {error.strerror}.") from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r}: the file is empty.")
        return value
    return os.environ.get(name, default)


# ── core ────────────────────────────────────────────────────────────────────────────────────
DEBUG = env_bool("DEBUG", False)
# pytest (8.2+) sets PYTEST_VERSION for its session: tests run with DEBUG off, as production does,
# but need neither a real secret key nor `collectstatic`.
TESTING = "PYTEST_VERSION" in os.environ

# A development key only when DEBUG is on (or under test); in production the key must be given.
SECRET_KEY = env_secret(
    "SECRET_KEY", "django-insecure-openverzuim-development-only" if DEBUG or TESTING else None
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes for a lost authenticator
    "axes",
    "openverzuim.core",
    "openverzuim.accounts",
    "openverzuim.notifications",
    "openverzuim.cases",
    "openverzuim.medical",
    "openverzuim.documents",
    "openverzuim.signals",  # its migration history only (openverzuim/signals/__init__.py)
    "openverzuim.measures",
    "openverzuim.reminders",
    "openverzuim.reports",
    "openverzuim.portal",
    "openverzuim.guide",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served from here: no other host (CSP)
    "openverzuim.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor (issue 4)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "openverzuim.accounts.middleware.RouteAccessMiddleware",  # every route's access declaration
    "openverzuim.core.submissions.SubmissionOnceMiddleware",  # a form sent twice records once
    "openverzuim.core.middleware.PrivateCacheMiddleware",  # Cache-Control: no-store about persons
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: answers a locked-out login
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openverzuim.accounts.context_processors.reachable",  # links the user may open
                "openverzuim.notifications.context_processors.unread",  # the bell's number
            ],
        },
    },
]

# ── database ────────────────────────────────────────────────────────────────────────────────
# SQLite in the project folder unless DATABASE_URL says otherwise, e.g.
# postgres://user:password@127.0.0.1:5432/openverzuim
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0), conn_health_checks=True
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL: {error}") from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ── medical vault (issue 4): the physician's file on its own database, encrypted at rest ────
# Its own alias, so that an arbodienst can host it apart from the employer's database (law.md §8.3);
# openverzuim/medical/router.py keeps the vault's tables there and everything else away from it.
MEDICAL_DATABASE_URL = env_str("MEDICAL_DATABASE_URL", f"sqlite:///{BASE_DIR / 'medical.sqlite3'}")
try:
    DATABASES["medical"] = dj_database_url.parse(
        MEDICAL_DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
except ValueError as error:
    raise ImproperlyConfigured(f"MEDICAL_DATABASE_URL: {error}") from None
DATABASE_ROUTERS = ["openverzuim.medical.router.MedicalRouter"]
# Fernet keys: the first encrypts, the old ones still decrypt (key rotation). Like SECRET_KEY, a fixed
# development key only when DEBUG is on or under test.
MEDICAL_ENCRYPTION_KEY = env_secret(
    "MEDICAL_ENCRYPTION_KEY",
    "b3Blbi12ZXJ6dWltLWRldmVsb3BtZW50LW9ubHkta2U=" if DEBUG or TESTING else None,
)
if not MEDICAL_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "MEDICAL_ENCRYPTION_KEY (or MEDICAL_ENCRYPTION_KEY_FILE) is required when DEBUG is off."
    )
MEDICAL_ENCRYPTION_KEYS_OLD = env_list("MEDICAL_ENCRYPTION_KEYS_OLD")
MEDICAL_RETENTION_YEARS = env_int("MEDICAL_RETENTION_YEARS", 20)  # law.md D17

# ── accounts ────────────────────────────────────────────────────────────────────────────────
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:worklist"
LOGOUT_REDIRECT_URL = "core:home"
if TESTING:  # a deliberately slow hash makes every persona cost 0.3 s; tests need no such strength
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Throttled logins first (django-axes), then the ordinary user table. The axes backend checks only
# logins that come with a request; see accounts/backends.py.
AUTHENTICATION_BACKENDS = [
    "openverzuim.accounts.backends.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
# A guesser is stopped per user name and address: one office's shared address is not locked out
# by one person's typos, and nobody can lock another person out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address: behind this many reverse proxies, each appending to X-Forwarded-For, the
# header tells it; with none the header is ignored (anyone can send it). accounts/throttle.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY") else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT}: expected 0 or more.")
AXES_CLIENT_IP_CALLABLE = "openverzuim.accounts.throttle.client_address"
# Past the failure limit for a user name (from all addresses together) each try waits longer,
# doubling up to this many seconds; never a lock-out of the user name alone.
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 8)
# Password-reset requests per hour, per client address and per e-mail address asked for.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
# Users with medical access verify a second factor here (accounts.middleware enforces it).
OTP_LOGIN_URL = "accounts:two_factor_verify"
OTP_TOTP_ISSUER = "Open Verzuim"
# An invitation link (and a password-reset link) works once and expires after this many seconds.
PASSWORD_RESET_TIMEOUT = env_int("INVITATION_DAYS", 3) * 24 * 3600
# A download of a whole dossier asks for the password (and second factor) again when the last
# authentication is older than this (accounts/reauth.py, style.md §2.6). Seconds.
REAUTH_MAX_AGE = env_int("REAUTH_MINUTES", 10) * 60
# Sessions end after this idle time and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Retention terms (law.md D17), run by `manage.py retention`: the re-integration file after the
# case closed, the employer's absence records after the employment ended.
RETENTION_CASE_YEARS = env_int("RETENTION_CASE_YEARS", 2)
RETENTION_EMPLOYMENT_YEARS = env_int("RETENTION_EMPLOYMENT_YEARS", 2)

# Absence statistics (docs/statistics.md): where the definitions differ, the basis of the absence
# percentage. Calendar days and the part-time factor are CBS's; working days (Monday to Friday) and
# headcount (each employee as one) are the alternatives.
STATISTICS_DAYS = env_str("STATISTICS_DAYS", "calendar")
STATISTICS_WEIGHT = env_str("STATISTICS_WEIGHT", "fte")

# ── e-mail: invitations and the daily digests ─────────────────────────────────────────────────────────────────────
# Mail is queued and delivered by a task, retried when the server fails (core/mail.py), so a mail
# server that is down never breaks a page. The transport: the console while developing (tests use
# Django's in-memory outbox); SMTP from the settings below in production.
EMAIL_BACKEND = "openverzuim.core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = env_int(
    "EMAIL_TIMEOUT", 30
)  # seconds before an unresponsive server counts as failed
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Open Verzuim <noreply@localhost>")

# ── language and time ───────────────────────────────────────────────────────────────────────
# Dutch by default; English for those who choose it. Source strings are English.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "openverzuim" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# ── static files ────────────────────────────────────────────────────────────────────────────
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Archived PDFs of signed documents (documents app); never served publicly, only through its views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing and testing,
        # so that neither needs `collectstatic` first.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Without collectstatic (development, tests), WhiteNoise serves from the apps' static folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# ── security (behind a TLS-terminating proxy in production) ─────────────────────────────────
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Cookies travel over HTTPS only, except while developing and under test (plain http://127.0.0.1).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Content security policy (django-csp 4): only our own files; no inline scripts, no other hosts.
# Inline SVG (the 2FA QR code, the case chart) is markup, not script, and needs no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# ── logging: to standard error, for the process manager to collect ──────────────────────────
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# ── reminders: the daily job's queue and the links in its e-mail (docs/reminders.md) ────
# The immediate backend runs the job inside `manage.py reminders`; a queue backend runs it in a worker.
# `django_tasks_db.DatabaseBackend` queues jobs in PostgreSQL for `manage.py db_worker` processes, which
# claim each with SELECT ... FOR UPDATE SKIP LOCKED: several workers, one run per job (docs/deployment.md).
# Its table is always installed, so that switching the backend changes no schema.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
INSTALLED_APPS.append("django_tasks_db")

# ── cache and sessions: on Redis when REDIS_URL is set, shared by every web worker ─────────
# Without it each process keeps its own memory cache and sessions live in the database.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ov"),
        }
    }
    # Sessions in the cache only: SESSION_SAVE_EVERY_REQUEST writes on every request, which would
    # otherwise be a database write per page view. Emptying Redis logs everyone out, nothing more.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# The payroll import (docs/import.md): the largest file accepted.
PAYROLL_IMPORT_MAX_MEGABYTES = env_int("PAYROLL_IMPORT_MAX_MEGABYTES", 20)
# Files of more rows are checked and imported as a background task (with a queue backend, see
# TASKS), the page showing their progress; smaller ones within the request (docs/import.md).
PAYROLL_IMPORT_BACKGROUND_ROWS = env_int("PAYROLL_IMPORT_BACKGROUND_ROWS", 2000)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")  # links in e-mail and calendar entries

# ── the REST API (docs/api.md) ──────────────────────────────────────────────────────────────────
# Calls per minute per API key; past it 429 with Retry-After. Counted in the cache (CACHES), so per
# process unless a shared cache is configured.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 600)
# Webhooks (docs/api.md): seconds a receiver has to answer, and whether an endpoint may be on a
# private, loopback or link-local address. Never in production: a webhook URL pointing inside the
# network would let an organisation's administrator make this server call its neighbours (SSRF).
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", DEBUG or TESTING)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["openverzuim.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["openverzuim.api.authentication.HasApiKey"],
    "DEFAULT_THROTTLE_CLASSES": ["openverzuim.api.authentication.ApiKeyRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "openverzuim.api.problems.problem_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS answers 405: the OpenAPI document describes it all
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open Verzuim API",
    "DESCRIPTION": "Sickness dossiers under the Wet verbetering poortwachter, for the employer side. "
    "Authentication: `Authorization: Bearer <key>`. Conventions: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: Swagger UI puts each operation's link inside its expand button, an interactive
    # control nested in another (WCAG 4.1.2, axe "nested-interactive").
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openverzuim.api.schema.problem_responses",
    ],
    "APPEND_COMPONENTS": {"securitySchemes": {"ApiKey": {"type": "http", "scheme": "bearer"}}},
    "SECURITY": [{"ApiKey": []}],
    "AUTHENTICATION_WHITELIST": [],
}

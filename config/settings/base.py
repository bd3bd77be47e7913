"""Settings shared by every environment. Environment variables choose the database and secrets."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import platformdirs
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _var_dir() -> Path:
    # Where the SQLite database, collected static files and uploads live. JOINEDUP_VAR_DIR wins;
    # a source checkout (manage.py beside config/) keeps using its ./var, as the scripts and tests
    # expect; an installed copy uses the user's data folder (~/.local/share/joinedup on Linux),
    # never site-packages.
    if os.environ.get("JOINEDUP_VAR_DIR"):
        return Path(os.environ["JOINEDUP_VAR_DIR"]).expanduser()
    if (BASE_DIR / "manage.py").is_file():
        return BASE_DIR / "var"
    return platformdirs.user_data_path("joinedup", appauthor=False)


VAR_DIR = _var_dir()
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h
]
# The site's address as people reach it, for links written outside a request (the iCalendar
# feed from the command line): e.g. JOINEDUP_SITE_URL=https://joinedup.example.gov.uk
JOINEDUP_SITE_URL = os.environ.get("JOINEDUP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The Django admin, served by an admin site that asks for a TOTP code (django-otp).
    "joinedup.accounts.apps.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's own form templates, which the admin's error lists need with our TemplatesSetting
    # form renderer (without it a wrong admin password was a server error).
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    # django-ninja as an app, so /api/v1/docs loads Swagger UI from our own static files (its
    # ninja/ folder) rather than from a CDN, which the Content Security Policy refuses.
    "ninja",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "joinedup.core",
    "joinedup.accounts",
    "joinedup.partnerships",
    "joinedup.programme",
    "joinedup.risks",
    "joinedup.meetings",
    "joinedup.links",
    "joinedup.reports",
    "joinedup.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that renders a page (the lockout page included), so each page's
    # nonce is in the header that goes with it.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Refuses an oversized request body from its Content-Length, before anything reads it
    # (after the user is known, so the refusal page has the usual header).
    "joinedup.core.middleware.RequestSizeLimitMiddleware",
    # Text no database can store (NUL, unpaired surrogates): a 422 naming the field, not a 500.
    "joinedup.core.middleware.UnstorableTextMiddleware",
    "joinedup.core.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "joinedup" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "joinedup.core.context_processors.partnership",
            ],
        },
    },
]
# GOV.UK markup for every form field and error summary (see joinedup/templates/govuk/forms/).
FORM_RENDERER = "joinedup.core.forms.GovukFormRenderer"


def _sqlite_database(path: Path) -> dict:
    # WAL lets readers carry on while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so two saves queue on the busy timeout instead of failing with "database is locked".
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        },
        "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
    }


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {"default": _sqlite_database(VAR_DIR / "joinedup.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses a sign-in from a locked-out username and address.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The compiled stylesheet, our scripts, GOV.UK Frontend and htmx: scripts/build-assets gathers
# them into joinedup/static/ (never committed) and the wheel carries that folder, so an installed
# copy needs no Node. Swagger UI for /api/v1/docs comes from django-ninja's own static files.
STATICFILES_DIRS = [BASE_DIR / "joinedup" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# A session ends after 30 minutes without a request, and 8 hours after sign-in in any case
# (joinedup/core/middleware.py); the cookie never outlives the absolute limit.
JOINEDUP_SESSION_IDLE_SECONDS = int(os.environ.get("JOINEDUP_SESSION_IDLE_SECONDS", 30 * 60))
JOINEDUP_SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60

# bench/: serve the floor views a load run measures pages against (never in production use).
JOINEDUP_BENCH_FLOORS = os.environ.get("JOINEDUP_BENCH_FLOORS") == "1"
SESSION_COOKIE_AGE = JOINEDUP_SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one username
# from one address, that pair is locked out for AXES_COOLOFF_TIME after the last failure (a
# further attempt while locked out starts the wait again). A successful sign-in clears the
# count. Cyber Essentials asks for a lockout at 10 failures or fewer.
AXES_FAILURE_LIMIT = int(os.environ.get("JOINEDUP_SIGN_IN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JOINEDUP_SIGN_IN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Keep every failed sign-in (the attempt counters above are cleared on success), as well as
# the log of successful ones: ASVS 7.2.1, log all authentication decisions.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy, set JOINEDUP_PROXY_COUNT to the number of proxies in front of the
# app, so the client's address comes from X-Forwarded-For rather than the proxy's own.
if os.environ.get("JOINEDUP_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["JOINEDUP_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Content Security Policy (django-csp 4): scripts and styles only from our own origin, plus
# the one-off nonce a page gives an inline block (`nonce="{{ request.csp_nonce }}"`). A nonce
# in style-src also blocks every style="" attribute, so pages use classes only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The Django admin asks for a code from an authenticator app (django-otp TOTP); enrol a staff
# user with `python manage.py otp_enrol USERNAME`.
OTP_TOTP_ISSUER = os.environ.get("JOINEDUP_OTP_ISSUER", "Joined-Up")

# Uploads: bodies over JOINEDUP_MAX_REQUEST_MB are refused (413) before they are read; files
# over FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, not memory. Spreadsheet imports
# have their own, lower limit (joinedup/programme/io/safety.py).
JOINEDUP_MAX_REQUEST_BYTES = int(os.environ.get("JOINEDUP_MAX_REQUEST_MB", 50)) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A meeting attachment must be a real PDF (joinedup/core/pdf_files.py) within these limits.
JOINEDUP_ATTACHMENT_MAX_BYTES = int(os.environ.get("JOINEDUP_ATTACHMENT_MAX_MB", 20)) * 1024 * 1024
JOINEDUP_ATTACHMENT_MAX_PAGES = int(os.environ.get("JOINEDUP_ATTACHMENT_MAX_PAGES", 300))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "joinedup@localhost"

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "joinedup.core.logs.OneLineClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Everything reaches the root's console once: Django's own console handler (under
        # DEBUG) would print each request's error a second time.
        "django": {"handlers": [], "level": "INFO"},
        # A 403 or 404 is one line, with no traceback (joinedup/core/logs.py).
        "django.request": {"filters": ["one_line_client_errors"]},
    },
}

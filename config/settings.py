"""Settings for Takeout & Table, read from the environment.

Every variable has a default that is safe on a developer's machine, so
`make run` needs nothing set. The README lists the variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return split_list(os.environ.get(name, default))


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name: str, default: str) -> tuple[int, timedelta]:
    """A rate limit such as "10/h" (at most 10 an hour; s, m, h or d), as (10, 1 hour)."""
    value = os.environ.get(name, default).strip()
    count, _, unit = value.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if not count.isdigit() or int(count) < 1 or unit not in seconds:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: write it as 10/h (s, m, h or d)."
        )
    return int(count), timedelta(seconds=seconds[unit])


def env_required(name: str) -> str:
    """A variable production cannot run without: stop at start-up, naming it, if it is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return value


# "production" turns on HTTPS-only cookies, HSTS and the redirect to HTTPS,
# requires a real secret key and host names, and refuses what is only safe on
# a local machine, such as demo accounts with published passwords.
ENVIRONMENT = os.environ.get("DJANGO_ENV", "local")
PRODUCTION = ENVIRONMENT == "production"

# Off unless asked for: a forgotten DEBUG=True leaks tracebacks and settings.
DEBUG = env_bool("DJANGO_DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")

# /request/fail/ raises on purpose so a learner can see a 500 page. A real
# site has no use for a page that fails, so production has no such address.
FAILURE_DEMO = not PRODUCTION

if PRODUCTION:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = split_list(env_required("DJANGO_ALLOWED_HOSTS"))
else:
    # The fallback only serves a local demo, also when the variable is there
    # but empty (as in .env.example); the "insecure" prefix makes
    # `check --deploy` flag it.
    SECRET_KEY = (
        os.environ.get("DJANGO_SECRET_KEY", "").strip()
        or "django-insecure-local-only-takeout-and-table-never-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Origins allowed to POST here from another scheme or port, as
# "https://table.example"; needed only behind some proxies.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# A name for this copy of the site, shown on every dynamic page next to the
# process that answered: when several instances share one database behind a
# load balancer, it tells a visitor which of them built their page.
INSTANCE_NAME = os.environ.get("DJANGO_INSTANCE_NAME", "").strip()

# Data that must survive a restart (the SQLite database) lives here; Docker
# mounts a volume at this path.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))
# What `collectstatic` and `build_pages` produce: rebuilt from source, never edited.
BUILD_DIR = Path(os.environ.get("BUILD_DIR", BASE_DIR / "build"))
# A time (seconds since 1970) that `build_pages` gives every built file. ETag
# and Last-Modified are made from a file's modification time, by WhiteNoise and
# by nginx alike: builds of one commit on several machines then answer a
# browser's "has it changed?" the same, whichever server it reaches. Unset,
# each file keeps the time it was built. The name is the reproducible-builds
# convention's; `git log -1 --format=%ct` gives a commit's.
SOURCE_DATE_EPOCH = int(epoch) if (epoch := os.environ.get("SOURCE_DATE_EPOCH")) else None

INSTALLED_APPS = [
    # Django's admin, with the kitchen's name and order (config/admin.py).
    "config.apps.KitchenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: `runserver` leaves static files to WhiteNoise, as gunicorn does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "accounts",
    "api",
    "inbox",
    "inspector",
    "menu",
    "pages",
    "throttling",
]

# The security headers of every answer. The files of the site (static pages
# and assets) never reach Django: WhiteNoise answers them in front of it
# (config/files.py), with the headers these add, asked of them at start-up.
SECURITY_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
]
MIDDLEWARE = [
    *SECURITY_MIDDLEWARE,
    # Pages built here are compressed when the browser accepts gzip: /menu/ went
    # from 12 KB to 3 KB (at 500 dishes, 213 KB to 8 KB). Above the timing
    # middleware, which writes into the page, so it compresses the final bytes.
    # BREACH, which guesses a secret in a compressed page from its size, finds
    # none to guess here: Django masks the CSRF token afresh in every response,
    # the session key is never in a page (the panel masks it), and
    # GZipMiddleware pads each response with up to 100 random bytes.
    "django.middleware.gzip.GZipMiddleware",
    # /healthz, before host checks and sessions: a probe from inside the
    # container must not need a public host name or leave a session behind.
    "config.middleware.HealthCheckMiddleware",
    # Above the rest, so the session's own reads and writes are in its count.
    "inspector.middleware.ServerTimingMiddleware",
    # Above the session middleware, so it sees the `Vary: Cookie` that adds.
    "config.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferencesMiddleware",
    # Reads a POST's form data before the CSRF check does, so an unreadable
    # body gets one 400 page; below the two above, so that page knows the visitor.
    "inspector.middleware.UnreadableFormMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "inspector.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes requires: it turns a locked-out log-in into its page.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.preferences",
            ],
        },
    },
]

# The database: the SQLite file in DATA_DIR (`make run` needs nothing more), or
# the one DATABASE_URL names, as postgres://user:password@host:5432/name, when
# the site outgrows one machine: several instances cannot share a SQLite file.
SQLITE = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": DATA_DIR / "db.sqlite3",
    # Each gunicorn thread keeps its connection between requests, instead of
    # opening the file and running the four PRAGMAs below for every page
    # (about a tenth of the live menu's time). SQLite connections are per
    # thread, and a worker has GUNICORN_THREADS of them at most. A minute,
    # not for ever: a connection opened while the disk was read-only would
    # stay read-only, and this one is replaced within the minute.
    "CONN_MAX_AGE": 60,
    "OPTIONS": {
        # Take the write lock when a transaction starts, so two writers
        # queue on the busy timeout instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        # Seconds a connection waits for the write lock before giving up.
        "timeout": 5,
        # WAL lets readers carry on while one connection writes; NORMAL
        # sync is safe with WAL and avoids an fsync per commit.
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY;"
        ),
    },
}
if database_url := os.environ.get("DATABASE_URL", "").strip():
    DATABASE = dj_database_url.parse(database_url)
    if DATABASE["ENGINE"] == "django.db.backends.postgresql":
        # Django's own pool of psycopg 3 connections, one per process: a request
        # borrows one and gives it back as it ends, so a worker's threads share
        # a few open connections. The pool requires CONN_MAX_AGE = 0, which
        # here means "back to the pool", not "closed".
        DATABASE["CONN_MAX_AGE"] = 0
        DATABASE["OPTIONS"] = {
            "pool": {
                "min_size": int(os.environ.get("DATABASE_POOL_MIN", "1")),
                "max_size": int(os.environ.get("DATABASE_POOL_MAX", "4")),
                # A request waits this long for a free connection, then fails.
                "timeout": 10,
            }
        }
else:
    DATABASE = SQLITE
DATABASES = {"default": DATABASE}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's, loading a user's preferences with them (accounts/backends.py).
    "accounts.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "menu:list"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database; the browser holds only the key. Expired ones
# are deleted by the site itself (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
# Page scripts never need the session key, so keep it out of their reach.
SESSION_COOKIE_HTTPONLY = True
# Sent on top-level navigation from other sites, not on their cross-site POSTs.
SESSION_COOKIE_SAMESITE = "Lax"
# Two weeks for someone signed in: long enough to be remembered between visits.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# A day for a stranger's session: it holds only a visit count and preferences,
# and a crawler that never sends the cookie back must not fill the database.
ANONYMOUS_SESSION_AGE = 60 * 60 * 24
# Write the session only when it changed: each save is a database write.
SESSION_SAVE_EVERY_REQUEST = False
CSRF_COOKIE_SAMESITE = "Lax"
# Over HTTPS only, in production; `make run` serves plain HTTP on 127.0.0.1.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# A refused POST gets the site's own page, which says what happened and why.
CSRF_FAILURE_VIEW = "inspector.views.csrf_failure"

# HTTPS. In production every plain-HTTP request is redirected (except the
# health check, which a container probes over plain HTTP), and HSTS tells
# browsers to use HTTPS only, for a year, subdomains included, with a request
# to be on browsers' preload list. Each can be turned down by its variable.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
# Behind a proxy that ends TLS, Django sees plain HTTP. Only when that proxy
# is known to set this header (and strip it from clients) may it be trusted,
# so it is named explicitly, as "X-Forwarded-Proto".
if proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
# How many proxies in front of the site append to X-Forwarded-For. 0 (no
# proxy) means the client is the connection's address; anything else in the
# header could be written by the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy: nothing is allowed unless listed. Scripts, styles,
# images and fetches come from this site only; no inline code; no framing;
# forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}
# Browser features no page here uses, switched off for this site and any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

# Log-in throttling (django-axes, throttling/lockout.py). After 5 failed
# log-ins to one account from one address, that account is refused from
# there for 15 minutes with status 429; other accounts behind the same
# address (a classroom's) still log in. A success clears only that account's
# failures. After 30 failures from one address to accounts that did not then
# log in, the whole address is refused. The site's log-in page and the
# admin's count together. `manage.py axes_reset_ip` or `axes_reset_username`
# lifts a lock at once.
AXES_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = 30
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "throttling.lockout.LoginLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "throttling.selectors.client_ip"
AXES_USERNAME_CALLABLE = "throttling.selectors.username_typed"
AXES_LOCKOUT_CALLABLE = "throttling.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout are not counted again: a student pressing
# "Log in" twenty times on a locked account must not lock the classroom.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful log-ins are not recorded: the site has no use for that history.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Pages whose Server-Timing would tell a stranger whether an account exists
# (by how long the work took); the header and the footer say so instead.
SERVER_TIMING_WITHHELD_VIEWS = {
    "accounts:login",
    "accounts:signup",
    "accounts:password_reset",
    "admin:login",
}

# "How this page was made": a panel in the footer of every dynamic page that
# names the view, the templates, each SQL query with its time (secrets masked)
# and the process and thread that answered. On locally, off in production
# unless DJANGO_SHOW_HOW_MADE=1: it shows strangers the site's SQL and process
# ids, and recording them costs a little on every request.
SHOW_HOW_MADE = env_bool("DJANGO_SHOW_HOW_MADE", not PRODUCTION)

# What sends e-mail or makes accounts is limited per client, counted in the
# database so that every worker shares the count (throttling/decorators.py).
# Sign-ups are limited per address: a class of 30 signing up from one school
# address, with a typo or two each, fits in an hour. A password reset is
# limited per address and per e-mail address, so no one can flood an inbox.
# (django-ratelimit would need memcached or Redis: it refuses Django's
# database cache, whose counts are not atomic, and `make run` needs nothing.)
RATE_LIMITS = {
    "signup": env_rate("DJANGO_RATE_LIMIT_SIGNUP", "60/h"),
    "password-reset": env_rate("DJANGO_RATE_LIMIT_PASSWORD_RESET", "10/h"),
    "password-reset-email": env_rate("DJANGO_RATE_LIMIT_PASSWORD_RESET_EMAIL", "3/h"),
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BUILD_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names (cached forever) with Brotli and gzip copies made at build time.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The hand-written pages of the static side. WhiteNoise serves them at the
# site root, `/about/` from `about/index.html`.
PAGES_SOURCE_DIR = BASE_DIR / "pages" / "site"
# `build_pages` copies them here with Brotli and gzip versions made ahead of time.
PAGES_BUILD_DIR = BUILD_DIR / "pages"
# With DEBUG (`make dev`) they are served straight from the source, so an edit
# shows on reload, as static files come from the finders then.
WHITENOISE_ROOT = PAGES_SOURCE_DIR if DEBUG else PAGES_BUILD_DIR
WHITENOISE_INDEX_FILE = True
# Other sites have no reason to read these files from their scripts.
WHITENOISE_ALLOW_ALL_ORIGINS = False

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "kitchen@takeout-and-table.test")
# For DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)

# Everything to stderr, where gunicorn and `docker logs` collect it; each
# record once (Django's own "django" handler would print it a second time),
# on one line, with a traceback only for a server error (config/logging.py).
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "config.logging.OneLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "one_line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # django-axes reports every log-in at INFO; only its warnings are news.
        "axes": {"level": "WARNING"},
    },
}

"""Settings, all from the environment (see the README's table).

Defaults serve the local demo on 127.0.0.1; production values are documented.
"""
from __future__ import annotations

import ipaddress
import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lor_dashboard import serve

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, "true" if default else "false").strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Production: HTTPS only, secure cookies, HSTS, and refusal of unsafe settings.
PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEMO_SECRET_KEY = "insecure-local-demo-key-change-me-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", DEMO_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# -- the upstream -----------------------------------------------------------
LOR_BASE_URL = env("LOR_BASE_URL", "http://127.0.0.1:8001").rstrip("/")
LOR_CONNECT_TIMEOUT = float(env("LOR_CONNECT_TIMEOUT", "3.05"))
LOR_READ_TIMEOUT = float(env("LOR_READ_TIMEOUT", "10"))
# Kept upstream connections per process: one per server thread (lor_dashboard/serve.py).
LOR_POOL_SIZE = int(env("LOR_POOL_SIZE", env("WEB_THREADS", str(serve.THREADS))))
# The circuit opens when this share of the calls of the last LOR_BREAKER_WINDOW seconds were
# unavailable, once there were at least LOR_BREAKER_MIN_CALLS; it stays open LOR_BREAKER_OPEN
# seconds (doubling, up to 30, while trial calls keep failing).
LOR_BREAKER_RATE = float(env("LOR_BREAKER_RATE", "0.5"))
LOR_BREAKER_MIN_CALLS = int(env("LOR_BREAKER_MIN_CALLS", "50"))
LOR_BREAKER_WINDOW = float(env("LOR_BREAKER_WINDOW", "10"))
LOR_BREAKER_OPEN = float(env("LOR_BREAKER_OPEN", "2"))
# Demo session ids offered for one-click sign-in. The run command sets this
# only when it starts the sandbox; never set it for a real upstream.
LOR_DEMO_SESSIONS = env_list("LOR_DEMO_SESSIONS")

# -- signing in with Canvas (see the README: Canvas developer key) ------------
CANVAS_BASE_URL = env("CANVAS_BASE_URL").rstrip("/")
CANVAS_CLIENT_ID = env("CANVAS_CLIENT_ID")
CANVAS_CLIENT_SECRET = env("CANVAS_CLIENT_SECRET")
CANVAS_SCOPES = env("CANVAS_SCOPES")  # space-separated; empty when the key does not enforce scopes
LOR_TOOL_LAUNCH_URL = env("LOR_TOOL_LAUNCH_URL", "https://lor.instructure.com/api/lti")
CANVAS_TOKEN_KEYS = env_list("CANVAS_TOKEN_KEYS")  # Fernet keys, newest first; default: derived from SECRET_KEY
# Canvas addresses the "access token" path may call: `host[:port]` or `.domain[:port]` (its
# subdomains); without a port only the scheme's default one (lor_dashboard.canvas.address).
CANVAS_TOKEN_HOSTS = env_list(
    "CANVAS_TOKEN_HOSTS", ",".join(filter(None, [urlsplit(CANVAS_BASE_URL).netloc, ".instructure.com"]))
)

# An OAuth grant that knows its Canvas user lives this long since its last use, so a teacher's
# next LTI launch signs in at once (accounts/sweep.py); a grant without one lives as a session does.
CANVAS_GRANT_DAYS = int(env("CANVAS_GRANT_DAYS", "90"))

# -- opened from Canvas as an LTI 1.3 tool (README: Install in Canvas) -------
# The Canvas origins allowed to frame the dashboard (e.g. https://school.instructure.com). Set means
# LTI is on: frame-ancestors lists them, X-Frame-Options goes, and in production the session and
# CSRF cookies are SameSite=None so the frame keeps them. Unset: no page can be framed.
LTI_CANVAS_ORIGINS = env_list("LTI_CANVAS_ORIGINS")
for _origin in LTI_CANVAS_ORIGINS:
    _parts = urlsplit(_origin)
    if _parts.scheme not in ("https", "http") or not _parts.netloc or _parts.path not in ("", "/") or _parts.query:
        raise ImproperlyConfigured(f"LTI_CANVAS_ORIGINS: {_origin!r} is not an origin (scheme://host[:port]).")
LTI_CANVAS_ORIGINS = [o.rstrip("/") for o in LTI_CANVAS_ORIGINS]

if PRODUCTION:
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a long random secret in production.")
    _upstream = urlsplit(LOR_BASE_URL)
    if _upstream.scheme != "https" and _upstream.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ImproperlyConfigured("LOR_BASE_URL must be https:// in production (http:// only on loopback).")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

INSTALLED_APPS = [
    # auth and contenttypes only because django-lti's LtiUser links to auth.User; the dashboard
    # signs people in with its own session (accounts/session.py), never with Django's users.
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "lti_tool",
    "lor_dashboard.core",
    "lor_dashboard.accounts",
    "lor_dashboard.favorites",
    "lor_dashboard.resources",
    "lor_dashboard.overview",
    "lor_dashboard.ops",
    "lor_dashboard.imports",
    "lor_dashboard.users",
    "lor_dashboard.updates",
]

MIDDLEWARE = [
    "lor_dashboard.ops.request_id.RequestIdMiddleware",
    "lor_dashboard.ops.request_log.RequestLogMiddleware",
    "lor_dashboard.ops.body_limit.BodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    *([] if LTI_CANVAS_ORIGINS else ["django.middleware.clickjacking.XFrameOptionsMiddleware"]),
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After htmx: choosing reads the session, and a database that is down must still get the htmx answer.
    "lor_dashboard.core.language.LanguageMiddleware",
    "lor_dashboard.core.middleware.HtmxMessagesMiddleware",
    "lor_dashboard.accounts.middleware.SignInRequiredMiddleware",
    "lor_dashboard.accounts.middleware.FramedAutofocusMiddleware",
    "lor_dashboard.accounts.upstream_errors.UpstreamErrorMiddleware",
]

ROOT_URLCONF = "lor_dashboard.urls"
WSGI_APPLICATION = "lor_dashboard.wsgi.application"

# One engine for the whole site: Jinja2 (speed: bench/README.md), through Django's backend;
# "page.html#block" renders one block of a page for htmx (lor_dashboard/core/jinja.py).
TEMPLATES = [
    {
        "BACKEND": "lor_dashboard.core.jinja.Jinja2WithFragments",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "lor_dashboard.core.jinja.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "lor_dashboard.accounts.context_processors.signed_in_user",
                "lor_dashboard.ops.context_processors.request_id",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        # Health checks: a connection the database dropped (a restart, an outage) is replaced on
        # the next request, so every instance recovers without a restart of its own.
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent requests on the embedded default: readers never wait for a writer (WAL); a
    # writer waits its turn (busy timeout) instead of failing at once with "database is locked";
    # and a transaction takes the write lock when it begins (IMMEDIATE), so one that reads and
    # then writes cannot be refused the upgrade halfway, which no busy timeout would cure.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # Tests on a file, not in shared memory: there concurrent writers get "table is locked"
    # at once instead of waiting their turn as they do on the real file.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A pool per process (psycopg_pool, health-checked on the way out): a thread takes a
    # connection for its queries and hands it back while it waits on Commons (lor/http.py), so
    # connections do not grow with threads. Per instance: WEB_CONCURRENCY x DATABASE_POOL_SIZE.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them, not each thread
    # A request waits at most DATABASE_POOL_TIMEOUT for a connection (then: 503, "Temporarily
    # unavailable"); during an outage the pool gives up reconnecting after 2 s rather than backing
    # off for minutes, so the first request after the database is back starts a fresh attempt.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": int(env("DATABASE_POOL_SIZE", "8")),
        "timeout": float(env("DATABASE_POOL_TIMEOUT", "2")), "reconnect_timeout": 2,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when given, caches sessions in front of the database (cached_db).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # django-redis, told to shrug off a Redis that is down: cached_db sessions then read and write
    # the database alone, so signed-in users keep working (and the logs say Redis failed).
    CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # Without Redis, the database: the LTI login's state and nonce must be found by whichever worker
    # or instance takes the launch (a per-process memory cache would lose them). The table is made
    # by a migration (accounts 0005), so `migrate` is the only step.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lor_cache"}}

# Server-side sessions only: the signed-cookie engine would hand the LOR
# session id to the browser.
SESSION_ENGINE = env(
    "DJANGO_SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db",
)
if "signed_cookies" in SESSION_ENGINE:
    raise ImproperlyConfigured("The signed-cookie session engine would hand the Commons session id to the browser.")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_AGE", str(12 * 3600)))
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if LTI_CANVAS_ORIGINS and SESSION_COOKIE_SECURE:
    # Inside Canvas' frame the dashboard is a third party: only SameSite=None cookies reach it (and
    # browsers take those only with Secure). Plain-HTTP demos stay Lax (README: Install in Canvas).
    SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "None"
CSRF_COOKIE_HTTPONLY = True
# The language a visitor chose in the footer, for the pages before sign-in (the session keeps it after).
LANGUAGE_COOKIE_NAME = "lor_language"
LANGUAGE_COOKIE_AGE = 365 * 86400
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
# Bodies are small forms (100 ids at most); anything longer is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]  # no temp files, ever
MESSAGE_STORAGE = "lor_dashboard.core.messages.KeptMessageStorage"

# The teacher's language (lor_dashboard/core/language.py says how it is chosen). Each entry is
# named in its own language: that is how the footer's menu shows it. Adding one: locale/README.md.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-br", "Português (Brasil)"), ("fr", "Français"),
             ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers from Django's locale formats, with English's date as the dashboard had it ("Mar 2, 2025").
FORMAT_MODULE_PATH = ["lor_dashboard.core.formats"]
TIME_ZONE = env("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production runs `collectstatic` (make serve does): whitenoise then serves compressed
# files with hashed names, cached for a year. The demo and tests serve from the finders.
COLLECTED = env_bool("DJANGO_STATIC_MANIFEST", PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if COLLECTED
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not COLLECTED
warnings.filterwarnings("ignore", message="No directory at")  # STATIC_ROOT before the first collectstatic

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto, and let it do the redirect if it wants.
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SILENCED_SYSTEM_CHECKS = []
if PRODUCTION and not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS.append("security.W008")  # the proxy redirects to HTTPS
if LTI_CANVAS_ORIGINS:
    # Framed by Canvas on purpose: CSP frame-ancestors names who may (X-Frame-Options cannot).
    SILENCED_SYSTEM_CHECKS.append("security.W002")
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"



def content_security_policy(lor_base_url: str, frame_origins: list[str] | None = None) -> dict:
    """Scripts and styles from 'self' only; thumbnails from https anywhere or the upstream's origin;
    framed only by the configured Canvas origins (LTI), else by nobody."""
    upstream = urlsplit(lor_base_url)
    return {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "https:", f"{upstream.scheme}://{upstream.netloc}"],
            "object-src": ["'none'"],
            "base-uri": ["'none'"],
            "frame-ancestors": list(frame_origins) if frame_origins else ["'none'"],
            "form-action": ["'self'"],
        }
    }


CONTENT_SECURITY_POLICY = content_security_policy(LOR_BASE_URL, LTI_CANVAS_ORIGINS)

LOG_FORMAT = env("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT is text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lor_dashboard.ops.request_id.RequestIdFilter"},
                "escape_controls": {"()": "lor_dashboard.ops.log_safety.EscapeControlsFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # One JSON object a line: the text line's fields, and the request line's as their own keys.
        "json": {"()": "pythonjsonlogger.json.JsonFormatter",
                 "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                 "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id", "escape_controls"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # urllib3 logs full request lines at DEBUG, which would include ids in paths.
        "urllib3": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
    },
}

# /metrics: served to these addresses, or to a scraper sending "Authorization: Bearer METRICS_TOKEN".
METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network(n.strip()) for n in env("METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",") if n.strip()]
METRICS_TOKEN = env("METRICS_TOKEN")

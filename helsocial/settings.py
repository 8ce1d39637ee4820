"""Settings for Helsocial, all read from the environment with safe defaults.

The embedded default (no variables set) is what `make run` uses on a laptop: SQLite, Celery tasks
run eagerly in-process, mail written to files under var/mail/, the demo platform. Production sets
DATABASE_URL, REDIS_URL, EMAIL_URL, SECRET_KEY, ALLOWED_HOSTS and FIELD_ENCRYPTION_KEY. Nothing else
in the project reads os.environ: every variable is listed in .env.example.
"""

import base64
import hashlib
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, str(default)).strip().lower()
    if raw in {"true", "1", "yes", "on"}:
        return True
    if raw in {"false", "0", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}: expected true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: expected an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: expected a number, got {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_hhmm(name: str, default: str) -> str:
    raw = os.environ.get(name, default).strip()
    hours, _sep, minutes = raw.partition(":")
    if not (hours.isdecimal() and minutes.isdecimal() and 0 <= int(hours) < 24 and 0 <= int(minutes) < 60):
        raise ImproperlyConfigured(f"{name}: expected HH:MM, got {raw!r}")
    return f"{int(hours):02d}:{int(minutes):02d}"


# --- core -----------------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
# A production start without a SECRET_KEY fails loudly; the embedded default derives a per-checkout
# key so `make run` works without configuration and never shares a key between installations.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if env_bool("HELSOCIAL_PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "dev-insecure-" + hashlib.sha256(str(BASE_DIR).encode()).hexdigest()
elif env_bool("HELSOCIAL_PRODUCTION", False) and SECRET_KEY.startswith(("example-only", "dev-insecure")):
    raise ImproperlyConfigured("SECRET_KEY is the example from .env.example: generate a real one.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "mozilla_django_oidc",
    "helsocial",
    "helsocial.outbox",
    "helsocial.tone",
    "accounts",
    "platforms",
    "calendar_booking",
    "moderation",
    "metrics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing a logged-in person sees is kept by a cache (Cache-Control: private, no-store).
    "helsocial.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "helsocial.urls"
WSGI_APPLICATION = "helsocial.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The calendar's covering index of live slots (INCLUDE) is PostgreSQL's; SQLite, the embedded
# default, builds it without the extra columns, which is what W040 says on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

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
                "helsocial.context_processors.portal",
                "accounts.context_processors.navigation",
                "accounts.context_processors.guideline_in_force",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "helsocial.sqlite3")),
            # Several threads (runserver, eager tasks) write: wait for the lock instead of failing.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DATABASES["default"].setdefault("TEST", {})

# --- auth -----------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username+address out after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the proxy every request comes from the proxy's address: the client's is read from
# X-Forwarded-For, TRUSTED_PROXY_COUNT entries from the right (helsocial/client_ip.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT: expected 0 or more, got {TRUSTED_PROXY_COUNT}")
AXES_CLIENT_IP_CALLABLE = "helsocial.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Single sign-on with OpenID Connect (the city's Microsoft Entra ID) when configured.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
# Only people AKN has created may sign in: SSO proves who they are, the portal decides what they do.
OIDC_CREATE_USER = False
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.PortalOIDCBackend")

# --- i18n -----------------------------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
FORMAT_MODULE_PATH = ["helsocial.formats"]

# --- static ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = True

# --- cache, broker, tasks -------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    # No broker on a laptop: run tasks in-process, right away.
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hang a page: fail fast, the outbox sweep sends it later.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "helsocial.outbox.tasks.outbox_sweep", "schedule": 60.0},
    # The FAQ to KC goes "the working day before publication": try every hour of the working day.
    "calendar-faq-mails": {"task": "calendar_booking.tasks.faq_mails_send", "schedule": 3600.0},
    "calendar-mark-missed": {"task": "calendar_booking.tasks.booking_slots_mark_missed", "schedule": 900.0},
    "webhook-sweep": {"task": "moderation.tasks.webhook_sweep", "schedule": 60.0},
    "evidence-removed-outside": {
        "task": "moderation.tasks.evidence_sweep_removed_outside",
        "schedule": 300.0,
    },
    "comment-retention": {"task": "moderation.tasks.comments_pseudonymise", "schedule": 86400.0},
}

# --- mail -----------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Helsocial <helsocial@helsingborg.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
REGISTRY_EMAIL = env_str("REGISTRY_EMAIL", "kommunstyrelsen@helsingborg.se")
AKN_EMAIL = env_str("AKN_EMAIL", "kommunikation@helsingborg.se")
EMAIL_URL = env_str("EMAIL_URL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")


def _email_settings(url: str) -> dict[str, object]:
    """smtp://user:pass@host:port (?tls=true or ?ssl=true), file:///path, console:, locmem:"""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": query.get("tls", ["false"])[0] == "true",
            "EMAIL_USE_SSL": parsed.scheme == "smtps" or query.get("ssl", ["false"])[0] == "true",
        }
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path,
        }
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parsed.scheme!r}")


globals().update(_email_settings(EMAIL_URL))
# Outbox delivery: retries with exponential backoff until the server accepts the mail.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 50)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600)

# --- encryption of platform tokens ----------------------------------------------------------------
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEY:
    if env_bool("HELSOCIAL_PRODUCTION", False):
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set in production (a Fernet key).")
    FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
elif env_bool("HELSOCIAL_PRODUCTION", False) and any(
    base64.urlsafe_b64decode(key.strip().encode() + b"==").startswith(b"example-only")
    for key in FIELD_ENCRYPTION_KEY.split(",")
    if key.strip().isascii()
):
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is the example from .env.example: generate a real one.")

# --- the portal's own rules -----------------------------------------------------------------------
WORKING_HOURS_START = env_hhmm("WORKING_HOURS_START", "08:00")
WORKING_HOURS_END = env_hhmm("WORKING_HOURS_END", "17:00")
# An editor counts as active when enabled and logged in within this many days.
EDITOR_ACTIVE_DAYS = env_int("EDITOR_ACTIVE_DAYS", 90)
DEMO_MODE = env_bool("DEMO_MODE", not DATABASE_URL)

# --- publishing calendar --------------------------------------------------------------------------
# "Undvik att publicera laddat innehåll sent på fredagar": charged content from this local time on
# the last working day before a day off gets a warning; HARD_BLOCK makes it a refusal everywhere.
CALENDAR_CHARGED_CUTOFF = env_hhmm("CALENDAR_CHARGED_CUTOFF", "12:00")
CALENDAR_CHARGED_HARD_BLOCK = env_bool("CALENDAR_CHARGED_HARD_BLOCK", False)
# A planned slot with no matched post this long after its end is marked missed.
CALENDAR_MISSED_GRACE_MINUTES = env_int("CALENDAR_MISSED_GRACE_MINUTES", 120)
KC_EMAIL = env_str("KC_EMAIL", "kontaktcenter@helsingborg.se")

# --- moderation: comment intake, SLA and queues ---------------------------------------------------
# "Vi svarar inom 24 timmar under arbetstid": one working day of clock time.
SLA_WORKING_HOURS = env_float("SLA_WORKING_HOURS", 9.0)
# Threats, racism and personal attacks: the top of the queue on a shorter clock.
SLA_URGENT_WORKING_HOURS = env_float("SLA_URGENT_WORKING_HOURS", 2.0)
# LinkedIn mentions are liked or commented on "i mån av tid": no 24-hour promise, a week's clock.
SLA_MENTION_WORKING_HOURS = env_float("SLA_MENTION_WORKING_HOURS", 45.0)
# Meta's standard messaging window: a page may answer a direct message within 24 h of the person's last one.
META_MESSAGING_WINDOW_HOURS = env_float("META_MESSAGING_WINDOW_HOURS", 24.0)
META_APP_SECRET = env_str("META_APP_SECRET")
META_VERIFY_TOKEN = env_str("META_VERIFY_TOKEN")
# Opening a comment claims it for this long; then others may take it.
MODERATION_CLAIM_MINUTES = env_int("MODERATION_CLAIM_MINUTES", 15)
# The queue page asks for fresh rows this often (htmx polling).
MODERATION_QUEUE_REFRESH_SECONDS = env_int("MODERATION_QUEUE_REFRESH_SECONDS", 10)
# The screenshot of a removed comment: headless Chromium, Pillow, or "auto" (Chromium when installed).
EVIDENCE_RENDERER = env_str("EVIDENCE_RENDERER", "auto")
if EVIDENCE_RENDERER not in {"auto", "chromium", "pillow"}:
    raise ImproperlyConfigured(
        f"EVIDENCE_RENDERER: expected auto, chromium or pillow, got {EVIDENCE_RENDERER!r}"
    )
EVIDENCE_CHROMIUM = env_str("EVIDENCE_CHROMIUM", "/usr/bin/chromium")
# Gallring: comment authors' names, ids and texts are pseudonymised after this many days.
COMMENT_RETENTION_DAYS = env_int("COMMENT_RETENTION_DAYS", 365)

# --- platforms: clients, pulls, connecting accounts, press releases ------------------------------
# Base URLs are settings so tests point the clients at local fake servers; the versions are pinned.
FACEBOOK_GRAPH_URL = env_str("FACEBOOK_GRAPH_URL", "https://graph.facebook.com")
FACEBOOK_GRAPH_VERSION = env_str("FACEBOOK_GRAPH_VERSION", "v25.0")
INSTAGRAM_GRAPH_URL = env_str("INSTAGRAM_GRAPH_URL", "https://graph.facebook.com")
LINKEDIN_API_URL = env_str("LINKEDIN_API_URL", "https://api.linkedin.com")
LINKEDIN_VERSION = env_str("LINKEDIN_VERSION", "202609")
X_API_URL = env_str("X_API_URL", "https://api.x.com")
# Every platform call: seconds before giving up, attempts, and the exponential backoff (with jitter).
PLATFORM_HTTP_TIMEOUT = env_float("PLATFORM_HTTP_TIMEOUT", 20.0)
PLATFORM_HTTP_ATTEMPTS = env_int("PLATFORM_HTTP_ATTEMPTS", 5)
PLATFORM_HTTP_BACKOFF_BASE = env_float("PLATFORM_HTTP_BACKOFF_BASE", 1.0)
PLATFORM_HTTP_BACKOFF_MAX = env_float("PLATFORM_HTTP_BACKOFF_MAX", 60.0)
# A platform asking us to wait longer than this is left to the task's own later retry.
PLATFORM_HTTP_MAX_INLINE_WAIT = env_float("PLATFORM_HTTP_MAX_INLINE_WAIT", 120.0)
# Calls in flight per platform for the whole installation (shared through Redis when configured).
PLATFORM_CONCURRENCY_DEFAULT = env_int("PLATFORM_CONCURRENCY", 16)
PLATFORM_CONCURRENCY = {
    p: env_int(f"PLATFORM_CONCURRENCY_{p.upper()}", PLATFORM_CONCURRENCY_DEFAULT)
    for p in ("facebook", "instagram", "linkedin", "x")
}
# Calls a second per platform (0 = only the concurrency limit).
PLATFORM_RATE_PER_SECOND = {
    p: env_float(f"PLATFORM_RATE_PER_SECOND_{p.upper()}", 0.0)
    for p in ("facebook", "instagram", "linkedin", "x")
}
PULL_POSTS_INTERVAL_SECONDS = env_int("PULL_POSTS_INTERVAL_SECONDS", 3600)
PULL_COMMENTS_INTERVAL_SECONDS = env_int("PULL_COMMENTS_INTERVAL_SECONDS", 300)
# How far back a pull looks for posts (and their comments) when it has no earlier pull to go on.
PULL_LOOKBACK_DAYS = env_int("PULL_LOOKBACK_DAYS", 30)
# A pull re-reads this many of the last settled days (days whose figures the platform has finished
# counting) besides today and the days not settled yet: a late correction still reaches us.
METRICS_SETTLED_DAYS = env_int("METRICS_SETTLED_DAYS", 3)
PULL_COMMENTS_POST_DAYS = env_int("PULL_COMMENTS_POST_DAYS", 14)
PULL_THREADS = env_int("PULL_THREADS", 16)
# The account's editors are told this many days before its token runs out.
TOKEN_EXPIRY_WARNING_DAYS = env_int("TOKEN_EXPIRY_WARNING_DAYS", 7)
DEMO_PLATFORM_SEED = env_int("DEMO_PLATFORM_SEED", 2035)
DEMO_PLATFORM_HISTORY_DAYS = env_int("DEMO_PLATFORM_HISTORY_DAYS", 45)
# OAuth per platform: the app's id and secret, and the authorization server's two addresses.
OAUTH = {
    "facebook": {
        "client_id": env_str("FACEBOOK_APP_ID"),
        "client_secret": env_str("FACEBOOK_APP_SECRET"),
        "authorize_url": env_str("FACEBOOK_AUTHORIZE_URL", "https://www.facebook.com/v25.0/dialog/oauth"),
        "token_url": env_str("FACEBOOK_TOKEN_URL", "https://graph.facebook.com/v25.0/oauth/access_token"),
        "scope": "pages_show_list,pages_read_engagement,pages_manage_engagement,pages_read_user_content,"
        "read_insights,pages_messaging",
    },
    "instagram": {
        "client_id": env_str("INSTAGRAM_APP_ID", env_str("FACEBOOK_APP_ID")),
        "client_secret": env_str("INSTAGRAM_APP_SECRET", env_str("FACEBOOK_APP_SECRET")),
        "authorize_url": env_str("INSTAGRAM_AUTHORIZE_URL", "https://www.facebook.com/v25.0/dialog/oauth"),
        "token_url": env_str("INSTAGRAM_TOKEN_URL", "https://graph.facebook.com/v25.0/oauth/access_token"),
        "scope": "instagram_basic,instagram_manage_comments,instagram_manage_insights,pages_show_list",
    },
    "linkedin": {
        "client_id": env_str("LINKEDIN_CLIENT_ID"),
        "client_secret": env_str("LINKEDIN_CLIENT_SECRET"),
        "authorize_url": env_str("LINKEDIN_AUTHORIZE_URL", "https://www.linkedin.com/oauth/v2/authorization"),
        "token_url": env_str("LINKEDIN_TOKEN_URL", "https://www.linkedin.com/oauth/v2/accessToken"),
        "scope": "r_organization_social w_organization_social r_organization_admin rw_organization_admin",
    },
    "x": {
        "client_id": env_str("X_CLIENT_ID"),
        "client_secret": env_str("X_CLIENT_SECRET"),
        "authorize_url": env_str("X_AUTHORIZE_URL", "https://x.com/i/oauth2/authorize"),
        "token_url": env_str("X_TOKEN_URL", "https://api.x.com/2/oauth2/token"),
        "scope": "tweet.read tweet.write users.read offline.access",
    },
}
# The city's press releases (RSS or Atom), posted to X by the city-wide X account.
PRESS_RELEASE_FEED_URL = env_str("PRESS_RELEASE_FEED_URL")
PRESS_RELEASE_POLL_SECONDS = env_int("PRESS_RELEASE_POLL_SECONDS", 300)
# Which X account posts them (a SocialAccount id); 0 = the city-wide X account.
PRESS_RELEASE_X_ACCOUNT_ID = env_int("PRESS_RELEASE_X_ACCOUNT_ID", 0)
# Older entries (a feed's back catalogue on the first poll) are recorded but not posted.
PRESS_RELEASE_MAX_AGE_HOURS = env_int("PRESS_RELEASE_MAX_AGE_HOURS", 48)
# Starting a connection posts a form that redirects to the platform's sign-in page: the CSP's
# form-action must allow those origins, or the browser blocks the redirect.
OAUTH_FORM_ACTION_ORIGINS = sorted(
    {"{0.scheme}://{0.netloc}".format(urlparse(c["authorize_url"])) for c in OAUTH.values() if c["client_id"]}
)
CELERY_BEAT_SCHEDULE.update(
    {
        "metrics-pull-posts": {
            "task": "metrics.tasks.pull_all_posts",
            "schedule": float(PULL_POSTS_INTERVAL_SECONDS),
        },
        "moderation-pull-comments": {
            "task": "moderation.tasks.pull_all_comments",
            "schedule": float(PULL_COMMENTS_INTERVAL_SECONDS),
        },
        "metrics-token-reminders": {"task": "metrics.tasks.token_expiry_reminders", "schedule": 3600.0},
        # Each queue's owners hear hourly of what is due within the hour or overdue (working hours).
        "moderation-queue-reminders": {"task": "moderation.tasks.queue_reminders", "schedule": 3600.0},
        "metrics-press-releases": {
            "task": "metrics.tasks.press_releases_poll",
            "schedule": float(PRESS_RELEASE_POLL_SECONDS),
        },
        # The monthly report mails: the task itself decides whether now is the first working day
        # of the month from 07:00 (helsocial/workdays.py) and whether the month is done already.
        # On the quarter hours of the clock (07:00 itself), not every 900 s from beat's start.
        "metrics-monthly-reports": {
            "task": "metrics.tasks.monthly_reports_send",
            "schedule": crontab(minute="*/15"),
        },
    }
)

# --- security -------------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie; keep the default
HTTPS = env_bool("HTTPS", not DEBUG and env_bool("HELSOCIAL_PRODUCTION", False))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Bootstrap's components and htmx's indicator set inline style attributes.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [
            SELF,
            *([OIDC_OP_AUTHORIZATION_ENDPOINT] if OIDC_ENABLED else []),
            *OAUTH_FORM_ACTION_ORIGINS,
        ],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- crispy forms ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Monday morning: the week's triage misses to AKN (moderation/misses.py).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["triage-misses-mail"] = {
    "task": "moderation.tasks.triage_misses_mail",
    "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
}

# --- the account review (metrics/review) ------------------------------------------------------------
# Every night the review stores each account's three states for the history on the account's page.
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["metrics-review-store"] = {
    "task": "metrics.review.tasks.review_store_task",
    "schedule": crontab(hour=2, minute=30),
}
# Rows per page of the review (keyset paged).
REVIEW_PAGE_SIZE = 25

# --- account requests, the register and the guideline (issue #16) --------------------------------
# A request promising fewer posts a week is flagged against "Aktivt" (Höganäs asks for two).
REQUEST_MIN_POSTS_PER_WEEK = env_int("REQUEST_MIN_POSTS_PER_WEEK", 2)
# "De här riktlinjerna revideras en gång per halvår": months from a version to its revision, and how
# many working days before that AKN is reminded by mail.
GUIDELINE_REVISION_MONTHS = env_int("GUIDELINE_REVISION_MONTHS", 6)
GUIDELINE_REMINDER_WORKING_DAYS = env_int("GUIDELINE_REMINDER_WORKING_DAYS", 10)
CELERY_BEAT_SCHEDULE["guideline-revision-reminder"] = {
    "task": "accounts.tasks.guideline_revision_reminder",
    "schedule": 3600.0,
}

# The monthly report (metrics/reports): a built report is kept this many seconds in the cache, so
# the month's later readers do not wait for its aggregates again (0 turns the cache off).
REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 600)
# Triage's trained model (moderation/triage/model.py): the weights file, or "off" for the rules alone.
TRIAGE_MODEL = env_str("TRIAGE_MODEL", "")

# --- calendar: approval where a förvaltning asks for it -------------------------------------------
# A waiting booking is decided within this many working hours (helsocial/workdays.py), and at the
# latest before its first time starts; else the sweep releases its times.
BOOKING_APPROVAL_HOURS = env_float("BOOKING_APPROVAL_HOURS", 24.0)
CELERY_BEAT_SCHEDULE["booking-approvals-expire"] = {
    "task": "calendar_booking.tasks.booking_approvals_expire",
    "schedule": 300.0,
}

# --- the start page's city-wide figures (accounts/summary.py) -------------------------------------
# Counted anew every minute so that no page view counts the whole city; a run that waited longer
# than a period is dropped (the next one counts the same).
CELERY_BEAT_SCHEDULE["start-summaries-refresh"] = {
    "task": "accounts.tasks.start_summaries_refresh",
    "schedule": 60.0,
    "options": {"expires": 60},
}

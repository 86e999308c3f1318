"""Settings, all from the environment.

With nothing set the embedded default runs: SQLite, Celery tasks executed eagerly in-process,
e-mail printed to the console. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
Every variable is listed in .env.example.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, *, debug_default: str, debug: bool) -> str:
    """A secret that must be set in production; a fixed throwaway value is fine only in DEBUG."""
    value = os.environ.get(name)
    if value:
        return value
    if debug:
        return debug_default
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret(
    "SECRET_KEY", debug_default="insecure-dev-key-only-for-the-embedded-default", debug=DEBUG
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Optional: when empty, links in e-mails use the host the request came to (conference/links.py).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "conference",
    "talks",
    "scheduling",
    "modeldemo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The anonymous agenda and the exports, whole from the cache, before sessions and users.
    "scheduling.middleware.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "conference.errors.LongUrlMiddleware",
    "conference.links.RequestOriginMiddleware",
]

ROOT_URLCONF = "conference.urls"
WSGI_APPLICATION = "conference.wsgi.application"
ASGI_APPLICATION = "conference.asgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL (postgres://...) for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, for the test database too: real worker processes must see it (they
    # are handed its path). One per test run, so that two runs side by side do not share it.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A worker process writes beside the web process: a transaction that read first and
    # writes later would deadlock with it ("database is locked" at once); taking the write
    # lock at BEGIN makes the other wait its turn instead.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Permissions are django-rules predicates asked directly (conference/access.py), not has_perm().
# Log in by user name or by e-mail address (conference/auth_backends.py).
AUTHENTICATION_BACKENDS = ["conference.auth_backends.EmailOrUsernameBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# In development WhiteNoise serves straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Cache and Celery: Redis when REDIS_URL is set, else local memory and eager tasks.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # An unreachable Redis reads as a cache miss (conference/cache.py); short time-outs so that a
    # hung one costs a request well under a second, not the kernel's TCP time-out.
    CACHES = {
        "default": {
            "BACKEND": "conference.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Embedded mode (`make run`) sets CELERY_BROKER_URL=filesystem://: a broker that needs no
# service, messages as files under var/broker/, and a worker that `manage.py serve` starts
# beside the server, so no request waits for a model. Without any broker (tests, a bare
# runserver) tasks run eagerly in the process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL == "memory://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_FOLDER = Path(os.environ.get("CELERY_BROKER_FOLDER") or BASE_DIR / "var" / "broker")
    for _folder in ("messages", "processed", "control"):
        (BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
    # One folder in and out: every process of this machine reads and writes the same queue.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_FOLDER / "messages"),
        "data_folder_out": str(BROKER_FOLDER / "messages"),
        "processed_folder": str(BROKER_FOLDER / "processed"),
        "control_folder": str(BROKER_FOLDER / "control"),
        "store_processed": False,
        # Look for new messages five times a second (kombu's default: once a second).
        "polling_interval": 0.2,
    }
    # The filesystem transport has no broadcast: no remote control, no mingle or gossip.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is away must cost a request about a second, not a TCP time-out: tasks wait in
# the outbox (conference/dispatch.py) and the sweep publishes them later.
# (Redis' own connect and read time-outs are transport options: conference/celery.py.)
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
# How long the on-commit publish of an outbox row has before the sweep takes it over.
OUTBOX_SWEEP_AFTER_SECONDS = env_int("OUTBOX_SWEEP_AFTER_SECONDS", 30)
CELERY_TIMEZONE = "UTC"

# E-mail: the console unless EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "conference@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# At most this many e-mails are handed to the mail server per minute; a released batch spreads
# over the minutes after it (conference/mail.py). 0: no limit.
MAIL_RATE_PER_MINUTE = env_int("MAIL_RATE_PER_MINUTE", 60)

# Machine learning. Nothing is ever downloaded: the encoder ships in a Python package.
CLASSIFIER_BASE_MODEL = os.environ.get("CLASSIFIER_BASE_MODEL", "")
ML_DEVICE = os.environ.get("ML_DEVICE", "auto")
if ML_DEVICE not in {"auto", "cpu", "cuda"}:
    raise ImproperlyConfigured("ML_DEVICE must be auto, cpu or cuda.")
ML_CPU_THREADS = env_int("ML_CPU_THREADS", 0)
ML_MODELS_DIR = Path(os.environ.get("ML_MODELS_DIR") or BASE_DIR / "var" / "models")
# A challenger is trained (and promoted only if it passes the gate) after this many new track
# decisions by people.
ML_RETRAIN_EVERY = env_int("ML_RETRAIN_EVERY", 20)
# The share of suggested submissions the track queue hands out as spot checks (one place in
# four), whatever their confidence: what the calibration and the auto-assignment threshold
# learn from. 0 turns them off.
TRACK_QUEUE_SPOT_CHECKS = float(os.environ.get("TRACK_QUEUE_SPOT_CHECKS", "0.25"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# Production hardening: everything `manage.py check --deploy` asks for, on whenever DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The REST API (/api/v1/) and its OpenAPI schema (/api/schema/, /api/docs/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request then gets 401 with a WWW-Authenticate header.
        "conference.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "conference.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["conference.api.throttling.TokenWriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token_write": os.environ.get("API_TOKEN_WRITE_RATE", "60/min"),
        # Starting a training or a re-categorisation (modeldemo/api/throttling.py).
        "ml": os.environ.get("API_ML_RATE", "10/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "conference.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "conference.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conference planner API",
    "DESCRIPTION": "Public programme, speakers' own submissions and the organisers' tools.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components: read-only fields stay out of request bodies.
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "SubmissionStateEnum": "talks.enums.State",
        "RegistrationStateEnum": "conference.models.registration.Registration.State",
        "FormatEnum": "talks.enums.Format",
        "ModelKindEnum": "modeldemo.enums.Kind",
        "JobKindEnum": "modeldemo.enums.JobKind",
        "JobStatusEnum": "modeldemo.enums.JobStatus",
        "ModelVersionStatusEnum": "modeldemo.enums.VersionStatus",
        "LevelEnum": "talks.enums.Level",
        "BidLevelEnum": "talks.forms_assignment.BID_CHOICES",
    },
}

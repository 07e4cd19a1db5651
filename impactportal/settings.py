"""Impactportaal settings. Every value that differs per deployment comes from the environment
through impactportal.env; without any environment the portal runs on SQLite with eager Celery."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("DJANGO_TESTING", False):
        # Refuse to run a production process with a made-up key; make run and tests set one.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-only-for-local-runs"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_tables2",
    "django_htmx",
    "impactportal.audit_app.AuditlogConfig",
    "axes",
    "csp",
    "django_otp",  # two-factor authentication (impactportal.accounts.two_factor)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "impactportal",
    "impactportal.accounts",
    # After the accounts app: its ``drf_create_token`` (a key as the portal keeps them) replaces DRF's.
    "rest_framework.authtoken",
    "brokers",
    "enterprises",
    "procurement",
    "financing",
    "ecosystem",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control and Permissions-Policy; before the session and CSRF middleware, whose cookies
    # it must see (impactportal.ui.headers).
    "impactportal.ui.headers.ResponseHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "impactportal.ui.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "impactportal.accounts.sessions.timeout.SessionTimeoutMiddleware",  # idle and absolute session limits
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "impactportal.accounts.two_factor.TwoFactorMiddleware",  # the code after the password
    "impactportal.ui.middleware.BadInputMiddleware",
    "impactportal.ui.middleware.ReadingMiddleware",
    "impactportal.ui.middleware.PostOnlyMiddleware",
]

ROOT_URLCONF = "impactportal.urls"
WSGI_APPLICATION = "impactportal.wsgi.application"

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
                "impactportal.ui.context_processors.navigation",
                "impactportal.ui.context_processors.csrf_placeholder",
            ],
            # {% url %} with the paths of routes without arguments remembered (links.reverse_plain).
            "builtins": ["impactportal.templatetags.portal_urls"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Django's backend with SELECTs compiled once per process and query (impactportal.db.plans).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "impactportal.db.backends.postgresql",
    "django.db.backends.sqlite3": "impactportal.db.backends.sqlite3",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])
SQL_PLAN_CACHE_SIZE = env_int("SQL_PLAN_CACHE_SIZE", 2048)
# Test databases start as a copy of the migrated template (impactportal.db.template).
DATABASES["default"].setdefault("TEST", {})["FROM_TEMPLATE"] = env_bool("TEST_DB_FROM_TEMPLATE", True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # make run has the dev server, a Celery worker and beat writing one file: WAL lets readers go
    # on while one process writes, IMMEDIATE takes the write lock when a transaction begins (no
    # deadlock when a reader upgrades), and a writer waits up to `timeout` seconds for the lock
    # instead of failing with "database is locked" (sqlite3's busy timeout; Django's default is 5).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
    # Django's own default for a test database on SQLite, said out loud: pytest-django recognises
    # SQLite by Django's engine name only and would otherwise name a file per test worker.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "impactportal.accounts.login_limits.LoginLimitBackend",  # failed sign-ins per connection
    "impactportal.accounts.backends.ModelBackend",  # Django's, reading the session's user faster
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's, with its message in Dutch (Django 5.2's Dutch catalogue lacks it).
    {"NAME": "impactportal.accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# --- i18n: Dutch first, English available ---------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["impactportal.formats"]  # English in British formats
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static files: NL Design System CSS and htmx come from npm (node_modules), never copied ---
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/utrecht", _NODE / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", _NODE / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/chartjs", _NODE / "chart.js" / "dist"),
]
MEDIA_URL = "/media/"  # never served directly: private files go through permission-checked views
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "impactportal.staticfiles.PortalStaticFilesStorage"
        if not DEBUG and not env_bool("DJANGO_TESTING", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Development and tests serve static files straight from the finders (node_modules, static/);
# production serves the collected, hashed files.
WHITENOISE_USE_FINDERS = DEBUG or env_bool("DJANGO_TESTING", False)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A request body (files included) larger than this is refused with 413 before it is read
# (impactportal.ui.middleware.BadInputMiddleware); each upload is at most 5 MB.
PORTAL_MAX_REQUEST_BYTES = env_int("PORTAL_MAX_REQUEST_BYTES", 50 * 1024 * 1024)
# Virus scanning of every upload by ClamAV's clamd (impactportal.virus_scan): tcp://host:3310 or
# unix:///run/clamav/clamd.ctl; empty: no scanning. Unreachable or slower than the timeout (seconds):
# the upload is refused ("try again later"), never stored unscanned.
PORTAL_CLAMAV_URL = env_str("PORTAL_CLAMAV_URL")
PORTAL_CLAMAV_TIMEOUT = env_int("PORTAL_CLAMAV_TIMEOUT", 10)

# --- security -----------------------------------------------------------------------------
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe over plain http (impactportal.health)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The language switch's cookie (no script reads it) with the same flags as the session's.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A sign-in lasts a working day at most, and ends after an hour without a request
# (impactportal.accounts.sessions.timeout: the last request is written at most every 5 minutes).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 3600)  # 0: no idle limit
SESSION_ACTIVITY_INTERVAL = 300
CSRF_FAILURE_VIEW = "impactportal.ui.csrf.csrf_failure"  # the portal's page, not Django's bare one
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Login throttling (django-axes): five failures lock the username+IP pair for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Behind a load balancer or reverse proxy: how many proxies in front of the portal append to
# X-Forwarded-For. The client's address for login lockouts, rate limits and throttles is read from
# that header only then (impactportal.proxies); 0 (direct): REMOTE_ADDR, the header ignored.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "impactportal.proxies.client_ip"
RATELIMIT_IP_META_KEY = "impactportal.proxies.client_ip"
# Failed sign-ins per connection across user names (password spraying; impactportal.accounts.login_limits).
LOGIN_FAILURE_RATE_PER_IP = env_str("LOGIN_FAILURE_RATE_PER_IP", "30/h")
# Failed sign-ins per user name across connections (distributed guessing; ASVS 2.2.1: at most 100 an hour).
LOGIN_FAILURE_RATE_PER_USERNAME = env_str("LOGIN_FAILURE_RATE_PER_USERNAME", "100/h")
# API tokens end when the password changes, when revoked, and after this many days (0: never).
API_TOKEN_MAX_AGE_DAYS = env_int("API_TOKEN_MAX_AGE_DAYS", 90)

# Two-factor authentication (impactportal.accounts.two_factor, BIO 9.4): "staff" asks every user with
# a staff role and every superuser for a TOTP code after the password; "off" (the default, for
# make run, the tests, make bench and make load) asks only those who set it up themselves.
# check --deploy warns when it is off without DEBUG. Wrong codes are throttled (1, 2, 4 … s).
PORTAL_2FA_REQUIRED = env_str("PORTAL_2FA_REQUIRED", "off")
OTP_TOTP_ISSUER = "Impactportaal"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin resets devices; it never shows their keys

# Single sign-on for staff through the organisation's identity provider (OpenID Connect, code flow with
# PKCE; impactportal.accounts.oidc): off unless the client id and the issuer (its discovery document gives
# the endpoints) or the authorization, token and JWKS endpoints are set. Only existing active staff users,
# matched on the IdP's verified e-mail address; an IdP that asserts MFA (amr mfa/otp/hwk, or an acr in
# PORTAL_OIDC_MFA_ACR) replaces the portal's own code.
PORTAL_OIDC_ISSUER = env_str("PORTAL_OIDC_ISSUER")
PORTAL_OIDC_AUTHORIZATION_ENDPOINT = env_str("PORTAL_OIDC_AUTHORIZATION_ENDPOINT")  # explicit ones win
PORTAL_OIDC_TOKEN_ENDPOINT = env_str("PORTAL_OIDC_TOKEN_ENDPOINT")
PORTAL_OIDC_USERINFO_ENDPOINT = env_str("PORTAL_OIDC_USERINFO_ENDPOINT")
PORTAL_OIDC_JWKS_URI = env_str("PORTAL_OIDC_JWKS_URI")
# Signing out also at the IdP (RP-initiated logout); empty: the discovery document's, if any.
PORTAL_OIDC_END_SESSION_ENDPOINT = env_str("PORTAL_OIDC_END_SESSION_ENDPOINT")
PORTAL_OIDC_CLIENT_ID = env_str("PORTAL_OIDC_CLIENT_ID")
PORTAL_OIDC_CLIENT_SECRET = env_str("PORTAL_OIDC_CLIENT_SECRET")
PORTAL_OIDC_SIGN_ALGO = env_str("PORTAL_OIDC_SIGN_ALGO", "RS256")
PORTAL_OIDC_BUTTON_LABEL = env_str("PORTAL_OIDC_BUTTON_LABEL")  # "Inloggen met <label>"
PORTAL_OIDC_MFA_ACR = env_list("PORTAL_OIDC_MFA_ACR")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "impactportal"}
}
# Django's session engines with the session's row read by SQL compiled once (accounts.sessions).
SESSION_ENGINE = "impactportal.accounts.sessions.db"
if env_str("CACHE_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}
    # Sessions read from the shared cache (written through to the database): one query less on
    # every signed-in page. Only with a shared cache: a per-process cache would keep serving a
    # session another process ended (a logout).
    SESSION_ENGINE = "impactportal.accounts.sessions.cached_db"
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# `make load` only: a view that does nothing, measured in the same run as the portal's pages
# (the framework's own ceiling on this machine). Never set in production.
LOAD_BARE_VIEW = env_bool("DJANGO_LOAD_BARE_VIEW", False)
# Anonymous showcase pages from the cache (impactportal.ui.cache); tests switch it on themselves.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
# How long a user's dashboard panels may be served rendered (any change to the portal's data makes
# them stale at once; this bounds figures that move with the clock). 0: render on every visit.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60)
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] if not env_str("CACHE_URL") else []

# --- mail ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds; a hanging mail server must not hang the page
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Impactportaal <noreply@impactportaal.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- privacy (AVG), accessibility, security.txt (impactportal.ui.statements, impactportal.retention) ---
# The organisation running the portal: its own statements (else the built-in /privacy/ and
# /toegankelijkheid/), where people reach it (e-mail or URL) and where security problems go
# (/.well-known/security.txt; default: PORTAL_CONTACT).
PORTAL_PRIVACY_URL = env_str("PORTAL_PRIVACY_URL")
PORTAL_ACCESSIBILITY_URL = env_str("PORTAL_ACCESSIBILITY_URL")
PORTAL_CONTACT = env_str("PORTAL_CONTACT")
PORTAL_SECURITY_CONTACT = env_str("PORTAL_SECURITY_CONTACT") or PORTAL_CONTACT
# Retention in days (beat runs the clean-ups daily). The audit log is the audit trail: kept unless
# AUDIT_RETENTION_DAYS is set (empty or 0: keep).
AXES_LOG_RETENTION_DAYS = env_int("AXES_LOG_RETENTION_DAYS", 90)
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 365)
JOB_FILE_RETENTION_DAYS = env_int("JOB_FILE_RETENTION_DAYS", 7)
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 0) or None

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an anonymous caller then gets 401 with "WWW-Authenticate: Token" (what an API
    # client can act on) instead of the 403 that session authentication alone would give.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "impactportal.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["impactportal.api.permissions.ScopedPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "impactportal.api.filter_backends.FilterBackend",
        "impactportal.api.filter_backends.OrderingFilter",  # names in the request's language
    ],
    "DEFAULT_PARSER_CLASSES": [
        "impactportal.api.parsers.JSONParser",  # deeply nested JSON is a 400, not a 500
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "impactportal.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "impactportal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "impactportal.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth-token": "20/min"},
    # DRF reads X-Forwarded-For whole when this is None: the trusted proxies' count, as above.
    "NUM_PROXIES": PORTAL_TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Impactportaal API",
    # Markdown: Swagger UI shows it on top of the documentation page, which has no portal menu.
    "DESCRIPTION": (
        "API of the Impactportaal for impact entrepreneurship in Dutch municipalities. This documentation is "
        "in English; the API's answers and messages follow the request's `Accept-Language` (`nl`, the "
        "default, or `en`).\n\n[← Back to the Impactportaal](/)"),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from the installed sidecar package: no CDN, and no inline script (CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # One name per shared choice set (the same choices appear on several fields).
    "ENUM_NAME_OVERRIDES": {
        "DepartmentEnum": "impactportal.accounts.constants.Department",
        "CaseCategoryEnum": "brokers.constants.CaseCategory",
        "CertificationStatusEnum": "enterprises.constants.CertificationStatus",
        "CaseStatusEnum": "brokers.constants.CaseStatus",  # collides with certification "status"
        "MkbaAnalysisKindEnum": "financing.models.mkba.AnalysisKind",  # one of many "kind" fields
        "BlockKindEnum": "procurement.constants.BlockKind",  # a rule set's blocks and a contract's
        "AllocationProcedureEnum": "ecosystem.constants.Procedure",  # Didam (letting property)
        "ProcurementProcedureEnum": "procurement.constants.Procedure",  # tender procedures
        # The broker team workspace (issue 13): its "status" and "kind" fields, and the budget line kind
        # that a spending names as its paying programme.
        "AnswerStatusEnum": "brokers.constants.AnswerStatus",
        "ActionStatusEnum": "brokers.constants.ActionStatus",
        "QuestionKindEnum": "brokers.constants.QuestionKind",
        "SpendingKindEnum": "brokers.constants.SpendingKind",
        "BudgetLineKindEnum": "brokers.constants.BudgetLineKind",
        # monitoring: three more "kind" fields (snapshot, report, review)
        "SnapshotKindEnum": "monitoring.constants.SnapshotKind",
        "ReportKindEnum": "monitoring.constants.ReportKind",
        "ReviewKindEnum": "monitoring.constants.ReviewKind",
        "ReportStatusEnum": "monitoring.constants.ReportStatus",
        "BasisEnum": "impactportal.indicators.Basis",  # measured / estimated / self-declared, everywhere
        "ContentLanguageEnum": "brokers.api.toolbox.CONTENT_LANGUAGES",  # the language a toolbox text is in
    },
}

# --- Celery: eager (in-process) unless a broker is configured ------------------------------
# Production and CI use Redis. make run (scripts/devrun.py) sets filesystem://: kombu's broker in
# a folder, so a real worker and beat run next to the dev server with no broker server at all.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
_FILESYSTEM_BROKER = CELERY_BROKER_URL.startswith("filesystem://")
# Jobs report progress in the database; only Redis setups keep task results (CI's worker test).
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "" if _FILESYSTEM_BROKER else CELERY_BROKER_URL)
if _FILESYSTEM_BROKER:
    _BROKER_DIR = Path(env_str("CELERY_FILESYSTEM_DIR", str(BASE_DIR / ".celery")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Producers and the worker share one message folder; exchange bindings live beside it.
        "data_folder_in": str(_BROKER_DIR / "queue"),
        "data_folder_out": str(_BROKER_DIR / "queue"),
        "control_folder": str(_BROKER_DIR / "control"),
        # The worker polls the folder; 0.2 s keeps a started job's pick-up well under a second.
        "polling_interval": 0.2,
    }
    # kombu writes into the folders but does not create them.
    (_BROKER_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (_BROKER_DIR / "control").mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Task modules not called tasks.py, which autodiscovery misses: a worker must know them too.
CELERY_IMPORTS = ["impactportal.exports"]
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    "heartbeat": {"task": "impactportal.tasks.heartbeat", "schedule": crontab(minute="*/15")},
    "helpdesk-sla-escalation": {"task": "brokers.tasks.escalate_sla_breaches", "schedule": crontab(minute=5)},
    # Certificate statuses, expiry warnings and lapsed badges; notifications are deduplicated.
    "certification-checks": {"task": "enterprises.tasks.certification_checks", "schedule": crontab(hour=6, minute=30)},
    # SROI contract statuses move with the calendar (on track → behind).
    "procurement-contract-statuses": {"task": "procurement.tasks.refresh_contract_statuses",
                                      "schedule": crontab(hour=6, minute=45)},
    # Monitoring: last month's indicator values (idempotent), and each January the draft annual reports.
    "monitoring-monthly-snapshot": {"task": "monitoring.tasks.take_monthly_snapshot",
                                    "schedule": crontab(day_of_month=1, hour=2, minute=15)},
    "monitoring-january-drafts": {"task": "monitoring.tasks.january_drafts",
                                  "schedule": crontab(month_of_year=1, day_of_month=2, hour=7, minute=0)},
    # Retention (AVG): expired sessions, old sign-in logs, read notifications, export files and,
    # only when AUDIT_RETENTION_DAYS is set, old audit entries. Nightly, outside office hours.
    "clear-sessions": {"task": "impactportal.accounts.tasks.clear_sessions", "schedule": crontab(hour=3, minute=0)},
    "purge-login-logs": {"task": "impactportal.accounts.tasks.purge_login_logs",
                         "schedule": crontab(hour=3, minute=10)},
    "purge-read-notifications": {"task": "impactportal.tasks.purge_read_notifications",
                                 "schedule": crontab(hour=3, minute=20)},
    "purge-job-files": {"task": "impactportal.tasks.purge_job_files", "schedule": crontab(hour=3, minute=30)},
    "purge-audit-log": {"task": "impactportal.tasks.purge_audit_log", "schedule": crontab(hour=3, minute=40)},
}

# --- logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # A request with a Host header not in ALLOWED_HOSTS (scanners, every few seconds on a public
    # address): one WARNING line with the host, not an ERROR with a traceback.
    # A refused request (403, 404: ``django.request``): one line without the traceback; 5xx keep theirs.
    "filters": {"one_line_warning": {"()": "impactportal.log_filters.OneLineWarning"},
                "client_error_one_line": {"()": "impactportal.log_filters.ClientErrorOneLine"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"},
                "django.security.DisallowedHost": {"filters": ["one_line_warning"]},
                "django.request": {"filters": ["client_error_one_line"]}},
}

AUDITLOG_INCLUDE_ALL_MODELS = False
DJANGO_TABLES2_TEMPLATE = "ui/table.html"
FORM_RENDERER = "impactportal.ui.forms.PortalFormRenderer"
DJANGO_TABLES2_TABLE_ATTRS = {
    "class": "utrecht-table utrecht-table--html-table",
    "thead": {"class": "utrecht-table__header"},
    "tbody": {"class": "utrecht-table__body"},
}
FILTERS_EMPTY_CHOICE_LABEL = _("Alle")
# The unique constraint on memberships treats NULLs as equal (NULLS NOT DISTINCT); PostgreSQL,
# the production database, enforces it; SQLite cannot, and seed_demo upserts anyway.
SILENCED_SYSTEM_CHECKS += ["models.W047"]

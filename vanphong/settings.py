"""The one settings module: every value comes from the environment through the typed readers in vanphong.env."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from vanphong.env import EnvError, envbool, envchoice, envint, envlist, envsecret, envstr
from vanphong.files.config import storage_from_env
from vanphong.security.crypto import parse_key as _parse_field_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("VANPHONG_DATA_DIR", str(BASE_DIR / "var"))).resolve()

# "development" serves the embedded demo office on this machine; "production" turns on every transport guard.
PROFILE = envchoice("VANPHONG_PROFILE", "development", ("development", "production"))
PRODUCTION = PROFILE == "production"
DEBUG = envbool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise EnvError("DJANGO_DEBUG không được bật khi VANPHONG_PROFILE=production.")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise EnvError("Cần đặt SECRET_KEY hoặc SECRET_KEY_FILE khi VANPHONG_PROFILE=production.")
    # A development key that changes with nothing: fine for the demo office, refused in production.
    SECRET_KEY = "vanphong-development-only-key-not-for-production-use-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# Field encryption (vanphong.security.crypto): 32 bytes in base64. It seals what the law keeps secret inside
# records (a denouncer's identity); losing it loses those values, so keep it with the database backups.
VANPHONG_FIELD_KEY = envsecret("VANPHONG_FIELD_KEY")
if not VANPHONG_FIELD_KEY:
    if PRODUCTION:
        raise EnvError("Cần đặt VANPHONG_FIELD_KEY hoặc VANPHONG_FIELD_KEY_FILE (32 byte, base64; tạo bằng "
                       "openssl rand -base64 32) khi VANPHONG_PROFILE=production.")
    # A development key known to everyone: fine for the demo office, refused in production.
    VANPHONG_FIELD_KEY = "dmFucGhvbmctZGV2ZWxvcG1lbnQtb25seS1rZXktMzI="
try:
    _parse_field_key(VANPHONG_FIELD_KEY)
except ValueError as exc:
    raise EnvError(f"VANPHONG_FIELD_KEY: {exc}.") from None
# While a key is changed (`vanphong rotate_field_key`): the earlier key(s), comma-separated, which may still open
# what they sealed; nothing is sealed with them. Remove them once the rotation has finished.
VANPHONG_FIELD_OLD_KEYS = envlist("VANPHONG_FIELD_OLD_KEYS")
for _n, _old in enumerate(VANPHONG_FIELD_OLD_KEYS, start=1):
    try:
        _parse_field_key(_old)
    except ValueError as exc:
        raise EnvError(f"VANPHONG_FIELD_OLD_KEYS (khóa thứ {_n}): {exc}.") from None

# --- VănPhòng's own settings -------------------------------------------------------------------------------
CLASSIFICATION_NAMES = ("THUONG", "MAT", "TOI_MAT", "TUYET_MAT")
# The highest classification this installation may hold (invariant 2). Tuyệt mật is off by default: whether it
# may be handled electronically at all is an installation decision (DOMAIN.md §4).
VANPHONG_MAX_CLASSIFICATION = envchoice("VANPHONG_MAX_CLASSIFICATION", "TOI_MAT", CLASSIFICATION_NAMES)
VANPHONG_DEMO_MODE = envbool("VANPHONG_DEMO_MODE", not PRODUCTION)
VANPHONG_DEMO_PASSWORD = envsecret("VANPHONG_DEMO_PASSWORD", "" if PRODUCTION else "VanPhong@2026")
VANPHONG_SESSION_IDLE_MINUTES = envint("VANPHONG_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
VANPHONG_API_TOKEN_DAYS = envint("VANPHONG_API_TOKEN_DAYS", 90, minimum=1, maximum=3650)
VANPHONG_OFFICE_NAME = envstr("VANPHONG_OFFICE_NAME", "Văn phòng Trung ương Đảng")
VANPHONG_API_MAX_BODY_BYTES = envint("VANPHONG_API_MAX_BODY_BYTES", 1_000_000, minimum=1024)
# Bodies larger than this (forms and API JSON alike) are refused before they are parsed; files stream separately.
DATA_UPLOAD_MAX_MEMORY_SIZE = VANPHONG_API_MAX_BODY_BYTES
# The offices' trusted certificate authorities (the Government CA roots): a PEM bundle. A signature is reported
# trusted only if its certificate chains to one of them; unset, no signature is trusted. Checked offline.
_TRUST_ROOTS = envstr("VANPHONG_TRUST_ROOTS").strip()
VANPHONG_TRUST_ROOTS: Path | None = Path(_TRUST_ROOTS).resolve() if _TRUST_ROOTS else None
# This installation's own certificate authority (the demo office makes one), trusted beside the roots above.
VANPHONG_PKI_DIR = Path(envstr("VANPHONG_PKI_DIR", str(DATA_DIR / "pki"))).resolve()
# The passphrase of the issuers' seal key files (chữ ký số của cơ quan); the demo office uses the demo password.
VANPHONG_SEAL_PASSPHRASE = envsecret("VANPHONG_SEAL_PASSPHRASE")
# The issuers this installation drafts and issues documents for (codes of the issuer table), e.g. TW,VPTW.
VANPHONG_OWN_ISSUERS = envlist("VANPHONG_OWN_ISSUERS", ["TW", "VPTW"])
# Where documents are issued, printed before the date ("Hà Nội, ngày …").
VANPHONG_OFFICE_PLACE = envstr("VANPHONG_OFFICE_PLACE", "Hà Nội")

# --- Applications --------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "vanphong.core",
    "vanphong.security",
    "vanphong.files",
    "vanphong.workflow",
    "vanphong.documents",
    "vanphong.programs",
    "vanphong.meetings",
    "vanphong.followup",
    "vanphong.infocenter",
    "vanphong.petitions",
    "vanphong.search",
    "vanphong.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vanphong.web.middleware.RejectNulMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vanphong.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vanphong.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vanphong.urls"
WSGI_APPLICATION = "vanphong.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "web:desk"
LOGOUT_REDIRECT_URL = "core:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vanphong.web.context.shell",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------------------
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'vanphong.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0, minimum=0))
except ValueError as exc:
    raise EnvError(f"DATABASE_URL không hợp lệ: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so that
    # read-then-write sequences (numbering, the audit chain) cannot interleave (invariant 4).
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    _db.setdefault("TEST", {})
    # A file-backed test database so the browser suite's live server sees the same data as the test.
    # Per process, so two test runs in one checkout never share (and wreck) one file.
    _db["TEST"]["NAME"] = envstr("VANPHONG_TEST_SQLITE", str(DATA_DIR / f"test-{os.getpid()}.sqlite3"))
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, tasks, e-mail ------------------------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASK_BACKEND = envchoice("VANPHONG_TASK_BACKEND", "database", ("database", "rq", "immediate"))
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}
if TASK_BACKEND == "rq":
    if not REDIS_URL:
        raise EnvError("VANPHONG_TASK_BACKEND=rq cần REDIS_URL.")
    INSTALLED_APPS.append("django_tasks_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}

EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    # No mail server configured: mail is written to files so nothing leaves the machine.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "vanphong@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts and sessions -----------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "vanphong.core.backends.OfficeBackend",
]
# Lockout per account and, separately, per address; it expires by itself.
AXES_FAILURE_LIMIT = envint("VANPHONG_LOCKOUT_FAILURES", 5, minimum=2, maximum=100)
AXES_COOLOFF_TIME = timedelta(minutes=envint("VANPHONG_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vanphong.core.views_auth.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = envint("VANPHONG_PROXY_COUNT", 0, minimum=0, maximum=5) or None

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute limit; the idle limit is enforced by IdleTimeoutMiddleware
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "vanphong.web.errors.csrf_failure"

# --- HTTP security -------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    if envbool("VANPHONG_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

from csp.constants import NONE, SELF  # noqa: E402

# No inline script anywhere: every script is a file served by the app (invariant 5 keeps them local too).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Language, time ------------------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "vanphong" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["vanphong.formats"]

# --- Files ---------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(DATA_DIR / "static")))
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries come from the npm registry at install time (make), never from a CDN or the repository.
STATICFILES_DIRS = [("vendor/htmx", NODE_MODULES / "htmx.org" / "dist")]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
# This node's search index (a folder of Tantivy files); each app server keeps its own, following the change log.
VANPHONG_SEARCH_DIR = Path(envstr("VANPHONG_SEARCH_DIR", str(DATA_DIR / "search"))).resolve()
# Information centre: watched folders must lie under this folder (a source cannot point at the server's own
# files); fetching waits at most this long for a site, and reads at most this many bytes of one page or feed.
VANPHONG_INFO_FOLDER_ROOT = Path(envstr("VANPHONG_INFO_FOLDER_ROOT", str(DATA_DIR / "thong-tin"))).resolve()
VANPHONG_INFO_FETCH_TIMEOUT = envint("VANPHONG_INFO_FETCH_TIMEOUT", 20)
VANPHONG_INFO_FETCH_MAX_BYTES = envint("VANPHONG_INFO_FETCH_MAX_BYTES", 5 * 1024 * 1024)
# Letters: the public form (/gui-don/) on or off, and how many letters one address may send through it an hour;
# a Maildir the mail server (or fetchmail, getmail) fills with the letters e-mailed to the office, read into the
# queue every few minutes ("" : no mailbox; e-mails are then imported by hand, as .eml files).
VANPHONG_PETITION_PORTAL = envbool("VANPHONG_PETITION_PORTAL", True)
VANPHONG_PETITION_PORTAL_PER_HOUR = envint("VANPHONG_PETITION_PORTAL_PER_HOUR", 10, minimum=1, maximum=10_000)
VANPHONG_PETITIONS_MAILDIR = envstr("VANPHONG_PETITIONS_MAILDIR", "")
# Secret documents received are registered with their own incoming numbers (a separate register).
VANPHONG_SECRET_INCOMING_OWN_REGISTER = envbool("VANPHONG_SECRET_INCOMING_OWN_REGISTER", True)
# While a node has no index to trust, each search lends the rebuild this long before answering from what is ready.
VANPHONG_SEARCH_BUILD_BUDGET_MS = envint("VANPHONG_SEARCH_BUILD_BUDGET_MS", 1000, minimum=0, maximum=60_000)
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # WhiteNoise warns on every start when the collected-static folder is missing; development needs none.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The content-addressed file store (vanphong.files): a folder (VANPHONG_FILES_DIR, default DATA_DIR/files) or an
# S3-compatible bucket (VANPHONG_FILES_STORAGE=s3, VANPHONG_S3_*; needs the optional extra vanphong[s3]).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    "vanphong_files": storage_from_env(DATA_DIR),
}
VANPHONG_MAX_UPLOAD_MB = envint("VANPHONG_MAX_UPLOAD_MB", 50, minimum=1, maximum=4096)
# Letters' reports close their period on this day of its last month (state reporting: 14); 0 = the month's end.
PETITIONS_REPORT_CLOSING_DAY = envint("VANPHONG_PETITIONS_REPORT_CLOSING_DAY", 0, minimum=0, maximum=28)

LOG_LEVEL = envchoice("LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

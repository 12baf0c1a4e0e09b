"""Settings shared by every environment.

Everything that differs between machines is read from the environment through one
django-environ schema; see `.env.example` and the README's env-var table. Secrets have no
default here: `dev.py` and `test.py` supply throwaway values, `production.py` none.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/ (imported as `netra`)
BASE_DIR = PROJECT_DIR.parent  # repository root

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DEFAULT_FROM_EMAIL=(str, "Netra <no-reply@netra.localhost>"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static_collected")),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    NETRA_SITE_NAME=(str, "Netra"),
    NETRA_SEAL_PKCS12=(str, str(BASE_DIR / "var" / "seal" / "seal.p12")),
    NETRA_SEAL_PASSWORD=(str, ""),
    NETRA_TSA_URL=(str, ""),
    NETRA_BADGE_ISSUER_EMAIL=(str, ""),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override allauth's and Wagtail's.
    "netra.people",
    "netra.home",
    "netra.campaigns",
    "netra.regulations",
    "netra.updates",
    "netra.notifications",
    "netra.privacy",
    "courses",
    "quizzes",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_ratelimit",
    "csp",  # Content-Security-Policy (netra.home.middleware); its checks catch old settings
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every page (static files above never reach it).
    "netra.home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # `Cache-Control: no-store` on every response to a signed-in user.
    "netra.home.middleware.PersonalNoStoreMiddleware",
    # Deny by default: every view needs a signed-in user unless it is marked
    # `login_not_required` (see netra.urls and tests/home/test_access.py).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # HR officers and admins sign in with their authenticator app before any page under
    # NETRA_MFA_REQUIRED_PREFIXES (netra.people.mfa has the rule).
    "netra.people.middleware.MfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "netra.urls"
WSGI_APPLICATION = "netra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netra.home.context_processors.netra",
                "netra.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has the web server and the task worker writing to one SQLite file. A
    # transaction that starts as a reader and later writes fails at once with "database is
    # locked" when the other process writes; taking the write lock at BEGIN makes it wait
    # (up to `timeout` seconds) instead, and WAL lets readers run beside the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A few hot statements are prepared on the server (netra.home.db); turn off behind a
# pooler that cannot keep prepared statements.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)

# Renditions get their own alias so Wagtail keeps image look-ups off the database.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://netra-default"),
    "renditions": env.cache("RENDITIONS_CACHE_URL", default="locmemcache://netra-renditions"),
}
# Sessions live in the cache and fall back to the database, so a page view does not pay a
# session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id tuned for a 2-core web node (netra.people.hashers says why); PBKDF2 hashes made
# before still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "netra.people.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:my_courses"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: accounts are provisioned from the roster (or by an admin), never by
# self sign-up. People sign in with their NIP (kept in `username`) or their email.
ACCOUNT_ADAPTER = "netra.people.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "netra.people.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset for an address without an account sends nothing (allauth would mail it
# "you have no account"): the page reads the same either way, and Netra mails nobody
# outside the roster.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so a reviewer sees they are on.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105  # a rate, not a password
    "reset_password_from_key": "20/m/ip",  # nosec B105  # a rate, not a password
    "change_password": "5/m/user",  # nosec B105  # a rate, not a password
    "reauthenticate": "10/m/user",
}
# Two-factor sign-in (TOTP apps such as Google Authenticator) with recovery codes. A user
# with TOTP re-authenticates with a code before signing a pact.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("NETRA_SITE_NAME")
# Pages with other people's personal data: HR pages and the Wagtail admin. Every path under
# these needs the second factor from HR officers and admins (netra.people.mfa).
NETRA_MFA_REQUIRED_PREFIXES = ["/sdm/", "/admin/"]
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Netra] "

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    # Writes land in a temporary file and are renamed into place: a crash mid-write never
    # leaves half a PDF under its real name.
    "default": {"BACKEND": "netra.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads larger than this are refused by Django before a view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, PDFs, reminders, Wagtail's own housekeeping) runs in a separate
# `manage.py db_worker` process reading this database-backed queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = env("NETRA_SITE_NAME")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
# One hardened sign-in (allauth: rate limits, generic errors) for learners and editors.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search with Indonesian stemming: "berkampanye" finds "kampanye".
    # Changing it needs `manage.py update_index` (the index stores the stemmed words).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "indonesian"
# Uploads are served as downloads, never rendered by the browser on our origin (an HTML,
# SVG or even a PDF can carry script): Wagtail's serve view always (it also applies the
# collection's privacy and sends `nosniff`), `Content-Disposition: attachment` for every
# type, and only these extensions. Images exclude SVG for the same reason.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Wagtail checks a document's extension only: these forms also check its content (an HTML
# page renamed .pdf is refused) and give every upload refusal in Indonesian.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "netra.home.uploads.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "netra.home.uploads.ImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# Rate limits (django-ratelimit) count in the default cache, Redis in production. Its check
# only knows the django-redis package; Django's own RedisCache also increments atomically.
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp, through netra.home.middleware). Our pages load
# script, style, fonts and images from this origin only, run no inline script or style
# attribute, and may not be framed; a lesson video plays in a YouTube or Vimeo frame.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin's editors still run inline scripts and style attributes, and preview
# blob: images; the admin gets those under its prefix only, and may be framed by itself
# alone. A page preview (rendered for the admin's preview panel) keeps the strict policy
# above and may be framed by the admin (netra.home.middleware).
NETRA_ADMIN_CSP_PREFIX = "/admin/"
NETRA_ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
# The admin shows no Gravatar pictures (an editor's email hash is not sent to a third party)
# and does not ask releases.wagtail.org for new versions: the policy above allows neither.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Embedded videos: the iframe sizes itself in CSS (`.video iframe`), without Wagtail's
# responsive wrapper, whose inline style attribute the policy above refuses.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO; its warnings still show.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# How long the per-course navigation (module titles and URLs) stays cached; it is also
# dropped whenever a page of the course is published, unpublished, moved or deleted.
NETRA_COURSE_NAV_TIMEOUT = 60 * 60 * 24

# The institution's document seal (certificates/signing.py): a PKCS#12 file and its
# password. Development creates one with `manage.py seal_keygen`; production must set both.
NETRA_SEAL_PKCS12 = env("NETRA_SEAL_PKCS12")
NETRA_SEAL_PASSWORD = env("NETRA_SEAL_PASSWORD")
# Optional RFC 3161 timestamp authority for seals.
NETRA_TSA_URL = env("NETRA_TSA_URL")
# A pact is signed only within this many seconds of re-entering a password or TOTP code.
NETRA_PACT_REAUTH_SECONDS = 300
# Public verification page (/verifikasi/<code>/): look-ups per minute per IP address.
NETRA_VERIFY_RATE = "30/m"
# Contact address in the Open Badges issuer profile (optional).
NETRA_BADGE_ISSUER_EMAIL = env("NETRA_BADGE_ISSUER_EMAIL")

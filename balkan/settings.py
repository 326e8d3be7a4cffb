"""Settings for the Japan–Balkan Network site, read from the environment.

Production differs from development only by environment values (see
`.env.example`); the defaults are the safe, production-like ones.
"""

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, SECRET_KEY_FILE, VAR_DIR, env


def _secret_key():
    """Return SECRET_KEY from the environment, else the one generated once into var/."""
    if env.str("SECRET_KEY", default=""):
        return env.str("SECRET_KEY")
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set and {SECRET_KEY_FILE} does not exist: set SECRET_KEY, or run any "
            "manage.py command once (it generates the file)."
        ) from None


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links (canonical, feeds, social cards, QR codes) are built from this,
# never from the request's Host header.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_NAME = "Japan–Balkan Network"

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "staff.apps.AdminConfig",  # django.contrib.admin with two-factor login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ckeditor_5",
    "staff.third_party.TagsConfig",  # taggit, under a name staff read
    "simple_history",
    "imagekit",
    "csp",
    "staff.third_party.LoginAttemptsConfig",  # axes
    "django_otp",
    "staff.third_party.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "core",  # building blocks: rich text, pictures, dates, filters, history, old slugs
    "staff",  # the admin site with two-factor login, the dashboard
    "balkan",
    "pagecache",
    "countries",
    "partners",
    "news",
    "chronology",
    "events",
    "search",  # after the content apps: it indexes them
    "ninja",  # its Swagger page's own static files (no CDN)
    "corsheaders",
    "api",  # the read API, /api/v1/
    "workflow",  # after the content apps: it wraps their admins
    "alerts",  # e-mail alerts of new stories: after news, whose publications it hears of
    "django_tasks",
    "staff.third_party.BackgroundTasksConfig",  # django_tasks_db
]

MIDDLEWARE = [
    # CORS for the API only (CORS_URLS_REGEX), outside the page cache so that cached answers get
    # their headers for each request's Origin too.
    "corsheaders.middleware.CorsMiddleware",
    # Cached pages are answered by the first middleware, exactly as the whole stack below
    # answered them (see pagecache/ and README, "Page cache").
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security and reliability: headers on every response, bad input refused early,
    # a friendly 503 while the database is away (see README, "Security").
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.RequestBodyLimitMiddleware",
    "core.security.StaffPagesNeverCachedMiddleware",
    "core.security.DatabaseUnavailableMiddleware",
    "core.security.RejectNullCharactersMiddleware",
    # End of the security group.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in the staff member's chosen language, else their browser's.
    "workflow.middleware.StaffLanguageMiddleware",
    # Accounts: two-factor verification and the absolute session lifetime.
    "django_otp.middleware.OTPMiddleware",
    "core.security.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Login throttling: axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "balkan.urls"
WSGI_APPLICATION = "balkan.wsgi.application"

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
                "balkan.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that stops answering costs a web request at most DATABASE_QUERY_TIMEOUT (then 503),
# and the process then fails fast for DATABASE_BREAKER_SECONDS at a time until it answers again
# (core/postgresql/base.py). Server-side limits for everything else, idle connections watched.
DATABASE_QUERY_TIMEOUT = env.float("DATABASE_QUERY_TIMEOUT", default=2.0)
DATABASE_BREAKER_SECONDS = env.float("DATABASE_BREAKER_SECONDS", default=5.0)
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=2))
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", env.int("DATABASE_KEEPALIVES_IDLE", default=10))
    _options.setdefault("keepalives_interval", env.int("DATABASE_KEEPALIVES_INTERVAL", default=5))
    _options.setdefault("keepalives_count", env.int("DATABASE_KEEPALIVES_COUNT", default=3))
    _options.setdefault("tcp_user_timeout", int(env.float("DATABASE_TCP_USER_TIMEOUT", default=10) * 1000))
    _server = {
        "statement_timeout": int(env.float("DATABASE_STATEMENT_TIMEOUT", default=30) * 1000),
        "idle_in_transaction_session_timeout": int(
            env.float("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", default=60) * 1000
        ),
        # A query whose client went away (e.g. gave up at DATABASE_QUERY_TIMEOUT) stops (PostgreSQL 14+).
        "client_connection_check_interval": 5000,
    }
    _options["options"] = " ".join(
        [_options.get("options", ""), *(f"-c {name}={value}" for name, value in _server.items())]
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="balkan"),
            "OPTIONS": {
                # A Redis outage degrades to "no cache", never to errors.
                "IGNORE_EXCEPTIONS": True,
                # After one timeout or refused connection, skip Redis for REDIS_BREAKER_SECONDS at a
                # time instead of waiting on every call; errors are logged, a line every few seconds.
                "CLIENT_CLASS": "core.rediscache.BreakerClient",
                "CONNECTION_POOL_CLASS": "core.rediscache.NoticingConnectionPool",
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_BREAKER_SECONDS = env.float("REDIS_BREAKER_SECONDS", default=5.0)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Page cache and scale (issue 9): see pagecache/ and README "Deploying on several machines".
# "shared" holds what every process must agree on: the page-cache generations and sessions'
# cache. With Redis it is Redis; without, files under var/ shared by the workers of one machine
# (the default cache is then each worker's own memory, fine for page bodies, not for these).
if REDIS_URL:
    CACHES["shared"] = CACHES["default"]
else:
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env.int("LOCAL_CACHE_MAX_ENTRIES", default=1000)}
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
# cached_db, not cache: sessions survive a Redis outage (read from the database) and logins are
# never lost to cache eviction.
SESSION_CACHE_ALIAS = "shared"
# Whole pages for anonymous readers (PAGE_CACHE=0 turns it off, e.g. to measure uncached pages).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 * 60)
# Pieces many pages repeat (chronology entries, news cards), kept in each process's memory per
# generation so that a page rendered afresh does not render them again (pagecache/fragments.py).
PAGE_FRAGMENTS = env.bool("PAGE_FRAGMENTS", default=True)
PAGE_FRAGMENTS_LIMIT = env.int("PAGE_FRAGMENTS_LIMIT", default=20_000)
# ...and how much text: a story's article can be tens of kilobytes (about 2 bytes a character at most).
PAGE_FRAGMENTS_MAX_CHARACTERS = env.int("PAGE_FRAGMENTS_MAX_CHARACTERS", default=32_000_000)
# Each process trusts what it read from the shared cache for this long (other servers' changes
# show within it) and keeps its latest pages in memory: a cached page then costs no round trip.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=200)
# With Redis, each process listens for other servers' changes on one connection and trusts what it
# read only while it hears (changes then show everywhere at once, an outage is noticed when it starts).
PAGE_CACHE_LISTEN = env.bool("PAGE_CACHE_LISTEN", default=True)
# Cache-Control of public pages: browsers revalidate after PAGE_MAX_AGE, CDNs after PAGE_SHARED_MAX_AGE.
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=60)
PAGE_SHARED_MAX_AGE = env.int("PAGE_SHARED_MAX_AGE", default=300)
# Stored pages are never larger than this (a bigger answer is served, not stored).
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=1_000_000)
# How long the shared cache is trusted without looking for changes it missed while it was away.
PAGE_CACHE_SYNC_SECONDS = env.int("PAGE_CACHE_SYNC_SECONDS", default=10)
# The read API (/api/v1/, see README, "Read API"): requests per client address, as "120/min"
# ("/s", "/min", "/hour", "/day"), counted in the default cache (shared by every server with Redis).
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/min")
# Proxies in front of the site that add to X-Forwarded-For: the limit counts the address the nearest
# trusted one saw. 0 counts REMOTE_ADDR (a client could forge X-Forwarded-For otherwise).
NINJA_NUM_PROXIES = env.int("API_TRUSTED_PROXIES", default=0)
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Retry-After", "Content-Language"]
# The edge cache (Varnish with xkey, see deploy/varnish/): where a change purges its pages. Off when empty.
EDGE_PURGE_URLS = env.list("EDGE_PURGE_URL", default=[])
EDGE_PURGE_TIMEOUT = env.float("EDGE_PURGE_TIMEOUT", default=2.0)
# --- end of page cache and scale

# A country or partner without a review-by date is due for review this long after its last change.
REVIEW_EVERY_DAYS = env.int("REVIEW_EVERY_DAYS", default=365)
# Background tasks (the workflow's e-mails): django-tasks, queued in the database and run by
# `manage.py db_worker` (started beside gunicorn by `make run`; see the README for several machines).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# E-mail: EMAIL_URL as django-environ reads it (smtp+tls://user:password@host:587); by default
# messages are written to the worker's output, as no mail server is assumed.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Japan–Balkan Network <noreply@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# E-mail alerts (alerts/, README "E-mail alerts"): messages per SMTP connection (one batch, one task),
# messages a second per worker process (0: no limit), how old a story may be and still be alerted
# (re-publishing an old story sends nothing), and the secret the bounce/complaint webhook expects.
ALERTS_BATCH_SIZE = env.int("ALERTS_BATCH_SIZE", default=200)
ALERTS_RATE_PER_SECOND = env.float("ALERTS_RATE_PER_SECOND", default=10)
ALERTS_MAX_AGE_HOURS = env.int("ALERTS_MAX_AGE_HOURS", default=48)
ALERTS_WEBHOOK_SECRET = env.str("ALERTS_WEBHOOK_SECRET", default="")
# `manage.py check_links`: how long each external address may take to answer.
LINK_CHECK_TIMEOUT = env.int("LINK_CHECK_TIMEOUT", default=10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LANGUAGES += [(code, name) for code, name in env.json("EXTRA_LANGUAGES", default=[]) if code != "en"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["balkan.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Tokyo")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Media from local disk is served by Django itself (one machine, `make run`);
# with object storage the bucket or a CDN serves it instead.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    SERVE_MEDIA = False
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: images only, verified and re-encoded by core.images.
# A phone's full-size photo is welcome (48 MP, 16 MB and more): it is scaled down on upload so that
# its longer side is at most IMAGE_STORED_MAX_SIDE pixels; only what is larger still is refused.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=40 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=60_000_000)
IMAGE_STORED_MAX_SIDE = env.int("IMAGE_STORED_MAX_SIDE", default=3200)
# Documents attached to stories and profiles (PDF, DOCX, XLSX, ODT), checked by core.documents.
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=40 * 1024 * 1024)
# Where readers ask for a document in an accessible format (a mailto link); empty: the contact page.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="")
# Pictures kept aside under pending/ (a failed save, a change waiting for review) that no waiting
# change needs are deleted after this many days by `manage.py sweep_pending_uploads`.
PENDING_UPLOAD_DAYS = env.int("PENDING_UPLOAD_DAYS", default=7)
# Responsive renditions (core.renditions): made once, stored beside the
# originals, their existence remembered in the cache for a day at a time.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_CACHE_TIMEOUT = 60 * 60 * 24
IMAGEKIT_CACHE_PREFIX = "renditions:"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No request body larger than this is read at all (413 from its Content-Length, files included):
# the largest upload is an image or a document at its limit plus the form around it.
MAX_REQUEST_BODY_BYTES = env.int(
    "MAX_REQUEST_BODY_BYTES", default=max(IMAGE_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_MAX_BYTES) + 2 * 1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security. Behind HTTPS set HTTPS=1; each setting can still be overridden.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
CSRF_COOKIE_HTTPONLY = False  # CKEditor 5 reads it to upload images.

TAGGIT_CASE_INSENSITIVE = True

CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "service:editor-upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:inline",
                "imageStyle:block",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Heading 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Heading 3", "class": "ck-heading_heading3"},
            ]
        },
        "link": {"addTargetToExternalLinks": False},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}


# Security headers beyond Django's own (SECURE_* above). The public pages allow
# nothing inline and nothing from another origin but the media bucket.
def _media_origins():
    """Return the origins media is served from when it is not this site."""
    origins = []
    for url in (
        MEDIA_URL,
        env.str("AWS_S3_ENDPOINT_URL", default=""),
        env.str("AWS_S3_CUSTOM_DOMAIN", default=""),
    ):
        if "://" not in url and url and not url.startswith("/"):
            url = "https://" + url
        if "://" in url:
            scheme, rest = url.split("://", 1)
            origins.append(f"{scheme}://{rest.split('/', 1)[0]}")
    return list(dict.fromkeys(origins))


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_origins()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    },
}
# Added to the policy under /admin/ only: CKEditor 5 injects its own <style>
# elements and style attributes, and previews pasted images as blob: URLs.
CSP_ADMIN_UPDATE = {"style-src-attr": ["'unsafe-inline'"]}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Accounts: lock-out after repeated failures, two-factor for staff who enrol.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Per account and address: a stranger cannot lock an editor out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = SITE_NAME
# Sessions: idle expiry (SESSION_COOKIE_AGE, renewed on use), gone when the
# browser closes, and never longer than SESSION_ABSOLUTE_AGE after login.
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_AGE", default=60 * 60 * 12)

# Backups written by `make backup` (manage.py backup).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))

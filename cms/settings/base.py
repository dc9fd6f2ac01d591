"""Settings shared by every environment. Values that differ come from environment variables."""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "cms.core",
    "organisations",
    "home",
    "servicepages",
    "reporting",
    "followup",
    "registers",
    "opendata",
    "events",
    "search",
    "pagecache",
    "editorial",
    "outbox",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin uses humanize's naturaltime ("for 5 minutter siden"); installed for its catalogue.
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL, lone surrogates or bytes that are not UTF-8 in the path, query or body: 400 (cms/core/http.py).
    "cms.core.http.UnreadableInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After LocaleMiddleware (language is in the key), before anything that makes a response personal.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.core.security.SecurityHeadersMiddleware",
    # Admin views Wagtail does not limit to what the user may see (cms/core/security.py).
    "cms.core.security.AdminAccessGuardMiddleware",
    # Last: turns django-axes' lockout into the response (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.context_processors.site_navigation",
                "cms.core.context_processors.site_contact",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL, defaulting to a SQLite file in the checkout (ignored by git).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite holds connections per thread; persistent connections only add file handles.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis that is down means "no cache", not errors (pagecache/backends.py).
            "BACKEND": "pagecache.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "servicemiljo",
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "servicemiljo",
            "TIMEOUT": 600,
        }
    }

# Page cache (pagecache/): anonymous visitors get published pages from CACHES["default"]; every edit
# invalidates. Local memory is per process, so without Redis keep it to one process (runserver).
PAGECACHE_ENABLED = os.environ.get("PAGECACHE_ENABLED", "true").lower() == "true"
PAGECACHE_TIMEOUT = int(os.environ.get("PAGECACHE_TIMEOUT", "300"))
# A CDN in front: set WAGTAILFRONTENDCACHE to Wagtail's setting as JSON, e.g.
# {"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish:8000"}}
# Pages are then purged on every change and shared caches may keep them (s-maxage) for an hour.
WAGTAILFRONTENDCACHE = json.loads(os.environ.get("WAGTAILFRONTENDCACHE", "") or "{}")
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
PAGECACHE_CDN_MAX_AGE = int(os.environ.get("PAGECACHE_CDN_MAX_AGE", "3600" if WAGTAILFRONTENDCACHE else "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the public site and the admin speak Norwegian bokmål.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# locale/: the project's strings (make messages). locale/wagtail/: what Wagtail's own bokmål catalogue lacks or
# gets wrong, kept apart so makemessages never marks it obsolete (docs/admin.md). Both win over the apps'.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console by default, SMTP when EMAIL_HOST is set. Every message goes through the outbox (outbox/,
# docs/events.md), which stores it and delivers it with a task through OUTBOX_DELIVERY_BACKEND, retrying on failure.
EMAIL_BACKEND = "outbox.backends.OutboxEmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
else:
    OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Tasks (django-tasks): Wagtail's own tasks run at once; the outbox's deliveries are queued in the database and
# run by `manage.py db_worker --backend outbox` when SMTP is configured, at once otherwise (development).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {
        "BACKEND": os.environ.get(
            "OUTBOX_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend" if EMAIL_HOST else "django_tasks.backends.immediate.ImmediateBackend",
        )
    },
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "servicemiljo@example.no")

# Wagtail
WAGTAIL_SITE_NAME = "RHF-enes servicemiljø for nasjonale tjenester, nettverk og sentre"
# No avatars from gravatar.com (a third party, sent a hash of each editor's e-mail): Wagtail's local default
# avatar, or a picture the user uploads in account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "cms.core.admin_forms.LoginForm"
# The site's public address (scheme and host), for links outside a request: e-mails, admin links, feeds.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# Editorial workflows (editorial/): publish once every required region has approved.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved_workflow_state"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents: only PDFs open in the browser; everything else downloads. Wagtail adds
# "Content-Security-Policy: default-src 'none'" and "X-Content-Type-Options: nosniff" to each.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Security headers (cms/core/security.py) and admin login throttling (django-axes): after 5 failed
# logins for one username from one address, that pair is locked out for an hour.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = os.environ.get("AXES_ENABLED", "true").lower() == "true"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.core.security.lockout_response"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))
# The client's address behind proxies (cms/core/http.py client_ip; docs/deploy.md). django-ipware is not
# installed, so django-axes would see only REMOTE_ADDR, the proxy's address, without the callable.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")))
AXES_CLIENT_IP_CALLABLE = "cms.core.http.client_ip"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# A form sent with an expired or missing CSRF token gets the site's Norwegian page (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, whose index also writes the facet values the public search counts
        "BACKEND": "search.index",
        **({"SEARCH_CONFIG": "norwegian"} if DATABASE_IS_POSTGRES else {}),
    }
}
# Public search (search/): the database backend above, or Elasticsearch 8 when ELASTICSEARCH_URL is set
# (index name/alias PORTAL_SEARCH_INDEX; build it with `manage.py rebuild_search_index`).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# A search's answer (count, facet counts, the results shown) is kept until the site next changes (with the
# page cache's generation; search/results.py run_search).
SEARCH_RESULTS_CACHE = os.environ.get("SEARCH_RESULTS_CACHE", "true").lower() == "true"
PORTAL_SEARCH_INDEX = os.environ.get("PORTAL_SEARCH_INDEX", "servicemiljo-pages")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

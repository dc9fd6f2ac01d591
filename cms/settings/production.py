"""Production: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from cms.core.checks import secret_key_problem

from .base import *  # noqa: F403
from .base import DATABASE_IS_POSTGRES, DATABASES, REDIS_URL, os

DEBUG = False

# The page cache must be shared by every worker process, or an edit would only invalidate one of them:
# on by default with Redis (REDIS_URL), off with the per-process local-memory cache.
PAGECACHE_ENABLED = os.environ.get("PAGECACHE_ENABLED", "true" if REDIS_URL else "false").lower() == "true"

# No JIT compilation for the site's queries: they are short (OLTP), and a query planned on estimates (tables
# not yet analyzed after a deploy) was JIT-compiled for 945 ms to return two rows (cms/core/database.py).
if DATABASE_IS_POSTGRES:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if secret_key_problem(SECRET_KEY):  # also a deploy check (cms/core/checks.py), for keys set some other way
    raise ImproperlyConfigured(
        f"{secret_key_problem(SECRET_KEY)} SECRET_KEY must be a random value of at least 50 characters in production."
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind one proxy that appends to X-Forwarded-For (docs/deploy.md): how many hops to trust for the client's
# address (cms.core.http.client_ip, which django-axes uses). Set 0 if gunicorn faces the internet directly.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "1"))
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", str(AXES_IPWARE_PROXY_COUNT)))
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405

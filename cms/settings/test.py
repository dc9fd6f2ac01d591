"""Settings for the test suite: fast hashing, local memory cache, in-memory e-mail."""

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up replaces EMAIL_BACKEND by locmem; tests of the outbox (tests/events) set it back to
# the outbox, whose deliveries then run at once into the same locmem mailbox (django.core.mail.outbox).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# django-axes needs a request in authenticate(); tests log in with client.login(). The throttling
# tests switch it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
# The page cache (pagecache/) is off for the suite: other apps' tests change the clock or state between two
# requests without writing to the database. tests/performance switches it on and tests it.
PAGECACHE_ENABLED = False
# No periodic look for pending cache invalidations in the suite: it would add a query to a random request of
# the query-budget tests. tests/performance/test_page_cache.py switches it on where it tests it.
PAGECACHE_PENDING_CHECK = None

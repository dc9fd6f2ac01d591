"""System checks of the project. Importable from the settings: nothing here needs the app registry."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

SECRET_KEY_MIN_LENGTH = 50
# A random key of 50 characters from 50+ symbols has about 30 distinct ones; Django itself asks for only 5.
SECRET_KEY_MIN_DISTINCT = 20


def secret_key_problem(key):
    """Why ``key`` is not fit for production, or ``None``."""
    if not key:
        return "SECRET_KEY is not set."
    if key.startswith("django-insecure"):
        return "SECRET_KEY is Django's generated development key."
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"SECRET_KEY has {len(key)} characters; at least {SECRET_KEY_MIN_LENGTH} are needed."
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT:
        return (
            f"SECRET_KEY has only {len(set(key))} different characters; a random key has at least "
            f"{SECRET_KEY_MIN_DISTINCT}."
        )
    return None


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    hint = 'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    return [Error(problem, hint=hint, id="core.E001")]


LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "0.0.0.0", "::1"}  # noqa: S104 - names to refuse, not to bind


def site_url_problem(url):
    """Why ``url`` is not fit as the public address in production, or ``None``."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in LOCAL_HOSTS:
        return f"SITE_URL is {url!r}: set it to the public address, e.g. https://www.example.no."
    return None


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Links in e-mails, sitemap.xml, canonical URLs and .ics files take their host from SITE_URL."""
    problem = site_url_problem(settings.SITE_URL)
    if problem is None:
        return []
    return [Error(problem, hint="Set the SITE_URL environment variable.", id="core.E002")]

"""System checks of the project. Importable from the settings: nothing here needs the app registry."""

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

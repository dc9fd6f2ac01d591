"""Local development: DEBUG on, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .base import os

DEBUG = os.environ.get("DEBUG", "true").lower() == "true"
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-key-only-for-local-use"
ALLOWED_HOSTS = ["*"]

"""Production settings: `check --deploy` is clean, a missing or weak SECRET_KEY stops the start, and the
security settings produce the headers and cookies a browser needs."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from cms.core.checks import check_secret_key

ROOT = Path(__file__).resolve().parents[2]
SECURITY_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
)


def run_manage(*args, secret_key=None, tmp_path):
    # Nothing of the test run's own environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, for one.
    ignored = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        ALLOWED_HOSTS="servicemiljo.example.no",
        SITE_URL="https://servicemiljo.example.no",
        PYTHONWARNINGS="ignore",
    )
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_has_no_warnings(tmp_path):
    key = secrets.token_urlsafe(64)
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", secret_key=key, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "too-short", "django-insecure-" + "x" * 60, "a" * 60, "abcdef" * 10],
    ids=["missing", "empty", "short", "insecure", "one-letter", "few-letters"],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret_key):
    result = run_manage("check", secret_key=secret_key, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("secret_key", ["a" * 60, "abcdef" * 10])
def test_the_deploy_check_refuses_a_weak_key_however_it_is_set(settings, secret_key):
    settings.SECRET_KEY = secret_key
    errors = check_secret_key(None)
    assert [error.id for error in errors] == ["core.E001"]
    assert "different characters" in errors[0].msg
    settings.SECRET_KEY = secrets.token_urlsafe(64)
    assert check_secret_key(None) == []


@pytest.fixture
def production_security(monkeypatch):
    """The security settings exactly as cms.settings.production computes them, applied to the test run."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(64))
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    module = importlib.import_module("cms.settings.production")
    module = importlib.reload(module)
    values = {name: getattr(module, name) for name in SECURITY_SETTINGS}
    with override_settings(**values):
        yield values


@pytest.mark.django_db
def test_production_responses_carry_security_headers(client, home_page, production_security):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "default-src" in policy and "base-uri" in policy and "form-action" in policy


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, home_page, production_security):
    response = client.get("/om/?x=1")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_httponly(client, production_security):
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.no", "et-langt-passord-42")
    login = client.get("/admin/login/", secure=True)
    assert login.status_code == 200
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post("/admin/login/", {"username": user.username, "password": "et-langt-passord-42"}, secure=True)
    assert response.status_code == 302, response.content[:500]
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.django_db
def test_admin_gets_its_own_policy_and_public_pages_the_strict_one(client, home_page):
    public = client.get("/")["Content-Security-Policy"]
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public
    assert "script-src 'self' 'unsafe-inline'" in admin  # Wagtail's admin has inline scripts; login needed
    assert client.get("/robots.txt")["Content-Security-Policy"] == public

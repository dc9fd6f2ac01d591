"""Admin login throttling (django-axes) and the headers uploaded documents are served with."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document

PASSWORD = "et-langt-passord-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "redaktor@example.no", PASSWORD)


def login(client, username, password, ip="10.0.0.1"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@override_settings(AXES_ENABLED=True)
def test_admin_login_is_locked_after_repeated_failures(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(1, limit):
        response = login(client, "redaktor", f"feil-{attempt}")
        assert response.status_code == 200, f"attempt {attempt} was already blocked"
    locked = login(client, "redaktor", "feil-siste")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "3600"
    assert AccessAttempt.objects.get(username="redaktor").failures_since_start == limit
    # Even the right password is refused during the lockout, and the page says why.
    response = login(client, "redaktor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert response.content.count(b"<h1") == 1
    assert "For mange mislykkede innloggingsforsøk" in response.content.decode()


@override_settings(AXES_ENABLED=True)
def test_lockout_is_per_user_and_address(client, editor):
    get_user_model().objects.create_superuser("moderator", "moderator@example.no", PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "redaktor", f"feil-{attempt}")
    assert login(client, "redaktor", PASSWORD).status_code == 429
    # Another person from the same office, and the same person from another address, can still log in.
    assert login(client, "moderator", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "redaktor", PASSWORD, ip="10.0.0.2").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_successful_login_resets_the_count(client, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "redaktor", f"feil-{attempt}")
    assert login(client, "redaktor", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "redaktor", f"igjen-{attempt}").status_code == 200


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Documents on disk, as in production (the test settings keep files in memory, which has no path)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def make_document(title, name, body):
    document = Document(title=title)
    document.file.save(name, ContentFile(body), save=False)
    document.save()
    return document


@pytest.mark.django_db
def test_uploaded_text_that_looks_like_html_is_downloaded_not_rendered(client, disk_storage):
    document = make_document("Skadelig", "skadelig.txt", b"<html><script>alert(document.cookie)</script></html>")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_pdf_opens_inline_but_cannot_run_anything(client, disk_storage):
    document = make_document("Årsrapport", "arsrapport.pdf", b"%PDF-1.4\n%%EOF\n")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@override_settings(X_FRAME_OPTIONS="DENY")
def test_live_preview_may_be_framed_by_the_admin_only(client, home_page):
    """Production sends X-Frame-Options: DENY; the page editor's preview frame must still load (same origin)."""
    from django.urls import reverse

    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Forhåndsvisning")
    admin = get_user_model().objects.create_superuser("redaktor", "r@example.no", "passord-for-test")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = client.get(url, {"mode": ""})
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    public = client.get(page.url)
    assert public["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]

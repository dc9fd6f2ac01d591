"""Live preview as an editor sees it: the page editor's preview panel and the preview in a new tab show the
page, under development and production-like headers, while public pages still refuse to be framed."""

import pytest
from django.test import override_settings
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from .admin_session import demo_site, log_in  # noqa: F401 - demo_site is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EDITOR = "sorost.redaktor"
HEADERS = {
    "development": {},
    # As cms/settings/production.py: X-Frame-Options DENY everywhere else, COOP same-origin.
    "production": {"X_FRAME_OPTIONS": "DENY", "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin"},
}


def a_unit_page_of_the_editor():
    from servicepages.models import NationalUnitPage

    return NationalUnitPage.objects.live().filter(url_path__contains="/helse-sor-ost/").order_by("path").first()


def open_preview_panel_and_find_title(tab, base_url, page):
    """Open the editor's preview panel; whether the page's title is shown as the heading inside its frame."""
    blocked = []
    tab.on("console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None)
    # Wagtail reopens the side panel that was open last (localStorage): start with all of them closed.
    tab.evaluate("() => localStorage.clear()")
    tab.goto(f"{base_url}/admin/pages/{page.pk}/edit/", wait_until="load")
    toggle = tab.locator("button[data-side-panel-toggle='preview']")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # Wagtail loads each preview into a second frame and then swaps it in as #w-preview-iframe.
    heading = tab.frame_locator("#w-preview-iframe").locator("h1", has_text=page.title)
    try:
        heading.wait_for(state="visible", timeout=15_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the preview panel does not show «{page.title}» (blocked: {blocked or 'no'})")
    assert not blocked, f"the preview frame was blocked: {blocked}"
    return heading.inner_text().strip()


def preview_in_new_tab_title(tab):
    link = tab.locator("a[data-w-preview-target='newTab']")
    with tab.context.expect_page() as new_page:
        link.first.click()
    preview = new_page.value
    preview.wait_for_load_state()
    title = preview.locator("h1").first.inner_text().strip()
    preview.close()
    return title


@pytest.mark.usefixtures("demo_site")
def test_editor_sees_the_page_in_the_preview_panel_and_in_a_new_tab(tab, live_server):
    page = a_unit_page_of_the_editor()
    log_in(tab, live_server.url, EDITOR)
    for name, headers in HEADERS.items():
        with override_settings(**headers):
            title = open_preview_panel_and_find_title(tab, live_server.url, page)
            assert title == page.title, f"{name}: the preview panel shows «{title}»"
            title = preview_in_new_tab_title(tab)
            assert title == page.title, f"{name}: the preview in a new tab shows «{title}»"

            public = tab.context.request.get(live_server.url + page.url)
            assert public.status == 200
            assert "frame-ancestors 'none'" in public.headers["content-security-policy"], name
            assert public.headers["x-frame-options"] == "DENY", name

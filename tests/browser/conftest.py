"""Headless Chromium (Debian's, driven by Playwright) for the browser checks.

Without chromium, axe-core, vnu-jar or java the browser tests are skipped with the reason, unless
REQUIRE_BROWSER=1 (set by .ci/run), when they fail instead: CI must never pass without running them.
"""

import os

import pytest

from audit import quality


@pytest.fixture(scope="session")
def browser():
    missing = quality.missing_tools()
    if missing:
        reason = "browser checks need " + ", ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread; the ORM calls the tests make there
    # are still synchronous, so Django's "called from async context" guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        chromium = quality.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A fresh browser context and page (own cookies), closed after the test. Caches are emptied first:
    each test builds its own site, and a page cached for an earlier one must not be served."""
    caches_clear()
    context = browser.new_context(viewport=quality.VIEWPORTS["wide 1280px"], locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()
    caches_clear()


def caches_clear():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()

"""The registration form on a cached event page, in headless Chromium: with JavaScript (the CSRF field is
filled from /csrf/ when the form is used) and without (the first POST comes back with the form and a token,
the second registers). See docs/caching.md, "Pages with a form"."""

import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def event(home_page, regions, settings):
    settings.PAGECACHE_ENABLED = True
    index = factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")
    start = timezone.now() + datetime.timedelta(days=30)
    return factories.EventPageFactory(
        parent=index,
        title="Nasjonal dialogarena",
        slug="dialogarena",
        start=start,
        end=start + datetime.timedelta(hours=5),
        capacity=20,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
        registration_closes=start - datetime.timedelta(days=2),
    )


def fill_in(page, name, email):
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=organisation]", "Helse Bergen HF")
    page.select_option("select[name=region]", index=1)
    page.check("input[name=consent]")


def register(page):
    with page.expect_navigation() as navigation:
        page.click("form.registration-form button[type=submit]")
    return navigation.value


def test_two_visitors_register_on_the_cached_page_each_with_their_own_token(browser, live_server, event, tmp_path):
    from events.models import Registration

    contexts = [browser.new_context(locale="nb-NO") for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    cache_states = [page.goto(live_server.url + event.url).headers["x-page-cache"] for page in pages]
    assert cache_states == ["miss", "hit"]  # the second visitor gets the first one's copy
    tokens = []
    for number, (page, email) in enumerate(zip(pages, ("anna@example.no", "bo@example.no"), strict=True)):
        assert page.input_value("input[name=csrfmiddlewaretoken]") == ""
        fill_in(page, f"Deltaker {number}", email)
        page.wait_for_function("() => document.querySelector('input[name=csrfmiddlewaretoken]').value !== ''")
        tokens.append(page.input_value("input[name=csrfmiddlewaretoken]"))
        answer = register(page)
        assert answer.status < 400, answer.status
        page.screenshot(path=tmp_path / f"registered-{number}.png", full_page=True)
    for context in contexts:
        context.close()
    assert tokens[0] != tokens[1]
    assert set(Registration.objects.values_list("email", flat=True)) == {"anna@example.no", "bo@example.no"}


def test_without_javascript_the_second_post_registers(browser, live_server, event, tmp_path):
    from events.models import Registration

    context = browser.new_context(locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + event.url)
    fill_in(page, "Kari Nordmann", "kari@example.no")
    first = register(page)
    assert first.status == 403
    assert not Registration.objects.exists()
    assert page.locator(".csrf-retry").is_visible()
    page.screenshot(path=tmp_path / "nojs-again.png", full_page=True)
    fill_in(page, "Kari Nordmann", "kari@example.no")
    second = register(page)
    assert second.status < 400, second.status
    assert Registration.objects.filter(email="kari@example.no").exists()
    page.screenshot(path=tmp_path / "nojs-registered.png", full_page=True)
    context.close()

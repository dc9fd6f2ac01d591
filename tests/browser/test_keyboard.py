"""Keyboard-only journeys in headless Chromium. After every key press something other than the page body
has focus, and it shows a visible focus indicator (outline or box shadow)."""

import re

import pytest

from audit import content, quality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 80


def assert_focus_ok(tab, step):
    state = quality.focus_state(tab)
    assert not state["lost"], f"{step}: focus was lost (it is on {state['description']}) on {tab.url}"
    assert state["visible"], f"{step}: {state['description']} has focus but no visible focus indicator on {tab.url}"
    return state


def tab_until(tab, predicate_js, what, arg=None, key="Tab"):
    """Press Tab until the focused element matches predicate_js (a JS function of the element); every stop
    must keep a visible focus. Returns the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        tab.keyboard.press(key)
        state = assert_focus_ok(tab, f"Tab press {presses} while looking for {what}")
        if tab.evaluate(f"arg => ({predicate_js})(document.activeElement, arg)", arg):
            return presses
    pytest.fail(f"{what} was not reached with {MAX_TABS} presses of Tab on {tab.url} (last: {state['description']})")


def test_search_from_the_home_page_with_the_keyboard(tab, live_server):
    content.build_site()
    unit, word = content.search_word()
    tab.goto(live_server.url + "/")

    tab_until(tab, "el => el.matches('header input[name=q]')", "the search field in the header")
    tab.keyboard.type(word)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "/sok/" in tab.url and f"q={word}" in tab.url

    first_result = tab.evaluate(
        """() => { const links = Array.from(document.querySelectorAll('main li a[href]')).filter(a =>
                     !a.closest('form, nav, .pagination') && !a.getAttribute('href').includes('?'));
                   return links.length ? links[0].getAttribute('href') : null; }"""
    )
    assert first_result, f"searching for «{word}» showed no result link on {tab.url}"
    is_result = "(el, href) => el.tagName === 'A' && el.getAttribute('href') === href"
    tab_until(tab, is_result, "the first result", first_result)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith(first_result), f"Enter on the first result opened {tab.url}, not {first_result}"
    assert tab.title(), "the result page has no title"


def test_main_menu_opens_and_closes_with_the_keyboard_on_a_narrow_screen(tab, live_server):
    content.build_site()
    tab.set_viewport_size(quality.VIEWPORTS["narrow 375px"])
    tab.goto(live_server.url + "/")
    toggle = tab.locator(".site-header__menu-toggle")
    first_link = tab.locator("#main-menu a").first
    assert toggle.is_visible(), "no menu button on a narrow screen"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not first_link.is_visible(), "the main menu is open before the button is pressed"

    tab_until(tab, "el => el.classList.contains('site-header__menu-toggle')", "the menu button")
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true", "Enter on the menu button did not open the menu"
    assert first_link.is_visible(), "the menu says it is open but its links are not visible"
    tab.keyboard.press("Tab")
    state = assert_focus_ok(tab, "Tab after opening the menu")
    assert tab.evaluate("() => !!document.activeElement.closest('#main-menu')"), (
        f"Tab after opening the menu went to {state['description']}, not into the menu"
    )

    tab.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false", "Escape did not close the menu"
    assert not first_link.is_visible(), "the menu links are still visible after Escape"
    state = assert_focus_ok(tab, "Escape in the open menu")
    assert tab.evaluate("() => document.activeElement.classList.contains('site-header__menu-toggle')"), (
        f"after Escape focus is on {state['description']}, not back on the menu button"
    )

    tab.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true", "Space on the menu button did not open the menu"
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false", "Enter on the menu button did not close the menu"
    assert_focus_ok(tab, "closing the menu with the button")


def test_filter_form_filled_in_and_submitted_with_the_keyboard(tab, live_server):
    content.build_site()
    from servicepages.models import ServiceIndexPage

    index_url = ServiceIndexPage.objects.live().get().get_url()
    tab.goto(live_server.url + index_url)
    tab_until(tab, "el => el.matches('main form select[name=type]')", "the type filter")
    tab.keyboard.press("ArrowDown")
    chosen = tab.evaluate("() => document.activeElement.value")
    assert chosen, "ArrowDown on the type filter chose no type"
    is_submit = "el => el.matches('main form button[type=submit], main form input[type=submit]')"
    tab_until(tab, is_submit, "the submit button")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert re.search(rf"[?&]type={re.escape(chosen)}(&|$)", tab.url), f"the filter was not applied: {tab.url}"
    assert tab.locator("main select[name=type]").input_value() == chosen, "the chosen filter is not kept"


FILL_BY_KEYBOARD = """el => {
    const type = (el.getAttribute('type') || el.tagName).toLowerCase();
    const auto = (el.getAttribute('autocomplete') || '').toLowerCase();
    if (el.tagName === 'SELECT') return {key: 'ArrowDown'};
    if (type === 'checkbox') return el.checked ? {} : {key: 'Space'};
    if (type === 'radio') return el.checked ? {} : {key: 'Space'};
    if (type === 'email' || auto === 'email') return {text: 'kari.nordmann@example.no'};
    if (type === 'tel' || auto === 'tel') return {text: '+47 55 97 50 00'};
    if (type === 'number') return {text: '2'};
    if (type === 'url') return {text: 'https://example.no/'};
    if (auto === 'organization') return {text: 'Helse Bergen HF'};
    if (auto === 'name') return {text: 'Kari Nordmann'};
    if (type === 'submit' || el.tagName === 'BUTTON') return {submit: true};
    return {text: el.required ? 'Kari Nordmann' : ''};
}"""


def test_registration_form_filled_in_and_submitted_with_the_keyboard(tab, live_server):
    """The public POST form (event registration): Tab through every field, fill it in by typing, submit with
    Enter; the answer is a confirmation, not the form again with errors."""
    content.build_site()
    from wagtail.models import Page

    form_page = None
    for page in Page.objects.live().public().filter(depth__gt=2).order_by("path"):
        tab.goto(live_server.url + page.url)
        if tab.locator("main form[method=post], main form[method=POST]").count():
            form_page = page
            break
    if form_page is None:
        pytest.fail("no page of the demo site has a POST form in <main> (the event registration form is expected)")

    tab.evaluate("() => { const f = document.querySelector('main form[method=post i]'); f.scrollIntoView(); }")
    tab_until(tab, "el => !!el.closest('main form[method=post i]')", "the first field of the form")
    for step in range(MAX_TABS):
        action = tab.evaluate(f"({FILL_BY_KEYBOARD})(document.activeElement)")
        if action.get("submit"):
            with tab.expect_navigation() as navigation:
                tab.keyboard.press("Enter")
            break
        if action.get("text"):
            tab.keyboard.type(action["text"])
        elif action.get("key"):
            tab.keyboard.press(action["key"])
        tab.keyboard.press("Tab")
        assert_focus_ok(tab, f"Tab press {step + 1} in the form on {form_page.url}")
        assert tab.evaluate("() => !!document.activeElement.closest('main form[method=post i]')"), (
            f"Tab left the form on {form_page.url} before reaching its submit button"
        )
    else:
        pytest.fail(f"the submit button of the form on {form_page.url} was not reached")
    response = navigation.value
    assert response.status < 400, f"submitting the form on {form_page.url} answered {response.status}"
    invalid = tab.locator("main [aria-invalid=true]").count()
    assert not invalid, f"the form on {form_page.url} was filled in by keyboard but shows {invalid} invalid field(s)"
    assert quality.run_axe(tab, f"the answer to the form on {form_page.url}") == []

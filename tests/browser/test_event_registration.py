"""Registering for digital attendance in headless Chromium: errors take focus, the link comes by e-mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Registration
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK = "https://example.no/strom/hemmelig-42"


@pytest.fixture
def hybrid_event(home_page, regions):
    index = factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")
    start = timezone.now() + datetime.timedelta(days=30)
    return factories.EventPageFactory(
        parent=index,
        title="Nasjonal dialogarena",
        slug="dialogarena",
        start=start,
        end=start + datetime.timedelta(hours=5),
        venue="Gardermoen",
        digital_url=LINK,
        capacity=1,
        digital_capacity=50,
        programme=[{"type": "item", "value": {"time": "10:00", "title": "Velkommen", "speaker": ""}}],
    )


def test_register_for_digital_attendance_with_a_mistake_first(tab, live_server, hybrid_event, tmp_path):
    tab.goto(live_server.url + hybrid_event.url)
    assert LINK not in tab.content()
    tab.get_by_label("Fullt navn").fill("Kari Nordmann")
    tab.get_by_label("Organisasjon eller helseforetak").fill("Helse Bergen HF")
    tab.locator("#id_region").select_option(label="Helse Vest")
    tab.get_by_label("Digitalt").check()
    tab.locator("input[name=consent]").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Meld meg på").click()

    # The e-mail was missing: the error summary has focus and names the field; the choice is kept.
    assert tab.evaluate("document.activeElement.id") == "registration-errors"
    summary = tab.locator("#registration-errors")
    assert "E-post" in summary.inner_text()
    assert tab.get_by_label("Digitalt").is_checked()
    tab.screenshot(path=str(tmp_path / "errors.png"), full_page=True)

    tab.locator("#id_email").fill("kari@example.no")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Meld meg på").click()
    assert "/pamelding/" in tab.url
    assert LINK not in tab.content()
    registration = Registration.objects.get()
    assert registration.attendance == "digital"
    assert [m.to for m in mail.outbox] == [["kari@example.no"]]
    assert LINK in mail.outbox[0].body

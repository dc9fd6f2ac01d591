import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import factories


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Every mail in these tests goes through the outbox (as in production), delivered into mail.outbox."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event_index(home_page):
    return factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")


@pytest.fixture
def open_event(event_index):
    """An event in 30 days with 2 places and registration open now."""
    start = timezone.now() + datetime.timedelta(days=30)
    return factories.EventPageFactory(
        parent=event_index,
        title="Nasjonal dialogarena",
        slug="dialogarena",
        start=start,
        end=start + datetime.timedelta(hours=5, minutes=30),
        venue="Gardermoen",
        capacity=2,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
        registration_closes=start - datetime.timedelta(days=2),
        introduction="Dialogarena for nasjonale tjenester.",
    )


@pytest.fixture
def region(regions):
    return regions["helse-vest"]


@pytest.fixture
def form_data(region):
    def make(**overrides):
        data = {
            "name": "Kari Nordmann",
            "email": "kari@example.no",
            "organisation": "Helse Bergen HF",
            "region": str(region.pk),
            "diet": "",
            "accessibility": "",
            "consent": "on",
            "website": "",
        }
        data.update(overrides)
        return data

    return make

"""The demo site (with its demo accounts), built once per test module and rolled back after it."""

import pytest
from django.db import transaction

from audit import content


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Build the demo content in a transaction that lives as long as the module; each test's own
    transaction nests inside it, and everything is rolled back at the end."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_ACCOUNTS", "true")
        with transaction.atomic():
            content.build_site()
            yield
            transaction.set_rollback(True)

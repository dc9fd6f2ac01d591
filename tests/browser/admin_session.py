"""Helpers of the admin browser tests (tests/browser/test_admin_*.py): the demo site with its demo accounts,
and logging in as one of them."""

import pytest

from audit import content
from editorial.demo import DEMO_PASSWORD


@pytest.fixture
def demo_site(monkeypatch):
    """The demo content with the demo accounts (created only with DEBUG or DEMO_ACCOUNTS=true)."""
    monkeypatch.setenv("DEMO_ACCOUNTS", "true")
    content.build_site()


def log_in(tab, base_url, username):
    tab.goto(base_url + "/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.click("form button[type=submit]")
    assert "/admin/login/" not in tab.url, f"{username} could not log in"

"""Issue 13, §5: the "Påkrevd innhold" panel links to the fields, is ignored for ended units, and submitting
a page that lacks required content warns (but does not block)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from servicepages.choices import UnitStatus

from . import actions

pytestmark = pytest.mark.django_db

LACKS = "This page lacks required content:"


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def lacks_texts():
    with translation.override("nb"):
        return {LACKS, gettext(LACKS)}


def edit_html(client, page):
    response = client.get(actions.edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


def test_missing_items_link_to_their_fields(client, editorial):
    page = editorial.vest_service
    page.goals = ""
    page.save_revision().publish()
    html = edit_html(login(client, editorial.users.vest_editor1), page)
    assert any(text in html for text in lacks_texts())
    anchors = re.findall(r'<li><a href="#([^"]+)">', html)
    assert anchors, "the missing items are not links"
    for anchor in anchors:
        assert f'id="{anchor}"' in html, f"#{anchor} is not an element of the edit form"
    # The goals link goes to the section that holds the goals field.
    goals_anchor = next(a for a in anchors if html.find('name="goals"', html.find(f'id="{a}"')) > 0)
    assert goals_anchor.endswith("-section")


@pytest.mark.parametrize("status", [UnitStatus.DISCONTINUED, UnitStatus.CONTINUED])
def test_the_panel_is_ignored_for_ended_units(client, editorial, status):
    page = editorial.vest_service
    page.goals = ""
    page.status = status
    page.save_revision().publish()
    html = edit_html(login(client, editorial.users.vest_editor1), page)
    assert not any(text in html for text in lacks_texts())
    # Nor does submitting it warn.
    response = actions.submit(client, Page.objects.get(pk=page.pk).specific)
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_submitting_with_missing_required_content_warns_but_goes_ahead(client, editorial):
    page = editorial.vest_service  # no contact person or e-mail
    login(client, editorial.users.vest_editor1)
    response = actions.submit(client, page, title="Uten kontakt")
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1, warnings
    assert "Kontakt" in warnings[0] or "Contact" in warnings[0]


def test_submitting_complete_content_does_not_warn(client, editorial):
    page = editorial.vest_service
    page.referral_criteria = "<p>Henvisning fra spesialisthelsetjenesten.</p>"  # an emptied editor is not content
    page.save_revision().publish()
    response = actions.submit(
        login(client, editorial.users.vest_editor1), page, title="Komplett", contact_email="post@example.no"
    )
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_an_emptied_rich_text_field_counts_as_missing(editorial):
    page = editorial.vest_service
    with translation.override("en"):
        page.goals = '<p data-block-key="a1b2c"></p><p data-block-key="d3e4f">&nbsp;</p>'
        assert "Goals" in [str(label) for label in page.get_missing_required_content()]
        page.goals = '<p data-block-key="a1b2c">Bedre behandling.</p>'
        assert "Goals" not in [str(label) for label in page.get_missing_required_content()]


def _under_review_without_goals(client, editorial):
    page = editorial.vest_service
    page.goals = ""
    page.save_revision().publish()
    login(client, editorial.users.vest_editor1)
    actions.submit(client, page, title="Til godkjenning")
    return Page.objects.get(pk=page.pk).specific


def test_the_moderators_review_dialog_lists_what_the_revision_lacks(client, editorial):
    page = _under_review_without_goals(client, editorial)
    login(client, editorial.users.vest_moderator1)
    task_state = page.current_workflow_task_state
    for action in ("approve", "reject"):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        response = client.get(url)
        assert response.status_code == 200
        html = response.json()["html"]
        assert "Versjonen til godkjenning mangler påkrevd innhold" in html
        link = re.search(r'<li><a href="([^"]+)">Mål</a></li>', html)
        assert link, html
        assert link.group(1).startswith(actions.edit_url(page) + "#")
    # The dialog still approves.
    response = actions.approve(client, page, comment="Mål kommer senere")
    assert response.status_code in (200, 302)
    assert not Page.objects.get(pk=page.pk).workflow_in_progress


def test_the_awaiting_review_panel_shows_what_each_page_lacks(client, editorial):
    _under_review_without_goals(client, editorial)
    html = login(client, editorial.users.vest_moderator1).get(reverse("wagtailadmin_home")).content.decode()
    assert "editorial-awaiting-review" in html
    panel = html[html.find("editorial-awaiting-review") :]
    assert "Påkrevd innhold" in panel
    assert "Mangler" in panel and "Mål" in panel

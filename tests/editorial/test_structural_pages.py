"""The home page and the service index: the national group's rights on the page itself, never below it.

The permission matrix (test_permission_matrix.py) covers every role × action on these two pages; these
tests cover what the matrix does not: the explorer, the workflow, the ways an action on the page could
reach the regions below it (unpublishing with descendants, view restrictions, new subpages), and the
permission policy that Wagtail's page actions consult.
"""

import pytest
from django.urls import reverse
from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page, PageViewRestriction
from wagtail.permissions import policy_registry

from cms.core.permissions import PageOnlyPermissionPolicy, PageOnlyPermissionTester
from editorial.roles import NATIONAL_WORKFLOW_NAME, workflow_name
from servicepages.models import ServiceIndexPage

from . import actions
from .test_workflow import assert_denied, login, recipients, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(editorial_module):
    site = editorial_module
    site.service_index = ServiceIndexPage.objects.get()
    return site


def structural_pages(site):
    return [site.home, site.service_index]


def test_the_national_user_reaches_both_pages_in_the_explorer(client, site):
    login(client, site.users.national1)
    root = client.get(reverse("wagtailadmin_explore_root"))
    assert root.status_code in (200, 302)
    for page in structural_pages(site):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 200
        assert actions.edit_url(page) in response.content.decode(), f"no edit link for {page.title}"
    # The service index is listed under the home page with its edit link; the regions stay read-only.
    listing = client.get(reverse("wagtailadmin_explore", args=[site.service_index.pk])).content.decode()
    for region_page in site.region_pages.values():
        assert actions.edit_url(region_page) not in listing


def test_regional_users_get_no_edit_link_to_either_page(client, site):
    login(client, site.users.vest_moderator1)
    for page in structural_pages(site):
        assert_denied(client.get(actions.edit_url(page)))
        assert not page.permissions_for_user(site.users.vest_moderator1).can_edit()


def test_both_pages_use_the_national_workflow_and_regions_keep_theirs(site):
    for page in structural_pages(site):
        assert page.get_workflow().name == NATIONAL_WORKFLOW_NAME
    for slug, region_page in site.region_pages.items():
        assert region_page.get_workflow().name == workflow_name(site.regions[slug])


def test_submitting_the_service_index_notifies_only_the_national_group(client, site, mailoutbox):
    response = actions.submit(login(client, site.users.national1), site.service_index, title="Tjenester (ny)")
    assert response.status_code == 302, actions.form_errors(response)
    assert reload(site.service_index).workflow_in_progress
    assert recipients() == ["nasjonal2@example.no"]

    mailoutbox.clear()
    login(client, site.users.national2)
    assert actions.approve(client, site.service_index).status_code == 302
    page = reload(site.service_index)
    assert page.live and page.title == "Tjenester (ny)" and not page.workflow_in_progress
    assert recipients() == ["nasjonal1@example.no"]


def test_self_approval_of_the_home_page_is_refused(client, site):
    login(client, site.users.national1)
    actions.submit(client, site.home, title="Ny forside")
    actions.approve(client, site.home)
    assert reload(site.home).workflow_in_progress
    assert reload(site.home).title != "Ny forside"


def test_unpublishing_the_service_index_with_descendants_leaves_the_regions_live(client, site):
    login(client, site.users.national1)
    url = reverse("wagtailadmin_pages:unpublish", args=[site.service_index.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"include_descendants": "on"})
    assert not reload(site.service_index).live
    below = Page.objects.descendant_of(site.service_index)
    assert below.exists() and not below.filter(live=False).exists()


def test_no_view_restriction_on_either_page(client, site):
    """A restriction would cover every region below; it needs a tree grant (administrators)."""
    login(client, site.users.national1)
    for page in structural_pages(site):
        url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
        assert_denied(client.get(url))
        client.post(url, {"restriction_type": "password", "password": "hemmelig"})
        assert not page.permissions_for_user(site.users.national1).can_set_view_restrictions()
    assert not PageViewRestriction.objects.exists()


def test_no_new_pages_reordering_or_locking_on_either_page(client, site):
    national = site.users.national1
    login(client, national)
    assert_denied(client.get(reverse("wagtailadmin_pages:add_subpage", args=[site.home.pk])))
    assert_denied(
        client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", site.home.pk])),
    )
    assert_denied(
        client.get(reverse("wagtailadmin_pages:add", args=["servicepages", "regionpage", site.service_index.pk]))
    )
    client.post(reverse("wagtailadmin_pages:lock", args=[site.home.pk]))
    assert not reload(site.home).locked
    for page in structural_pages(site):
        perms = page.permissions_for_user(national)
        assert not (perms.can_add_subpage() or perms.can_publish_subpage() or perms.can_reorder_children())
        assert not (perms.can_delete() or perms.can_move() or perms.can_copy() or perms.can_lock())


def test_the_national_user_still_cannot_touch_the_regions(client, site):
    national = site.users.national1
    login(client, national)
    for page in [*site.region_pages.values(), site.vest_service, site.nord_service]:
        assert_denied(client.get(actions.edit_url(page)))
        perms = page.permissions_for_user(national)
        assert not isinstance(perms, PageOnlyPermissionTester)
        assert not (perms.can_edit() or perms.can_publish() or perms.can_unpublish() or perms.can_delete())


def test_the_permission_policy_agrees_with_the_tester(site):
    national, moderator = site.users.national1, site.users.vest_moderator1
    for page in structural_pages(site):
        policy = policy_registry.get(page)
        assert isinstance(policy, PageOnlyPermissionPolicy)
        assert policy.user_has_permission_for_instance(national, "change", page)
        assert policy.user_has_permission_for_instance(national, "publish", page)
        assert not policy.user_has_permission_for_instance(national, "delete", page)
        assert not policy.user_has_permission_for_instance(national, "add", page)
        assert not policy.user_has_permission_for_instance(moderator, "change", page)
        publishers = set(policy.users_with_permission_for_instance("publish", page).values_list("username", flat=True))
        assert {"nasjonal1", "nasjonal2", "admin"} <= publishers
        assert not publishers & {"vest.moderator1", "vest.redaktor1", "nord.moderator1"}
        assert page in policy.instances_user_has_permission_for(national, "change")
        assert page not in policy.instances_user_has_permission_for(moderator, "change")
        # Wagtail's page edit action asks both the policy and the tester.
        assert EditPageAction(page, user=national).user_has_permission()
        assert not EditPageAction(page, user=moderator).user_has_permission()
    region_page = site.region_pages["helse-vest"]
    assert not isinstance(policy_registry.get(region_page), PageOnlyPermissionPolicy)
    assert not policy_registry.get(region_page).user_has_permission_for_instance(national, "change", region_page)


def test_an_inactive_national_user_has_no_rights(site):
    national = site.users.national1
    national.is_active = False
    for page in structural_pages(site):
        perms = page.permissions_for_user(national)
        assert not (perms.can_edit() or perms.can_publish() or perms.can_unpublish())

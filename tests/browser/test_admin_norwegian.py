"""The admin speaks bokmål: a regional editor, a regional moderator and the national group walk the screens
they use on the demo content, and every English text met on the way is reported with the screen it is on.

The English is found by tests/browser/english.py: Wagtail's, Django's and the project's source strings that
have no bokmål translation in the catalogues the site uses, plus English label words. The second test shows
that the check notices one missing translation.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from . import english
from .admin_session import demo_site, log_in  # noqa: F401 - demo_site is a fixture
from .conftest import caches_clear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EDITOR, MODERATOR, NATIONAL = "sorost.redaktor", "sorost.moderator", "nasjonal"
# Demo content people wrote (titles, names, texts) is not UI; neither are e-mail addresses.
CONTENT_SELECTORS = ".title-wrapper, [data-nb-content]"


SIDEBAR_MENUS = "#wagtail-sidebar button[aria-haspopup], #wagtail-sidebar a[aria-haspopup]"
DROPDOWN = "[data-controller~='w-dropdown'] > button"
DROPDOWNS = "main " + DROPDOWN + ", header button[aria-haspopup]"
FILTER_MENU = ".w-drilldown .w-dropdown--drilldown > button.w-dropdown__toggle"
FILTER_TOGGLES = "button.w-drilldown__toggle"
DIALOG_TRIGGERS = "button[data-a11y-dialog-show], button[data-w-dialog-target], [data-dialog-trigger]"


def record_third_party_requests(tab, own_origin):
    """A list that fills with the address of every request the tab makes to another site."""
    requests = []
    own = (own_origin, "data:", "blob:", "about:")
    tab.on("request", lambda request: None if request.url.startswith(own) else requests.append(request.url))
    return requests


class Walk:
    """One role's walk through the admin: collects the English per screen."""

    def __init__(self, tab, base_url, role):
        self.tab, self.base_url, self.role = tab, base_url, role
        self.found = {}

    def check(self, screen):
        for attempt in range(3):
            try:
                self.tab.wait_for_load_state("load")
                found = english.english_on(self.tab, ignore=("@",))
                break
            except PlaywrightError:  # the page navigated while being read: read it again once it has loaded
                if attempt == 2:
                    raise
                self.tab.wait_for_timeout(500)
        for text, reason in found.items():
            self.found.setdefault(f"{self.role} · {screen}", {})[text] = reason

    def visit(self, screen, path):
        response = self.tab.goto(self.base_url + path)
        assert response is not None and response.status < 500, f"{screen} ({path}) answered {response.status}"
        self.check(screen)
        return response

    def click_each(self, screen, selector, limit=12):
        """Open each matching toggle (menus, dropdowns, tabs, side panels) in turn and check what it shows."""
        for index in range(min(self.tab.locator(selector).count(), limit)):
            toggle = self.tab.locator(selector).nth(index)
            if not toggle.is_visible():
                continue
            label = (toggle.get_attribute("aria-label") or toggle.inner_text() or "").strip()[:40]
            try:
                toggle.click(timeout=3_000)
            except PlaywrightError:
                continue
            self.tab.wait_for_timeout(100)
            self.check(f"{screen} › {label}")
            self.tab.keyboard.press("Escape")

    def open_filters(self, screen):
        """Open the listing's filter menu and each of its filters in turn."""
        menu = self.tab.locator(FILTER_MENU).first
        if not menu.count() or not menu.is_visible():
            return
        menu.click()
        self.check(f"{screen} › filtre")
        for index in range(self.tab.locator(FILTER_TOGGLES).count()):
            toggle = self.tab.locator(FILTER_TOGGLES).nth(index)
            if not toggle.is_visible():
                continue
            label = toggle.inner_text().strip()[:30]
            toggle.click()
            self.tab.wait_for_timeout(100)
            self.check(f"{screen} › filtre › {label}")
            back = self.tab.locator(".w-drilldown__back:visible").first
            if back.count():
                back.click()
        self.tab.keyboard.press("Escape")

    def open_menus(self, screen):
        self.click_each(screen + " (meny)", SIDEBAR_MENUS)
        self.click_each(screen + " (nedtrekk)", DROPDOWNS)


def demo_objects():
    from wagtail.models import Page

    from registers.models import AnnualReport
    from servicepages.models import NationalUnitPage, RegionPage

    region = RegionPage.objects.get(slug="helse-sor-ost")
    units = NationalUnitPage.objects.live().descendant_of(region).order_by("path")
    return {
        "region": region,
        "unit": units[0],
        "in_review": units[1],
        "home": Page.objects.get(depth=2),
        "report": AnnualReport.objects.filter(assessing_region__name="Helse Sør-Øst").order_by("pk").first(),
    }


def put_in_review(page, username):
    """Two revisions (for history and compare) and a submission for review (workflow state and history)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    page = page.specific
    page.search_description = "Første utkast"
    page.save_revision(user=user)
    page.search_description = "Andre utkast"
    revision = page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return revision


def walk_common(walk, objects, *, edit_page, full):
    """The screens every role uses; with full=False (the second and third role, to keep the test short) the
    screens that look the same for every role are left out: search, history, revisions, images, documents
    and account settings."""
    unit, region = edit_page, objects["region"]
    walk.visit("dashbord", "/admin/")
    walk.open_menus("dashbord")

    walk.visit("sideutforsker", f"/admin/pages/{region.pk}/")
    walk.open_filters("sideutforsker")
    walk.visit("sideutforsker, filtrert", f"/admin/pages/{region.pk}/?has_child_pages=false&ordering=-title")
    checkbox = walk.tab.locator("input[data-bulk-action-checkbox]").first
    if checkbox.count() and checkbox.is_visible():
        checkbox.check()
        walk.check("sideutforsker › massehandlinger")
        walk.click_each("sideutforsker › massehandlinger", "[data-bulk-action-footer] " + DROPDOWN)
    if full:
        walk.visit("admin-søk", "/admin/pages/search/?q=behandling")

    walk.visit("redigering", f"/admin/pages/{unit.pk}/edit/")
    walk.tab.evaluate("() => localStorage.clear()")
    walk.click_each("redigering › fane", "[role=tablist] [role=tab]")
    walk.click_each("redigering › sidepanel", "button[data-side-panel-toggle]")
    walk.click_each("redigering › handlinger", "footer " + DROPDOWN)
    walk.click_each("redigering › dialog", DIALOG_TRIGGERS, limit=6)
    # Validation: an empty title, saved as a draft.
    walk.visit("redigering", f"/admin/pages/{unit.pk}/edit/")
    title = walk.tab.locator("#id_title")
    if title.count():
        title.fill("")
        walk.tab.keyboard.press("Control+s")
        walk.tab.wait_for_timeout(800)
        walk.check("redigering › valideringsfeil")

    for screen, name in [
        ("rapport låste sider", "wagtailadmin_reports:locked_pages"),
        ("rapport arbeidsflyter", "wagtailadmin_reports:workflow"),
        ("rapport arbeidsflytoppgaver", "wagtailadmin_reports:workflow_tasks"),
        ("rapport nettstedshistorikk", "wagtailadmin_reports:site_history"),
        ("rapport aldrende sider", "wagtailadmin_reports:aging_pages"),
        ("rapport sidetyper", "wagtailadmin_reports:page_types_usage"),
    ]:
        walk.visit(screen, reverse(name))
        walk.open_filters(screen)
    if full:
        walk_history_and_media(walk, unit)


def walk_history_and_media(walk, unit):
    walk.visit("historikk", reverse("wagtailadmin_pages:history", args=[unit.pk]))
    revisions = list(unit.revisions.order_by("-created_at").values_list("pk", flat=True)[:2])
    if len(revisions) == 2:
        compare = reverse("wagtailadmin_pages:revisions_compare", args=[unit.pk, revisions[1], revisions[0]])
        walk.visit("sammenlign", compare)
        walk.visit("tilbakestill", reverse("wagtailadmin_pages:revisions_revert", args=[unit.pk, revisions[1]]))
    walk.visit("revisjoner", reverse("wagtailadmin_pages:revisions_index", args=[unit.pk]))
    walk.visit("arbeidsflythistorikk", reverse("wagtailadmin_pages:workflow_history", args=[unit.pk]))
    state = unit.workflow_states.order_by("-created_at").first()
    if state:
        detail = reverse("wagtailadmin_pages:workflow_history_detail", args=[unit.pk, state.pk])
        walk.visit("arbeidsflytdetaljer", detail)
    walk.visit("bilder", "/admin/images/")
    walk.open_filters("bilder")
    walk.visit("dokumenter", "/admin/documents/")
    walk.open_filters("dokumenter")
    walk.visit("kontoinnstillinger", reverse("wagtailadmin_account"))


def walk_snippets(walk):
    from wagtail.snippets.models import get_snippet_models

    walk.visit("fellesinnhold", "/admin/snippets/")
    for model in get_snippet_models():
        if model._meta.app_label != "organisations":
            continue
        viewset = model.snippet_viewset
        walk.visit(f"fellesinnhold {model._meta.model_name}", reverse(viewset.get_url_name("list")))
        first = model.objects.order_by("pk").first()
        if first:
            edit = reverse(viewset.get_url_name("edit"), args=[first.pk])
            walk.visit(f"fellesinnhold {model._meta.model_name} redigering", edit)


def walk_registers(walk, report):
    base = "/admin/registers/annualreport/"
    walk.visit("register årsrapporter", base)
    walk.click_each("register årsrapporter", "main " + DROPDOWN, limit=4)
    if report:
        walk.visit("register årsrapport inspeksjon", f"{base}inspect/{report.pk}/")
        walk.visit("register årsrapport redigering", f"{base}edit/{report.pk}/")
    walk.visit("register søknader", "/admin/registers/application/")


def walk_moderator_review(walk, page):
    """The review as a moderator: the edit view of a page in review, its action menu and the dialogs of the
    workflow actions that ask for a comment (request changes, approve with comment)."""
    walk.visit("gjennomgang, redigering", f"/admin/pages/{page.pk}/edit/")
    toggle = walk.tab.locator("footer " + DROPDOWN).first
    dialogs = "footer button[data-workflow-action-modal-url]"
    for index in range(walk.tab.locator(dialogs).count()):
        toggle.click()
        button = walk.tab.locator(dialogs).nth(index)
        label = button.inner_text().strip()[:30]
        button.click()
        walk.tab.locator(".modal-dialog .modal-content, [role=dialog][aria-hidden=false]").first.wait_for(
            state="visible"
        )
        walk.tab.wait_for_timeout(300)
        walk.check(f"arbeidsflytdialog › {label}")
        walk.tab.keyboard.press("Escape")
        walk.tab.wait_for_timeout(300)


def report(found):
    lines = []
    for screen, texts in found.items():
        for text, reason in texts.items():
            lines.append(f"{screen}: «{text[:120]}» ({reason})")
    return f"{len(lines)} English text(s) on the admin screens:\n" + "\n".join(sorted(lines))


@pytest.mark.usefixtures("demo_site")
def test_every_admin_screen_is_in_norwegian_for_each_role(browser, live_server):
    caches_clear()
    objects = demo_objects()
    put_in_review(objects["in_review"], EDITOR)
    found = {}
    roles = [(EDITOR, objects["in_review"]), (MODERATOR, objects["in_review"]), (NATIONAL, objects["home"])]
    for role, edit_page in roles:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        third_party = record_third_party_requests(tab, live_server.url)
        walk = Walk(tab, live_server.url, role)
        if role == EDITOR:
            walk.visit("innlogging", "/admin/login/")
        log_in(tab, live_server.url, role)
        walk_common(walk, objects, edit_page=edit_page, full=role == EDITOR)
        if role == MODERATOR:
            walk_moderator_review(walk, objects["in_review"])
        if role == NATIONAL:
            walk_snippets(walk)
        walk_registers(walk, objects["report"])
        context.close()
        found.update(walk.found)
        assert not third_party, f"{role}: the admin asked other sites for {sorted(set(third_party))[:5]}"
    assert not found, report(found)


def remove_translation(msgid):
    """Take one msgid out of the running site's bokmål catalogue; returns a function that puts it back."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("nb")._catalog
    removed = [(part, part.pop(msgid)) for part in catalogue._catalogs if msgid in part]
    english.vocabulary.cache_clear()

    def restore():
        for part, value in removed:
            part[msgid] = value
        english.vocabulary.cache_clear()

    return restore


def test_the_check_names_a_string_whose_translation_is_removed(tab, live_server, django_user_model):
    """The reports menu's «Arbeidsflyter» comes from the project catalogue. Without that entry the screen says
    «Workflows», and the check must say so, naming the text."""
    django_user_model.objects.create_superuser("sjekk", "sjekk@example.no", "passord-for-sjekk")
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("input[name=username]", "sjekk")
    tab.fill("input[name=password]", "passord-for-sjekk")
    with tab.expect_navigation():
        tab.click("form button[type=submit]")
    workflows = reverse("wagtailadmin_reports:workflow")

    tab.goto(live_server.url + workflows)
    assert "Workflows" not in english.english_on(tab), "the workflow report is English with the full catalogue"

    restore = remove_translation("Workflows")
    try:
        tab.goto(live_server.url + workflows)
        found = english.english_on(tab)
    finally:
        restore()
    assert "Workflows" in found, f"the check did not notice «Workflows» without its translation (found: {found})"

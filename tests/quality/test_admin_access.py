"""Exhaustive access check of the admin (issue 18, §2): every admin URL that takes an object id, found by walking
the URL resolver, is requested (GET) as every demo role against an object of another region — a Helse Sør-Øst
page with a draft in moderation, its region's image, document, collection, workflow, groups and users, its
annual report and application — and against personal data (event registrations) as a plain admin user.

Each URL name has an expected outcome in ``EXPECTED``; by default every role is refused (a redirect to the
login or the dashboard, 400, 403, 404 or 405). Where a role may see the object, the table says so and why.
A URL name that is not in the table fails the test: a new admin view must be given an expected outcome.
"""

import io
import json
from pathlib import Path

import pytest
import wagtail.admin
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Site, UploadedFile

from cms.core.factories import UserFactory
from cms.core.security import SUPERUSER_ONLY_VIEWS
from editorial.models import RegionTeam
from events.models import EventPage, Registration
from organisations.models import ContactPerson, HealthTrust, MedicalField, Region
from outbox.models import OutboxMessage
from registers.models import ActivityFigures, AnnualReport, Application, RegionPopulation
from search.models import SearchSynonym
from servicepages.models import NationalUnitPage

REFUSED, ALLOWED = "refused", "allowed"
ROLES = ["vest.redaktor", "vest.moderator", "nasjonal", "plain"]
DRAFT_TITLE = "Hemmelig utkast i Helse Sør-Øst"

# Who may see what, and why (anything not listed: refused for every role).
NATIONAL_SNIPPETS = {"nasjonal": ALLOWED}  # the national group manages the organisation snippets
VIEW_SNIPPETS = {"vest.redaktor": ALLOWED, "vest.moderator": ALLOWED, "nasjonal": ALLOWED}  # may view them
NATIONAL_REGISTERS = {"nasjonal": ALLOWED}  # the national group keeps every register
NATIONAL_BROWSES = {"nasjonal": ALLOWED}  # the national group browses the regions read-only
NATIONAL_MEDIA = {"nasjonal": ALLOWED}  # and may choose any image or document (CHOOSE_MEDIA_PERMISSIONS)
ANYONE = dict.fromkeys(ROLES, ALLOWED)
POPULATION_READERS = {"vest.moderator": ALLOWED, "nasjonal": ALLOWED}

# url name -> (the object it is asked about, expected outcomes per role that is not refused)
EXPECTED = {
    "wagtailadmin_api:pages:detail": ("page", NATIONAL_BROWSES),
    "wagtailadmin_api:pages:action": ("page", {}),
    "wagtailadmin_api:documents:detail": ("document", NATIONAL_MEDIA),
    "wagtailadmin_api:images:detail": ("image", NATIONAL_MEDIA),
    "wagtailadmin_explore": ("page", NATIONAL_BROWSES),
    "wagtailadmin_explore_results": ("page", NATIONAL_BROWSES),
    "wagtail_bulk_action": ("bulk", {}),
    "wagtailadmin_pages:add": ("page", {}),
    "wagtailadmin_pages:preview_on_add": ("page", {}),
    "wagtailadmin_pages:type_use": ("page", {}),
    "wagtailadmin_pages:type_use_results": ("page", {}),
    # Lists only pages the user may add under (a regional role has one, and is sent straight to it).
    "wagtailadmin_pages:choose_parent": ("page_type", {"nasjonal": ALLOWED, "plain": ALLOWED}),
    "wagtailadmin_pages:usage": ("page", {}),
    "wagtailadmin_pages:edit": ("page", {}),
    "wagtailadmin_pages:preview_on_edit": ("page", {}),
    "wagtailadmin_pages:view_draft": ("page", {}),
    "wagtailadmin_pages:add_subpage": ("page", {}),
    "wagtailadmin_pages:delete": ("page", {}),
    "wagtailadmin_pages:unpublish": ("page", {}),
    "wagtailadmin_pages:convert_alias": ("page", {}),
    "wagtailadmin_pages:move": ("page", {}),
    "wagtailadmin_pages:move_confirm": ("page", {}),
    "wagtailadmin_pages:set_page_position": ("page", {}),
    "wagtailadmin_pages:copy": ("page", {}),
    "wagtailadmin_pages:workflow_action": ("page", {}),
    "wagtailadmin_pages:collect_workflow_action_data": ("page", {}),
    "wagtailadmin_pages:confirm_workflow_cancellation": ("page", {}),
    "wagtailadmin_pages:workflow_preview": ("page", {}),
    "wagtailadmin_pages:set_privacy": ("page", {}),
    "wagtailadmin_pages:lock": ("page", {}),
    "wagtailadmin_pages:unlock": ("page", {}),
    "wagtailadmin_pages:revisions_index": ("page", {}),
    "wagtailadmin_pages:revisions_view": ("page", {}),
    "wagtailadmin_pages:revisions_revert": ("page", {}),
    "wagtailadmin_pages:revisions_unschedule": ("page", {}),
    "wagtailadmin_pages:revisions_compare": ("page", {}),
    "wagtailadmin_pages:workflow_history": ("page", {}),
    "wagtailadmin_pages:workflow_history_detail": ("page", {}),
    "wagtailadmin_pages:history": ("page", {}),
    "wagtailadmin_pages:history_results": ("page", {}),
    "wagtailadmin_choose_page_child": ("page", ANYONE),  # links may point anywhere; drafts are left out
    "wagtailadmin_tag_model_autocomplete": ("tags", ANYONE),  # tag names are shared by every collection
    "wagtailadmin_collections:edit": ("collection", {}),
    "wagtailadmin_collections:delete": ("collection", {}),
    "wagtailadmin_collections:set_privacy": ("collection", {}),
    "wagtailadmin_workflows:enable": ("workflow", {}),
    "wagtailadmin_workflows:disable": ("workflow", {}),
    "wagtailadmin_workflows:edit": ("workflow", {}),
    "wagtailadmin_workflows:usage": ("workflow", {}),
    "wagtailadmin_workflows:usage_results": ("workflow", {}),
    "wagtailadmin_workflows:remove": ("workflow", {}),
    "wagtailadmin_workflows:add_task": ("task_type", {}),
    "wagtailadmin_workflows:edit_task": ("task", {}),
    "wagtailadmin_workflows:disable_task": ("task", {}),
    "wagtailadmin_workflows:enable_task": ("task", {}),
    "wagtailadmin_workflows:task_chosen": ("task", ANYONE),  # a task's name ("Helse Sør-Øst godkjenning")
    "wagtailadmin_editing_sessions:ping": ("editing_session", {}),
    "wagtailadmin_editing_sessions:release": ("editing_session", {}),
    "registers_annualreport_modeladmin_edit": ("annualreport", NATIONAL_REGISTERS),
    "registers_annualreport_modeladmin_delete": ("annualreport", NATIONAL_REGISTERS),
    "registers_annualreport_modeladmin_inspect": ("annualreport", NATIONAL_REGISTERS),
    "registers_application_modeladmin_edit": ("application", NATIONAL_REGISTERS),
    "registers_application_modeladmin_delete": ("application", NATIONAL_REGISTERS),
    # Applications are ranked nationally: every regional moderator reads all of them (registers/admin_views.py).
    "registers_application_modeladmin_inspect": ("application", {"nasjonal": ALLOWED, "vest.moderator": ALLOWED}),
    # The register as of a date and its change log, each limited to the user's own region inside.
    "registers_as_of": ("register", {"nasjonal": ALLOWED, "vest.moderator": ALLOWED}),
    "registers_changes": ("register", {"nasjonal": ALLOWED, "vest.moderator": ALLOWED}),
    "registers_activityfigures_modeladmin_edit": ("activityfigures", NATIONAL_REGISTERS),
    "registers_activityfigures_modeladmin_delete": ("activityfigures", NATIONAL_REGISTERS),
    "registers_activityfigures_modeladmin_inspect": ("activityfigures", NATIONAL_REGISTERS),
    # Population per region is public reference data the national group keeps; the regions may read it.
    "registers_regionpopulation_modeladmin_edit": ("regionpopulation", NATIONAL_REGISTERS),
    "registers_regionpopulation_modeladmin_delete": ("regionpopulation", NATIONAL_REGISTERS),
    "registers_regionpopulation_modeladmin_inspect": ("regionpopulation", POPULATION_READERS),
    # The outbox holds personal data (registrants' mails): superusers only.
    "outbox_outboxmessage_modeladmin_edit": ("outboxmessage", {}),
    "outbox_outboxmessage_modeladmin_delete": ("outboxmessage", {}),
    "outbox_outboxmessage_modeladmin_inspect": ("outboxmessage", {}),
    "outbox_outboxmessage_modeladmin_resend": ("outboxmessage", {}),
    "editorial_cancel_workflow": ("page", {}),
    "events_registration_modeladmin_edit": ("registration", {}),
    "events_registration_modeladmin_delete": ("registration", {}),
    "events_registration_modeladmin_inspect": ("registration", {"nasjonal": ALLOWED}),
    "wagtailforms:list_submissions": ("page", {}),
    "wagtailforms:list_submissions_results": ("page", {}),
    "wagtailforms:delete_submissions": ("page", {}),
    "wagtailredirects:edit": ("redirect", {}),
    "wagtailredirects:delete": ("redirect", {}),
    "wagtailsettings:edit": ("setting", {}),
    "wagtailsettings:preview_on_edit": ("setting", {}),
    "wagtailsearchpromotions:edit": ("searchpick", NATIONAL_SNIPPETS),  # the national group keeps the search
    "wagtailsearchpromotions:delete": ("searchpick", NATIONAL_SNIPPETS),
    "wagtaildocs:edit": ("document", {}),
    "wagtaildocs:delete": ("document", {}),
    "wagtaildocs:edit_multiple": ("document", {}),
    "wagtaildocs:create_multiple_from_uploaded_document": ("uploaded_file", {}),
    "wagtaildocs:delete_multiple": ("document", {}),
    "wagtaildocs:delete_upload_multiple": ("uploaded_file", {}),
    "wagtaildocs:document_usage": ("document", {}),
    "wagtailimages:edit": ("image", {}),
    "wagtailimages:delete": ("image", {}),
    "wagtailimages:url_generator": ("image", {}),
    "wagtailimages:url_generator_output": ("image", {}),
    "wagtailimages:preview": ("image", {}),
    "wagtailimages:image_usage": ("image", {}),
    "wagtailimages:edit_multiple": ("image", {}),
    "wagtailimages:create_multiple_from_uploaded_image": ("uploaded_file", {}),
    "wagtailimages:delete_multiple": ("image", {}),
    "wagtailimages:delete_upload_multiple": ("uploaded_file", {}),
    "wagtaildocs_chooser:chosen": ("document", NATIONAL_MEDIA),
    "wagtailimages_chooser:chosen": ("image", NATIONAL_MEDIA),
    "wagtailimages_chooser:select_format": ("image", NATIONAL_MEDIA),
    "wagtailsites:edit": ("site", {}),
    "wagtailsites:delete": ("site", {}),
    "wagtailsites:history": ("site", {}),
    "wagtailsites:history_results": ("site", {}),
    "wagtailsites:usage": ("site", {}),
    "wagtailsites:copy": ("site", {}),
    "wagtailusers_users:edit": ("user", {}),
    "wagtailusers_users:delete": ("user", {}),
    "wagtailusers_users:history": ("user", {}),
    "wagtailusers_users:history_results": ("user", {}),
    "wagtailusers_users:usage": ("user", {}),
    "wagtailusers_users:copy": ("user", {}),
    "wagtailusers_groups:edit": ("group", {}),
    "wagtailusers_groups:delete": ("group", {}),
    "wagtailusers_groups:history": ("group", {}),
    "wagtailusers_groups:history_results": ("group", {}),
    "wagtailusers_groups:usage": ("group", {}),
    "wagtailadmin_password_reset_confirm": ("password_reset", ANYONE),  # a public page, checks its token
}
SNIPPET_VIEWS = ["edit", "delete", "usage", "history", "history_results", "copy", "revisions_revert"]
SNIPPET_VIEWS += ["revisions_compare", "revisions_unschedule", "unpublish", "lock", "unlock"]
for model, readers in [
    ("region", VIEW_SNIPPETS),
    ("healthtrust", VIEW_SNIPPETS),
    ("medicalfield", VIEW_SNIPPETS),
    ("contactperson", VIEW_SNIPPETS),
]:
    for view in SNIPPET_VIEWS:
        EXPECTED[f"wagtailsnippets_organisations_{model}:{view}"] = (model, {})
    # The national group manages these snippets; the regional groups may only view and choose them.
    for view in ("edit", "delete", "usage", "history", "history_results", "copy", "revisions_revert"):
        EXPECTED[f"wagtailsnippets_organisations_{model}:{view}"] = (model, NATIONAL_SNIPPETS)
    EXPECTED[f"wagtailsnippets_organisations_{model}:revisions_compare"] = (model, NATIONAL_SNIPPETS)
    # (unschedule, unpublish, lock and unlock act on POST only; a GET is sent back to the edit view.)
    EXPECTED[f"wagtailsnippetchoosers_organisations_{model}:chosen"] = (model, readers)
# Contact persons have a draft state the national group publishes (issue 13 §6), so it may also unpublish
# them and unschedule their revisions.
for view in ("unpublish", "revisions_unschedule"):
    EXPECTED[f"wagtailsnippets_organisations_contactperson:{view}"] = ("contactperson", NATIONAL_SNIPPETS)
for view in ["edit", "delete", "usage", "history", "history_results", "copy"]:
    EXPECTED[f"wagtailsnippets_portal_search_searchsynonym:{view}"] = ("searchsynonym", NATIONAL_SNIPPETS)
EXPECTED["wagtailsnippetchoosers_portal_search_searchsynonym:chosen"] = ("searchsynonym", NATIONAL_SNIPPETS)


def admin_patterns():
    """(url name, pattern) for every admin URL with a parameter, from the resolver."""
    found = []

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern,
                    prefix + str(pattern.pattern),
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/") and pattern.pattern.regex.groupindex:
                    found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern))

    walk(get_resolver(), "", None)
    return found


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="sor-ost.png")


@pytest.fixture(scope="module")
def foreign(demo_site, django_db_blocker):
    """Objects of Helse Sør-Øst (another region for the Helse Vest roles), and personal data."""
    with django_db_blocker.unblock():
        User = get_user_model()
        region = Region.objects.get(slug="helse-sor-ost")
        team = RegionTeam.objects.get(region=region)
        author = User.objects.get(username="sorost.redaktor")
        page = NationalUnitPage.objects.filter(host_trusts__region=region).live().first().specific
        page.title = DRAFT_TITLE
        revision = page.save_revision(user=author, log_action=True)
        workflow = page.get_workflow()
        state = workflow.start(page, author) if workflow else None
        image = get_image_model().objects.create(title="Bilde i Helse Sør-Øst", file=png(), collection=team.collection)
        document = get_document_model().objects.create(
            title="Dokument i Helse Sør-Øst",
            file=ContentFile(b"%PDF-1.4", name="sor-ost.pdf"),
            collection=team.collection,
        )
        event = EventPage.objects.live().first()
        registration = Registration.objects.create(
            event=event, name="Personlig Navn", email="personlig@example.no", organisation="Sykehuset", region=region
        )
        report = AnnualReport.objects.filter(assessing_region=region).first()
        application = Application.objects.filter(applying_region=region).first()
        uploaded = UploadedFile.objects.create(file=ContentFile(b"x", name="upload.png"), uploaded_by_user=author)
        session = EditingSession.objects.create(user=author, content_object=page, last_seen_at=revision.created_at)
        redirect = Redirect.objects.create(old_path="/gammel-sor-ost", redirect_link="/")
        query = Query.get("sør-øst")
        SearchPromotion.objects.create(query=query, page=page, sort_order=0)
        User.objects.get_or_create(username="plain")
        plain = UserFactory(username="plain-admin", groups=["Bare admin-tilgang"])
        task_state = state.current_task_state if state else None
        return {
            "plain": plain,
            "page": page,
            "revision": revision,
            "workflow": workflow,
            "workflow_state": state,
            "task_state": task_state,
            "image": image,
            "document": document,
            "collection": team.collection,
            "registration": registration,
            "annualreport": report,
            "application": application,
            "uploaded_file": uploaded,
            "editing_session": session,
            "redirect": redirect,
            "searchpick": query,
            "region": region,
            "healthtrust": HealthTrust.objects.filter(region=region).first(),
            "medicalfield": MedicalField.objects.first(),
            "contactperson": ContactPerson.objects.first(),
            "searchsynonym": SearchSynonym.objects.first() or SearchSynonym.objects.create(terms="sorost, soraust"),
            "user": author,
            "group": Group.objects.get(name=team.editors.name),
            "site": Site.objects.get(is_default_site=True),
            # a unit of Helse Sør-Øst alone (Helse Vest's roles rightly reach the multiregional unit they co-host)
            "activityfigures": ActivityFigures.objects.filter(unit__host_trusts__region=region)
            .exclude(unit__host_trusts__region__slug="helse-vest")
            .first(),
            "regionpopulation": RegionPopulation.objects.first(),
            "outboxmessage": OutboxMessage.objects.create(
                subject="Påmelding", recipients="personlig@example.no", message={"body": "Personlig Navn"}
            ),
        }


def kwargs_for(kind, pattern, objects):
    """Values for the URL's parameters: the object of ``kind`` of another region, and what goes with it."""
    page, revision, task_state = objects["page"], objects["revision"], objects["task_state"]
    obj = objects.get(kind)
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": page.get_parent().pk,
        "revision_id": revision.pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": task_state.pk if task_state else 0,
        "workflow_state_id": objects["workflow_state"].pk if objects["workflow_state"] else 0,
        "task_id": task_state.task_id if task_state else 0,
        "action_name": "approve",
        "content_type_app_name": "servicepages",
        "content_type_model_name": page._meta.model_name,
        "app_label": "servicepages",
        "model_name": page._meta.model_name,
        "page_pk": page.pk,
        "workflow_pk": objects["workflow"].pk if objects["workflow"] else 0,
        "filter_spec": "original",
        "uidb64": "MQ",
        "token": "abc-def",
        "action": "delete",
        "session_id": objects["editing_session"].pk,
        "object_id": page.pk,
        "app_name": "wagtailimages",
    }
    if obj is not None:
        for name in ("pk", "instance_pk", "image_id", "document_id", "doc_id", "collection_id", "redirect_id"):
            values[name] = obj.pk
        values["query_id"] = obj.pk
    if kind == "page":
        values["pk"] = page.pk
    if kind in ("workflow",):
        values["pk"] = objects["workflow"].pk
    if kind == "task":
        values["pk"] = values["task_id"]
    if kind == "setting":
        values.update(app_name="core", model_name="sitecontactsettings", pk=objects["site"].pk)
    if kind == "register":
        values["model_name"] = "annualreport"
    if kind == "uploaded_file":
        values["uploaded_file_id"] = obj.pk
    if kind == "tags":
        values.update(app_name="taggit", model_name="tag")
    if kind == "bulk":
        values.update(app_label="wagtailcore", model_name="page", action="delete")
    if (
        kind in ("region", "healthtrust", "medicalfield", "contactperson")
        and "revision_id" in pattern.pattern.regex.groupindex
    ):
        latest = obj.latest_revision or obj.save_revision()
        values["revision_id"] = latest.pk
    return {name: values[name] for name in pattern.pattern.regex.groupindex}


def readable_body(response):
    """The response as text a person reads: JSON (the choosers' modal HTML, the APIs) without its \\u escapes."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


def outcome(response):
    """Refused: an error, or a redirect (to the login, the dashboard, or a view of its own that is tested by
    itself, such as the page history instead of the revisions). No admin view acts on a GET."""
    if response.status_code in (302, 400, 403, 404, 405):
        return REFUSED
    return ALLOWED


@pytest.fixture(scope="module")
def clients(foreign, django_db_blocker):
    with django_db_blocker.unblock():
        result = {}
        for role in ROLES:
            username = "plain-admin" if role == "plain" else role
            result[role] = Client()
            result[role].force_login(get_user_model().objects.get(username=username))
        return result


def test_every_admin_url_with_an_object_has_an_expected_outcome():
    names = {name for name, _ in admin_patterns()}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"New admin URL names without an expected outcome in EXPECTED: {missing}"
    assert len(names) > 100, len(names)


def test_every_admin_url_refuses_what_the_role_may_not_see(db, foreign, clients):
    problems = []
    for name, pattern in admin_patterns():
        kind, allowed = EXPECTED[name]
        url = reverse(name, kwargs=kwargs_for(kind, pattern, foreign))
        if kind == "bulk":
            url += f"?id={foreign['page'].pk}"
        for role in ROLES:
            response = clients[role].get(url)
            got = outcome(response)
            expected = allowed.get(role, REFUSED)
            if got != expected:
                problems.append(f"{role:15} {name:60} {url}: expected {expected}, got {response.status_code}")
            if got == ALLOWED and role != "nasjonal" and DRAFT_TITLE in readable_body(response):
                problems.append(f"{role:15} {name:60} {url}: shows another region's draft title")
    assert not problems, "\n" + "\n".join(problems)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_api_lists_only_the_users_collections(db, foreign, clients, endpoint):
    """Finding 8: the admin images and documents API no longer lists other regions' collections."""
    url = f"/admin/api/main/{endpoint}/"
    foreign_id = foreign["image" if endpoint == "images" else "document"].pk
    for role in ("vest.redaktor", "vest.moderator", "plain"):
        ids = [item["id"] for item in clients[role].get(url).json()["items"]]
        assert foreign_id not in ids, (role, ids)
    # The national group may choose any image or document.
    assert foreign_id in [item["id"] for item in clients["nasjonal"].get(url).json()["items"]]


def test_page_chooser_leaves_out_other_regions_unpublished_pages(db, foreign, clients):
    page = foreign["page"]
    draft = page.get_parent().add_child(instance=type(page)(title="Upublisert i Helse Sør-Øst", live=False))
    url = reverse("wagtailadmin_choose_page_child", args=[page.get_parent().pk])
    assert "Upublisert i Helse Sør-Øst" not in readable_body(clients["vest.redaktor"].get(url))
    draft.delete()


def test_the_page_chooser_names_other_regions_pages_by_their_published_title(db, foreign, clients):
    """Finding 8: a live page of Helse Sør-Øst with a draft in moderation is offered to Helse Vest by its
    published title, while Helse Sør-Øst's own editor still sees the draft's title."""
    page = foreign["page"]
    published = type(page).objects.get(pk=page.pk).title
    own_editor = Client()
    own_editor.force_login(foreign["user"])
    urls = [
        reverse("wagtailadmin_choose_page_child", args=[page.get_parent().pk]),  # the page as a row
        reverse("wagtailadmin_choose_page_child", args=[page.pk]),  # the page as the parent row
    ]
    for url in urls:
        for role in ("vest.redaktor", "vest.moderator"):
            body = readable_body(clients[role].get(url))
            assert published in body, (role, url)
            assert DRAFT_TITLE not in body, (role, url)
        assert DRAFT_TITLE in readable_body(own_editor.get(url)), url
    # The search lists it with its parent, and names both by the published titles.
    search = reverse("wagtailadmin_choose_page_search")
    body = readable_body(clients["vest.redaktor"].get(search, {"q": published.split()[-1]}))
    assert published in body
    assert DRAFT_TITLE not in body


def test_on_the_demo_site_wagtails_default_groups_hold_no_rights(db, foreign):
    """Finding 10: after migrate and load_demo_content no "Editors" or "Moderators" group has whole-tree rights."""
    groups = Group.objects.filter(name__in=["Editors", "Moderators"])
    assert not GroupPagePermission.objects.filter(group__in=groups).exists()
    assert not GroupCollectionPermission.objects.filter(group__in=groups).exists()
    assert not any(group.permissions.exists() for group in groups)


def test_the_chooser_cells_are_wagtails_own_but_for_the_title():
    """templates/wagtailadmin/chooser/tables/ overrides Wagtail's cells only to name pages by admin_title_for:
    after a Wagtail upgrade this fails when Wagtail's cells changed, so the copies are brought up to date."""
    theirs_dir = Path(wagtail.admin.__file__).parent / "templates/wagtailadmin/chooser/tables"
    ours_dir = Path(settings.BASE_DIR) / "templates/wagtailadmin/chooser/tables"

    def unchanged_lines(text):
        skip = ("{% load", "{#", "{% endwith", "admin_title", "get_admin_display_title", "{{ value }}")
        return [line for line in text.splitlines() if not any(mark in line for mark in skip)]

    for ours in sorted(ours_dir.glob("*.html")):
        theirs = theirs_dir / ours.name
        assert unchanged_lines(ours.read_text()) == unchanged_lines(theirs.read_text()), ours.name


# Lists without an object id that name pages: reports, searches, choosers, the dashboard.
PAGE_LISTS = [
    "wagtailadmin_home",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_pages:search",
    "wagtailadmin_choose_page",
]


@pytest.mark.parametrize("name", PAGE_LISTS)
def test_reports_and_lists_do_not_show_other_regions_drafts(db, foreign, clients, name):
    url = reverse(name)
    query = {"q": "Hemmelig"} if name in ("wagtailadmin_pages:search", "wagtailadmin_choose_page") else {}
    for role in ("vest.redaktor", "vest.moderator", "plain"):
        response = clients[role].get(url, query)
        assert response.status_code < 500
        if name in SUPERUSER_ONLY_VIEWS:
            assert response.status_code in (302, 403), (role, url, response.status_code)
        assert DRAFT_TITLE not in readable_body(response), (role, url)

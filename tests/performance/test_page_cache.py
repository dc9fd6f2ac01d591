"""The page cache is never stale, never personal and never a reason for an error."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.middleware.csrf import get_token
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage
from pagecache import cache as store
from tests import factories

HEADER = "X-Page-Cache"


@pytest.fixture
def page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet", introduction="Første versjon")


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_superuser("moderator", "moderator@example.no", "pw")


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.mark.django_db
def test_anonymous_visitors_share_one_rendering(client, page):
    first = get(client, page.url)
    second = get(client, page.url)
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "s-maxage" in cache_control
    assert "Cookie" in second["Vary"]
    # Tracking parameters do not split the cache; real parameters do.
    assert get(client, page.url + "?utm_source=nyhetsbrev")[HEADER] == "hit"
    assert get(client, page.url + "?side=2")[HEADER] == "miss"


@pytest.mark.django_db
def test_unchanged_page_answers_not_modified(client, page):
    etag = get(client, page.url)["ETag"]
    response = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


@pytest.mark.django_db
def test_edit_published_by_moderator_in_admin_is_visible_to_next_anonymous_request(client, page, moderator):
    assert "Første versjon" in get(client, page.url).content.decode()
    assert get(client, page.url)[HEADER] == "hit"

    editor = type(client)()
    editor.force_login(moderator)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": "Andre versjon",
            "body": streamfield([]),
            "language": "nb",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.introduction == "Andre versjon"

    response = get(client, page.url)
    assert response[HEADER] == "miss"
    assert "Andre versjon" in response.content.decode()


@pytest.mark.django_db
def test_drafts_are_never_shown_and_unpublish_move_delete_take_effect(client, page, home_page, moderator):
    get(client, page.url)
    page.introduction = "Utkast som ikke er godkjent"
    page.save_revision(user=moderator)
    assert "Utkast" not in get(client, page.url).content.decode()

    section = factories.StandardPageFactory(parent=home_page, title="Rammeverk")
    old_url = page.url
    get(client, old_url)
    page.move(section, pos="last-child", user=moderator)
    page.refresh_from_db()
    moved = client.get(old_url)  # not the cached copy: Wagtail's automatic redirect to the new place
    assert moved.status_code == 301 and moved["Location"] == page.url
    assert get(client, page.url)[HEADER] == "miss"

    page.specific.unpublish(user=moderator)
    assert client.get(page.url).status_code == 404

    get(client, section.url)
    url = section.url
    section.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_snippet_changes_shown_on_pages_invalidate_them(client, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    contact = factories.ContactPersonFactory(name="Kari Kontakt", health_trust=trust)
    unit = factories.ServicePageFactory(parent=region_pages["helse-vest"], host_trusts=[trust], contact=contact)
    index = region_pages["helse-vest"].get_parent()
    for url in (unit.url, index.url, region_pages["helse-vest"].url):
        get(client, url)
        assert get(client, url)[HEADER] == "hit"

    trust.name = "Helse Bergen HF, Haukeland universitetssjukehus"
    trust.save()
    contact.name = "Ola Kontakt"
    contact.save()
    region = regions["helse-vest"]
    region.name = "Helse Vest RHF"
    region.save()

    html = get(client, unit.url).content.decode()
    assert "Haukeland universitetssjukehus" in html and "Ola Kontakt" in html
    assert "Haukeland universitetssjukehus" in get(client, index.url).content.decode()
    assert "Helse Vest RHF" in get(client, region_pages["helse-vest"].url).content.decode()


@pytest.mark.django_db
def test_logged_in_editor_never_gets_the_anonymous_copy_and_vice_versa(client, page, moderator):
    anonymous = get(client, page.url)
    assert get(client, page.url)[HEADER] == "hit"

    editor = type(client)()
    editor.force_login(moderator)
    for _ in range(2):
        response = get(editor, page.url)
        assert response[HEADER] == "skip"
        assert "private" in response["Cache-Control"]
        assert "wagtail-userbar" in response.content.decode()

    # The editor's rendering (with the userbar) was never stored for anonymous visitors.
    response = get(client, page.url)
    assert response[HEADER] == "hit"
    assert response.content == anonymous.content
    assert "wagtail-userbar" not in response.content.decode()


@pytest.mark.django_db
def test_responses_with_csrf_tokens_or_cookies_are_not_cached(client, page, monkeypatch):
    original = StandardPage.serve

    def serve_with_form(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.render()
        response.content += f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'.encode()
        return response

    monkeypatch.setattr(StandardPage, "serve", serve_with_form)
    for _ in range(2):
        response = get(client, page.url)
        assert response[HEADER] == "skip"
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_event_page_with_registration_form_is_cached_without_a_token(client, home_page):
    """The form's CSRF field is filled per visitor (test_cached_forms.py), so the page is kept."""
    events = factories.EventIndexPageFactory(parent=home_page)
    event = factories.EventPageFactory(parent=events)
    assert [get(client, event.url)[HEADER] for _ in range(2)] == ["miss", "hit"]
    assert 'name="csrfmiddlewaretoken" value=""' in get(client, event.url).content.decode()


@pytest.mark.django_db
def test_view_restriction_added_after_caching_takes_effect(client, page):
    get(client, page.url)
    assert get(client, page.url)[HEADER] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig")
    response = get(client, page.url)
    assert "Første versjon" not in response.content.decode()
    assert response[HEADER] == "skip"


@pytest.mark.django_db
def test_pages_expire_when_an_event_starts_or_ends(home_page):
    events = factories.EventIndexPageFactory(parent=home_page)
    soon = timezone.now() + datetime.timedelta(seconds=90)
    factories.EventPageFactory(parent=events, start=soon, end=soon + datetime.timedelta(hours=2))
    seconds = store.seconds_until_clock_boundary(store.current_generation())
    assert seconds is not None and 0 < seconds <= 90


@pytest.mark.django_db
def test_unavailable_redis_means_uncached_pages_not_errors(client, page, moderator):
    closed_port = {
        "default": {
            "BACKEND": "pagecache.backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=closed_port):
        for _ in range(2):
            response = get(client, page.url)
            assert response[HEADER] == "unavailable"
            assert "Første versjon" in response.content.decode()
        # Publishing while the cache is down works, and the next request shows the edit.
        page.introduction = "Publisert mens cachen var nede"
        page.save_revision(user=moderator).publish(user=moderator)
        assert "Publisert mens cachen var nede" in get(client, page.url).content.decode()
        editor = type(client)()
        editor.force_login(moderator)
        assert editor.get("/admin/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache", [True, False])  # off: the restrictions come with the pages on the path
def test_restriction_on_a_section_hides_pages_below_it_after_they_were_rendered(
    client, home_page, settings, page_cache
):
    settings.PAGECACHE_ENABLED = page_cache
    section = factories.StandardPageFactory(parent=home_page, title="Intern seksjon")
    child = factories.StandardPageFactory(parent=section, title="Internt notat", introduction="Kun for ansatte")
    assert "Kun for ansatte" in get(client, child.url).content.decode()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x1")
    response = get(client, child.url)  # Wagtail answers with its password form
    assert "Kun for ansatte" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache", [True, False])
def test_alias_of_a_restricted_page_keeps_the_restriction(client, home_page, settings, page_cache):
    settings.PAGECACHE_ENABLED = page_cache
    source = factories.StandardPageFactory(parent=home_page, title="Original", introduction="Hemmelig innhold")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.PASSWORD, password="x2")
    other = factories.StandardPageFactory(parent=home_page, title="Annen seksjon")
    alias = source.create_alias(parent=other, update_slug="alias-av-original")
    response = get(client, alias.url)
    assert "Hemmelig innhold" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_footer_settings_and_breadcrumbs_follow_edits(client, home_page):
    from wagtail.models import Site

    from cms.core.models import SiteContactSettings

    section = factories.StandardPageFactory(parent=home_page, title="Fagområder")
    child = factories.StandardPageFactory(parent=section, title="Barn")
    content = get(client, child.url).content.decode()
    assert "Fagområder" in content
    contact = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.email = "ny-adresse@example.no"
    contact.save()
    section.title = "Fagfelt"
    section.save_revision().publish()
    content = get(client, child.url).content.decode()
    assert "ny-adresse@example.no" in content
    assert "Fagfelt" in content and "Fagområder" not in content


def test_redis_backend_reuses_one_client_and_round_trips_values():
    """Against the Redis the production settings use (skipped where none runs on 127.0.0.1:6379)."""
    import redis

    from pagecache.backends import ResilientRedisCache

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    cache = ResilientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "pagecache-test"})
    cache.set("a", {"title": "Forside"}, 30)
    assert cache.get("a") == {"title": "Forside"}
    assert cache.get_many(["a", "b"]) == {"a": {"title": "Forside"}}
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete("a")
    assert cache.get("a") is None


@pytest.mark.django_db
def test_renderings_reuse_the_memoized_page_and_follow_every_edit(
    client, region_pages, regions, django_assert_max_num_queries
):
    """A rendering that bypasses the page cache (an editor's, another query string) reads the page object
    from the memo store instead of the database, and still shows each kind of edit at once."""
    trust = regions["helse-vest"].health_trusts.get()
    field = factories.MedicalFieldFactory(name="Brannskader")
    unit = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], title="Brannskadeenheten", host_trusts=[trust], medical_fields=[field]
    )
    get(client, unit.url + "?r=0")  # finds and caches the route
    get(client, unit.url + "?r=1")  # stores the page object
    with django_assert_max_num_queries(0):
        response = get(client, unit.url + "?r=2")
    assert response[HEADER] == "miss" and "Brannskadeenheten" in response.content.decode()

    successor = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], title="Nasjonalt brannskadesenter", predecessor=unit, host_trusts=[trust]
    )
    group_index = factories.ReferenceGroupIndexPageFactory(parent=region_pages["helse-vest"].get_parent().get_parent())
    factories.ReferenceGroupPageFactory(
        parent=group_index, title="Referansegruppe for brannskader", unit=unit, chair_region=regions["helse-nord"]
    )
    field.name = "Brannskadebehandling"
    field.save()
    html = get(client, unit.url + "?r=3").content.decode()
    assert "Nasjonalt brannskadesenter" in html  # "Continued as"
    assert "Referansegruppe for brannskader" in html
    assert "Brannskadebehandling" in html

    successor.unpublish()
    unit.title = "Brannskadeenheten (avviklet)"
    unit.save_revision().publish()
    html = get(client, unit.url + "?r=4").content.decode()
    assert "Nasjonalt brannskadesenter" not in html
    assert "Brannskadeenheten (avviklet)" in html


@pytest.mark.django_db
def test_kept_fragments_follow_edits_and_never_reach_a_preview(client, region_pages, regions, moderator, rf):
    """Unit pages, region pages and the service index keep their listings as fragments ({% memo %}) until
    the site changes; a preview of a draft is rendered afresh."""
    from wagtail.models import Site

    host = Site.objects.get(is_default_site=True).hostname  # the host Wagtail's preview request carries
    trust = regions["helse-vest"].health_trusts.get()
    unit = factories.ServicePageFactory(parent=region_pages["helse-vest"], title="Strålekniv", host_trusts=[trust])
    region_url = region_pages["helse-vest"].url
    index_url = region_pages["helse-vest"].get_parent().url
    for url in (unit.url, region_url, index_url):
        for fresh in range(3):  # route, page object, fragments
            assert "Strålekniv" in get(client, f"{url}?f={fresh}", HTTP_HOST=host).content.decode()

    # the editor's form, previewed before anything is saved (as the live preview does)
    unit.introduction = "Ingress i forhåndsvisningen"
    original = rf.get("/", HTTP_HOST=host)
    original.user = moderator
    preview = unit.make_preview_request(original_request=original).content.decode()
    article = preview[preview.index("<article") : preview.index("</article>")]  # the kept fragment
    assert "Ingress i forhåndsvisningen" in article
    unit.title = "Gammakniv"
    unit.save_revision(user=moderator)  # a draft
    for url in (unit.url, region_url, index_url):
        html = get(client, f"{url}?f=draft", HTTP_HOST=host).content.decode()
        assert "Strålekniv" in html and "Gammakniv" not in html

    unit.get_latest_revision().publish(user=moderator)
    for url in (unit.url, region_url, index_url):
        html = get(client, f"{url}?f=published", HTTP_HOST=host).content.decode()
        assert "Gammakniv" in html and "Strålekniv" not in html


@pytest.mark.django_db
def test_site_lookup_outside_the_page_view_is_kept_and_follows_edits(client, home_page, rf):
    """The search and the footer find the site from the memo store: no query once warm, fresh after an edit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from pagecache.queries import site_for_request

    site = Site.objects.get(is_default_site=True)
    assert site_for_request(rf.get("/sok/", HTTP_HOST=site.hostname)) == site
    with CaptureQueriesContext(connection) as queries:
        found = site_for_request(rf.get("/sok/", HTTP_HOST=site.hostname))
    assert found == site and not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]
    site.site_name = "Servicemiljø for nasjonale tjenester"
    site.save()
    assert site_for_request(rf.get("/sok/", HTTP_HOST=site.hostname)).site_name == site.site_name

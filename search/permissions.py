"""The permissions the editors' search tools need, to give to the national group."""

from django.contrib.auth.models import Permission

from organisations.teams import NATIONAL_GROUP_NAME as NATIONAL_GROUP  # noqa: F401  (the one definition)

# app_label.codename
SEARCH_EDITOR_PERMISSIONS = [
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "portal_search.view_popular_queries",
    "portal_search.add_searchsynonym",
    "portal_search.change_searchsynonym",
    "portal_search.delete_searchsynonym",
    "portal_search.view_searchsynonym",
]


def search_permissions():
    """The Permission objects (all exist after migrate)."""
    result = []
    for name in SEARCH_EDITOR_PERMISSIONS:
        app_label, codename = name.split(".")
        result.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return result

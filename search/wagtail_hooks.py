"""Admin: the synonym snippets and the popular search terms report for the national group."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym
from .permissions import SEARCH_EDITOR_PERMISSIONS

REPORT_PERMISSION = "portal_search.view_popular_queries"


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    list_display = ["terms", "compound_part", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SearchSynonymViewSet)


class PopularQueriesReportView(SearchTermsReportView):
    """Wagtail's search terms report, open to users with ``view_popular_queries`` (not only superusers)."""

    page_title = _("Popular search terms")
    index_url_name = "portal_search_popular_queries"
    index_results_url_name = "portal_search_popular_queries_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            return permission_denied(request)
        # skip SearchTermsReportView's superuser-only check
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/popular-search-terms/", PopularQueriesReportView.as_view(), name="portal_search_popular_queries"),
        path(
            "reports/popular-search-terms/results/",
            PopularQueriesReportView.as_view(results_only=True),
            name="portal_search_popular_queries_results",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_popular_queries_menu_item():
    return PermissionMenuItem(
        _("Popular search terms"),
        reverse("portal_search_popular_queries"),
        name="popular-search-terms",
        icon_name="search",
        order=1310,
        permission=REPORT_PERMISSION,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="portal_search",
        codename__in=[name.split(".")[1] for name in SEARCH_EDITOR_PERMISSIONS if name.startswith("portal_search.")],
    )

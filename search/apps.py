from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.models import get_page_models

        from organisations.teams import add_national_permissions

        from .index import NormalisedTitleField, normalised_search_fields  # (also connects the signal handlers)
        from .permissions import SEARCH_EDITOR_PERMISSIONS

        add_national_permissions(SEARCH_EDITOR_PERMISSIONS)  # given by setup_editorial_roles

        # Every page type is indexed with a Norwegian-normalised copy of its text (search/index.py).
        # Added here, in one place, so new page types get it too.
        for model in get_page_models():
            if not model.search_fields:
                continue
            if not any(isinstance(f, NormalisedTitleField) for f in model.search_fields):
                model.search_fields = list(model.search_fields) + normalised_search_fields()

"""Register the organisation snippets in the admin, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactPerson, HealthTrust, MedicalField, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "short_name"]


class HealthTrustViewSet(SnippetViewSet):
    model = HealthTrust
    icon = "home"
    list_display = ["name", "region"]
    list_filter = ["region"]


class MedicalFieldViewSet(SnippetViewSet):
    model = MedicalField
    icon = "tag"
    list_display = ["name"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "job_title", "region"]
    list_filter = ["region"]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    items = (RegionViewSet, HealthTrustViewSet, MedicalFieldViewSet, ContactPersonViewSet)


register_snippet(OrganisationGroup)

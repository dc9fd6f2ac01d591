"""Admin panels specific to service pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .choices import ENDED_STATUSES

# The field (or inline relation) in the edit form behind each required content, by its label's msgid.
REQUIRED_CONTENT_FIELDS = {
    "Approved description": "approved_description",
    "Referral criteria": "referral_criteria",
    "Goals": "goals",
    "Quality tools": "quality_tools",
    "Contact": "contact",
}


def requires_content(page):
    """False for units that have ended (discontinued, or continued in another form): nothing is asked of them."""
    return page is not None and hasattr(page, "get_required_content") and page.status not in ENDED_STATUSES


def missing_required_content(page):
    """The labels of the required contents ``page`` lacks; none for other pages and for ended units."""
    return page.get_missing_required_content() if requires_content(page) else []


def links_to_fields(root_bound_panel, missing):
    """(label, "#anchor") for each missing content: where its field is in the edit form ("" if not there)."""
    anchors = field_anchors(root_bound_panel)
    fields = {str(_(msgid)): field for msgid, field in REQUIRED_CONTENT_FIELDS.items()}
    return [(label, anchors.get(fields.get(str(label)), "")) for label in missing]


def required_content_links(page, request):
    """(label, "#anchor") for each required content ``page`` (e.g. a revision under review) lacks."""
    missing = missing_required_content(page)
    if not missing:
        return []
    edit_handler = type(page).get_edit_handler()
    form = edit_handler.get_form_class()(instance=page, for_user=request.user)
    return links_to_fields(edit_handler.get_bound_panel(instance=page, request=request, form=form), missing)


def _panel_names(bound_panel):
    """The field and relation names a bound panel and its children edit."""
    panel = bound_panel.panel
    names = {getattr(panel, "field_name", None), getattr(panel, "relation_name", None)}
    for child in getattr(bound_panel, "children", []):
        names |= _panel_names(child)
    return names


def field_anchors(bound_panel):
    """``{field name: "#<section id>"}``: the top-level section of each tab that holds the field."""
    anchors = {}
    for tab in getattr(bound_panel, "children", []):
        # As ObjectList renders its sections: ``<tab prefix>-<identifier>-section``.
        for section, identifier in getattr(tab, "visible_children_with_identifiers", []):
            for name in _panel_names(section):
                if name:
                    anchors.setdefault(name, f"#{tab.prefix}-{identifier}-section")
    return anchors


class RequiredContentPanel(Panel):
    """Shows editors which of the required contents ("Krav til innhold på nettsider") the page lacks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Required content"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "servicepages/panels/required_content.html"

        def is_shown(self):
            return requires_content(self.instance) and super().is_shown()

        def missing_links(self, missing):
            """(label, anchor) for each missing content: a link to its field in the edit form."""
            root = (
                type(self.instance)
                .get_edit_handler()
                .get_bound_panel(instance=self.instance, request=self.request, form=self.form)
            )
            return links_to_fields(root, missing)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            items = self.instance.get_required_content() if self.instance else []
            context["items"] = items
            context["missing"] = [label for label, present in items if not present]
            context["missing_links"] = self.missing_links(context["missing"]) if context["missing"] else []
            return context

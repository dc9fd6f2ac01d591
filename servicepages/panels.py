"""Admin panels specific to service pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class RequiredContentPanel(Panel):
    """Shows editors which of the required contents ("Krav til innhold på nettsider") the page lacks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Required content"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "servicepages/panels/required_content.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            items = self.instance.get_required_content() if self.instance else []
            context["items"] = items
            context["missing"] = [label for label, present in items if not present]
            return context

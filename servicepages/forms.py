"""The admin form of services, networks and centres: refuses a status that contradicts the unit's dates."""

from wagtail.admin.forms import WagtailAdminPageForm

from . import lifecycle


class NationalUnitPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        allowed = getattr(self.instance, "allowed_kinds", ())
        kind = cleaned.get("kind") or self.instance.kind or (allowed[0] if len(allowed) == 1 else "")
        messages = lifecycle.problems(
            kind,
            cleaned.get("status"),
            cleaned.get("established"),
            cleaned.get("term_years"),
            cleaned.get("term_outcome", ""),
            ended_on=cleaned.get("ended_on"),
        )
        for message in messages:
            self.add_error("status", message)
        return cleaned

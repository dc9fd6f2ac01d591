"""The public registration form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisations.models import HealthTrust, Region

from .models import Attendance
from .services import RegistrationData


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and your cancellation link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation or hospital trust"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization", "list": "registration-trusts"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("Choose region"),
        error_messages={"invalid_choice": _("Choose one of the regions in the list.")},
    )
    attendance = forms.ChoiceField(
        label=_("How will you attend?"),
        choices=Attendance.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you attend on site or digitally."),
            "invalid_choice": _("Choose one of the ways to attend in the list."),
        },
    )
    diet = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example allergies or vegetarian food."),
    )
    accessibility = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example wheelchair access, an interpreter or a hearing loop."),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are stored for this event."),
        error_messages={"required": _("You must agree to the privacy notice to register.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        modes = event.attendance_modes if event is not None else [Attendance.PHYSICAL]
        if len(modes) > 1:
            self.fields["attendance"].choices = [(mode.value, self._attendance_label(event, mode)) for mode in modes]
        else:  # one way to attend: nothing to choose
            del self.fields["attendance"]
        self.attendance_modes = modes
        self.fields["name"].error_messages["required"] = _("Enter your name.")
        self.fields["email"].error_messages.update(
            {
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter a valid e-mail address, like navn@example.no."),
            }
        )
        self.fields["organisation"].error_messages["required"] = _("Enter your organisation or hospital trust.")
        self.fields["region"].error_messages["required"] = _("Choose your region.")
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    @staticmethod
    def _attendance_label(event, mode):
        left = event.places_left_for(mode)
        if left == 0:
            return _("%(mode)s (full – waiting list)") % {"mode": mode.label}
        if left is None:
            return str(mode.label)
        return ngettext("%(mode)s (%(left)s place left)", "%(mode)s (%(left)s places left)", left) % {
            "mode": mode.label,
            "left": left,
        }

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def to_data(self):
        data = self.cleaned_data
        return RegistrationData(
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            region_id=data["region"].pk if data.get("region") else None,
            diet=data.get("diet", ""),
            accessibility=data.get("accessibility", ""),
            attendance=data.get("attendance") or self.attendance_modes[0],
        )

    @staticmethod
    def trust_names():
        return HealthTrust.objects.order_by("name").values_list("name", flat=True)

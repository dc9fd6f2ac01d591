"""Events such as the national dialogue arena, and registrations for them."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.core.blocks import BodyBlock, ProgrammeItemBlock
from cms.core.models import BasePage
from pagecache.queries import public

from . import routes
from .ical import calendar_response


class EventQuerySet(PageQuerySet):
    def upcoming(self):
        return public(self.live()).filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return public(self.live()).filter(end__lt=timezone.now()).order_by("-start")

    def with_registration_counts(self):
        """Annotate the confirmed places per attendance mode, so listing statuses cost no extra query per event."""
        confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
        return self.annotate(
            confirmed_physical=Count("registrations", filter=confirmed & Q(registrations__attendance="physical")),
            confirmed_digital=Count("registrations", filter=confirmed & Q(registrations__attendance="digital")),
        )


EventManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(RoutablePageMixin, BasePage):
    """'Arrangementer': upcoming and past events, and a calendar feed of the upcoming ones."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("event index")

    def upcoming_events(self):
        return EventPage.objects.child_of(self).upcoming().with_registration_counts()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self)
        context["upcoming_events"] = events.upcoming().with_registration_counts()
        context["past_events"] = events.past()
        context["calendar_feed_url"] = (self.url or "") + self.reverse_subpage("calendar_feed")
        return context

    @path("", name="index")
    def index_view(self, request):
        return self.render(request)

    @path("kalender/", name="calendar_feed")
    def calendar_feed(self, request):
        return calendar_response(
            list(self.upcoming_events()), request, filename="arrangementer.ics", name=self.title, download=False
        )


class Attendance(models.TextChoices):
    """How a person attends: each mode has its own capacity and its own waiting list."""

    PHYSICAL = "physical", _("On site")
    DIGITAL = "digital", _("Digitally")


class RegistrationState(models.TextChoices):
    """What a visitor can do on an event page right now."""

    OPEN = "open", _("Open for registration")
    FULL = "full", _("Full – waiting list")
    NOT_YET_OPEN = "not_yet_open", _("Registration not yet open")
    CLOSED = "closed", _("Registration closed")
    HELD = "held", _("Held")
    NO_REGISTRATION = "none", _("No registration")


class EventPage(RoutablePageMixin, BasePage):
    """An event: time, place, programme and registration with a waiting list."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    digital_url = models.URLField(
        _("link for digital participation"),
        blank=True,
        help_text=_(
            "Sent by e-mail only to those registered for digital attendance; never shown on the site. "
            "With a link, visitors choose to attend on site or digitally."
        ),
    )
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    registration_enabled = models.BooleanField(
        _("registration on this site"),
        default=True,
        help_text=_("Visitors register with the form on the event page."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open as soon as the page is published.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: closes when the event starts.")
    )
    capacity = models.PositiveIntegerField(
        _("places on site"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. When all places are taken, new registrations go on a waiting list."),
    )
    digital_capacity = models.PositiveIntegerField(
        _("digital places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Used when the event has a link for digital participation; own waiting list."),
    )
    programme = StreamField([("item", ProgrammeItemBlock())], verbose_name=_("programme"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    objects = EventManager()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("venue"),
                FieldPanel("digital_url"),
                FieldPanel("audience"),
            ],
            heading=_("Time and place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("digital_capacity")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("programme"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            raise ValidationError({"registration_closes": _("Registration cannot close before it opens.")})

    # --- state -----------------------------------------------------------------------------------------------

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def registration_deadline(self):
        """When registration closes: the chosen time, or the start of the event."""
        return self.registration_closes or self.start

    def registration_window_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled or now >= self.end:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return now < self.registration_deadline

    # --- places per attendance mode ---------------------------------------------------------------------------

    @property
    def attendance_modes(self):
        """The ways to attend: on site unless the event is digital only, digitally when it has a link."""
        modes = []
        if self.venue or not self.digital_url:
            modes.append(Attendance.PHYSICAL)
        if self.digital_url:
            modes.append(Attendance.DIGITAL)
        return modes

    def capacity_for(self, attendance):
        return self.digital_capacity if attendance == Attendance.DIGITAL else self.capacity

    def count_confirmed(self):
        """Confirmed places per attendance mode: {"physical": n, "digital": m}."""
        counts = dict.fromkeys(Attendance.values, 0)
        if self.pk is None:  # an unsaved page in the editor's preview
            return counts
        rows = self.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("attendance")
        for attendance, count in rows.annotate(count=Count("pk")).order_by():
            counts[attendance] = count
        return counts

    @cached_property
    def confirmed_counts(self):
        physical = getattr(self, "confirmed_physical", None)
        if physical is not None:
            return {Attendance.PHYSICAL: physical, Attendance.DIGITAL: self.confirmed_digital}
        return self.count_confirmed()

    @property
    def confirmed_count(self):
        return sum(self.confirmed_counts.values())

    def places_left_for(self, attendance):
        capacity = self.capacity_for(attendance)
        if capacity is None:
            return None
        return max(capacity - self.confirmed_counts[attendance], 0)

    @property
    def places_left(self):
        """Places left on site (the event's only mode unless it is digital); None without a limit."""
        return self.places_left_for(self.attendance_modes[0])

    def is_full_for(self, attendance):
        return self.places_left_for(attendance) == 0

    @property
    def attendance_options(self):
        """For the page and the form: each mode with its places left (None: no limit) and whether it is full."""
        return [
            {
                "value": mode,
                "label": mode.label,
                "places_left": self.places_left_for(mode),
                "full": self.is_full_for(mode),
            }
            for mode in self.attendance_modes
        ]

    def registration_state(self, now=None):
        now = now or timezone.now()
        if now >= self.end:
            return RegistrationState.HELD
        if not self.registration_enabled:
            return RegistrationState.NO_REGISTRATION
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_YET_OPEN
        if now >= self.registration_deadline:
            return RegistrationState.CLOSED
        if all(self.is_full_for(mode) for mode in self.attendance_modes):
            return RegistrationState.FULL
        return RegistrationState.OPEN

    @cached_property
    def state(self):
        return RegistrationState(self.registration_state())

    @property
    def accepts_registrations(self):
        return self.state in (RegistrationState.OPEN, RegistrationState.FULL)

    # --- structured data -------------------------------------------------------------------------------------

    def attendance_mode(self):
        if self.venue and self.digital_url:
            return "https://schema.org/MixedEventAttendanceMode"
        if self.digital_url:
            return "https://schema.org/OnlineEventAttendanceMode"
        return "https://schema.org/OfflineEventAttendanceMode"

    def get_json_ld(self, request=None):
        """schema.org Event data, as a JSON string safe to place inside a <script type="application/ld+json">."""
        url = self.get_full_url(request)
        site = self.get_site()
        locations = []
        if self.venue:
            locations.append({"@type": "Place", "name": self.venue, "address": self.venue})
        if self.digital_url:
            # The link itself is sent only to those registered: the event page is where to get it.
            locations.append({"@type": "VirtualLocation", "url": url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": timezone.localtime(self.start).isoformat(),
            "endDate": timezone.localtime(self.end).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": self.attendance_mode(),
            "url": url,
            "inLanguage": self.language,
            "organizer": {
                "@type": "Organization",
                "name": settings.WAGTAIL_SITE_NAME,
                "url": site.root_url if site else url,
            },
        }
        if len(locations) == 1:
            data["location"] = locations[0]
        elif locations:
            data["location"] = locations
        if self.introduction:
            data["description"] = self.introduction
        if self.audience:
            data["audience"] = {"@type": "Audience", "audienceType": self.audience}
        if self.registration_enabled:
            offer = {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "NOK",
                "url": url,
                "availability": "https://schema.org/SoldOut"
                if self.state == RegistrationState.FULL
                else "https://schema.org/InStock",
            }
            if self.registration_opens:
                offer["validFrom"] = timezone.localtime(self.registration_opens).isoformat()
            data["offers"] = offer
        capacities = [self.capacity_for(mode) for mode in self.attendance_modes]
        if None not in capacities:
            data["maximumAttendeeCapacity"] = sum(capacities)
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        # The same escapes as django.utils.html.json_script: no "</script>" can end the element early.
        return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")

    # --- views -----------------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.state
        context["states"] = RegistrationState
        context["ics_url"] = (self.url or "") + self.reverse_subpage("ics")
        context["json_ld"] = self.get_json_ld(request)
        return context

    @path("", name="event")
    def event_view(self, request):
        return routes.call("event", request, self)

    @path("kalender/", name="ics")
    def ics_view(self, request):
        return calendar_response([self], request, filename=f"{self.slug}.ics")

    # Wagtail serves only paths made of [\w-] segments, so a signed token "value:time:signature" travels as
    # three path segments.
    @path("pamelding/<str:value>/<str:stamp>/<str:signature>/", name="receipt")
    def receipt_view(self, request, value, stamp, signature):
        return routes.call("receipt", request, self, f"{value}:{stamp}:{signature}")

    @path("avmelding/<str:value>/<str:stamp>/<str:signature>/", name="cancel")
    def cancel_view(self, request, value, stamp, signature):
        return routes.call("cancel", request, self, f"{value}:{stamp}:{signature}")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    # With a context: Wagtail says "Cancelled" of a workflow, which is "Avbrutt", not "Avmeldt".
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("queue_number", "pk")


class Registration(models.Model):
    """One person's registration for an event. Personal data: anonymised after the event (see README)."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    organisation = models.CharField(_("organisation or hospital trust"), max_length=200, blank=True)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diet = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.PHYSICAL
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True)
    consent_at = models.DateTimeField(_("consented to the privacy notice"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    # Arrival order within the event: assigned while the event is locked (events/services.py), so the waiting
    # list follows the order in which registrations got the lock, not the clocks of the requests.
    queue_number = models.PositiveIntegerField(_("number in the order of arrival"), editable=False)
    confirmed_at = models.DateTimeField(_("got a place"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "queue_number", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="events_reg_event_status_idx")]
        constraints = [
            # One active registration per e-mail address and event, whatever the letter case.
            models.UniqueConstraint(fields=["event", "queue_number"], name="events_registration_unique_queue_number"),
            models.UniqueConstraint(
                Lower("email"),
                F("event"),
                name="events_registration_unique_email",
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(email=""),
                violation_error_message=_("This e-mail address is already registered for this event."),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}" if self.event_id else self.name

    def save(self, *args, **kwargs):
        if self.queue_number is None:
            # The registration service assigns the number under the event lock; this covers other callers.
            self.queue_number = next_queue_number(self.event_id)
        super().save(*args, **kwargs)

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    def waiting_position(self):
        """1 for the first person on the waiting list of this attendance mode; None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        earlier = Registration.objects.waiting().filter(event_id=self.event_id, attendance=self.attendance)
        return earlier.filter(queue_number__lt=self.queue_number).count() + 1


def next_queue_number(event_id):
    """The next number in an event's order of arrival (call it with the event locked)."""
    last = Registration.objects.filter(event_id=event_id).aggregate(last=Max("queue_number"))["last"]
    return (last or 0) + 1

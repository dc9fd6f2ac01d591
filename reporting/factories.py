"""Factories for the reporting and application pages (wagtail-factories)."""

import wagtail_factories

from .models import ApplicationPage, ReportingPage


class ReportingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportingPage

    title = "Rapportering"


class ApplicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ApplicationPage

    title = "Søknad om nye nasjonale tjenester"

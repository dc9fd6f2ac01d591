"""Factories for the home page and standard pages (wagtail-factories), used by the demo builder and the tests."""

import factory
import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "RHF-enes servicemiljø for nasjonale tjenester, nettverk og sentre"
    introduction = "Servicemiljøet bistår og veileder nasjonale tjenester, nettverk og sentre."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standardside {n}")

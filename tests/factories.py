"""Factories for the content model. Use these in every test; never hand-written fixtures.

They live beside their models (``<app>/factories.py``), where the demo builder uses them too; this module
gathers them for the tests.
"""

from cms.core.factories import PASSWORD, GroupFactory, UserFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import HomePageFactory, StandardPageFactory
from organisations.factories import ContactPersonFactory, HealthTrustFactory, MedicalFieldFactory, RegionFactory
from reporting.factories import ApplicationPageFactory, ReportingPageFactory
from servicepages.factories import (
    CentrePageFactory,
    NetworkPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
    RegionPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
)

__all__ = [
    "PASSWORD",
    "ApplicationPageFactory",
    "CentrePageFactory",
    "ContactPersonFactory",
    "EventIndexPageFactory",
    "EventPageFactory",
    "GroupFactory",
    "HealthTrustFactory",
    "HomePageFactory",
    "MedicalFieldFactory",
    "NetworkPageFactory",
    "ReferenceGroupIndexPageFactory",
    "ReferenceGroupPageFactory",
    "RegionFactory",
    "RegionPageFactory",
    "ReportingPageFactory",
    "ServiceIndexPageFactory",
    "ServicePageFactory",
    "StandardPageFactory",
    "UserFactory",
]

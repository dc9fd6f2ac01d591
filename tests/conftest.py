"""Shared fixtures: a site with a home page and the main sections, built from factories."""

import pytest
from wagtail.models import Page, Site

from . import factories


@pytest.fixture
def home_page(db):
    """The site's home page, replacing Wagtail's default welcome page."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def service_index(home_page):
    return factories.ServiceIndexPageFactory(parent=home_page)


@pytest.fixture
def regions(db):
    """The four regional health authorities, each with one hospital trust."""
    names = [
        ("Helse Sør-Øst", "Oslo universitetssykehus HF"),
        ("Helse Vest", "Helse Bergen HF"),
        ("Helse Midt-Norge", "St. Olavs hospital HF"),
        ("Helse Nord", "Universitetssykehuset Nord-Norge HF"),
    ]
    result = {}
    for order, (region_name, trust_name) in enumerate(names):
        region = factories.RegionFactory(name=region_name, sort_order=order)
        factories.HealthTrustFactory(name=trust_name, region=region)
        result[region.slug] = region
    return result


@pytest.fixture
def region_pages(service_index, regions):
    return {slug: factories.RegionPageFactory(parent=service_index, region=region) for slug, region in regions.items()}

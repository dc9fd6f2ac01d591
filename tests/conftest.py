"""Shared fixtures: a site with a home page and the main sections, built from factories."""

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from . import factories


@pytest.fixture
def home_page(db):
    """The site's home page, replacing Wagtail's default welcome page."""
    # A transactional test before this one may have flushed the rows the migrations made (the locale, the root).
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
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

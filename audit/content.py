"""The site the quality checks look at: the demo content, and the pages that represent each page type.

Used by the browser tests (tests/browser) and by `make audit`. Needs a configured Django.
"""

from collections import OrderedDict
from dataclasses import dataclass

from django.core.management import call_command


@dataclass(frozen=True)
class Target:
    """One page to check: a human label for failure messages, and the path to open."""

    label: str
    path: str


def ensure_root():
    """A flushed test database has no Wagtail locale, root page, root collection or Site; recreate them as the
    migrations did."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    return root


def build_site(stdout=None):
    """Fill the database with the demo content, the same as `make demo` does."""
    ensure_root()
    call_command("load_demo_content", verbosity=0, **({"stdout": stdout} if stdout else {}))
    call_command("update_index", verbosity=0)


def representative_pages(per_type=2):
    """One or two live pages of every page type (first and last in tree order), so new types are covered."""
    from wagtail.models import Page

    by_type = OrderedDict()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        by_type.setdefault(type(page), []).append(page)
    targets = []
    for cls, pages in by_type.items():
        chosen = pages if len(pages) <= per_type else [pages[0], pages[-1]][:per_type]
        for page in chosen:
            targets.append(Target(f"{cls.__name__} «{page.title}»", page.get_url()))
    return targets


def search_word():
    """A word that occurs in the title of a live service page: searching for it gives results."""
    from servicepages.models import NationalUnitPage

    unit = NationalUnitPage.objects.live().order_by("path").first()
    words = sorted((w.strip(",.()") for w in unit.title.split()), key=len, reverse=True)
    return unit, words[0]


def special_pages():
    """Pages that are not a page type: search in its states, the filtered listing, the 404 page."""
    from servicepages.models import NationalUnitPage, Region, ServiceIndexPage

    targets = [Target("search page without a query", "/sok/")]
    unit, word = search_word()
    targets.append(Target(f"search page with results for «{word}»", f"/sok/?q={word}"))
    targets.append(Target("search page without results", "/sok/?q=qzxqzxfinnesikke"))
    index = ServiceIndexPage.objects.live().first()
    if index:
        region = Region.objects.order_by("sort_order", "name").first()
        targets.append(
            Target(
                "service index filtered by type and region",
                f"{index.get_url()}?type={unit.kind}&region={region.slug if region else ''}",
            )
        )
        targets.append(Target("service index with an unknown filter value", f"{index.get_url()}?region=ukjent&page=x"))
        targets.append(Target("service index filtered to no results", f"{index.get_url()}?q=qzxqzxfinnesikke"))
    assert NationalUnitPage.objects.live().exists(), "the demo content has no live services"
    multiregional = NationalUnitPage.objects.live().filter(kind="flerregional").order_by("path").first()
    if multiregional:
        targets.append(Target("multiregional unit with activity per site", multiregional.get_url()))
    targets.append(Target("equal access overview (Likeverdig tilgang)", "/likeverdig-tilgang/"))
    targets.append(Target("404 page", "/finnes-ikke-denne-siden/"))
    return targets


def all_targets():
    return representative_pages() + special_pages()

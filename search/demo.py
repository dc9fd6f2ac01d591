"""Demo section of the search (``cms.core.demo``): promoted results, then a fresh search index. Runs after every
section that adds pages."""

from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cms.core import demo

# query -> (slug of the promoted page, description)
PROMOTIONS = {
    "årsrapport": ("rapportering", "Frist for årsrapporten er 10. februar."),
    "frist": ("rapportering", "Frist for årsrapporten er 10. februar."),
    "søknad": ("soknad", "Slik søker RHF-ene om nye nasjonale tjenester."),
}


@demo.section("search", order=80, label="Search promotions and index")
def build(builder):
    load(builder.home_page, builder.stdout)


def load(home_page, stdout):
    """Idempotent: promotions are created once; the index is rebuilt so normalised texts are current."""
    for query_string, (slug, description) in PROMOTIONS.items():
        page = Page.objects.child_of(home_page).filter(slug=slug).first()
        if page is None:
            continue
        query = Query.get(query_string)
        SearchPromotion.objects.get_or_create(
            query=query, page=page, defaults={"sort_order": 0, "description": description}
        )
    call_command("rebuild_search_index", verbosity=0, stdout=stdout)

"""On PostgreSQL the best matches are ranked on the index entries alone (search.index.EntryRankedCompiler):
the same pages in the same order as Wagtail's own compiler, which joins first and ranks after."""

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.models import get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText

from search.engines import build_query
from search.index import EntryRankedCompiler
from search.query import parse, searchable_pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not django_settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"),
        reason="the entry-ranked compiler is PostgreSQL's",
    ),
]

QUERIES = ["nasjonal", "behandlingstjeneste", "brannskade", "kreft barn", "epilepsi", "helse vest", "tjeneste"]


def best_ids(backend, text, limit=50):
    request = parse({"q": text}).request
    results = backend.search(build_query(request.terms, request.operator), searchable_pages())
    return list(results[:limit].get_queryset().values_list("pk", flat=True))


@pytest.mark.parametrize("text", QUERIES)
def test_entry_ranking_gives_wagtails_order(demo_site, text):
    backend = get_search_backend()
    assert issubclass(backend.query_compiler_class, EntryRankedCompiler)
    ours = best_ids(backend, text)
    entry_ranked, backend.query_compiler_class = backend.query_compiler_class, PostgresSearchQueryCompiler
    try:
        wagtails = best_ids(backend, text)  # Wagtail's compiler: joins before ranking
    finally:
        backend.query_compiler_class = entry_ranked
    assert ours, f"{text!r} found nothing"
    assert ours == wagtails


MATCH_QUERIES = {
    "a word": PlainText("nasjonal"),
    "forms of a word": Or([PlainText("sjukehus"), PlainText("sykehus"), PlainText("universitetssykehus")]),
    "words that must all be there": PlainText("helse vest", operator="and"),
    "two terms": And([PlainText("nasjonal"), Or([PlainText("barn"), PlainText("born")])]),
    "terms across title and body": And([PlainText("behandlingstjeneste"), PlainText("pasienter")]),
    "a phrase": Phrase("helse vest"),
    "a phrase and a term": And([Phrase("nasjonal behandlingstjeneste"), Or([PlainText("barn"), PlainText("voksne")])]),
}


@pytest.mark.parametrize("query", MATCH_QUERIES.values(), ids=MATCH_QUERIES.keys())
def test_the_field_by_field_match_is_wagtails(demo_site, query):
    """``title @@ q OR body @@ q`` per disjunction of words matches what Wagtail's ``(title || body) @@ q`` does."""
    backend = get_search_backend()
    results = backend.search(query, searchable_pages(), order_by_relevance=False)
    compiler = results.query_compiler
    config = compiler.get_config(backend)
    ours = set(compiler.matching_entries(config).values_list("pk", flat=True))
    content_types = ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False).values()
    wagtails = set(
        IndexEntry.objects.filter(content_type__in=list(content_types))
        .annotate(vector=CombinedExpression(F("title"), "||", F("body")))
        .filter(vector=compiler.build_tsquery(query, config=config))
        .values_list("pk", flat=True)
    )
    assert wagtails, "the query should match some demo pages"
    assert ours == wagtails

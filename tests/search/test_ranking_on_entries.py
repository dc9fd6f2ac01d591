"""On PostgreSQL the best matches are ranked on the index entries alone (search.index.EntryRankedCompiler):
the same pages in the same order as Wagtail's own compiler, which joins first and ranks after."""

import pytest
from django.conf import settings as django_settings
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.search.backends import get_search_backend

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

"""The Elasticsearch index and query bodies, checked without a server (the behaviour is checked against a
real server by the engine-parametrised suites when ELASTICSEARCH_URL is set)."""

import pytest

from search import engines, index
from search.norwegian import builtin_rules, expand_terms
from search.query import SearchRequest


@pytest.fixture
def elastic(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # never contacted: only bodies are built


def test_index_has_norwegian_analyzer_with_the_same_synonyms(elastic):
    body = index.index_body(builtin_rules())
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["portal_stemmer"] == {"type": "stemmer", "language": "norwegian"}
    assert analysis["filter"]["portal_stop"]["stopwords"] == "_norwegian_"
    synonyms = analysis["filter"]["portal_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "tjeneste, teneste" in synonyms["synonyms"]
    assert "kjønnsinkongruens, transseksualisme, kjønnsdysfori" in synonyms["synonyms"]
    assert "portal_synonyms" in analysis["analyzer"]["portal_norwegian_search"]["filter"]
    assert "portal_synonyms" not in analysis["analyzer"]["portal_norwegian"]["filter"]
    properties = body["mappings"]["properties"]
    assert properties["title"]["search_analyzer"] == "portal_norwegian_search"
    assert properties["regions"] == {"type": "keyword"}


@pytest.mark.django_db  # the query's words may be looked up in the site's vocabulary (search/query.py)
def test_search_body_filters_with_post_filter_and_counts_facets_with_the_other_filters(elastic):
    request = SearchRequest(
        query="teneste",
        terms=expand_terms("teneste kjønnsinkongruens"),
        filters={"region": "helse-nord", "type": "kompetansetjeneste"},
    )
    body = engines.build_search(request, size=50).to_dict()
    assert len(body["query"]["bool"]["must"]) == 2
    assert body["post_filter"] == {
        "bool": {"filter": [{"term": {"regions": "helse-nord"}}, {"term": {"type": "kompetansetjeneste"}}]}
    }
    # the region facet counts with the type filter only, and the type facet with the region filter only
    assert body["aggs"]["region"]["filter"] == {"bool": {"filter": [{"term": {"type": "kompetansetjeneste"}}]}}
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [{"term": {"regions": "helse-nord"}}]}}
    assert body["aggs"]["status"]["aggs"]["counts"]["terms"]["field"] == "status"
    assert body["track_total_hits"] is True
    assert body["size"] == 50 and body["from"] == 0


def test_documents_hold_facets_and_normalised_text(elastic, demo_site):
    page = demo_site["Nasjonal behandlingsteneste for avansert brannskadebehandling"]
    (document,) = index.documents([page])
    assert document["type"] == "behandlingstjeneste"
    assert document["regions"] == ["helse-vest"]
    assert document["fields"] == ["plastikkirurgi"]
    assert "brannskad" in document["normalised_title"].split()
    assert document["url"] == page.url


def test_engine_reads_hits_and_aggregations_and_drops_pages_not_live(elastic, demo_site, monkeypatch):
    from elasticsearch_dsl import Search
    from elasticsearch_dsl.response import Response

    burns = demo_site["Nasjonal behandlingsteneste for avansert brannskadebehandling"]
    stale = demo_site["Nasjonal behandlingstjeneste for strålekniv"]
    stale.unpublish()  # still in a stale index: must not be shown
    canned = {
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [{"_id": str(stale.pk), "_index": "x", "_score": 2.0}, {"_id": str(burns.pk), "_index": "x"}],
        },
        "aggregations": {
            name: {"doc_count": 2, "counts": {"buckets": [{"key": "helse-vest", "doc_count": 2}]}}
            for name in index.FACET_FIELDS
        },
    }
    monkeypatch.setattr(Search, "execute", lambda self, ignore_cache=False: Response(self, canned))
    request = SearchRequest(query="brannskadar", terms=expand_terms("brannskadar"))
    outcome = engines.ElasticsearchEngine().search(request)
    assert outcome.count == 2
    assert [p.title for p in outcome.pages] == [burns.title]
    assert outcome.facets["region"] == {"helse-vest": 2}

"""The Elasticsearch 8 engine, through elasticsearch-dsl. Used when ``ELASTICSEARCH_URL`` is set.

One index (an alias, ``PORTAL_SEARCH_INDEX``, pointing at a timestamped index) holds every live, public page:
its texts analysed for Norwegian (stop words, Norwegian stemmer, and at search time the synonym groups of
``search.norwegian`` as a ``synonym_graph`` filter), the normalised copies of its texts (compounds), and
keyword fields for the facets. Facets are aggregations; the selected filters are a ``post_filter`` and each
facet's aggregation applies every *other* filter, so counts match the database engine's.

The index is kept in sync by ``search.signals`` (publish, unpublish, move, delete, privacy changes, synonym
changes) and rebuilt by ``manage.py rebuild_search_index``.
"""

import datetime
import logging

from django.conf import settings
from elasticsearch.helpers import bulk
from elasticsearch_dsl import A, Index, Mapping, Q, Search, analyzer, connections, token_filter
from elasticsearch_dsl.field import Keyword, Text
from wagtail.models import Page

from .. import facets as facet_utils
from .. import ranking
from ..facets import FACETS, FIELDS
from ..index import TITLE_SOURCES, _field_texts, page_texts
from ..norwegian import elasticsearch_synonym_rules, normalise_text, required
from ..rules import get_rules
from .base import SearchEngine, SearchOutcome, SearchRequest

logger = logging.getLogger(__name__)

ALIAS = "portal"
TEXT_FIELDS = ["title^4", "former_names^3", "abbreviation^3", "introduction^1.5", "body"]
NORMALISED_FIELDS = ["normalised_title^3", "normalised_body"]
FACET_FIELDS = FIELDS
BULK_CHUNK = 200


def client():
    """The Elasticsearch client for ``ELASTICSEARCH_URL`` (created once per address)."""
    alias = f"{ALIAS}:{settings.ELASTICSEARCH_URL}"
    try:
        return connections.get_connection(alias)
    except KeyError:
        return connections.create_connection(
            alias=alias, hosts=[settings.ELASTICSEARCH_URL], request_timeout=10, retry_on_timeout=True
        )


def index_name():
    return getattr(settings, "PORTAL_SEARCH_INDEX", "servicemiljo-pages")


def analysis(rules=None):
    """The index-time and search-time analyzers: Norwegian stop words and stemmer; synonyms at search time."""
    rules = rules or get_rules()
    stop = token_filter("portal_stop", type="stop", stopwords="_norwegian_")
    stemmer = token_filter("portal_stemmer", type="stemmer", language="norwegian")
    synonyms = token_filter(
        "portal_synonyms", type="synonym_graph", synonyms=elasticsearch_synonym_rules(rules), lenient=True
    )
    index_analyzer = analyzer("portal_norwegian", tokenizer="standard", filter=["lowercase", stop, stemmer])
    search_analyzer = analyzer(
        "portal_norwegian_search", tokenizer="standard", filter=["lowercase", synonyms, stop, stemmer]
    )
    normalised = analyzer("portal_normalised", tokenizer="whitespace", filter=["lowercase"])
    return index_analyzer, search_analyzer, normalised


def build_index(name, rules=None):
    """The dsl ``Index`` with settings, analyzers and mapping."""
    index_analyzer, search_analyzer, normalised = analysis(rules)
    index = Index(name, using=client())
    index.settings(number_of_shards=1, number_of_replicas=0)
    mapping = Mapping()
    for field_name in ("title", "former_names", "abbreviation", "introduction", "body"):
        mapping.field(field_name, Text(analyzer=index_analyzer, search_analyzer=search_analyzer))
    for field_name in ("normalised_title", "normalised_body"):
        mapping.field(field_name, Text(analyzer=normalised))
    for field_name in ("type", "regions", "trusts", "status", "fields", "language", "path"):
        mapping.field(field_name, Keyword())
    for field_name in ("url", "region_names"):
        mapping.field(field_name, Keyword(index=False))
    index.mapping(mapping)
    return index


def index_body(rules=None):
    """The JSON body that creates the index (used by the tests without a server, too)."""
    return build_index("portal-preview", rules).to_dict()


# --- documents ----------------------------------------------------------------------------------------


def indexable_pages():
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")


def documents(pages, rules=None):
    """Elasticsearch documents for specific page instances."""
    rules = rules or get_rules()
    pages = list(pages)
    regions = facet_utils.regions_by_page(pages)
    labels = {k: str(v) for k, v in facet_utils.choices()["type"].items()}
    region_slugs = _region_slugs(pages)
    for page in pages:
        texts = {}
        for name, text in _field_texts(page, page.get_search_fields()):
            texts.setdefault(name, []).append(text)
        kind, _label = facet_utils.type_of(page, labels)
        unit = region_slugs.get(page.pk, {})
        title_text, body_text = page_texts(page)
        yield {
            "_id": str(page.pk),
            "title": page.title,
            "former_names": getattr(page, "former_names", "") or "",
            "abbreviation": getattr(page, "abbreviation", "") or "",
            "introduction": getattr(page, "introduction", "") or "",
            "body": " ".join(" ".join(v) for n, v in texts.items() if n not in TITLE_SOURCES + ("introduction",)),
            "normalised_title": normalise_text(title_text, rules),
            "normalised_body": normalise_text(body_text, rules),
            "type": kind,
            "status": getattr(page, "status", "") or "",
            "regions": unit.get("regions", []),
            "trusts": unit.get("trusts", []),
            "fields": unit.get("fields", []),
            "language": getattr(page, "language", "") or "",
            "path": page.path,
            "url": page.get_url() or "",
            "region_names": regions.get(page.pk, []),
        }


def _region_slugs(pages):
    from servicepages.models import NationalUnitPage

    ids = [p.pk for p in pages if isinstance(p, NationalUnitPage)]
    result = {}
    units = NationalUnitPage.objects.filter(pk__in=ids).prefetch_related("host_trusts__region", "medical_fields")
    for unit in units:
        trusts = list(unit.host_trusts.all())
        result[unit.pk] = {
            "regions": sorted({t.region.slug for t in trusts}),
            "trusts": sorted(str(t.pk) for t in trusts),
            "fields": sorted(f.slug for f in unit.medical_fields.all()),
        }
    return result


def _actions(index, pages, rules):
    for document in documents(pages, rules):
        document["_index"] = index
        yield document


def rebuild(alias=None, progress=None, refresh=True):
    """Index every live, public page into a new index, then point the alias at it and drop the old one.

    ``progress(done, total)`` is called after every chunk.
    """
    alias = alias or index_name()
    es = client()
    rules = get_rules()
    concrete = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
    build_index(concrete, rules).create()
    queryset = indexable_pages()
    total = queryset.count()
    done = 0
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, total, BULK_CHUNK):
        chunk = Page.objects.filter(pk__in=ids[start : start + BULK_CHUNK]).specific()
        bulk(es, _actions(concrete, chunk, rules), refresh=False)
        done = min(total, start + BULK_CHUNK)
        if progress:
            progress(done, total)
    if refresh:
        es.indices.refresh(index=concrete)
    old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    if es.indices.exists(index=alias) and not old:
        es.indices.delete(index=alias)  # a plain index where the alias should be
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": concrete, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    return total


def sync_subtree(page_id):
    """Index a page and its descendants if live and public; remove the others."""
    es = client()
    try:
        page = Page.objects.get(pk=page_id)
    except Page.DoesNotExist:
        remove_pages([page_id])
        return
    subtree = Page.objects.descendant_of(page, inclusive=True)
    indexable = set(indexable_pages().descendant_of(page, inclusive=True).values_list("pk", flat=True))
    stale = [pk for pk in subtree.values_list("pk", flat=True) if pk not in indexable]
    try:
        if indexable:
            pages = Page.objects.filter(pk__in=indexable).specific()
            bulk(es, _actions(index_name(), pages, get_rules()))
        remove_pages(stale)
    except Exception:  # the site keeps working; the nightly rebuild repairs the index
        logger.exception("Could not update the search index for page %s", page_id)


def remove_pages(page_ids):
    es = client()
    actions = [{"_op_type": "delete", "_index": index_name(), "_id": str(pk)} for pk in page_ids]
    if not actions:
        return
    try:
        bulk(es, actions, raise_on_error=False)
    except Exception:
        logger.exception("Could not remove pages %s from the search index", page_ids)


def refresh():
    client().indices.refresh(index=index_name())


def update_synonyms():
    """Put the current synonym rules into the live index's search analyzer (close, update, open)."""
    es = client()
    alias = index_name()
    try:
        names = list(es.indices.get_alias(name=alias).keys())
        body = build_index(alias).to_dict()["settings"]["analysis"]
        for name in names:
            es.indices.close(index=name)
            try:
                es.indices.put_settings(index=name, settings={"analysis": body})
            finally:
                es.indices.open(index=name)
    except Exception:
        logger.exception("Could not update the synonyms of the search index")


# --- searching ----------------------------------------------------------------------------------------


def term_query(term, rules=None):
    """Any form of one query term: the word through the synonym analyzer (which adds its synonyms), its
    compound variants (behandlingsteneste -> behandlingstjeneste), and its normalised form in the normalised
    fields."""
    rules = rules or get_rules()
    synonyms = set(rules.word_groups.get(term.word, ()))
    should = [Q("multi_match", query=term.word, fields=TEXT_FIELDS)]
    for form in term.forms[1:]:
        if form != term.normalised[0] and form not in synonyms:
            should.append(Q("multi_match", query=form, fields=TEXT_FIELDS))
    should.append(Q("multi_match", query=term.normalised[0], fields=NORMALISED_FIELDS))
    if term.parts:  # a compound split into the site's words (search.vocabulary): every part
        should.append(
            Q(
                "bool",
                must=[
                    Q(
                        "bool",
                        should=[Q("multi_match", query=f, fields=TEXT_FIELDS) for f in part],
                        minimum_should_match=1,
                    )
                    for part in term.parts
                ],
            )
        )
    return Q("bool", should=should, minimum_should_match=1)


def text_query(terms, operator="and"):
    clauses = [term_query(term) for term in required(terms)]
    if operator == "and":
        return Q("bool", must=clauses)
    return Q("bool", should=clauses, minimum_should_match=1)


def filter_clauses(filters, skip=None):
    return [
        Q("term", **{FACET_FIELDS[name]: value}) for name, value in filters.items() if name != skip and name in FACETS
    ]


def build_search(request: SearchRequest, size, offset=0):
    """The dsl ``Search``: query, post_filter for the chosen filters, one filtered aggregation per facet."""
    search = Search(using=client(), index=index_name()).query(text_query(request.terms, request.operator))
    selected = filter_clauses(request.filters)
    if selected:
        search = search.post_filter(Q("bool", filter=selected))
    for name, field_name in FACET_FIELDS.items():
        others = filter_clauses(request.filters, skip=name)
        agg = A("filter", Q("bool", filter=others)) if others else A("filter", Q("match_all"))
        agg.bucket("counts", "terms", field=field_name, size=200)
        search.aggs.bucket(name, agg)
    search = search.extra(track_total_hits=True).source(False)[offset : offset + size]
    return search


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    @classmethod
    def is_available(cls):
        return bool(getattr(settings, "ELASTICSEARCH_URL", ""))

    @staticmethod
    def _queryset():
        """The pages a hit may be: checked against the database, never an unpublished or private page."""
        from ..lookups import searchable_pages

        return searchable_pages()

    def _pages(self, ids):
        """Specific pages for ids, in order."""
        from ..specific import specific_pages

        return specific_pages(ids, queryset=self._queryset())

    def search(self, request: SearchRequest) -> SearchOutcome:
        if not request.terms:
            return SearchOutcome(count=0, pages=[], facets={}, engine=self.name)
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        in_window = stop <= ranking.WINDOW
        size = ranking.WINDOW if in_window else request.per_page
        search = build_search(request, size=size, offset=0 if in_window else start)
        response = search.execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        count = response.hits.total.value
        if in_window:
            ids = ranking.rerank_ids(ids, request.terms, get_rules(), self._queryset(), request.region)[start:stop]
        pages = self._pages(ids)
        facets = {
            name: {bucket.key: bucket.doc_count for bucket in getattr(response.aggregations, name).counts.buckets}
            for name in FACET_FIELDS
        }
        return SearchOutcome(count=count, pages=pages, facets=facets, engine=self.name)

    def ids(self, request: SearchRequest, limit=20):
        response = build_search(request, size=ranking.WINDOW).execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        return ranking.rerank_ids(ids, request.terms, get_rules(), self._queryset(), request.region)[:limit]

"""Step 2 of a search, running it: the engines, the re-ranking every engine shares, and loading the pages.

``get_engine()`` returns Elasticsearch when ``ELASTICSEARCH_URL`` is set, otherwise the database engine (SQLite
FTS5 or PostgreSQL full text search, whichever database is in use). Each takes a ``search.query.SearchRequest``
and returns a ``SearchOutcome``: the count, the specific pages of the requested result page, and facet counts.

- **Database**: Wagtail's database search backend plus ORM facets. Every query word is an OR of its forms
  (``search.norwegian.expand_terms`` and ``search.query.enrich``), the words are combined with AND; pages also
  carry a normalised copy of their text (``search.index``), so compounds and inflections match on SQLite,
  which has no stemming, too.
- **Elasticsearch 8** (through elasticsearch-dsl, on the index ``search.index`` writes): facets are
  aggregations; the selected filters are a ``post_filter`` and each facet's aggregation applies every *other*
  filter, so counts match the database engine's.
- **Re-ranking** (``rerank``): the engines rank by text statistics (BM25 on SQLite, ts_rank on PostgreSQL, BM25
  in Elasticsearch). Visitors mostly search for a service by what its name says, so the best ``WINDOW``
  results are re-ordered by how much of the query the *title* (or a former name) covers, with a small
  preference for the national units themselves and for active ones, and for the pages of a region the query
  names. Later result pages keep the engine's order. The pass reads only a few columns of the window's pages
  (``candidates``), so that only the results shown are loaded whole.
- **Loading** (``specific_pages``): first the ids' content types (one small query on ``wagtailcore_page`` by
  primary key), then one query per page type present, each on that type's own tables by primary key. A
  single query LEFT JOINing every page model's table (about 15) was estimated at 1e13 rows on a database
  without statistics, and PostgreSQL spent a second compiling it (JIT) to return two rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import elasticsearch_dsl as dsl
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from pagecache import conf as pagecache_conf
from pagecache.cache import memoize
from servicepages.models import UnitStatus

from .index import FACET_FIELDS, NORMALISED_FIELDS, RANK_CANDIDATES, TEXT_FIELDS, client, index_name, keywords_for
from .models import SearchFacetValue
from .norwegian import STOP_WORDS, ascii_fold, fold, normalise_word, required, stem, tokenize
from .query import FACETS, SearchRequest, get_rules, lookups, searchable_pages


@dataclass
class SearchOutcome:
    """The results of one engine for one request."""

    count: int
    pages: list  # specific Page instances of the requested result page, best first
    facets: dict  # facet name -> {value: count}
    engine: str = ""
    scores: list = field(default_factory=list)


class SearchEngine:
    """An engine answers ``search`` and ``ids`` (the ids of every match, best first, for evaluation)."""

    name = "base"

    def search(self, request: SearchRequest) -> SearchOutcome:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def is_available(cls):  # pragma: no cover - interface
        return True


# --- loading pages ---------------------------------------------------------------------------------------


def specific_pages(ids, queryset=None, content_types=None):
    """The specific pages with these ids, in the order of ``ids`` (ids not found, or not in ``queryset``, are
    left out). ``content_types`` ({id: content type id}, already read with the ids) spares the first query."""
    ids = list(ids)
    if not ids:
        return []
    if content_types is not None and queryset is None:
        rows = [(pk, content_types[pk]) for pk in ids if pk in content_types]
    else:
        queryset = Page.objects.all() if queryset is None else queryset
        rows = queryset.filter(pk__in=ids).order_by().values_list("pk", "content_type_id")
    by_type = defaultdict(list)
    for pk, content_type_id in rows:
        by_type[content_type_id].append(pk)
    by_id = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        for page in model._default_manager.filter(pk__in=pks):
            by_id[page.pk] = page
    return [by_id[pk] for pk in ids if pk in by_id]


# --- re-ranking ------------------------------------------------------------------------------------------

WINDOW = 50


def _forms(text, rules):
    words = [w for w in tokenize(text) if w not in STOP_WORDS]
    forms = set(words)
    for word in words:
        forms.update(normalise_word(word, rules))
    return words, forms


def _term_in(term, words, forms):
    """1 for the word itself or an inflection of it, 0.8 for another form with the same normalised form
    (nynorsk, compound part), 0.7 for a synonym written out, else 0."""
    if term.word in words or stem(term.word) in {stem(w) for w in words}:
        return 1.0
    if term.normalised and term.normalised[0] in forms and not _only_synonym(term, words):
        return 0.8
    if any(fold(f) in words for f in term.forms):
        return 0.7
    if term.parts and all(any(fold(f) in words or stem(ascii_fold(f)) in forms for f in part) for part in term.parts):
        return 0.8  # a compound whose parts the title has: epilepsikirurgi, "kirurgisk epilepsi"
    return 0.0


def _only_synonym(term, words):
    """Whether the words match the term only through a different word of its synonym group."""
    return any(f in words for f in term.forms if f != term.word and stem(f) != stem(term.word))


def title_score(page, terms, rules):
    """0–2: the share of query terms in the title (or a former name), plus how much of the title they cover."""
    if not terms:
        return 0.0
    best = 0.0
    sources = [(page.title, 1.0)] + [
        (name, 0.9) for name in (getattr(page, "former_names", "") or "").splitlines() if name.strip()
    ]
    if getattr(page, "keywords", ""):
        sources.append((page.keywords, 0.6))
    for text, weight in sources:
        words, forms = _forms(text, rules)
        if not words:
            continue
        matched = sum(_term_in(term, set(words), forms) for term in terms)
        covered = 0
        for word in words:
            word_forms = set(normalise_word(word, rules)) | {word}
            if any(_term_in(term, {word}, word_forms) for term in terms):
                covered += 1
        score = (matched / len(terms) + 0.5 * covered / len(words)) * weight
        best = max(best, score)
    return best


@dataclass(frozen=True)
class Candidate:
    """What the ranking reads of a page: its title, and for a national unit its former names and status."""

    pk: int
    title: str
    former_names: str = ""
    status: str | None = None  # None: not a national unit
    path: str = ""
    keywords: str = ""  # what the page is for (search.index.keywords_for)
    content_type: int = 0


def candidates(ids, queryset):
    """Candidates for the pages with these ids in ``queryset``, in the order of ``ids``: one light query."""
    rows = (
        queryset.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk", "title", "nationalunitpage__former_names", "nationalunitpage__status", "path", "content_type"
        )
    )
    by_id = {
        pk: Candidate(pk, title, former or "", status, path, keywords_for(_label(content_type), status), content_type)
        for pk, title, former, status, path, content_type in rows
    }
    return [by_id[pk] for pk in ids if pk in by_id]


REGION_BOOST = 1.0  # a page of the region the query names (search.query.named_region)
REGION_PAGE_BOOST = 3.0  # the region's own page


def _label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model else ""


def rerank(pages, terms, rules, region_path=""):
    """``pages`` (best first, ``Candidate``s) re-ordered by title match, unit type and status; the pages of the
    region the query names (the region page and its units: ``region_path``) first."""
    total = max(len(pages), WINDOW)  # a step of 0.01 a place, however few pages matched
    terms = required(terms)  # a region's words count through the region boost, not as title words
    scored = []
    for position, page in enumerate(pages):
        score = 0.5 * (1.0 - position / total)  # the engine's own order
        score += 2.0 * title_score(page, terms, rules)
        if page.status is not None:  # a national unit
            score += 0.2
            if page.status == UnitStatus.ACTIVE:
                score += 0.1
        if region_path and page.path.startswith(region_path):
            score += REGION_PAGE_BOOST if page.path == region_path else REGION_BOOST
        scored.append((-score, position, page))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [page for _score, _position, page in scored]


def rerank_ids(ids, terms, rules, queryset, region_path=""):
    """The ids (best first, from an engine) re-ordered by ``rerank``; ids not in ``queryset`` are left out."""
    return [candidate.pk for candidate in rerank_candidates(ids, terms, rules, queryset, region_path)]


def rerank_candidates(ids, terms, rules, queryset, region_path=""):
    """As ``rerank_ids``, the candidates themselves (their content types spare ``specific_pages`` a query)."""
    return rerank(candidates(ids, queryset), terms, rules, region_path)


# --- the database engine -----------------------------------------------------------------------------------


def build_query(terms, operator="and"):
    """A Wagtail search query object: AND (or OR) over the terms, each an OR of its forms."""
    parts = []
    for term in required(terms):
        alternatives = [PlainText(form) for form in term.forms]
        if term.parts:  # a compound split into the site's words: every part
            alternatives.append(And([_any(PlainText(form) for form in part) for part in term.parts]))
        parts.append(_any(alternatives))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def _any(alternatives):
    alternatives = list(alternatives)
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, backend_name="default"):
        self.backend = get_search_backend(backend_name)

    @property
    def label(self):
        return connection.vendor  # "sqlite" or "postgresql"

    def base_queryset(self):
        return searchable_pages()

    @staticmethod
    def filtered(queryset, filters):
        """``queryset`` with the chosen filter values: pages with those facet values (``SearchFacetValue``)."""
        for name, value in filters.items():
            queryset = queryset.filter(pk__in=_with_value(name, value))
        if not _same_host_trust(filters):
            queryset = queryset.none()
        return queryset

    def search(self, request: SearchRequest) -> SearchOutcome:
        if not request.terms:
            return SearchOutcome(count=0, pages=[], facets={}, engine=self.name)
        query = build_query(request.terms, request.operator)
        facets, candidates = self.facets_and_candidates(query, request.filters)
        # every indexed page has one type: the type counts (with the other filters) add up to the count
        types = facets["type"]
        count = types.get(request.filters["type"], 0) if request.filters.get("type") else sum(types.values())
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        pages = []
        if start < count:
            results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters))
            if candidates is not None:
                results.query_compiler.candidates = candidates  # search.index.EntryRankedCompiler ranks these
            if stop <= WINDOW:
                ranked = rerank_candidates(
                    _ids(results[:WINDOW]), request.terms, get_rules(), Page.objects.all(), request.region
                )
                ranked = ranked[start:stop]
                pages = specific_pages([c.pk for c in ranked], content_types={c.pk: c.content_type for c in ranked})
            else:
                pages = specific_pages(_ids(results[start:stop]))
        return SearchOutcome(count=count, pages=pages, facets=facets, engine=self.name)

    def ids(self, request: SearchRequest, limit=20):
        """Ids of the best ``limit`` matches, best first (for the relevance measurement)."""
        query = build_query(request.terms, request.operator)
        results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters))
        return rerank_ids(_ids(results[:WINDOW]), request.terms, get_rules(), Page.objects.all(), request.region)[
            :limit
        ]

    def matched_ids(self, query):
        """A subquery of the ids of every live, public page matching ``query`` (no filters)."""
        results = self.backend.search(query, self.base_queryset(), order_by_relevance=False)
        return results.get_queryset().order_by().values("pk")

    def facets(self, query, filters):
        """Counts per value of every facet, each with every *other* chosen filter (``facets_and_candidates``)."""
        return self.facets_and_candidates(query, filters)[0]

    def facets_and_candidates(self, query, filters):
        """Counts per value of every facet, each with every *other* chosen filter, in one query on one table:
        the facet values of the matching pages (``SearchFacetValue``, written with their index entries); and, for
        a match of more than ``RANK_CANDIDATES`` pages on PostgreSQL, the index entries to rank (else None).

        A broad match (more than half the indexed pages) is counted through the pages it misses: the counts of
        every searchable page (``facet_totals``, kept until the site next changes) less those of the searchable
        pages the query does not match. Both are exact; which one a search reads is decided in the same query
        by the size of the match (``_broad_or_narrow``)."""
        if not _totals_kept():
            rows = SearchFacetValue.objects.filter(page_id__in=self.matched_ids(query))
            return _counts(self._facet_rows(rows, filters)), None
        everything = facet_totals(self, {})
        indexed = sum(everything["type"].values())
        # no match of a site of at most RANK_CANDIDATES pages needs candidates: it is ranked whole
        missed, rows, candidates = self._broad_or_narrow(
            query, filters, indexed // 2, with_candidates=indexed > RANK_CANDIDATES
        )
        if not missed:
            return _counts(rows), candidates
        totals = everything if not filters else facet_totals(self, filters)
        result = {name: dict(counts) for name, counts in totals.items()}
        for facet, value, n in rows:
            if facet in result:
                left = result[facet].get(value, 0) - n
                if left > 0:
                    result[facet][value] = left
                else:
                    result[facet].pop(value, None)
        return result, candidates

    def _broad_or_narrow(self, query, filters, threshold, with_candidates=True):
        """(whether the rows are of the missed pages, [(facet, value, count)], the entries to rank or None): one
        query that materialises the match once, then counts the facet values of the matching pages when they are
        at most ``threshold``, or else those of the searchable pages the match leaves out (PostgreSQL runs only
        the branch whose one-time condition holds; SQLite evaluates both conditions the same way).

        On PostgreSQL the match is of index entries, and a match of more than ``RANK_CANDIDATES`` pages also
        gives the best ``RANK_CANDIDATES`` entries of the pages with ``filters`` by the cheap measure
        (``EntryRankedCompiler.candidate_entries``), so that the ranking query does not match again
        (``with_candidates``: on a site too small for a match to need them, the match is of pages, as on SQLite)."""
        results = self.backend.search(query, self.base_queryset(), order_by_relevance=False)
        compiler = results.query_compiler
        entries = None
        if with_candidates and hasattr(compiler, "candidate_entries"):
            entries = compiler.candidate_entries(compiler.get_config(results.backend))
        if entries is None:
            matched_sql, matched_params = results.get_queryset().order_by().values("pk").query.sql_with_params()
        else:
            entries_sql, matched_params = entries.query.sql_with_params()
            matched_sql = (
                'SELECT e."_page_id" AS pk, e."id" AS entry, e."_in_title" AS in_title, e."title_norm"'  # noqa: S608
                f" FROM ({entries_sql}) e"
            )
        in_match = RawSQL("SELECT pk FROM search_match", ())
        narrow = self._facet_rows(SearchFacetValue.objects.filter(page_id__in=in_match), filters)
        outside = self.base_queryset().exclude(pk__in=in_match).order_by().values("pk")
        broad = self._facet_rows(SearchFacetValue.objects.filter(page_id__in=outside), filters)
        narrow_sql, narrow_params = narrow.query.sql_with_params()
        broad_sql, broad_params = broad.query.sql_with_params()
        materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
        # every piece is SQL that Django compiled, every value a parameter
        sql = (
            f"WITH search_match AS {materialized}({matched_sql}), "  # noqa: S608
            "search_match_size AS (SELECT COUNT(*) AS n FROM search_match) "
            f"SELECT 0, narrow.* FROM ({narrow_sql}) narrow WHERE (SELECT n FROM search_match_size) <= %s "
            f"UNION ALL SELECT 1, broad.* FROM ({broad_sql}) broad WHERE (SELECT n FROM search_match_size) > %s "
            "UNION ALL SELECT 2, '', '', n FROM search_match_size"
        )
        params = [*matched_params, *narrow_params, threshold, *broad_params, threshold]
        if entries is not None:
            filtered_sql, filtered_params = (
                self.filtered(self.base_queryset(), filters).order_by().values("pk").query.sql_with_params()
            )
            sql += (
                " UNION ALL SELECT 3, '', '', best.entry FROM (SELECT entry FROM search_match"  # noqa: S608
                f" WHERE pk IN ({filtered_sql}) ORDER BY in_title DESC, title_norm DESC, pk DESC LIMIT %s) best"
                " WHERE (SELECT n FROM search_match_size) > %s"
            )
            params += [*filtered_params, RANK_CANDIDATES, RANK_CANDIDATES]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        size = next(n for branch, _facet, _value, n in fetched if branch == 2)
        candidates = [n for branch, _facet, _value, n in fetched if branch == 3] if entries is not None else None
        if candidates is not None and size <= RANK_CANDIDATES:
            candidates = None  # a narrow match is ranked whole
        rows = [(facet, value, n) for branch, facet, value, n in fetched if branch in (0, 1)]
        return size > threshold, rows, candidates

    def _facet_rows(self, rows, filters):
        """(facet, value, count) of the facet value rows ``rows``, each facet with every *other* chosen filter."""
        for name, value in filters.items():
            rows = rows.filter(Q(facet=name) | Q(page_id__in=_with_value(name, value)))
        # a region and a trust are one host trust's: with a trust chosen, only its region counts; with a region
        # chosen, only its trusts; both chosen, the trust must be the region's
        regions = _trust_regions()
        if filters.get("trust"):
            rows = rows.filter(~Q(facet="region") | Q(value=regions.get(filters["trust"], "")))
        if filters.get("region"):
            trusts = [trust for trust, region in regions.items() if region == filters["region"]]
            rows = rows.filter(~Q(facet="trust") | Q(value__in=trusts))
        if not _same_host_trust(filters):
            rows = rows.filter(facet__in=["region", "trust"])
        return rows.order_by().values_list("facet", "value").annotate(n=Count("pk"))


def _counts(rows):
    result = {name: {} for name in FACETS}
    for facet, value, n in rows:
        if facet in result:
            result[facet][value] = n
    return result


def _totals_kept():
    """Whether the memo store keeps values across requests (without it the totals would be counted each time)."""
    return bool(pagecache_conf.get("PAGECACHE_ENABLED"))


def facet_totals(engine, filters):
    """The facet counts of every searchable page with ``filters`` (as ``DatabaseEngine.facets`` counts a match),
    kept until the site next changes (the page cache's generation: every publish, unpublish, move and every save
    of a region, trust or medical field starts a new one)."""
    key = "search-facet-totals:" + ",".join(f"{name}={value}" for name, value in sorted(filters.items()))
    everything = engine.base_queryset().order_by().values("pk")
    return memoize(
        key, lambda: _counts(engine._facet_rows(SearchFacetValue.objects.filter(page_id__in=everything), filters))
    )


def _ids(results):
    """The page ids of a slice of the backend's results, in its order (one narrow query: no page is loaded)."""
    return list(results.get_queryset().values_list("pk", flat=True))


def _with_value(facet, value):
    """The ids of the pages with this facet value."""
    return SearchFacetValue.objects.filter(facet=facet, value=value).values("page_id")


def _trust_regions():
    """Trust facet value -> the slug of the trust's region (from the cached lookup tables)."""
    tables = lookups()
    slugs = {pk: slug for pk, slug, _name in tables["regions"]}
    return {str(pk): slugs.get(region_id, "") for pk, _name, region_id in tables["trusts"]}


def _same_host_trust(filters):
    """Whether a chosen trust (if any) is of the chosen region (if any): a unit is of a region through a host
    trust, so the two filters ask for one host trust of that region."""
    if not (filters.get("trust") and filters.get("region")):
        return True
    return _trust_regions().get(filters["trust"]) == filters["region"]


# --- the Elasticsearch engine --------------------------------------------------------------------------------


def term_query(term, rules=None):
    """Any form of one query term: the word through the synonym analyzer (which adds its synonyms), its
    compound variants (behandlingsteneste -> behandlingstjeneste), and its normalised form in the normalised
    fields."""
    rules = rules or get_rules()
    synonyms = set(rules.word_groups.get(term.word, ()))
    should = [dsl.Q("multi_match", query=term.word, fields=TEXT_FIELDS)]
    for form in term.forms[1:]:
        if form != term.normalised[0] and form not in synonyms:
            should.append(dsl.Q("multi_match", query=form, fields=TEXT_FIELDS))
    should.append(dsl.Q("multi_match", query=term.normalised[0], fields=NORMALISED_FIELDS))
    if term.parts:  # a compound split into the site's words (search.query.enrich): every part
        should.append(
            dsl.Q(
                "bool",
                must=[
                    dsl.Q(
                        "bool",
                        should=[dsl.Q("multi_match", query=f, fields=TEXT_FIELDS) for f in part],
                        minimum_should_match=1,
                    )
                    for part in term.parts
                ],
            )
        )
    return dsl.Q("bool", should=should, minimum_should_match=1)


def text_query(terms, operator="and"):
    clauses = [term_query(term) for term in required(terms)]
    if operator == "and":
        return dsl.Q("bool", must=clauses)
    return dsl.Q("bool", should=clauses, minimum_should_match=1)


def filter_clauses(filters, skip=None):
    return [
        dsl.Q("term", **{FACET_FIELDS[name]: value})
        for name, value in filters.items()
        if name != skip and name in FACETS
    ]


def build_search(request: SearchRequest, size, offset=0):
    """The dsl ``Search``: query, post_filter for the chosen filters, one filtered aggregation per facet."""
    search = dsl.Search(using=client(), index=index_name()).query(text_query(request.terms, request.operator))
    selected = filter_clauses(request.filters)
    if selected:
        search = search.post_filter(dsl.Q("bool", filter=selected))
    for name, field_name in FACET_FIELDS.items():
        others = filter_clauses(request.filters, skip=name)
        agg = dsl.A("filter", dsl.Q("bool", filter=others)) if others else dsl.A("filter", dsl.Q("match_all"))
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
        return searchable_pages()

    def _pages(self, ids):
        """Specific pages for ids, in order."""
        return specific_pages(ids, queryset=self._queryset())

    def search(self, request: SearchRequest) -> SearchOutcome:
        if not request.terms:
            return SearchOutcome(count=0, pages=[], facets={}, engine=self.name)
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        in_window = stop <= WINDOW
        size = WINDOW if in_window else request.per_page
        search = build_search(request, size=size, offset=0 if in_window else start)
        response = search.execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        count = response.hits.total.value
        if in_window:
            ids = rerank_ids(ids, request.terms, get_rules(), self._queryset(), request.region)[start:stop]
        pages = self._pages(ids)
        facets = {
            name: {bucket.key: bucket.doc_count for bucket in getattr(response.aggregations, name).counts.buckets}
            for name in FACET_FIELDS
        }
        return SearchOutcome(count=count, pages=pages, facets=facets, engine=self.name)

    def ids(self, request: SearchRequest, limit=20):
        response = build_search(request, size=WINDOW).execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        return rerank_ids(ids, request.terms, get_rules(), self._queryset(), request.region)[:limit]


# --- choosing the engine ------------------------------------------------------------------------------------


def get_engine(name=None) -> SearchEngine:
    name = name or ("elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "database")
    if name == "elasticsearch":
        return ElasticsearchEngine()
    return DatabaseEngine()


def available_engines():
    """Names of every engine that can run here: always the database, Elasticsearch when configured."""
    names = ["database"]
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        names.append("elasticsearch")
    return names

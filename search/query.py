"""Step 1 of a search, parsing: from a visitor's parameters to a ``SearchRequest`` whose terms an engine can run.

- **Rules** (``get_rules``): the built-in lists of ``search.norwegian`` plus the editors' synonym snippets.
- **Lookup tables** (``lookups``, ``searchable_pages``, ``is_private_path``, ``promoted``): regions, trusts,
  medical fields, region pages, synonyms, private sections and promotions, kept with the page cache's one
  generation, and read in one query when they are not kept.
- **Facets**, each declared once (``REGISTRY``): name, label, ORM lookup, Elasticsearch field; their values,
  filters, and what a result shows of them (its type and regions).
- **The request** (``SearchRequest``, ``parse``): bad values give messages, never exceptions.
- **The site's own words** (``enrich``, ``nearest``): what makes a query forgiving beyond the fixed rules.
- **A region the query names** (``named_region``): a preference, not required words.
"""

import dataclasses
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.db.models import BooleanField, F, IntegerField, Q, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from organisations.models import HealthTrust, MedicalField, Region
from pagecache.cache import current_generation, keep_for_request, memoize, request_only
from pagecache.queries import SPECIAL_PAGES, SPECIAL_PATHS, public, restricted_sections, special_paths_of
from servicepages.models import NationalUnitPage, ReferenceGroupPage, RegionPage, UnitKind, UnitStatus

from . import norwegian
from .models import SearchSynonym, SearchWord, parse_terms
from .norwegian import REGION_ALIASES, STOP_WORDS, Term, ascii_fold, expand_terms, tokenize

logger = logging.getLogger(__name__)

# --- the rules in force ---------------------------------------------------------------------------------
#
# Each process keeps the rules it built with the page cache's generation (``pagecache.cache``): saving or
# deleting a synonym starts a new generation, and every process rebuilds its rules on next use. When the cache
# cannot be reached, the rules a process has are used for at most ``UNAVAILABLE_SECONDS``.

UNAVAILABLE_SECONDS = 60
_local = threading.local()


def load_rules():
    try:
        synonyms = lookups()["synonyms"]
    except DatabaseError:  # tables not migrated yet (e.g. during migrate)
        synonyms = []
    groups = [words for words, _compound_part in synonyms]
    parts = [w for words, compound_part in synonyms if compound_part for w in words]
    return norwegian.build_rules(extra_groups=groups, extra_compound_parts=parts)


def get_rules():
    generation = current_generation()
    cached = getattr(_local, "rules", None)  # (generation, built at, rules)
    if cached is not None:
        if generation is not None and cached[0] == generation:
            return cached[2]
        if generation is None and time.monotonic() - cached[1] < UNAVAILABLE_SECONDS:
            return cached[2]
    rules = load_rules()
    _local.rules = (generation, time.monotonic(), rules)
    return rules


# --- lookup tables ---------------------------------------------------------------------------------------
#
# Stable tables the public search needs on every request, kept with the page cache's one generation
# (``pagecache.cache.memoize``): any change a visitor can see (a region, trust, medical field, synonym,
# promotion or page saved) starts a new generation, so a warm search costs no queries for them and never
# shows stale ones. When they are not kept (the page cache off, or cold) they are read in one query: one
# UNION ALL of the tables, each part numbered in its own order (``_read_tables``). The same query tells what
# the rest of the request needs of the schema and the site: the page types' content types (put in Django's
# own cache, which the search backend and the page loading ask), whether ``pg_trgm`` is installed and, with
# the page cache off, the restricted sections (left to the request's scope, as the page view does:
# ``pagecache.cache.keep_for_request``).

# The typed columns every part of the union has, after its kind and its position: NULL where a part has
# fewer values of a type.
_SLOTS = {int: 3, str: 7, bool: 1}
_SQL_TYPES = {int: IntegerField, str: TextField, bool: BooleanField}


def _part(kind, queryset, order_by, *fields):
    """(sql, params) of one part of the union: ``queryset``'s ``fields`` ((name, type) pairs) in the typed
    columns, numbered in the order of ``order_by``."""
    columns = {
        "lookup_kind": Cast(Value(kind), TextField()),
        "lookup_n": Window(RowNumber(), order_by=list(order_by) or None),
    }
    for kind_type, slots in _SLOTS.items():
        names = [name for name, field_type in fields if field_type is kind_type]
        for slot in range(slots):
            expression = F(names[slot]) if slot < len(names) else Cast(Value(None), _SQL_TYPES[kind_type]())
            columns[f"lookup_{kind_type.__name__}{slot}"] = expression
    queryset = queryset.order_by().annotate(**columns).values_list(*columns)
    return queryset.query.get_compiler(connection=connection).as_sql()


def _trigram_part():
    """A row if ``pg_trgm`` is installed (PostgreSQL only), in the union's columns."""
    nulls = ", ".join(["NULL::integer"] * _SLOTS[int] + ["NULL::text"] * _SLOTS[str] + ["NULL::boolean"] * _SLOTS[bool])
    return f"SELECT 'trigrams'::text, 1::bigint, {nulls} FROM pg_extension WHERE extname = 'pg_trgm'", ()  # noqa: S608


def _values(row, fields):
    """The values of ``fields`` from a row of the union (its typed columns, after kind and position)."""
    offsets = {int: 2, str: 2 + _SLOTS[int], bool: 2 + _SLOTS[int] + _SLOTS[str]}
    values = []
    for _name, field_type in fields:
        value = row[offsets[field_type]]
        offsets[field_type] += 1
        values.append(bool(value) if field_type is bool and value is not None else value)
    return tuple(values)


def _read_tables(parts):
    """{kind: [values]} of ``parts`` ({kind: (queryset, order_by, fields)}), and "trigrams", in one query."""
    compiled = [_part(kind, queryset, order_by, *fields) for kind, (queryset, order_by, fields) in parts.items()]
    if connection.vendor == "postgresql":
        compiled.append(_trigram_part())
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql for sql, _params in compiled), [p for _sql, ps in compiled for p in ps])
        rows = sorted(cursor.fetchall(), key=lambda row: (row[0], row[1]))
    tables = {kind: [] for kind in [*parts, "trigrams"]}
    for row in rows:
        tables[row[0]].append(_values(row, parts[row[0]][2]) if row[0] in parts else ())
    return tables


def _uncached_page_content_types():
    """Q of the page types' content types Django has not cached yet (None: all are). The search backend asks
    for every page type's (``get_for_models``), the page loading for the shown pages'."""
    missing = defaultdict(list)
    for model in apps.get_models():
        if issubclass(model, Page):
            opts = model._meta.concrete_model._meta
            try:
                ContentType.objects._get_from_cache(opts)  # Django's cache of content types (private API)
            except KeyError:
                missing[opts.app_label].append(opts.model_name)
    if not missing:
        return None
    condition = Q(pk__in=[])
    for app_label, model_names in missing.items():
        condition |= Q(app_label=app_label, model__in=model_names)
    return condition


SPECIAL_PATH_FIELDS = (("path", str), ("depth", int), ("alias_of_id", int), ("view_restrictions__id", int))


def _load_lookups():
    parts = {
        "regions": (
            Region.objects.all(),
            [F("sort_order").asc(), F("name").asc()],
            [("pk", int), ("slug", str), ("name", str)],
        ),
        # by name: the order of HealthTrust's Meta and of the trust facet
        "trusts": (HealthTrust.objects.all(), [F("name").asc()], [("pk", int), ("name", str), ("region_id", int)]),
        "fields": (MedicalField.objects.all(), [F("name").asc()], [("slug", str), ("name", str)]),
        "region_pages": (RegionPage.objects.all(), [F("path").asc()], [("region_id", int), ("path", str)]),
        "synonyms": (SearchSynonym.objects.all(), [F("terms").asc()], [("terms", str), ("compound_part", bool)]),
        "promotions": (
            SearchPromotion.objects.all(),
            [F("query_id").asc(), F("sort_order").asc(), F("pk").asc()],
            [
                ("query__query_string", str),
                ("page_id", int),
                ("page__live", bool),
                ("page__path", str),
                ("page__depth", int),
                ("page__url_path", str),
                ("page__title", str),
                ("description", str),
                ("external_link_url", str),
                ("external_link_text", str),
            ],
        ),
    }
    content_types = _uncached_page_content_types()
    if content_types is not None:
        parts["content_types"] = (
            ContentType.objects.filter(content_types),
            [],
            [("pk", int), ("app_label", str), ("model", str)],
        )
    special_paths = request_only()
    if special_paths:
        parts["special_paths"] = (Page.objects.filter(SPECIAL_PAGES), [], SPECIAL_PATH_FIELDS)
    tables = _read_tables(parts)
    for values in tables.pop("content_types", []):
        content_type = ContentType.from_db(ContentType.objects.db, ["id", "app_label", "model"], values)
        ContentType.objects._add_to_cache(ContentType.objects.db, content_type)  # Django's own cache (private API)
    if special_paths:
        keep_for_request(SPECIAL_PATHS, special_paths_of(tables.pop("special_paths")))
    region_pages = {}
    for region_id, path in tables["region_pages"]:
        region_pages.setdefault(region_id, path)  # the first by path
    return {
        # (pk, slug, name) in display order
        "regions": tables["regions"],
        # (pk, name, region id) by name
        "trusts": tables["trusts"],
        # (slug, name) by name
        "fields": tables["fields"],
        # region id -> tree path of its region page (the first by path, as ``named_region`` wants it)
        "region_pages": region_pages,
        # ([words], compound part) of the editors' synonyms, by their words
        "synonyms": [(parse_terms(terms), compound_part) for terms, compound_part in tables["synonyms"]],
        # (query string, page id, live, path, depth, url path, title, description, link url, link text), in the
        # editors' order
        "promotions": tables["promotions"],
        "trigrams": bool(tables["trigrams"]),
    }


def lookups():
    """The lookup tables of ``_load_lookups``, kept until the site next changes."""
    return memoize("search-tables", _load_lookups)


# private sections


def searchable_pages():
    """Every page a search may show: live, public (``pagecache.queries.public``: no query for the view
    restrictions on a warm cache), below the root."""
    return public(Page.objects.live().filter(depth__gt=1))


# promoted results


def promoted(query_string, build):
    """The promoted results of a (normalised) query string from ``build()`` -> {query string: [result]},
    the whole table kept until the site next changes: no query for any search."""
    return memoize("search-promotions", build).get(query_string, [])


def is_private_path(page_path, page_depth):
    """Whether the page at this tree path and depth is in a private section (what
    ``page.get_view_restrictions().exists()`` tells)."""
    return any(page_path.startswith(path) and page_depth >= depth for path, depth in restricted_sections())


# --- the facets, declared once --------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    lookup: str  # on NationalUnitPage: what the search index writes as the unit's values (search.index)
    field: str  # the Elasticsearch keyword field


REGISTRY = (
    Facet("type", _("Type"), "kind", "type"),
    Facet("region", _("Region"), "host_trusts__region__slug", "regions"),
    Facet("trust", _("Hospital trust"), "host_trusts__pk", "trusts"),
    Facet("status", _("Status"), "status", "status"),
    Facet("field", _("Medical field"), "medical_fields__slug", "fields"),
)
FACETS = tuple(f.name for f in REGISTRY)
FACET_LABELS = {f.name: f.label for f in REGISTRY}
FIELDS = {f.name: f.field for f in REGISTRY}

# The "type" facet: the unit kinds plus the other page types that have their own value.
OTHER_TYPES = {
    "referansegruppe": ("servicepages", "referencegrouppage", _("Reference group")),
    "arrangement": ("events", "eventpage", _("Event")),
}
OTHER_PAGE = "side"
OTHER_PAGE_LABEL = _("Page")


def choices():
    """Every valid value of every facet with its label, in display order (no query on a warm cache)."""
    types = dict(UnitKind.choices)
    types.update({key: label for key, (_app, _model_name, label) in OTHER_TYPES.items()})
    types[OTHER_PAGE] = OTHER_PAGE_LABEL
    tables = lookups()
    return {
        "type": types,
        "region": {slug: name for _pk, slug, name in tables["regions"]},
        "trust": {str(pk): name for pk, name, _region in tables["trusts"]},
        "status": dict(UnitStatus.choices),
        "field": dict(tables["fields"]),
    }


def other_content_types():
    """Content type id -> type value for the non-unit types that have their own value."""
    result = {}
    for key, (app_label, model_name, _label) in OTHER_TYPES.items():
        try:
            result[ContentType.objects.get_by_natural_key(app_label, model_name).pk] = key
        except ContentType.DoesNotExist:
            continue
    return result


def regions_by_page(pages):
    """Page id -> region names for units, region pages and reference groups (one query at most).

    A unit's regions are those of its host trusts, in the trusts' order (by name), each once; the names
    come from the cached lookup tables (``lookups``)."""
    unit_ids = {p.pk for p in pages if isinstance(p, NationalUnitPage)}
    group_units = {p.pk: p.unit_id for p in pages if isinstance(p, ReferenceGroupPage) and p.unit_id}
    wanted = unit_ids | set(group_units.values())
    trusts_of = {}
    if wanted:
        through = NationalUnitPage.host_trusts.through
        for unit_id, trust_id in through.objects.filter(nationalunitpage_id__in=wanted).values_list(
            "nationalunitpage_id", "healthtrust_id"
        ):
            trusts_of.setdefault(unit_id, []).append(trust_id)
    tables = lookups()
    region_names = {pk: name for pk, _slug, name in tables["regions"]}
    trusts = {pk: (position, region_id) for position, (pk, _name, region_id) in enumerate(tables["trusts"])}
    names = {}
    for unit_id, trust_ids in trusts_of.items():
        seen = []
        for trust_id in sorted(trust_ids, key=lambda pk: (trusts.get(pk, (len(trusts), None))[0], pk)):
            name = region_names.get(trusts.get(trust_id, (0, None))[1])
            if name and name not in seen:
                seen.append(name)
        names[unit_id] = seen
    result = {}
    for page in pages:
        if page.pk in unit_ids:
            result[page.pk] = names.get(page.pk, [])
        elif page.pk in group_units:
            result[page.pk] = names.get(group_units[page.pk], [])
        elif isinstance(page, RegionPage):
            result[page.pk] = [region_names[page.region_id]] if page.region_id in region_names else []
        else:
            result[page.pk] = []
    return result


def type_of(page, labels):
    if isinstance(page, NationalUnitPage):
        return page.kind, labels.get(page.kind, page.kind)
    other = other_content_types()
    key = other.get(page.content_type_id)
    if key:
        return key, labels[key]
    return "side", str(OTHER_PAGE_LABEL)


# --- the request -----------------------------------------------------------------------------------------


@dataclass
class SearchRequest:
    """A parsed, validated search: the query's terms and the chosen filter values."""

    query: str
    terms: list[Term]
    filters: dict = field(default_factory=dict)  # facet name -> value (validated)
    page: int = 1
    per_page: int = 10
    operator: str = "and"
    region: str = ""  # a region named in the query (slug): its pages are preferred (search.engines.rerank)

    def with_operator(self, operator):
        return SearchRequest(
            self.query, self.terms, dict(self.filters), self.page, self.per_page, operator, self.region
        )

    def with_terms(self, terms, query=None):
        return SearchRequest(
            query or self.query, terms, dict(self.filters), self.page, self.per_page, self.operator, self.region
        )


MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000
PER_PAGE = 10


@dataclass
class ParsedParams:
    request: SearchRequest
    choices: dict
    errors: dict = field(default_factory=dict)  # parameter -> message (the value was ignored)
    notices: list = field(default_factory=list)

    @property
    def query(self):
        return self.request.query


def parse(params, per_page=PER_PAGE):
    """A SearchRequest from GET parameters, with a message for every value that was not understood."""
    errors = {}
    notices = []
    raw_query = (params.get("q") or "").strip()
    query = raw_query[:MAX_QUERY_LENGTH]
    if len(raw_query) > MAX_QUERY_LENGTH:
        notices.append(_("Your search was shortened to the first %(count)s characters.") % {"count": MAX_QUERY_LENGTH})
    values = choices()
    filters = {}
    for name in FACETS:
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if value in values[name]:
            filters[name] = value
        else:
            errors[name] = _("Unknown value for the filter “%(filter)s”; the filter was not used.") % {
                "filter": FACET_LABELS[name]
            }
    page_value = (params.get("page") or "1").strip()
    try:
        page = int(page_value)
        if page < 1 or page > MAX_PAGE:
            raise ValueError
    except ValueError:
        errors["page"] = _("The page number must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE}
        page = 1
    terms = expand_terms(query, get_rules()) if query else []
    if query and not terms:
        notices.append(_("Your search contains no letters or digits to search for."))
    request = SearchRequest(query=query, terms=terms, filters=filters, page=page, per_page=per_page)
    return ParsedParams(request=request, choices=values, errors=errors, notices=notices)


# --- the site's own words (SearchWord) -------------------------------------------------------------------
#
# For every query term (``enrich``):
#
# * **known** (the folded word is on the site): the site's spelling is added (``kjonnsinkongruens`` also
#   searches ``kjønnsinkongruens``);
# * **prefix**: words of the site that start with it (``hofte`` → ``hoftebrudd``, ``stråle`` → ``strålekniv``);
# * **part** of a compound, when the word itself is rare: words that contain it (``brudd`` → ``lårhalsbrudd``);
# * **compound** not on the site: split into two words of the site, both of which must match
#   (``epilepsikirurgi`` → ``epilepsi`` + ``kirurgisk``);
# * **typo** (none of the above): the nearest word of the site within one or two edits is the term's
#   ``correction``; the search retries with it when the query finds few pages (``search.results.match``), and
#   says so.
#
# The nearest words come from ``pg_trgm`` on PostgreSQL when the extension is installed (migration 0003), else
# from the words of similar length compared in Python (the same edit distance on both). The vocabulary is
# written by ``search.index``.

MIN_PREFIX = 4  # a word this long also finds the words it begins
MIN_PART = 4  # a word this long also finds the compounds it is part of, when it is rare itself
RARE = 3  # "rare": on fewer pages than this
MAX_EXPANSIONS = 10
LINKING_LETTERS = "se"  # behandling-s-tjeneste, brannskad-e-behandling


def damerau_levenshtein(a, b, limit=3):
    """Edit distance with transpositions; ``limit + 1`` as soon as it is certainly above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word):
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


def _has_trigrams():
    """Whether ``pg_trgm`` is installed (read with the lookup tables: no query of its own)."""
    return connection.vendor == "postgresql" and lookups()["trigrams"]


def _words_sql(queryset):
    return queryset.values_list("word", "surface", "pages").query.get_compiler(connection=connection).as_sql()


def _read_words(starting=(), near=""):
    """In one query, ([(word, surface, pages)] of the site's words that start with one of ``starting``, [those
    that may be within a few edits of the folded word ``near``]), each in the database's order.

    The words near ``near`` are those ``pg_trgm`` finds similar (PostgreSQL, when the extension is installed:
    at most 200) or, when it finds none or is not there, the words of a similar length."""
    with_clause, with_params, selects, params = "", [], [], []
    if starting:
        condition = Q()
        for prefix in starting:
            condition |= Q(word__startswith=prefix)
        sql, part_params = _words_sql(SearchWord.objects.filter(condition))
        selects.append(f"SELECT 0 AS part, word, surface, pages FROM ({sql}) AS starting")  # noqa: S608 - ORM SQL
        params += part_params
    if near:
        edits = allowed_edits(near)
        lengths = SearchWord.objects.filter(length__gte=len(near) - edits, length__lte=len(near) + edits)
        sql, part_params = _words_sql(lengths)
        by_length = f"SELECT 1 AS part, word, surface, pages FROM ({sql}) AS by_length"  # noqa: S608 - ORM SQL
        if _has_trigrams():
            similar_sql, with_params = _words_sql(SearchWord.objects.extra(where=["word %% %s"], params=[near])[:200])
            with_clause = f"WITH trigram_words AS ({similar_sql}) "
            selects.append("SELECT 1 AS part, word, surface, pages FROM trigram_words")
            by_length += " WHERE NOT EXISTS (SELECT 1 FROM trigram_words)"  # only when pg_trgm finds none
        selects.append(by_length)
        params += part_params
    result = ([], [])
    if not selects:
        return result
    with connection.cursor() as cursor:
        cursor.execute(with_clause + " UNION ALL ".join(selects), [*with_params, *params])
        for part, *row in cursor.fetchall():
            result[part].append(tuple(row))
    return result


def nearest(folded, candidates=None):
    """The surface form of the site's word nearest ``folded`` (at most ``allowed_edits``), or "". ``candidates``:
    the words that may be near it, if read already (``_read_words``)."""
    edits = allowed_edits(folded)
    if not edits:
        return ""
    if candidates is None:
        candidates = _read_words(near=folded)[1]
    best = None
    for word, surface, pages in candidates:
        distance = damerau_levenshtein(folded, word, edits)
        if distance <= edits and (best is None or (distance, -pages) < best[:2]):
            best = (distance, -pages, surface)
    return best[2] if best else ""


def _ranked(rows, limit=MAX_EXPANSIONS):
    """The surfaces of ``rows`` ((word, surface, pages)), most pages first, then by word, at most ``limit``."""
    unique = {row[0]: row for row in rows}.values()
    return [surface for _word, surface, _pages in sorted(unique, key=lambda row: (-row[2], row[0]))[:limit]]


class SiteWords:
    """The words of the site that a query needs, read in one query (a second one only for a word not on the site:
    the compound splits and the nearest words together): the exact words and every word containing a term long
    enough for prefixes and parts; the prefix and part lists are then picked in Python."""

    def __init__(self, folded_words, stems=()):
        self.known = {}
        self.rows = []  # (word, surface, pages) read so far: the words containing a stem or starting with a part
        self._near = {}  # folded word -> the words that may be near it (``_read_words``)
        self._stems = {s for s in stems if len(s) >= min(MIN_PREFIX, MIN_PART)}
        wanted = set(folded_words)
        if not wanted and not self._stems:
            return
        condition = Q(word__in=wanted) if wanted else Q(pk__in=[])
        for stem in self._stems:
            condition |= Q(word__contains=stem)
        for word, surface, pages in SearchWord.objects.filter(condition).values_list("word", "surface", "pages"):
            if word in wanted:
                self.known[word] = (surface, pages)
            self.rows.append((word, surface, pages))

    def starting_with(self, folded, limit=MAX_EXPANSIONS):
        if folded not in self._stems:
            self._load_starting([folded])
        return _ranked([r for r in self.rows if r[0].startswith(folded) and r[0] != folded], limit)

    def containing(self, folded, limit=MAX_EXPANSIONS):
        if folded not in self._stems:  # pragma: no cover - enrich asks only for the stems it passed
            rows = SearchWord.objects.filter(word__contains=folded).values_list("word", "surface", "pages")
            self.rows.extend(rows)
            self._stems.add(folded)
        return _ranked([r for r in self.rows if folded in r[0] and not r[0].startswith(folded)], limit)

    def _load_starting(self, prefixes, near=""):
        """Read, in one query, every word starting with one of ``prefixes`` (so also the prefixes themselves),
        and the words that may be near the folded word ``near`` (for ``nearest``)."""
        prefixes = [p for p in dict.fromkeys(prefixes) if p and p not in self._stems]
        near = near if near and allowed_edits(near) and near not in self._near else ""
        if not prefixes and not near:
            return
        starting, near_rows = _read_words(prefixes, near)
        seen = {r[0] for r in self.rows}
        for word, surface, pages in starting:
            if word not in seen:
                self.rows.append((word, surface, pages))
                seen.add(word)
        self._stems.update(prefixes)
        if near:
            self._near[near] = near_rows

    def nearest(self, folded):
        """``nearest(folded)``, from the words read with the split when ``split`` was asked first."""
        self._load_starting([], near=folded)
        return nearest(folded, self._near.get(folded, []))

    def split(self, folded):
        """Two words of the site that make up ``folded``: [[left forms], [right forms]], or []. Each part is a
        word of the site or the start of some (søvnsenter → søvn… + senter)."""
        points = [(folded[:i], folded[i:]) for i in range(len(folded) - MIN_PREFIX, 2, -1)]  # longest left first
        wanted = []
        for left, right in points:
            wanted += [left, right]
            if left[-1] in LINKING_LETTERS and len(left) > 4:
                wanted.append(left[:-1])
        # every part and the words it begins, and the words near ``folded`` (its correction when it cannot be
        # split: ``nearest``), in one query
        self._load_starting(wanted, near=folded)
        for left, right in points:
            if left[-1] in LINKING_LETTERS and len(left) > 4 and not self._exists(left):
                left = left[:-1]
            left_forms = self._forms(left)
            if not left_forms:
                continue
            right_forms = self._forms(right)
            if right_forms:
                return [left_forms, right_forms]
        return []

    def _forms(self, folded):
        """The site's spellings of ``folded`` and of the words it begins."""
        own = [self.known[folded][0]] if self._exists(folded) else []
        return list(dict.fromkeys(own + self.starting_with(folded)))

    def _exists(self, folded):
        if folded not in self.known:
            if folded not in self._stems:
                self._load_starting([folded])
            row = next(((s, n) for w, s, n in self.rows if w == folded), None)
            if row:
                self.known[folded] = row
        return folded in self.known


def enrich(terms, rules):
    """The query terms with the site's spellings, prefixes, compound parts, splits and corrections added."""
    try:
        return _enrich(terms, rules)
    except DatabaseError:  # pragma: no cover - no vocabulary table yet: the fixed rules only
        logger.exception("The search vocabulary could not be read")
        return terms


def _enrich(terms, rules):
    terms = [dataclasses.replace(t, forms=list(t.forms), parts=list(t.parts)) for t in terms]
    lookup = SiteWords(
        {ascii_fold(f) for t in terms for f in t.forms},
        {ascii_fold(t.word) for t in terms if t.word not in STOP_WORDS},
    )
    for term in terms:
        if term.word in STOP_WORDS:
            continue
        folded = ascii_fold(term.word)
        known = [lookup.known[ascii_fold(f)] for f in term.forms if ascii_fold(f) in lookup.known]
        extra = [surface for surface, _pages in known]
        if len(folded) >= MIN_PREFIX:
            extra += lookup.starting_with(folded)
        pages = max((n for _s, n in known), default=0)
        if len(folded) >= MIN_PART and pages < RARE:
            extra += lookup.containing(folded)
        term.forms = list(dict.fromkeys(term.forms + extra))
        in_rules = term.word in rules.word_groups or folded in rules.word_groups  # a synonym is a word, too
        if not known and not extra and not in_rules:
            term.parts = lookup.split(folded)
            if term.parts:
                # each part with its synonyms and nynorsk forms
                term.parts = [
                    list(dict.fromkeys(part + [f for p in part for t in expand_terms(p, rules) for f in t.forms]))
                    for part in term.parts
                ]
            else:
                term.correction = lookup.nearest(folded)
    return terms


# --- a region the query names ----------------------------------------------------------------------------


def named_region(query):
    """(tree path of the region page, the words naming it) of a region the query names ("nettverk helse nord"),
    or ("", [])."""
    words = [ascii_fold(w) for w in tokenize(query)]
    padded = " " + " ".join(words) + " "
    for pk, _slug, name in lookups()["regions"]:
        for alias in [name, *REGION_ALIASES.get(name, [])]:
            alias_words = [ascii_fold(w) for w in tokenize(alias)]
            if " " + " ".join(alias_words) + " " in padded:
                return lookups()["region_pages"].get(pk, ""), alias_words
    return "", []

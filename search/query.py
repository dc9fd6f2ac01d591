"""Step 1 of a search, parsing: from a visitor's parameters to a ``SearchRequest`` whose terms an engine can run.

- **Rules** (``get_rules``): the built-in lists of ``search.norwegian`` plus the editors' synonym snippets.
- **Lookup tables** (``lookups``, ``searchable_pages``, ``is_private``, ``promoted``): regions, trusts, medical
  fields, private sections and promotions, kept with the page cache's one generation.
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
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from organisations.models import HealthTrust, MedicalField, Region
from pagecache.cache import current_generation, memoize
from pagecache.queries import public, restricted_sections
from servicepages.models import NationalUnitPage, ReferenceGroupPage, RegionPage, UnitKind, UnitStatus

from . import norwegian
from .models import SearchSynonym, SearchWord
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
        synonyms = list(SearchSynonym.objects.all())
    except DatabaseError:  # table not migrated yet (e.g. during migrate)
        synonyms = []
    groups = [s.words for s in synonyms]
    parts = [w for s in synonyms if s.compound_part for w in s.words]
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
# (``pagecache.cache.memoize``): any change a visitor can see (a region, trust, medical field, promotion or
# page saved) starts a new generation, so a warm search costs no queries for them and never shows stale ones.


def _load_lookups():
    return {
        # (pk, slug, name) in display order
        "regions": list(Region.objects.order_by("sort_order", "name").values_list("pk", "slug", "name")),
        # (pk, name, region id) by name, the order of HealthTrust's Meta and of the trust facet
        "trusts": list(HealthTrust.objects.order_by("name").values_list("pk", "name", "region_id")),
        # (slug, name) by name
        "fields": list(MedicalField.objects.order_by("name").values_list("slug", "name")),
    }


def lookups():
    """{"regions": [(pk, slug, name)], "trusts": [(pk, name, region_id)], "fields": [(slug, name)]}."""
    return memoize("search-lookups", _load_lookups)


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


def is_private(page):
    """Whether ``page`` is in a private section (what ``page.get_view_restrictions().exists()`` tells)."""
    return any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_sections())


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


@lru_cache(maxsize=4)
def _has_trigrams(alias):
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _near_candidates(folded):
    """(word, surface, pages) of the site that may be within a few edits of ``folded``."""
    if _has_trigrams(connection.alias):
        rows = SearchWord.objects.extra(where=["word %% %s"], params=[folded]).values_list("word", "surface", "pages")
        rows = list(rows[:200])
        if rows:
            return rows
    edits = allowed_edits(folded)
    return list(
        SearchWord.objects.filter(length__gte=len(folded) - edits, length__lte=len(folded) + edits).values_list(
            "word", "surface", "pages"
        )
    )


def nearest(folded):
    """The surface form of the site's word nearest ``folded`` (at most ``allowed_edits``), or ""."""
    edits = allowed_edits(folded)
    if not edits:
        return ""
    best = None
    for word, surface, pages in _near_candidates(folded):
        distance = damerau_levenshtein(folded, word, edits)
        if distance <= edits and (best is None or (distance, -pages) < best[:2]):
            best = (distance, -pages, surface)
    return best[2] if best else ""


def _ranked(rows, limit=MAX_EXPANSIONS):
    """The surfaces of ``rows`` ((word, surface, pages)), most pages first, then by word, at most ``limit``."""
    unique = {row[0]: row for row in rows}.values()
    return [surface for _word, surface, _pages in sorted(unique, key=lambda row: (-row[2], row[0]))[:limit]]


class SiteWords:
    """The words of the site that a query needs, read in one query (a second one only for compound splits):
    the exact words and every word containing a term long enough for prefixes and parts; the prefix and part
    lists are then picked in Python."""

    def __init__(self, folded_words, stems=()):
        self.known = {}
        self.rows = []  # (word, surface, pages) read so far: the words containing a stem or starting with a part
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

    def _load_starting(self, prefixes):
        """Read, in one query, every word starting with one of ``prefixes`` (so also the prefixes themselves)."""
        prefixes = [p for p in dict.fromkeys(prefixes) if p and p not in self._stems]
        if not prefixes:
            return
        condition = Q()
        for prefix in prefixes:
            condition |= Q(word__startswith=prefix)
        seen = {r[0] for r in self.rows}
        for word, surface, pages in SearchWord.objects.filter(condition).values_list("word", "surface", "pages"):
            if word not in seen:
                self.rows.append((word, surface, pages))
                seen.add(word)
        self._stems.update(prefixes)

    def split(self, folded):
        """Two words of the site that make up ``folded``: [[left forms], [right forms]], or []. Each part is a
        word of the site or the start of some (søvnsenter → søvn… + senter)."""
        points = [(folded[:i], folded[i:]) for i in range(len(folded) - MIN_PREFIX, 2, -1)]  # longest left first
        wanted = []
        for left, right in points:
            wanted += [left, right]
            if left[-1] in LINKING_LETTERS and len(left) > 4:
                wanted.append(left[:-1])
        self._load_starting(wanted)  # every part and the words it begins, in one query
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
                term.correction = nearest(folded)
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
                path = RegionPage.objects.filter(region_id=pk).values_list("path", flat=True).first()
                return path or "", alias_words
    return "", []

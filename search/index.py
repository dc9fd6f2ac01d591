"""Writing the search's indexes, for every engine: what a page's text is, and keeping the indexes in sync.

- **Page text** (``page_texts``, ``shown_text``, ``keywords_for``): a page's searchable fields as a reader sees
  them, plus what its template shows beside them (a unit's host trusts with their abbreviations and towns,
  its region and status; a region's trusts; the reporting deadline; the application cycle; an event's
  registration), so ``OUS``, ``Tromsø``, ``avviklet`` and ``frist`` find the pages that show them.
- **Normalised fields** (``normalised_search_fields``, added to every page type in ``apps.py``): Wagtail's
  database backends index a Norwegian-normalised copy (``search.norwegian``) of the title (field name
  ``title``, so it is weighted as a title) and of the other text. Both are computed when the page is indexed,
  with the rules in force then: after changing the synonyms, run ``manage.py rebuild_search_index`` to
  refresh them (queries are expanded with the new rules at once).
- **The vocabulary** (``SearchWord``, read by ``search.query.enrich``): rebuilt by ``rebuild_search_index``,
  added to when a page is published.
- **The Elasticsearch index**: one alias (``PORTAL_SEARCH_INDEX``) pointing at a timestamped index with every
  live, public page: its texts analysed for Norwegian (stop words, Norwegian stemmer, and at search time the
  synonym groups as a ``synonym_graph`` filter), the normalised copies of its texts, and keyword fields for
  the facets. Rebuilt by ``rebuild_search_index``.
- **Signals**: publish, unpublish, move, delete, privacy and synonym changes keep the vocabulary and the
  Elasticsearch index in sync. (The search's caches follow the page cache's generation, which every visible
  change bumps: ``pagecache.signal_handlers``.)
"""

import collections
import datetime
import functools
import logging
import operator
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Case, ExpressionWrapper, F, IntegerField, Q, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Index, Mapping, analyzer, connections, token_filter
from elasticsearch_dsl.field import Keyword, Text
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.signals import page_published, page_unpublished, post_page_move

from organisations.models import HealthTrust, MedicalField, Region
from pagecache.cache import invalidate
from servicepages.models import NationalUnitPage, UnitStatus

from .models import SearchFacetValue, SearchSynonym, SearchWord
from .norwegian import (
    MAX_TERM_LENGTH,
    REGION_ALIASES,
    STOP_WORDS,
    TRUST_ALIASES,
    ascii_fold,
    elasticsearch_synonym_rules,
    normalise_text,
    tokenize,
)
from .query import (
    FIELDS,
    OTHER_PAGE,
    REGISTRY,
    choices,
    get_rules,
    other_content_types,
    regions_by_page,
    searchable_pages,
    type_of,
)

logger = logging.getLogger(__name__)

# --- page text -------------------------------------------------------------------------------------------

TITLE_SOURCES = ("title", "former_names", "abbreviation")


def _sentence(text):
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;…" else text + "."


def _block_text(block, value):
    """The text a reader sees of a StreamField block, as sentences: headings and paragraphs end with a full stop,
    and choices (a heading's level, a layout) are left out, so excerpts never show "Nivå 2"."""
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return ""
    if isinstance(block, blocks.StreamBlock):
        return " ".join(_block_text(child.block, child.value) for child in value)
    if isinstance(block, blocks.ListBlock):
        return " ".join(_block_text(block.child_block, item) for item in value)
    if isinstance(block, blocks.StructBlock):
        return " ".join(_block_text(child, value.get(name)) for name, child in block.child_blocks.items())
    if isinstance(block, blocks.RichTextBlock):
        return " ".join(_sentence(strip_tags(p)) for p in value.source.replace("</p>", "</p>\n").splitlines())
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return _sentence(str(value))
    return _sentence(" ".join(block.get_searchable_content(value)))


def searchable_text(value):
    """Plain text from a field value: strings, rich text, StreamField content, lists."""
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return " ".join(t for t in (_block_text(child.block, child.value) for child in value) if t)
    if isinstance(value, (list, tuple)):
        return " ".join(searchable_text(v) for v in value)
    if hasattr(value, "source"):  # RichText
        value = value.source
    text = str(value)
    if "<" in text:
        text = strip_tags(text)
    return text


def _field_texts(obj, fields, related=True):
    for search_field in fields:
        if isinstance(search_field, (NormalisedTitleField, NormalisedBodyField)):
            continue
        if isinstance(search_field, index.RelatedFields):
            if not related:
                continue
            related = search_field.get_value(obj)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                yield from _field_texts(item, search_field.fields)
        elif isinstance(search_field, index.SearchField):
            raw = getattr(obj, search_field.field_name, None)
            value = raw if isinstance(raw, StreamValue) else search_field.get_value(obj)
            yield search_field.field_name, searchable_text(value)


def _trust_text(trust):
    names = [trust.name, trust.short_name, *TRUST_ALIASES.get(trust.name, [])]
    return ", ".join(n for n in names if n)


def _region_text(region):
    names = [region.name, region.short_name, *REGION_ALIASES.get(region.name, [])]
    return ", ".join(n for n in names if n)


# The words that say what a page is for, by page type: indexed with its title and counted as title words by the
# ranking (search.engines.rerank), so "frist" finds the reporting page and "påmelding" the events.
PAGE_KEYWORDS = {
    "reporting.reportingpage": "Frist årsrapport rapportering eRapport",
    "reporting.applicationpage": "Søknad søknadsfrist",
    "events.eventpage": "Påmelding",
    "events.eventindexpage": "Påmelding",
}


def keywords_for(model_label, status=None):
    """``PAGE_KEYWORDS`` of a page type, plus a unit's status when it is not active ("Avviklet")."""
    words = [PAGE_KEYWORDS.get(model_label, "")]
    if status and status != "active":
        with translation.override(settings.LANGUAGE_CODE):
            words.append(str(UnitStatus(status).label) if status in UnitStatus.values else "")
    return " ".join(w for w in words if w)


def shown_keywords(page):
    return keywords_for(page._meta.label_lower, getattr(page, "status", None) if hasattr(page, "host_trusts") else None)


def _contact_text(obj):
    """The contact persons a region page lists."""
    contacts = [c for c in obj.contacts.all() if getattr(c, "live", True)] if obj.pk else []
    if not contacts:
        return ""
    return "Kontakt: " + "; ".join(f"{c.name} {c.email}".strip() for c in contacts) + "."


def shown_text(page):
    """Text the page's template shows beside its fields, as sentences: a unit's host trusts with their
    abbreviations and towns, its region and status; a region's trusts; the reporting deadline; the
    application cycle; an event's registration. Indexed (normalised) and in the vocabulary, so ``OUS``,
    ``Tromsø``, ``avviklet`` and ``frist`` find the pages that show them."""
    sentences = []
    if hasattr(page, "host_trusts") and hasattr(page, "get_status_display"):  # a national unit
        trusts = list(page.host_trusts.select_related("region")) if page.pk else []
        if trusts:
            sentences.append("Lagt til " + "; ".join(_trust_text(t) for t in trusts) + ".")
            regions = {t.region.pk: t.region for t in trusts}
            sentences.append("Region: " + "; ".join(_region_text(r) for r in regions.values()) + ".")
        sentences.append(f"Status: {page.get_status_display()}. Type: {page.get_kind_display()}.")
    elif getattr(page, "region_id", None) and hasattr(page.region, "health_trusts"):  # a region page
        region = page.region
        sentences.append(_region_text(region) + ".")
        sentences.append("; ".join(_trust_text(t) for t in region.health_trusts.all()) + ".")
        sentences.append(_contact_text(region))
    if hasattr(page, "deadline_day") and hasattr(page, "get_deadline_month_display"):  # the reporting page
        sentences.append(
            f"Frist for årsrapporten: {page.deadline_day}. {page.get_deadline_month_display()}. "
            "Rapporteringsfrist og årsrapport i eRapport."
        )
    if hasattr(page, "cycle"):  # the application page's yearly cycle
        sentences.append(searchable_text(page.cycle))
        sentences.append("Søknadsfrist og søknad om ny nasjonal tjeneste.")
    if getattr(page, "registration_enabled", False) and getattr(page, "registration_deadline", None):
        deadline = date_format(page.registration_deadline, "j. F Y")
        sentences.append(f"Påmelding til arrangementet. Påmeldingsfrist {deadline}.")
    return " ".join(s for s in sentences if s.strip())


def page_texts(page):
    """(title text, body text) of a page as indexed: title, former names and abbreviation; every other
    searchable text plus what its template shows (``shown_text``)."""
    texts = list(_field_texts(page, page.get_search_fields()))
    with translation.override(settings.LANGUAGE_CODE):  # labels as the site shows them
        keywords, shown = shown_keywords(page), shown_text(page)
    title = " ".join([text for name, text in texts if name in TITLE_SOURCES] + [keywords])
    body = " ".join(text for name, text in texts if name not in TITLE_SOURCES)
    return title, f"{body} {shown}".strip()


class NormalisedTitleField(index.SearchField):
    """The normalised title, former names and abbreviation, indexed as part of the title."""

    def __init__(self, boost=None, **kwargs):
        super().__init__("title", boost=boost, **kwargs)

    def get_value(self, obj):
        return normalise_text(page_texts(obj)[0], get_rules())


class NormalisedBodyField(index.SearchField):
    """The normalised copy of every other searchable text of the page."""

    def __init__(self, boost=None, **kwargs):
        # An existing attribute of every page, so system checks are happy; the value is computed here.
        super().__init__("search_description", boost=boost, **kwargs)

    def get_value(self, obj):
        return normalise_text(page_texts(obj)[1], get_rules())


def normalised_search_fields():
    return [NormalisedTitleField(), NormalisedBodyField()]


# --- facet values, beside the index entries ---------------------------------------------------------------
#
# The database engine counts and filters facets on one table, ``SearchFacetValue``: a row per facet value of
# every indexed page (its type; a unit's status, regions, host trusts and medical fields). The rows are written
# with the page's index entry, by the database backend's index itself (``SearchBackend``, the backend of
# ``WAGTAILSEARCH_BACKENDS``), so every way Wagtail indexes a page writes them: saving and publishing,
# ``update_index`` (``rebuild_search_index``) and the bulk loads. A change of a region, trust or medical field
# rewrites the rows of the units that show it.


def facet_values(pages):
    """(page id, facet, value) for the specific ``pages``: each facet's ``lookup`` on a unit (``REGISTRY``); the
    other pages have a type only (``OTHER_TYPES``, or ``OTHER_PAGE``)."""
    unit_ids = {p.pk for p in pages if isinstance(p, NationalUnitPage)}
    rows = set()
    if unit_ids:
        units = NationalUnitPage.objects.filter(pk__in=unit_ids).order_by()
        for facet in REGISTRY:
            for pk, value in units.values_list("pk", facet.lookup).distinct():
                if value is not None:
                    rows.add((pk, facet.name, str(value)))
    if len(unit_ids) < len(pages):
        other = other_content_types()
        rows.update((p.pk, "type", other.get(p.content_type_id, OTHER_PAGE)) for p in pages if p.pk not in unit_ids)
    return sorted(rows)


def write_facet_values(pages):
    """Replace the facet values of the specific ``pages`` with their current ones."""
    pages = [page for page in pages if isinstance(page, Page)]
    if not pages:
        return
    rows = [SearchFacetValue(page_id=pk, facet=facet, value=value) for pk, facet, value in facet_values(pages)]
    with transaction.atomic():
        SearchFacetValue.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        SearchFacetValue.objects.bulk_create(rows, batch_size=1000)


class FacetValuesIndex:
    """Mixed into the database backend's index class: the pages it indexes get their facet values too."""

    def add_items(self, model, objs):
        objs = list(objs)
        super().add_items(model, objs)
        if issubclass(model, Page):
            write_facet_values(objs)


@functools.cache
def _with_facet_values(index_class):
    return type(f"FacetValues{index_class.__name__}", (FacetValuesIndex, index_class), {})


RANK_CANDIDATES = 1000  # matching entries ranked at most, for the first result pages (EntryRankedCompiler)


class EntryRankedCompiler:
    """Mixed into the PostgreSQL query compiler: the best matches are ranked on the index entries alone, then
    joined to their pages by integer id.

    Wagtail's compiler joins every matching entry to its page on a text id (``object_id = page.id::varchar``) and
    ranks after the join, so a broad search (``nasjonal`` matches every unit) sorted thousands of wide rows twice:
    about 110 ms at 10,000 units against 60 ms ranked on the entries. The rank and the match are Wagtail's own
    expressions (``build_tsrank``, ``build_tsquery``), so the order is the same; anything else (field-restricted,
    unordered or scored searches) goes to Wagtail's code.

    **A broad match is ranked among its candidates.** Computing the rank (six ``ts_rank`` calls an entry for a
    word with three forms) is the cost that grows with the match: ``nasjonal`` matches every unit. So the best
    ``RANK_CANDIDATES`` matching entries by a cheap measure, read without ranking (the query's words in the
    title first, then the short titles: Wagtail's ``title_norm``, the average title length over this one's),
    are the only ones ranked. A match of at most ``RANK_CANDIDATES`` entries is ranked whole, in Wagtail's
    order exactly; a larger one shows the best ranked of its candidates (the page's count and facets still
    count every match). Result pages past ``RANK_CANDIDATES`` rank the whole match. The engine's facet query
    chooses the candidates in the same statement as it matches (``candidate_entries``), so the ranking query
    reads them by id and does not match the whole table a second time.
    """

    # the index entries to rank, set by the engine when the facet query has found a broad match
    # (search.engines.DatabaseEngine.search): its ``RANK_CANDIDATES`` best by the cheap measure
    candidates = None

    def _match(self, query, config):
        """The entries matching ``query``, tested field by field: an entry's ``title || body`` (Wagtail's match)
        has a word if and only if its title or its body has it, so for words joined by AND and OR the match is
        the same AND/OR tree with each disjunction of words tested as ``title @@ words OR body @@ words``
        (``_disjunction``). That never concatenates two vectors per entry, the cost of a broad match read by a
        sequential scan (about 30 of 40 ms for ``nasjonal`` at 10,000 units), and lets a narrow one combine
        the GIN indexes of the title and the body. A phrase can run from the title into the body, so a phrase
        is tested on the concatenation (and its GIN index), as Wagtail does."""
        if _disjunction(query):
            tsquery = self.build_tsquery(query, config=config)
            return Q(title=tsquery) | Q(body=tsquery)
        if isinstance(query, PlainText):  # several words that must all be there
            return self._match(And([PlainText(word) for word in _words(query)]), config)
        if isinstance(query, And):
            return functools.reduce(operator.and_, (self._match(subquery, config) for subquery in query.subqueries))
        if isinstance(query, Or):
            return functools.reduce(operator.or_, (self._match(subquery, config) for subquery in query.subqueries))
        return Q(_vector_=self.build_tsquery(query, config=config))  # a phrase

    def matching_entries(self, config):
        """The matching index entries of the queryset's pages, or None for a query ``search`` leaves to Wagtail."""
        if not _plain(self.query) or self.fields is not None:
            return None
        content_types = ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False).values()
        matching = IndexEntry.objects.filter(content_type__in=list(content_types))
        if _has_phrase(self.query):
            matching = matching.annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
        return matching.filter(self._match(self.query, config)).annotate(_page_id=Cast("object_id", IntegerField()))

    def candidate_entries(self, config):
        """The matching entries of the queryset's pages with what the cheap measure orders them by
        (``_page_id``, ``id``, ``_in_title``: the query's words in the title, ``title_norm``: short titles
        first), for the facet query, which reads the match and the candidates in one statement
        (``search.engines.DatabaseEngine.facets_and_candidates``); None for a query ``search`` leaves to Wagtail."""
        matching = self.matching_entries(config)
        if matching is None:
            return None
        tsquery = self.build_tsquery(self.query, config=config)
        return (
            matching.filter(_page_id__in=self.queryset.order_by().values("pk"))
            .annotate(_in_title=ExpressionWrapper(Q(title=tsquery), output_field=BooleanField()))
            .order_by()
            .values("_page_id", "id", "_in_title", "title_norm")
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        matching = self.matching_entries(config) if score_field is None else None
        if matching is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if not self.order_by_relevance:  # every match, unordered
            return self.queryset.filter(pk__in=matching.values("_page_id"))
        if self.candidates is not None and stop is not None and stop <= RANK_CANDIDATES:
            # a broad match is ranked among its candidates (a narrower one is ranked whole)
            matching = IndexEntry.objects.filter(pk__in=self.candidates).annotate(
                _page_id=Cast("object_id", IntegerField())
            )
        else:
            matching = matching.filter(_page_id__in=self.queryset.order_by().values("pk"))
        rank = self.build_tsrank(F("title"), self.query, config=config) * F("title_norm") + self.build_tsrank(
            F("body"), self.query, config=config
        )
        entries = matching.annotate(_rank=rank).order_by("-_rank", "-_page_id")
        ids = list(entries.values_list("_page_id", flat=True)[start:stop])
        if not ids:
            return self.queryset.none()
        order = Case(*[When(pk=pk, then=position) for position, pk in enumerate(ids)])
        return self.queryset.filter(pk__in=ids).order_by(order)


def _disjunction(query):
    """Whether ``query`` is words joined by OR only: a single word, words with the OR operator, or an Or of
    such (then an entry has one of them if its title or its body has one)."""
    if isinstance(query, PlainText):
        return query.operator == "or" or len(_words(query)) <= 1
    if isinstance(query, Or):
        return all(_disjunction(subquery) for subquery in query.subqueries)
    return False


def _words(query):
    """The words of a ``PlainText``, split as Wagtail's PostgreSQL compiler splits them into lexemes."""
    return [word for word in re.split(r"[\s\-]+", query.query_string) if word]


def _has_phrase(query):
    if isinstance(query, Phrase):
        return True
    return isinstance(query, (And, Or)) and any(_has_phrase(subquery) for subquery in query.subqueries)


def _plain(query):
    """Whether ``query`` is words, phrases, AND and OR only (what ``search.engines.build_query`` builds): no NOT,
    so whatever matches the title or the body alone matches their concatenation too."""
    if isinstance(query, (PlainText, Phrase)):
        return True
    if isinstance(query, (And, Or)):
        return all(_plain(subquery) for subquery in query.subqueries)
    return False


@functools.cache
def _ranked_on_entries(compiler_class):
    return type(f"EntryRanked{compiler_class.__name__}", (EntryRankedCompiler, compiler_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """Wagtail's database search backend for the database in use (SQLite FTS5, PostgreSQL …), whose index writes
    each page's facet values with its index entry."""
    backend = DatabaseSearchBackend(params)
    backend.index_class = _with_facet_values(backend.index_class)
    if connection.vendor == "postgresql":
        backend.query_compiler_class = _ranked_on_entries(backend.query_compiler_class)
    return backend


@receiver(m2m_changed, sender=NationalUnitPage.host_trusts.through)
@receiver(m2m_changed, sender=NationalUnitPage.medical_fields.through)
def on_unit_relations_change(sender, instance, action, pk_set, **kwargs):
    """A unit's host trusts and medical fields are written after the unit itself (and its index entry)."""
    if action in ("post_add", "post_remove", "post_clear"):
        if isinstance(instance, NationalUnitPage):
            write_facet_values([instance])
        elif pk_set:
            write_facet_values(NationalUnitPage.objects.filter(pk__in=pk_set))


@receiver(post_save, sender=Region)
@receiver(post_save, sender=HealthTrust)
@receiver(post_save, sender=MedicalField)
def on_facet_source_change(sender, instance, **kwargs):
    """A region's slug, a trust's region or a medical field's slug is part of the facet values of its units."""
    lookup = {Region: "host_trusts__region", HealthTrust: "host_trusts", MedicalField: "medical_fields"}[sender]
    write_facet_values(NationalUnitPage.objects.filter(**{lookup: instance}).distinct())


# --- the vocabulary --------------------------------------------------------------------------------------

CHUNK = 200


def words_of(text):
    """(folded word, surface word) for every word of ``text`` worth keeping."""
    for word in tokenize(text):
        if 2 < len(word) <= MAX_TERM_LENGTH and word not in STOP_WORDS and not word.isdigit():
            yield ascii_fold(word), word


def page_words(page):
    title, body = page_texts(page)
    return dict(words_of(f"{title} {body}"))


def rebuild_vocabulary(pages=None):
    """Replace the vocabulary with the words of ``pages`` (default: every live, public page). Returns the
    number of words."""
    queryset = pages if pages is not None else searchable_pages()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    counts = collections.Counter()
    spellings = collections.defaultdict(collections.Counter)
    for start in range(0, len(ids), CHUNK):
        for page in Page.objects.filter(pk__in=ids[start : start + CHUNK]).specific():
            for folded, surface in page_words(page).items():
                counts[folded] += 1
                spellings[folded][surface] += 1
    rows = [
        SearchWord(word=w, surface=spellings[w].most_common(1)[0][0], length=len(w), pages=n) for w, n in counts.items()
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:  # no per-row signals for a table visitors never see
            cursor.execute("DELETE FROM portal_search_searchword")
        SearchWord.objects.bulk_create(rows, batch_size=1000)
    invalidate()  # kept search answers used the old words
    return len(rows)


def add_page_words(page):
    """Add the words of a published page (counts are refreshed by the next ``rebuild_vocabulary``)."""
    words = page_words(page)
    rows = [SearchWord(word=w, surface=s, length=len(w)) for w, s in words.items()]
    try:
        SearchWord.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    except DatabaseError:  # pragma: no cover - the site keeps working; the next rebuild repairs it
        logger.exception("Could not add the words of page %s to the search vocabulary", page.pk)


# --- the Elasticsearch index -----------------------------------------------------------------------------

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


def indexable_pages():
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")


def documents(pages, rules=None):
    """Elasticsearch documents for specific page instances."""
    rules = rules or get_rules()
    pages = list(pages)
    regions = regions_by_page(pages)
    labels = {k: str(v) for k, v in choices()["type"].items()}
    region_slugs = _region_slugs(pages)
    for page in pages:
        texts = {}
        for name, text in _field_texts(page, page.get_search_fields()):
            texts.setdefault(name, []).append(text)
        kind, _label = type_of(page, labels)
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


def _actions(target, pages, rules):
    for document in documents(pages, rules):
        document["_index"] = target
        yield document


def rebuild_elasticsearch(alias=None, progress=None, refresh=True):
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


def refresh_elasticsearch():
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


# --- signals ---------------------------------------------------------------------------------------------


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def synonyms_changed(sender, **kwargs):
    # the rules are rebuilt with the page cache's next generation, which this save starts (search.query.get_rules)
    if _elasticsearch_enabled():
        transaction.on_commit(update_synonyms)


def _elasticsearch_enabled():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    add_page_words(instance.specific)
    # A published page may also change its children's URLs (slug change): sync the subtree.
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: sync_subtree(instance.pk))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: remove_pages(ids))


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: sync_subtree(instance.pk))


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: remove_pages(ids))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        page_id = instance.page_id
        transaction.on_commit(lambda: sync_subtree(page_id))

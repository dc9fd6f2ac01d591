"""The site's own words (``SearchWord``): what makes a query forgiving beyond the fixed rules of
``search.norwegian``.

For every query term (``enrich``):

* **known** (the folded word is on the site): the site's spelling is added (``kjonnsinkongruens`` also searches
  ``kjønnsinkongruens``);
* **prefix**: words of the site that start with it (``hofte`` → ``hoftebrudd``, ``stråle`` → ``strålekniv``);
* **part** of a compound, when the word itself is rare: words that contain it (``brudd`` → ``lårhalsbrudd``);
* **compound** not on the site: split into two words of the site, both of which must match
  (``epilepsikirurgi`` → ``epilepsi`` + ``kirurgisk``);
* **typo** (none of the above): the nearest word of the site within one or two edits is the term's
  ``correction``; the search retries with it when the query finds few pages (``search.results``), and says so.

The nearest words come from ``pg_trgm`` on PostgreSQL when the extension is installed (migration 0003), else
from the words of similar length compared in Python (the same edit distance on both).
"""

import collections
import dataclasses
import logging
from functools import lru_cache

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from wagtail.models import Page

from pagecache.cache import invalidate

from .index import page_texts
from .lookups import searchable_pages
from .models import SearchWord
from .norwegian import MAX_TERM_LENGTH, STOP_WORDS, ascii_fold, expand_terms, tokenize

logger = logging.getLogger(__name__)

MIN_PREFIX = 4  # a word this long also finds the words it begins
MIN_PART = 4  # a word this long also finds the compounds it is part of, when it is rare itself
RARE = 3  # "rare": on fewer pages than this
MAX_EXPANSIONS = 10
LINKING_LETTERS = "se"  # behandling-s-tjeneste, brannskad-e-behandling
CHUNK = 200


# --- building -------------------------------------------------------------------------------------------


def words_of(text):
    """(folded word, surface word) for every word of ``text`` worth keeping."""
    for word in tokenize(text):
        if 2 < len(word) <= MAX_TERM_LENGTH and word not in STOP_WORDS and not word.isdigit():
            yield ascii_fold(word), word


def page_words(page):
    title, body = page_texts(page)
    return dict(words_of(f"{title} {body}"))


def rebuild(pages=None):
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


def add_page(page):
    """Add the words of a published page (counts are refreshed by the next ``rebuild``)."""
    words = page_words(page)
    rows = [SearchWord(word=w, surface=s, length=len(w)) for w, s in words.items()]
    try:
        SearchWord.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    except DatabaseError:  # pragma: no cover - the site keeps working; the next rebuild repairs it
        logger.exception("Could not add the words of page %s to the search vocabulary", page.pk)


# --- using ----------------------------------------------------------------------------------------------


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


class Lookup:
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
    lookup = Lookup(
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

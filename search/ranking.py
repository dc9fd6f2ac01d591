"""A second ranking pass over an engine's best results, the same for every engine.

The engines rank by text statistics (BM25 on SQLite, ts_rank on PostgreSQL, BM25 in Elasticsearch). Visitors
mostly search for a service by what its name says, so the best results are re-ordered by how much of the
query the *title* (or a former name) covers, with a small preference for the national units themselves and
for active ones. Only the first ``WINDOW`` results are re-ordered; later pages keep the engine's order.

The pass reads only a few columns of the window's pages (``candidates``), so that only the results shown
are loaded whole.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from .index import keywords_for
from .norwegian import STOP_WORDS, ascii_fold, fold, normalise_word, required, stem, tokenize

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


REGION_BOOST = 1.0  # a page of the region the query names (search.results.named_region)
REGION_PAGE_BOOST = 3.0  # the region's own page


def _label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model else ""


def rerank(pages, terms, rules, region_path=""):
    """``pages`` (best first, ``Candidate``s) re-ordered by title match, unit type and status; the pages of the
    region the query names (the region page and its units: ``region_path``) first."""
    from servicepages.models import UnitStatus

    total = len(pages) or 1
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

"""Autocomplete suggestions and "did you mean" corrections, tolerant of small typos.

Works the same on every engine: page titles and former names of live, public pages are kept in the
cache with the page cache's generation and matched in Python.
A query word matches a title word when it is a prefix of it, part of it, or within a small edit distance
of its start (1 edit for words of 4–7 letters, 2 for longer words).
"""

from wagtail.models import Page, Site

from pagecache.cache import memoize
from servicepages.models import NationalUnitPage

from .norwegian import expand_terms, fold, tokenize
from .query import allowed_edits, damerau_levenshtein, get_rules

MAX_SUGGESTIONS = 8


def word_score(query_word, word):
    """How well a query word (possibly unfinished) matches a title word: 0 (not at all) to 1."""
    if word.startswith(query_word):
        return 1.0
    if len(query_word) >= 4 and query_word in word:
        return 0.8
    edits = allowed_edits(query_word)
    if not edits:
        return 0.0
    # compare with the start of the word (the query may be unfinished) and with the whole word
    distance = min(
        damerau_levenshtein(query_word, word[: len(query_word)], edits),
        damerau_levenshtein(query_word, word, edits),
    )
    return 0.7 - 0.1 * distance if distance <= edits else 0.0


def _site_root_path():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def candidates():
    """[(title, url, [words], former-name flag)] for every live, public page below the site root, kept until
    the site next changes (``pagecache.cache.memoize``)."""
    return memoize("search-suggest-candidates", _candidates)


def _candidates():
    root_path = _site_root_path()
    rows = []
    pages = Page.objects.live().public().filter(depth__gt=1).values_list("pk", "title", "url_path")
    urls = {}
    for pk, title, url_path in pages:
        if not url_path.startswith(root_path):
            continue
        url = "/" + url_path[len(root_path) :]
        urls[pk] = (title, url)
        rows.append((title, url, tokenize(title), False))
    for pk, former in (
        NationalUnitPage.objects.filter(pk__in=list(urls)).exclude(former_names="").values_list("pk", "former_names")
    ):
        title, url = urls[pk]
        for name in former.splitlines():
            if name.strip():
                rows.append((title, url, tokenize(name), True))
    return rows


def _alternatives(query):
    """Each query word with its bokmål/nynorsk and synonym forms."""
    words = tokenize(query)
    if not words:
        return []
    terms = {t.word: t for t in expand_terms(query, get_rules())}
    result = []
    for word in words:
        term = terms.get(word)
        forms = [word] + ([f for f in term.forms if f != word] if term else [])
        result.append(forms)
    return result


def suggest(query, limit=MAX_SUGGESTIONS):
    """The best matching titles for a (possibly unfinished, possibly misspelt) query."""
    alternatives = _alternatives(fold(query)[:100])
    if not alternatives:
        return []
    rows = candidates()
    vocabulary = {word for _t, _u, words, _f in rows for word in words}
    scores = []  # per query word: {title word: score}
    for forms in alternatives[:6]:
        table = {}
        for word in vocabulary:
            best = max(word_score(form, word) for form in forms)
            if best:
                table[word] = best
        scores.append(table)
    ranked = {}
    for title, url, words, is_former in rows:
        total = 0.0
        for table in scores:
            best = max((table.get(w, 0.0) for w in words), default=0.0)
            if not best:
                break
            total += best
        else:
            score = total / len(scores) - (0.05 if is_former else 0)
            if url not in ranked or ranked[url][0] < score:
                ranked[url] = (score, title)
    ordered = sorted(ranked.items(), key=lambda item: (-item[1][0], len(item[1][1]), item[1][1]))
    return [{"title": title, "url": url, "score": round(score, 3)} for url, (score, title) in ordered[:limit]]


def correct(query):
    """A corrected query ("did you mean") from the words of page titles, or "" when nothing better exists."""
    words = tokenize(query)[:8]
    if not words:
        return ""
    vocabulary = {word for _t, _u, ws, _f in candidates() for word in ws}
    corrected = []
    changed = False
    for word in words:
        if word in vocabulary or not allowed_edits(word):
            corrected.append(word)
            continue
        best = None
        for candidate in vocabulary:
            distance = damerau_levenshtein(word, candidate, allowed_edits(word))
            if distance <= allowed_edits(word) and (best is None or distance < best[0]):
                best = (distance, candidate)
        if best:
            corrected.append(best[1])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""

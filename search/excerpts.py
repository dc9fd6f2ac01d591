"""Text excerpts with the matched words marked, the same for every engine."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .index import _field_texts
from .norwegian import fold, normalise_word

SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)
ADJACENT_MARKS_RE = re.compile(r"</mark>( +)<mark>")
EXCERPT_WORDS = 32
PREFERRED_SOURCES = ("search_description", "introduction", "approved_description", "former_names", "goals")


def page_text(page):
    """The page's searchable text except the title, the most descriptive parts first."""
    texts = {}
    for name, text in _field_texts(page, page.get_search_fields(), related=False):
        if name != "title" and text.strip():
            texts.setdefault(name, []).append(text.strip())
    ordered = [n for n in PREFERRED_SOURCES if n in texts] + [n for n in texts if n not in PREFERRED_SOURCES]
    return " … ".join(" ".join(texts[name]) for name in ordered)


def matcher(terms, rules):
    """A function telling whether a word matches one of the query terms."""
    forms = {fold(f) for term in terms for f in term.all_forms()}
    normalised = {n for term in terms for n in term.normalised}
    heads = {term.normalised[0] for term in terms if term.normalised}

    def matches(word):
        word = fold(word)
        if word in forms:
            return True
        word_forms = normalise_word(word, rules)
        return word_forms[0] in normalised or bool(heads.intersection(word_forms))

    return matches


def highlight(text, terms, rules, max_words=EXCERPT_WORDS):
    """An HTML-safe excerpt of ``text`` around the first match, matched words in ``<mark>``."""
    tokens = SPLIT_RE.split(text or "")
    # tokens alternate: separator, word, separator, word, ...
    matches = matcher(terms, rules)
    word_positions = list(range(1, len(tokens), 2))
    hits = [i for i in word_positions if matches(tokens[i])]
    if not word_positions:
        return mark_safe("")  # noqa: S308 - empty
    first = hits[0] if hits else word_positions[0]
    index_of_first = word_positions.index(first)
    start_word = max(0, index_of_first - max_words // 4)
    end_word = min(len(word_positions), start_word + max_words)
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1
    hit_set = set(hits)
    parts = []
    if start_word > 0:
        parts.append("… ")
    for i in range(start, end):
        piece = escape(tokens[i])
        parts.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
    if end_word < len(word_positions):
        parts.append(" …")
    # neighbouring marked words are one mark ("<mark>Helse Nord</mark>"), so highlights read as phrases
    html = ADJACENT_MARKS_RE.sub(r"\1", "".join(parts).strip())
    return mark_safe(html)  # noqa: S308 - every piece is escaped above


def excerpt_for(page, terms, rules):
    return highlight(page_text(page), terms, rules)


def highlight_title(title, terms, rules):
    return highlight(title, terms, rules, max_words=10_000)

"""Text helpers for Norwegian content."""

from django.utils.html import strip_tags
from django.utils.text import slugify

_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slugify(value):
    """A URL slug that keeps Norwegian letters readable: 'Helse Sør-Øst' → 'helse-sor-ost'."""
    return slugify(str(value).translate(_TRANSLITERATION))


def has_text(html):
    """True if rich text ``html`` shows any words: an emptied editor leaves ``<p data-block-key="…"></p>``."""
    text = strip_tags(str(html or "")).replace("\xa0", " ").replace("&nbsp;", " ")
    return bool(text.strip())

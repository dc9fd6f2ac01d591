"""Text helpers for Norwegian content."""

from django.utils.text import slugify

_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slugify(value):
    """A URL slug that keeps Norwegian letters readable: 'Helse Sør-Øst' → 'helse-sor-ost'."""
    return slugify(str(value).translate(_TRANSLITERATION))

"""Search fields that index a Norwegian-normalised copy of a page's text (see ``search.norwegian``).

Add ``*normalised_search_fields()`` to a page model's ``search_fields``. The title copy is indexed with
the title (field name ``title``, so the database backends weight it as a title); the body copy holds every
other searchable text of the page. Both are computed when the page is indexed, with the rules in force then:
after changing the synonyms, run ``manage.py rebuild_search_index`` to refresh the normalised copies
(queries are expanded with the new rules at once).
"""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.search import index

from servicepages.choices import UnitStatus

from .norwegian import REGION_ALIASES, TRUST_ALIASES

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
# ranking (search.ranking), so "frist" finds the reporting page and "påmelding" the events.
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
        from .norwegian import normalise_text
        from .rules import get_rules

        return normalise_text(page_texts(obj)[0], get_rules())


class NormalisedBodyField(index.SearchField):
    """The normalised copy of every other searchable text of the page."""

    def __init__(self, boost=None, **kwargs):
        # An existing attribute of every page, so system checks are happy; the value is computed here.
        super().__init__("search_description", boost=boost, **kwargs)

    def get_value(self, obj):
        from .norwegian import normalise_text
        from .rules import get_rules

        return normalise_text(page_texts(obj)[1], get_rules())


def normalised_search_fields():
    return [NormalisedTitleField(), NormalisedBodyField()]

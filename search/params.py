"""Parsing the search parameters. Bad values give messages, never exceptions."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import facets as facet_utils
from .engines.base import SearchRequest
from .facets import FACET_LABELS, FACETS
from .norwegian import expand_terms
from .rules import get_rules

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
    choices = facet_utils.choices()
    filters = {}
    for name in FACETS:
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if value in choices[name]:
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
    return ParsedParams(request=request, choices=choices, errors=errors, notices=notices)

"""What every search engine takes and returns."""

from dataclasses import dataclass, field

from ..norwegian import Term


@dataclass
class SearchRequest:
    """A parsed, validated search: the query's terms and the chosen filter values."""

    query: str
    terms: list[Term]
    filters: dict = field(default_factory=dict)  # facet name -> value (validated)
    page: int = 1
    per_page: int = 10
    operator: str = "and"
    region: str = ""  # a region named in the query (slug): its pages are preferred (search.ranking)

    def with_operator(self, operator):
        return SearchRequest(
            self.query, self.terms, dict(self.filters), self.page, self.per_page, operator, self.region
        )

    def with_terms(self, terms, query=None):
        return SearchRequest(
            query or self.query, terms, dict(self.filters), self.page, self.per_page, self.operator, self.region
        )


@dataclass
class SearchOutcome:
    """The results of one engine for one request."""

    count: int
    pages: list  # specific Page instances of the requested result page, best first
    facets: dict  # facet name -> {value: count}
    engine: str = ""
    scores: list = field(default_factory=list)


class SearchEngine:
    """An engine answers ``search`` and ``ids`` (the ids of every match, best first, for evaluation)."""

    name = "base"

    def search(self, request: SearchRequest) -> SearchOutcome:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def is_available(cls):  # pragma: no cover - interface
        return True

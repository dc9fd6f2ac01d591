"""Search engines for the public search: the database backends and Elasticsearch.

``get_engine()`` returns Elasticsearch when ``ELASTICSEARCH_URL`` is set, otherwise the database engine
(SQLite FTS5 or PostgreSQL full text search, whichever database is in use).
"""

from django.conf import settings

from .base import SearchEngine, SearchOutcome, SearchRequest


def get_engine(name=None) -> SearchEngine:
    name = name or ("elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "database")
    if name == "elasticsearch":
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine()
    from .database import DatabaseEngine

    return DatabaseEngine()


def available_engines():
    """Names of every engine that can run here: always the database, Elasticsearch when configured."""
    names = ["database"]
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        names.append("elasticsearch")
    return names


__all__ = ["SearchEngine", "SearchOutcome", "SearchRequest", "available_engines", "get_engine"]

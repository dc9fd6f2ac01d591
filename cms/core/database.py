"""Planner statistics: the tables are analyzed after every bulk change the project makes.

PostgreSQL plans a query on a table it has never analyzed from a guess of its size. Right after ``migrate`` and
``load_demo_content`` the search's one-query result loading (about 15 page tables joined) was estimated at
1.9e13 rows and JIT-compiled: 945 ms of compilation to return two rows, until autovacuum analyzed the tables.
So ``migrate`` (a ``post_migrate`` handler), ``load_demo_content`` and ``import_services`` end with ``ANALYZE``.
On SQLite this does nothing (its planner needs no statistics for these queries).
"""

from django.db import DEFAULT_DB_ALIAS, connections


def analyze(using=DEFAULT_DB_ALIAS):
    """Refresh the planner's statistics of every table of the database (PostgreSQL); True if it ran."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True


def analyze_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` (sent once per app after all migrations ran; connected for one app): analyze once."""
    analyze(using)

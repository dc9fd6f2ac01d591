"""The search's queries never stall on PostgreSQL, even on a database whose statistics do not describe its content.

The state tested is a deployment's first hours: the database as ``migrate`` leaves it (migrate ends with
``ANALYZE``, cms/core/database.py, here on the empty tables of the test database), then content created
without analyzing again (editors publish; autovacuum has not run). Each query of a search is run again under
``EXPLAIN (ANALYZE, FORMAT JSON)`` with PostgreSQL's default JIT settings switched on for the session (the
production connections switch JIT off: tested below too), and must neither be JIT-compiled nor take 50 ms.
Without the ``ANALYZE`` at the end of ``migrate`` (tables never analyzed), PostgreSQL guessed the size of
every table and JIT-compiled the result-loading query.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

on_postgresql = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"),
    reason="PostgreSQL's planner and JIT",
)

LIMIT_MS = 50
SEARCHES = ("q=Service", "q=tjeneste", "q=Service&region=helse-vest", "q=Referansegruppe&type=referansegruppe")


def captured_selects(client, url):
    queries = []

    def capture(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        response = client.get(url)
    assert response.status_code == 200, url
    return queries


def explain(sql, params):
    with connection.cursor() as cursor:
        # PostgreSQL's defaults, whatever the server's configuration (the test must see what a stock server does).
        cursor.execute("SET LOCAL jit = on")
        cursor.execute("SET LOCAL jit_above_cost = 100000")
        cursor.execute("SET LOCAL jit_optimize_above_cost = 500000")
        cursor.execute("SET LOCAL jit_inline_above_cost = 500000")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        cursor.execute("RESET jit; RESET jit_above_cost; RESET jit_optimize_above_cost; RESET jit_inline_above_cost")
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]


@on_postgresql
@pytest.mark.django_db
def test_search_queries_are_never_jit_compiled_nor_slow_on_a_fresh_database(client, growing_site, settings):
    settings.PAGECACHE_ENABLED = False
    settings.SEARCH_RESULTS_CACHE = False
    growing_site.grow(units_per_kind=4, revisions=2)
    growing_site.grow(units_per_kind=4, revisions=1)
    problems, explained = [], 0
    for query in SEARCHES:
        for url in (f"{reverse('search')}?{query}", f"{reverse('search_api')}?{query}"):
            for sql, params in captured_selects(client, url):
                # JIT shows in every plan; a time over the limit must show in each of three runs (the machine
                # running the tests may be busy: a stall is planned every time, a scheduling hiccup is not).
                plans = [explain(sql, params) for _ in range(3)]
                plan = plans[0]
                explained += 1
                took = min(p["Planning Time"] + p["Execution Time"] for p in plans)
                jit = max(p.get("JIT", {}).get("Functions", 0) for p in plans)
                if jit or took > LIMIT_MS:
                    rows = plan["Plan"].get("Plan Rows")
                    problems.append(f"{url}: {took:.1f} ms, {jit} JIT functions, {rows} rows estimated: {sql[:300]}")
    assert explained >= len(SEARCHES) * 2 * 3, "the searches must run their queries"
    assert not problems, "\n".join(problems)


def test_production_connections_switch_jit_off():
    """``cms.settings.production`` opens PostgreSQL connections with ``-c jit=off`` (read in a fresh process:
    the production settings need their environment)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": "postgres://user@db.example:5432/site",
        "SECRET_KEY": secrets.token_urlsafe(50),  # a key of one letter is refused (cms/core/checks.py)
    }
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    assert "-c jit=off" in result.stdout

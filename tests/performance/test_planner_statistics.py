"""``migrate``, ``load_demo_content`` and ``import_services`` leave the planner's statistics fresh (ANALYZE,
cms/core/database.py); on SQLite ``analyze()`` does nothing."""

import pytest
from django.core.management import call_command
from django.db import connection

from cms.core import database
from cms.core.management.commands import load_demo_content
from servicepages.management.commands import import_services
from tests import factories

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")


@pytest.fixture
def analyzed(monkeypatch):
    calls = []
    for module in (load_demo_content, import_services):
        monkeypatch.setattr(module, "analyze", lambda using="default": calls.append(using))
    return calls


@pytest.mark.django_db
def test_import_services_ends_with_analyze(analyzed, region_pages, tmp_path):
    path = tmp_path / "services.csv"
    path.write_text(
        "name,type,host_trusts,regions,established,status,predecessor,source_url\n"
        "Nasjonal behandlingstjeneste for testing,behandlingstjeneste,Helse Bergen HF,Helse Vest,2025,active,,\n",
        encoding="utf-8",
    )
    call_command("import_services", str(path), stdout=None)
    assert analyzed == ["default"]


@pytest.mark.django_db
def test_load_demo_content_ends_with_analyze(analyzed, monkeypatch):
    def run(builder):
        builder.summary = []
        return builder

    monkeypatch.setattr(load_demo_content.DemoBuilder, "run", run)
    call_command("load_demo_content")
    assert analyzed == ["default"]


@on_postgresql
@pytest.mark.django_db
def test_migrate_left_every_table_analyzed():
    """The test database was built by ``migrate``: no table is left without statistics (reltuples -1)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
            "AND reltuples < 0"
        )
        never_analyzed = [row[0] for row in cursor.fetchall()]
    assert never_analyzed == []


@on_postgresql
@pytest.mark.django_db
def test_analyze_describes_new_content(home_page):
    for number in range(30):
        factories.StandardPageFactory(parent=home_page, title=f"Side {number}")
    assert database.analyze()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        assert cursor.fetchone()[0] >= 30


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite")
def test_analyze_does_nothing_on_sqlite():
    assert database.analyze() is False

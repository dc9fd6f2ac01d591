"""Every fact listed in docs/seed-checklist.csv is on its page, rendered from the demo content; nothing the
seeds do not say is presented as a seed fact."""

import csv
import html
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import EventPage
from reporting.models import ApplicationPage

pytestmark = pytest.mark.django_db

CHECKLIST = Path(__file__).resolve().parents[2] / "docs" / "seed-checklist.csv"


def rows():
    with CHECKLIST.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def visible_text(markup):
    """The page's text as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([.,;:)])", r"\1", text).replace("( ", "(")


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """The demo site built once for the module, inside a transaction that is rolled back afterwards."""
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        client = Client()
        rendered = {}
        for path in sorted({row["page"] for row in rows()}):
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            markup = response.content.decode()
            rendered[path] = visible_text(markup) + " " + " ".join(re.findall(r'href="(http[^"]+)"', markup))
        yield rendered
        transaction.set_rollback(True)
    from django.core.cache import cache

    cache.clear()


def test_the_checklist_covers_both_seed_documents():
    checklist = rows()
    assert {row["seed"] for row in checklist} == {"000", "001"}
    assert len(checklist) > 100
    assert all(row["text"].strip() and row["page"].startswith("/") for row in checklist)


@pytest.mark.parametrize("row", rows(), ids=lambda row: f"{row['seed']}:{row['section']}:{row['text'][:40]}")
def test_seed_fact_is_on_its_page(pages, row):
    """A fact that is an address (a link named in the seeds) must be a link target on the page."""
    text = re.sub(r"\s+", " ", row["text"].strip())
    assert text in pages[row["page"]], f"seed {row['seed']} «{row['section']}»: «{text}» is not on {row['page']}"


def test_invented_facts_are_gone(pages):
    # The 2023 dialogue arena: the seeds give its title, topics, date and time, but no place, audience or
    # programme.
    arena = EventPage.objects.get(slug="nasjonal-dialogarena-2023")
    assert not arena.venue and not arena.audience and not arena.programme
    # The framework's adoption date is not in the seeds (25 April 2022 is the reorganisation report's).
    assert "Rammeverk for kvalitets- og kompetansenettverk, vedtatt" not in pages["/rammeverk-og-retningslinjer/"]
    # The application cycle and who may apply are marked as an example and name their source.
    application = pages["/soknad/"]
    assert "Eksempel: årshjulet nedenfor viser søknadsrunden med frist 31. august 2024" in application
    assert "Kilde: Helse Vest RHF" in application
    assert "Bare de regionale helseforetakene kan søke" not in application
    assert ApplicationPage.objects.get().cycle

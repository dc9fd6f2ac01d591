"""Follow-up for the regions: the date rules, the dashboard panel scoped to the moderator's region, and the
e-mail summary command."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from followup.queries import last_due_report_year, region_follow_up
from registers.models import AnnualReport, AssessmentStatus
from servicepages.choices import UnitKind
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


def years_ago(years, months=0, today=None):
    today = today or datetime.date.today()
    month = today.month - months
    year = today.year - years + (month - 1) // 12
    return today.replace(year=year, month=(month - 1) % 12 + 1, day=1)


@pytest.fixture
def units(region_pages, regions):
    vest = regions["helse-vest"].health_trusts.get()
    sorost = regions["helse-sor-ost"].health_trusts.get()
    full = {
        "approved_description": "<p>Beskrivelse</p>",
        "goals": "<p>Mål</p>",
        "quality_tools": "<p>Register</p>",
        "contact_email": "tjeneste@example.no",
    }
    return {
        # Vest: a competence service whose 10-year term ends in about 6 months, a network in its year six,
        # a treatment service without its required content.
        "ending": factories.ServicePageFactory(
            parent=region_pages["helse-vest"],
            title="Kompetansetjeneste Vest med kort tid igjen",
            kind=UnitKind.COMPETENCE,
            established=years_ago(10, months=-6),
            term_years=10,
            host_trusts=[vest],
            **full,
        ),
        "network": factories.NetworkPageFactory(
            parent=region_pages["helse-vest"],
            title="Nettverk Vest i år seks",
            established=datetime.date(datetime.date.today().year - 5, 1, 1),
            host_trusts=[vest],
            **full,
        ),
        "bare": factories.ServicePageFactory(
            parent=region_pages["helse-vest"],
            title="Behandlingstjeneste Vest uten innhold",
            kind=UnitKind.TREATMENT,
            host_trusts=[vest],
        ),
        # Sør-Øst: a unit with its own follow-ups, never shown to Vest.
        "other": factories.ServicePageFactory(
            parent=region_pages["helse-sor-ost"],
            title="Behandlingstjeneste Sør-Øst uten innhold",
            kind=UnitKind.TREATMENT,
            host_trusts=[sorost],
        ),
    }


def moderator(username, region):
    group, _ = Group.objects.get_or_create(name=f"{region.name} moderator")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = factories.UserFactory(username=username, email=f"{username}@example.no")
    user.groups.add(group)
    return user


def test_the_report_year_follows_the_10_february_deadline():
    assert last_due_report_year(datetime.date(2026, 2, 10)) == 2024
    assert last_due_report_year(datetime.date(2026, 2, 11)) == 2025
    assert last_due_report_year(datetime.date(2026, 12, 31)) == 2025


def test_follow_ups_apply_the_date_rules(units, regions):
    vest = regions["helse-vest"]
    today = datetime.date.today()
    item = region_follow_up(vest, today)
    assert [unit.title for unit, _ in item.terms_ending] == ["Kompetansetjeneste Vest med kort tid igjen"]
    assert [(unit.title, year) for unit, year in item.evaluations_due] == [("Nettverk Vest i år seks", today.year)]
    assert [unit.title for unit, _ in item.missing_content] == ["Behandlingstjeneste Vest uten innhold"]
    assert item.status_conflicts == []
    assert {unit.title for unit in item.reports_missing} == {u.title for k, u in units.items() if k != "other"}
    # A received report is no longer missing; one "not received" still is.
    AnnualReport.objects.create(
        unit=units["bare"], year=item.report_year, status=AssessmentStatus.RECEIVED, assessing_region=vest
    )
    AnnualReport.objects.create(
        unit=units["network"], year=item.report_year, status=AssessmentStatus.NOT_RECEIVED, assessing_region=vest
    )
    titles = {unit.title for unit in region_follow_up(vest, today).reports_missing}
    assert "Behandlingstjeneste Vest uten innhold" not in titles and "Nettverk Vest i år seks" in titles
    # Two years on: the term has ended while the status is still "Aktiv", a contradiction to follow up.
    later = region_follow_up(vest, today.replace(year=today.year + 2))
    assert later.terms_ending == []
    assert [unit.title for unit, _ in later.status_conflicts] == ["Kompetansetjeneste Vest med kort tid igjen"]


def test_the_dashboard_shows_a_moderator_their_region_only(client, units, regions):
    client.force_login(moderator("vest.moderator", regions["helse-vest"]))
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="followup') :]
    assert "Oppfølging for din region" in html
    assert "Kompetansetjeneste Vest med kort tid igjen" in panel and "Nettverk Vest i år seks" in panel
    assert "Behandlingstjeneste Vest uten innhold" in panel
    assert "Sør-Øst" not in panel


def test_the_dashboard_has_no_follow_up_for_an_editor(client, units, regions):
    group, _ = Group.objects.get_or_create(name="Helse Vest redaktør")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = factories.UserFactory(username="vest.redaktor")
    user.groups.add(group)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200 and 'id="followup' not in response.content.decode()


def test_the_command_mails_each_region_s_moderators_a_norwegian_summary(units, regions):
    moderator("vest.moderator", regions["helse-vest"])
    moderator("sorost.moderator", regions["helse-sor-ost"])
    out = io.StringIO()
    call_command("send_followup_summary", stdout=out)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"vest.moderator@example.no", "sorost.moderator@example.no"}
    vest = by_recipient["vest.moderator@example.no"]
    assert vest.subject.startswith("Oppfølging for Helse Vest:")
    assert "Virketid som går ut innen 12 måneder (1):" in vest.body
    assert "- Kompetansetjeneste Vest med kort tid igjen:" in vest.body
    assert "Nettverk som skal evalueres (1):" in vest.body
    assert "Enheter som mangler påkrevd innhold (1):" in vest.body
    assert "Sør-Øst" not in vest.body
    assert "Helse Midt-Norge: ingen moderator med e-postadresse." in out.getvalue()
    assert "Sendte 2 e-post(er)." in out.getvalue()


def test_the_command_dry_run_and_bad_arguments(units, regions):
    moderator("vest.moderator", regions["helse-vest"])
    out = io.StringIO()
    call_command("send_followup_summary", "--dry-run", "--region", "helse-vest", "--date", "2026-12-01", stdout=out)
    assert mail.outbox == []
    assert "Årsrapporter for 2025 som ikke er mottatt (frist 10. februar 2026)" in out.getvalue()
    with pytest.raises(CommandError, match="ikke gyldig"):
        call_command("send_followup_summary", "--date", "1.12.2026")
    with pytest.raises(CommandError, match="Ukjent region"):
        call_command("send_followup_summary", "--region", "helse-atlantis")

"""Public pages of the site: live counts, error pages, sitemaps, statements and meta tags."""

import re

import pytest

from servicepages.models import UnitKind, UnitStatus
from tests import factories

pytestmark = pytest.mark.django_db


def region_row(html, region):
    table = html[html.index("region-table") : html.index("</table>", html.index("region-table"))]
    row = table[table.index(region) :].split("</tr>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip().split(">")[-1] for cell in row.split("</td>")[:-1]]


def test_live_counts_leave_out_ended_units_and_say_so(client, home_page, service_index, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    for status in (UnitStatus.ACTIVE, UnitStatus.DISCONTINUING, UnitStatus.DISCONTINUED, UnitStatus.CONTINUED):
        factories.ServicePageFactory(
            parent=region_pages["helse-vest"],
            title=f"Kompetansetjeneste {status}",
            kind=UnitKind.COMPETENCE,
            status=status,
            host_trusts=[trust],
        )
    for url in (home_page.url, service_index.url):
        html = client.get(url).content.decode()
        # Active and being discontinued count; discontinued and continued in another form do not.
        assert region_row(html, "Helse Vest")[2] == "2", url
        assert region_row(html, "Helse Vest")[-1] == "2", url
        assert "Ikke talt med: 2 avviklet eller videreført i annen form" in html, url

"""Demo section of the reporting page and the application page. Their texts (and the application cycle) are
seed texts, written by the home section from home/seed_content.py."""

from cms.core import demo

from .factories import ApplicationPageFactory, ReportingPageFactory


@demo.section("reporting", order=40, label="Reporting and applications")
def build(builder):
    home = builder.home_page
    builder.child(
        home,
        ReportingPageFactory,
        "rapportering",
        title="Rapportering",
        show_in_menus=True,
        erapport_url="https://forskningsprosjekter.ihelse.net/",
    )
    builder.child(
        home,
        ApplicationPageFactory,
        "soknad",
        title="Søknad om nye nasjonale tjenester",
        show_in_menus=True,
    )

"""The gate itself: a template with an image without alt text makes the checks fail, and the failure
names the page and the rule. Without this, a checker that silently checks nothing would pass."""

import copy
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from audit import content, quality
from tests import factories

from .test_pages import sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOOTER = Path(django_settings.BASE_DIR) / "templates" / "includes" / "footer.html"


@pytest.fixture
def broken_footer(settings, tmp_path):
    """Put a copy of the footer, with an <img> without alt and an unclosed element, in front of the real one."""
    (tmp_path / "includes").mkdir()
    broken = FOOTER.read_text(encoding="utf-8").replace(
        "</footer>", '<img src="/static/css/site.css" width="10" height="10"><span><div>x</div></span></footer>'
    )
    (tmp_path / "includes" / "footer.html").write_text(broken, encoding="utf-8")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def test_image_without_alt_fails_with_page_and_rule(tab, live_server, broken_footer):
    content.ensure_root()
    from wagtail.models import Page, Site

    home = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Forside med feil")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    target = content.Target("HomePage «Forside med feil»", "/")

    axe, _console, sources = sweep(tab, live_server.url, [target])
    report = axe.report()
    assert "image-alt" in report, report
    assert "HomePage «Forside med feil» (/)" in report, report
    assert "[narrow 375px]" in report and "[wide 1280px]" in report, report
    assert "footer > img" in report or "img" in report

    html = quality.Findings("Nu HTML Checker errors")
    html.lines.extend(quality.run_vnu(sources))
    report = html.report()
    assert "HomePage «Forside med feil»" in report, report
    assert "alt" in report, report
    assert "div" in report, report  # a <div> inside a <span> is not allowed


def test_clean_page_passes(tab, live_server):
    """The counterpart: the same page without the fault gives no findings, so the failure above is caused
    by the fault and not by the page."""
    content.ensure_root()
    from wagtail.models import Page, Site

    home = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Forside uten feil")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    axe, console, sources = sweep(tab, live_server.url, [content.Target("HomePage", "/")])
    assert not axe, axe.report()
    assert not quality.run_vnu(sources)

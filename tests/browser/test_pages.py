"""Every page type, search, filters, forms (also with errors) and the 404 page, at a narrow and a wide
viewport: zero axe-core WCAG 2.0/2.1 A/AA violations, zero Nu HTML Checker errors, no CSP violations."""

import pytest

from audit import content, quality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sweep(tab, base_url, targets):
    """Open every target at every viewport; run axe on it and on each of its POST forms submitted empty.
    Returns (axe findings, html findings, {label: html source})."""
    axe = quality.Findings("axe-core WCAG 2.0/2.1 A/AA violations")
    console = quality.Findings("Errors in the browser console (for example a blocked script or style)")
    sources = {}
    for viewport_name, size in quality.VIEWPORTS.items():
        tab.set_viewport_size(size)
        for target in targets:
            where = f"[{viewport_name}] {target.label} ({target.path})"
            tab.console_errors.clear()
            response = tab.goto(base_url + target.path)
            if target.label not in sources:
                sources[target.label] = response.text()
            axe.lines.extend(quality.run_axe(tab, where))
            for form in quality.post_forms(tab):
                form_label = f"{target.label}, form «{form['name'].strip()}» submitted empty"
                form_where = f"[{viewport_name}] {form_label} ({target.path})"
                submitted = quality.submit_form_empty(tab, form["index"])
                if 400 <= submitted.status < 500:
                    # An empty form is bad input: a 4xx answer is right, and Chromium logs it as an error.
                    expected = f"status of {submitted.status}"
                    tab.console_errors[:] = [m for m in tab.console_errors if expected not in m]
                if submitted.status >= 500:
                    axe.add(f"{form_where}: the server answered {submitted.status}")
                if form_label not in sources:
                    sources[form_label] = submitted.text()
                axe.lines.extend(quality.run_axe(tab, form_where))
                tab.goto(base_url + target.path)
            console.lines.extend(f"{where}: {message}" for message in tab.console_errors if "404" not in message)
    return axe, console, sources


def test_every_page_is_accessible_and_valid_html(tab, live_server):
    content.build_site()
    targets = content.all_targets()
    labels = " ".join(t.label for t in targets)
    for expected in ("HomePage", "ServiceIndexPage", "search page with results", "404 page"):
        assert expected in labels, f"no {expected} among the pages checked: {labels}"

    axe, console, sources = sweep(tab, live_server.url, targets)
    html = quality.Findings("Nu HTML Checker errors")
    html.lines.extend(quality.run_vnu(sources))

    problems = [f.report() for f in (axe, html, console) if f]
    assert not problems, "\n\n".join(problems)

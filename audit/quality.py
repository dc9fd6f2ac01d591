"""The checkers behind the quality gate: axe-core in headless Chromium, and the Nu HTML Checker.

Used by the browser tests and by `make audit`. Every finding is one line naming the page, the rule and the
element, so a failing CI run says what to fix and where.
"""

import functools
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"narrow 375px": {"width": 375, "height": 812}, "wide 1280px": {"width": 1280, "height": 900}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def missing_tools():
    """What the browser checks need and this machine lacks (an empty list when all is there)."""
    missing = []
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing.append(f"chromium ({CHROMIUM})")
    if not AXE_JS.exists():
        missing.append("node_modules/axe-core (run `npm ci`)")
    if not VNU_JAR.exists():
        missing.append("node_modules/vnu-jar (run `npm ci`)")
    if not shutil.which("java"):
        missing.append("java (for the Nu HTML Checker)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    return missing


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class Findings:
    """Collected findings; `report()` is the failure message."""

    title: str
    lines: list = field(default_factory=list)

    def add(self, line):
        self.lines.append(line)

    def __bool__(self):
        return bool(self.lines)

    def report(self):
        return f"{self.title}: {len(self.lines)} finding(s)\n" + "\n".join(f"  - {line}" for line in self.lines)


@functools.cache
def _axe_source():
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, where):
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the open page; one line per element that fails."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
        # (a <script> tag would be blocked by it, as it should be).
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(
                f"{where}: rule {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']} "
                f"— element {target} — {node['html'][:200]}"
            )
    return lines


def post_forms(page):
    """Index, name and a description of every POST form in the page's main content."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('main form')).map((f, i) => ({
            index: i,
            method: (f.getAttribute('method') || 'get').toLowerCase(),
            name: f.getAttribute('aria-label') || f.id || (f.querySelector('h2,h3,legend') || {}).textContent
                  || f.getAttribute('action') || ('form ' + (i + 1)),
        })).filter(f => f.method === 'post')"""
    )


def submit_form_empty(page, index):
    """Submit the index-th form in <main> with nothing filled in, bypassing the browser's own validation,
    so the server answers with its validation errors. Returns the response to the submission."""
    with page.expect_navigation() as navigation:
        page.evaluate(
            """i => { const f = document.querySelectorAll('main form')[i];
                      f.noValidate = true;
                      f.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')
                       .forEach(e => { e.value = ''; });
                      f.querySelectorAll('input[type=checkbox], input[type=radio]')
                       .forEach(e => { e.checked = false; });
                      f.requestSubmit(); }""",
            index,
        )
    return navigation.value


def run_vnu(documents):
    """Validate {label: html} with one run of the Nu HTML Checker; one line per error, naming the page."""
    findings = []
    if not documents:
        return findings
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        names = {}
        for number, (label, html) in enumerate(documents.items()):
            path = Path(tmp) / f"page-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.as_uri()] = label
            names[str(path)] = label
        result = subprocess.run(  # noqa: S603 - fixed argument list, files we just wrote
            ["java", "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]
            + [str(Path(tmp) / f"page-{n:03d}.html") for n in range(len(documents))],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        output = result.stderr.strip() or result.stdout.strip()
        try:
            messages = json.loads(output)["messages"]
        except (ValueError, KeyError) as error:
            raise RuntimeError(f"the Nu HTML Checker gave no JSON report: {output[:500]}") from error
        lines_by_label = {}
        for message in messages:
            if message.get("type") not in ("error", "non-document-error"):
                continue
            url = message.get("url", "")
            label = names.get(url) or names.get(url.removeprefix("file:")) or url
            extract = (message.get("extract") or "").replace("\n", " ")[:160]
            line = message.get("lastLine", "?")
            lines_by_label.setdefault(label, []).append(
                f"{label}: HTML error at line {line}: {message.get('message')} — {extract}"
            )
        for label in documents:
            findings.extend(lines_by_label.get(label, []))
        for label, lines in lines_by_label.items():
            if label not in documents:
                findings.extend(lines)
    return findings


def focus_state(page):
    """What has focus now, and whether it shows a visible focus indicator."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) {
                return {lost: true, description: el ? el.tagName.toLowerCase() : 'nothing'};
            }
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            const rect = el.getBoundingClientRect();
            const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60);
            return {
                lost: false,
                visible: outline || !!shadow,
                onScreen: rect.width > 0 && rect.height > 0,
                tag: el.tagName.toLowerCase(),
                id: el.id,
                href: el.getAttribute('href'),
                description: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + text + '"',
            };
        }"""
    )

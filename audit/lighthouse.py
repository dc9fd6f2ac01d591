"""Lighthouse on the main page types of the demo site, served as in production; prints a score table.

`make audit` runs this after the browser checks. It builds the demo site in a throw-away SQLite database,
collects static files, serves it with gunicorn and production settings (HTTPS redirect off, since it is
plain http on 127.0.0.1), runs Lighthouse RUNS times per page and prints the median of each category.
Targets: accessibility 100, best practices >= 95, SEO >= 95 (not for search results, which are noindex on
purpose), performance >= 90; exit code 1 if one is missed.

Usage: .venv/bin/python audit/lighthouse.py [--runs 3] [--port 8017] [--markdown]
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    '--disable-component-update --disable-sync --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
)


def environment(workdir, port):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=f"sqlite:///{workdir / 'audit.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        MEDIA_ROOT=str(workdir / "media"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def page_urls(env):
    """The main page types: one page each, chosen from the demo content by audit/content.py."""
    script = (
        "import django, json; django.setup();"
        "from audit import content;"
        "pages = content.representative_pages(per_type=1);"
        "unit, word = content.search_word();"
        "pages.append(content.Target('search page with results (noindex)', '/sok/?q=' + word));"
        "print(json.dumps([[t.label, t.path] for t in pages]))"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def build_demo(env):
    script = "import django; django.setup(); from audit import content; content.build_site()"
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def lighthouse(url, workdir, attempts=3):
    """One Lighthouse run; a run that fails to record (NO_NAVSTART and the like, on a busy machine) is
    repeated up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        try:
            return _lighthouse_once(url, workdir)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError, TypeError) as error:
            print(f"   Lighthouse run {attempt} on {url} failed ({error.__class__.__name__}), retrying", flush=True)
            if attempt == attempts:
                raise


def _lighthouse_once(url, workdir):
    report = workdir / "report.json"
    report.unlink(missing_ok=True)
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    subprocess.run(  # noqa: S603
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    data = json.loads(report.read_text())
    return {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}, data


def failed_audits(data, category):
    refs = data["categories"][category]["auditRefs"]
    return [
        data["audits"][r["id"]]["title"]
        for r in refs
        if r.get("weight")
        and (data["audits"][r["id"]].get("score") is not None)
        and data["audits"][r["id"]]["score"] < 1
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8017)
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for README)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run `npm ci`")

    workdir = Path(tempfile.mkdtemp(prefix="audit-"))
    env = environment(workdir, args.port)
    print("== building the demo site (production settings, throw-away database) ==", flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    build_demo(env)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    urls = page_urls(env)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "cms.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", "2"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    rows, misses = [], []
    try:
        wait_for(base + "/robots.txt")
        for label, path in urls:
            runs, last = [], None
            for _ in range(args.runs):
                scores, last = lighthouse(base + path, workdir)
                runs.append(scores)
            median = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
            rows.append((label, path, median))
            print(f"   {label}: " + ", ".join(f"{c} {median[c]:g}" for c in CATEGORIES), flush=True)
            for category, target in TARGETS.items():
                if category == "seo" and path.startswith("/sok/"):
                    continue  # search results are kept out of search engines on purpose (noindex, robots.txt)
                if median[category] < target:
                    misses.append(
                        f"{label} ({path}): {category} {median[category]:g} < {target}: "
                        + "; ".join(failed_audits(last, category)[:5])
                    )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(f"Lighthouse {args.runs}-run medians (mobile), {time.strftime('%Y-%m-%d')}")
    header = ["page", "performance", "accessibility", "best practices", "SEO"]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for label, path, median in rows:
            print(f"| {label} (`{path}`) | " + " | ".join(f"{median[c]:g}" for c in CATEGORIES) + " |")
    else:
        width = max(len(f"{label} ({path})") for label, path, _ in rows)
        print(f"{'page'.ljust(width)}  perf  a11y  best   seo")
        for label, path, median in rows:
            print(f"{f'{label} ({path})'.ljust(width)}  " + "  ".join(f"{median[c]:>4g}" for c in CATEGORIES))
    print("targets: performance >= 90, accessibility 100, best practices >= 95, SEO >= 95")
    if misses:
        print("\nBelow target:\n" + "\n".join(f"  - {m}" for m in misses))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

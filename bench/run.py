"""The benchmark: build a 300-unit and a 10,000-unit site, serve each like production, measure, print a table.

    make bench            # or: .venv/bin/python bench/run.py [--duration 5] [--rounds 3] [--sizes 300,10000]

Uses a separate PostgreSQL database (BENCH_DATABASE_URL, default servicemiljo_bench on 127.0.0.1; it is
dropped and recreated), Redis database 1 (BENCH_REDIS_URL), gunicorn with 2 sync workers on 127.0.0.1
(BENCH_PORT, default 8018) with cms.settings.production, DEBUG off and whitenoise, and wrk for load.
For every page it measures the cached answer (anonymous visitor, page cache warm) and the rendered one
(a request with a session cookie bypasses the page cache, like an editor's), each ``--rounds`` times for
``--duration`` seconds, then reports the median round's requests/s, p50 and p99, each page's requests/s as
a share of the static file's, the SQL queries per rendering, and the peak RSS of a worker.

The cold column comes first at each size: a server with the page cache and the memo store off
(``PAGECACHE_ENABLED=false``, as in production without Redis), anonymous visitors, on the database as the
load left it: the bulk load is not analyzed until the cold column is measured (the statistics are those of
``migrate``/``load_demo_content``, or of the previous size), as in a deployment before autovacuum has run.
Its SQL queries are those of one rendering with every cache emptied.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = ROOT / "bench" / "results"

PAGES = [
    ("home", "/"),
    ("service index", "/tjenester/"),
    ("service index, filtered", "/tjenester/?region=helse-vest&type=behandlingstjeneste"),
    ("service page", None),  # the first unit of Helse Vest, found at run time
    ("region page", "/tjenester/helse-vest/"),
    ("event page", None),
    ("search", "/sok/?q=behandling"),
    ("static file", None),
]


def die(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)


def check_tools():
    if not shutil.which("wrk"):
        die("wrk is not installed. Install it with: sudo apt-get install -y wrk  (or brew install wrk)")
    if not Path(GUNICORN).exists():
        die("gunicorn is missing from .venv: run `make install` first")


def environment(args):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            "DB_CONN_MAX_AGE": "600",
            "AXES_ENABLED": "false",
        }
    )
    return env


def run(cmd, env, **kwargs):
    print("  $", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def manage(env, *args):
    run([PYTHON, "manage.py", *args], env)


def recreate_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        die(f"refusing to drop database {name!r}: the benchmark database name must contain 'bench'")
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url):
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        die(f"Redis is not reachable at {url}: start it (e.g. `sudo apt-get install -y redis-server`)")


class Server:
    def __init__(self, env, port, workers):
        self.env, self.port, self.workers = env, port, workers
        self.process = None

    def __enter__(self):
        cmd = [GUNICORN, "cms.wsgi", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(cmd, env=self.env, cwd=ROOT, start_new_session=True)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        die("gunicorn did not start")

    def worker_pids(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def peak_rss_mb(self):
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks) if peaks else float("nan")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def wrk(url, duration, connections, cookie=None, rounds=1):
    """wrk's figures for ``url``: of the round with the median requests/s when there are several (a 2-core VM's
    throughput wanders by ±20 % between runs of a few seconds)."""
    measured = sorted((_wrk_once(url, duration, connections, cookie) for _ in range(rounds)), key=lambda r: r["rps"])
    return measured[len(measured) // 2]


def _wrk_once(url, duration, connections, cookie=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(pct):
        match = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency(50), "p99": latency(99), "non2xx": int(errors.group(1)) if errors else 0}


def resolve_urls(env, cold=False):
    """Fill in the URLs found at run time, and count the SQL queries of one rendering of each page."""
    script = ROOT / "bench" / "queries.py"
    cmd = [PYTHON, str(script), *(["--cold"] if cold else [])]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def search_latency(env, repeat):
    """Median and p95 of the public search on the current site (bench/search_bench.py)."""
    cmd = [PYTHON, str(ROOT / "bench" / "search_bench.py"), "--json", "--repeat", str(repeat)]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(env, args, size):
    print(f"\n== {size} units ==", flush=True)
    generate = ["--units", str(size), "--events", str(max(40, size // 50)), "--search-sample", str(args.search_sample)]
    started = time.monotonic()
    run([PYTHON, "bench/generate.py", *generate, "--no-analyze"], env)
    print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
    base = f"http://127.0.0.1:{args.port}"
    cold_env = {**env, "PAGECACHE_ENABLED": "false"}
    cold_info = resolve_urls(cold_env, cold=True)
    cold = {}
    with Server(cold_env, args.port, args.workers) as server:
        _wrk_once(f"{base}/", 3, args.connections)  # both workers load their modules and templates
        for name, path in PAGES:
            url = base + (path or cold_info["paths"][name])
            # Waits for the requests the previous row left queued, and compiles this page's templates.
            urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - http://127.0.0.1
            cold[name] = wrk(url, args.duration, args.connections, rounds=args.rounds)
            print(f"  {name:<26} {cold[name]['rps']:8.0f} req/s cold", flush=True)
    run([PYTHON, "bench/generate.py", "--units", "0"], env)  # now vacuum and analyze the load, as autovacuum would
    info = resolve_urls(env)
    search = search_latency(env, args.search_repeat)
    print(f"  search: p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms ({search['searches']} searches)")
    rows = []
    with Server(env, args.port, args.workers) as server:
        # Both workers load their modules and compile their templates before the first row is measured.
        _wrk_once(f"{base}/", 3, args.connections, cookie="sessionid=benchmark-no-session")
        for name, path in PAGES:
            path = path or info["paths"][name]
            url = base + path
            urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - warm the page cache (http://127.0.0.1)
            cached = wrk(url, args.duration, args.connections, rounds=args.rounds)
            rendered = None
            if name != "static file":
                cookie = "sessionid=benchmark-no-session"
                rendered = wrk(url, args.duration, args.connections, cookie=cookie, rounds=args.rounds)
            rows.append(
                {
                    "page": name,
                    "path": path,
                    "cached": cached,
                    "rendered": rendered,
                    "queries": info["queries"].get(name),
                    "cold": cold[name],
                    "cold_queries": cold_info["queries"].get(name),
                }
            )
            print(
                f"  {name:<26} {cached['rps']:8.0f} req/s cached, "
                f"{rendered['rps'] if rendered else float('nan'):8.0f} rendered",
                flush=True,
            )
        rss = server.peak_rss_mb()
    return {
        "size": size,
        "rows": rows,
        "peak_rss_mb": rss,
        "units": info["units"],
        "search": search,
        "cold_static_rps": cold["static file"]["rps"],
    }


def _static_rps(result):
    return next(r for r in result["rows"] if r["page"] == "static file")["cached"]["rps"]


def _kept(mode, small_rps, large_rps, static_kept):
    kept = large_rps / small_rps if small_rps else 0
    return f"{mode} {kept:.0%} ({kept / static_kept:.0%})" if static_kept else f"{mode} {kept:.0%}"


def table(results):
    lines = []
    header = (
        "| page | units | cached req/s | p50 ms | p99 ms | × static | rendered req/s | p50 ms | p99 ms "
        "| × static | SQL queries | cold req/s | p50 ms | p99 ms | × static | cold SQL queries |"
    )
    lines += [header, "|" + "---|" * 16]
    for result in results:
        static = _static_rps(result)
        cold_static = result.get("cold_static_rps")
        for row in result["rows"]:
            c, r, k = row["cached"], row["rendered"], row.get("cold")
            rendered = (
                f"{r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['rps'] / static:.1%}" if r else "– | – | – | –"
            )
            cold = (
                f"{k['rps']:.0f} | {k['p50']:.1f} | {k['p99']:.1f} | {k['rps'] / cold_static:.1%}"
                if k and cold_static
                else "– | – | – | –"
            )
            queries = row["queries"] if row["queries"] is not None else "–"
            cold_queries = row.get("cold_queries") if row.get("cold_queries") is not None else "–"
            lines.append(
                f"| {row['page']} | {result['units']} | {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} | "
                f"{c['rps'] / static:.1%} | {rendered} | {queries} | {cold} | {cold_queries} |"
            )
    lines.append(
        "Cold: page cache and memo store off (PAGECACHE_ENABLED=false), anonymous visitors, measured before the "
        "bulk load was analyzed; × static of the static file on the same cold server."
    )
    lines.append("")
    for result in results:
        lines.append(f"Peak RSS of a gunicorn worker, {result['units']} units: {result['peak_rss_mb']:.0f} MB")
    lines.append("")
    for result in results:
        search = result["search"]
        lines.append(
            f"Search (engine, facets and excerpts, {search['searches']} searches), {result['units']} units: "
            f"p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms"
        )
    if len(results) == 2:
        small, large = results
        ratio = large["search"]["p95"] / small["search"]["p95"]
        lines.append(f"Search p95 ratio {large['units']}/{small['units']} units: {ratio:.2f} (goal: at most 2)")
        lines.append("")
        lines.append(
            f"Throughput kept at {large['units']} units (vs {small['units']}); in brackets, of the share of the "
            "static file's requests/s, which takes out the machine's drift between the two phases:"
        )
        static_kept = _static_rps(large) / _static_rps(small)
        for a, b in zip(small["rows"], large["rows"], strict=True):
            kept = _kept("cached", a["cached"]["rps"], b["cached"]["rps"], static_kept)
            if a["rendered"]:
                kept += ", " + _kept("rendered", a["rendered"]["rps"], b["rendered"]["rps"], static_kept)
            lines.append(f"- {a['page']}: {kept}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,10000", help="site sizes in units, ascending (default 300,10000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per round (default 5)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds per page and mode; the median one is reported (default 3)"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8018")))
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/servicemiljo_bench"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--search-sample", type=int, default=1, help="index every n-th generated unit for search")
    parser.add_argument("--search-repeat", type=int, default=5, help="rounds of the search latency queries")
    args = parser.parse_args()
    check_tools()
    env = environment(args)
    print("Preparing the benchmark database and static files", flush=True)
    recreate_database(args.database_url)
    flush_redis(args.redis_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo_content")
    results = [measure(env, args, int(size)) for size in args.sizes.split(",")]
    machine = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    cpus = os.cpu_count()
    output = (
        f"Benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine}, {cpus} CPUs; "
        f"gunicorn {args.workers} sync workers, wrk {args.connections} connections, median of {args.rounds} "
        f"rounds of {args.duration} s per row"
        + (f"; every {args.search_sample}th generated unit indexed for search" if args.search_sample > 1 else "")
        + "\n\n"
        + table(results)
    )
    print("\n" + output)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(output + "\n")
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

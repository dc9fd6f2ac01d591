"""`make deploy-check`: the production settings, start to finish, on a throw-away database.

1. `manage.py check --deploy --fail-level WARNING` with the production settings and a random SECRET_KEY;
2. the vendor CSS (frontend/build.py) and `collectstatic` into a temporary STATIC_ROOT (the manifest the
   production storage needs; without it every page fails with "Missing staticfiles manifest entry");
3. `migrate` into a temporary SQLite file (or the database in DEPLOY_CHECK_DATABASE_URL, which must be a
   throw-away one);
4. the outbox worker (`db_worker --backend outbox`, on the database queue it has when SMTP is configured)
   once in batch mode, and each cron command of docs/deploy.md (dry runs where there is one);
5. gunicorn once, as docs/deploy.md runs it, on a free port; GET `/`, a missing page (the 404 page uses
   the manifest too) and the hashed site.css, as a proxy would send them (X-Forwarded-Proto: https);
6. stop gunicorn and remove the temporary files.

Assumes `make install` (the virtualenv and node_modules). Exits non-zero at the first failure.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST = "127.0.0.1"


def step(title):
    print(f"deploy-check: {title}", flush=True)


def run(*args, env):
    result = subprocess.run([PY, *args], cwd=ROOT, env=env, check=False)  # noqa: S603 - our own scripts
    if result.returncode != 0:
        sys.exit(f"deploy-check: FAILED: {' '.join(args)}")


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(url):
    request = urllib.request.Request(url, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("deploy-check: FAILED: gunicorn exited at start-up")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.5)
    sys.exit("deploy-check: FAILED: gunicorn did not start listening")


def main():
    with tempfile.TemporaryDirectory(prefix="deploy-check-") as tmp:
        tmp = Path(tmp)
        ignored = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "STATIC_ROOT")
        env = {k: v for k, v in os.environ.items() if k not in ignored}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="localhost",
            SITE_URL="https://servicemiljo.example.no",  # check --deploy refuses a local host here (core.E002)
            DATABASE_URL=os.environ.get("DEPLOY_CHECK_DATABASE_URL") or f"sqlite:///{tmp / 'db.sqlite3'}",
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
            PYTHONWARNINGS="ignore",
        )
        step("check --deploy with the production settings")
        run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
        step("vendor CSS and collectstatic into a temporary STATIC_ROOT")
        run("frontend/build.py", env=env)
        run("manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=env)
        manifest = json.loads((tmp / "static" / "staticfiles.json").read_text())["paths"]
        step("migrate a throw-away database")
        run("manage.py", "migrate", "--noinput", "--verbosity", "0", env=env)
        step("the outbox worker once, and the cron commands")
        queued = {**env, "OUTBOX_TASK_BACKEND": "django_tasks_db.DatabaseBackend"}  # as with EMAIL_HOST set
        run("manage.py", "db_worker", "--backend", "outbox", "--batch", "--no-startup-delay", "--no-reload", env=queued)
        run("manage.py", "send_outbox", env=queued)
        run("manage.py", "prune_db_task_results", "--backend", "outbox", "--min-age-days", "30", env=queued)
        run("manage.py", "publish_scheduled", env=env)
        run("manage.py", "anonymise_registrations", "--dry-run", env=env)
        run("manage.py", "send_followup_summary", "--dry-run", env=env)

        port = free_port()
        step(f"gunicorn on {HOST}:{port}")
        gunicorn = Path(PY).with_name("gunicorn")
        process = subprocess.Popen(  # noqa: S603 - gunicorn from our virtualenv
            [str(gunicorn), "cms.wsgi:application", "--bind", f"{HOST}:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
        )
        failures = []
        try:
            wait_for(port, process)
            base = f"http://{HOST}:{port}"
            checks = [
                ("/", 200, "text/html"),
                ("/finnes-ikke-deploy-check/", 404, "text/html"),
                (f"/static/{manifest['css/site.css']}", 200, "text/css"),
            ]
            for path, status, content_type in checks:
                got, headers, _body = get(base + path)
                ok = got == status and headers.get("Content-Type", "").startswith(content_type)
                print(f"  GET {path}: {got} {headers.get('Content-Type', '')}{'' if ok else '  <- FAILED'}")
                if not ok:
                    failures.append(path)
        finally:
            process.terminate()
            process.wait(timeout=30)
        if failures:
            sys.exit(f"deploy-check: FAILED: {', '.join(failures)}")
        step("passed")


if __name__ == "__main__":
    main()

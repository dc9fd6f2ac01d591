"""Find the benchmark's URLs and count the SQL queries of one rendering of each page (run by bench/run.py).

``--cold``: with no cache (run it with ``PAGECACHE_ENABLED=false``): every cache alias and Django's content
types are emptied before each page's one request, as for the first request of a fresh process.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import PAGES  # noqa: E402
from events.models import EventPage  # noqa: E402
from servicepages.models import NationalUnitPage, RegionPage  # noqa: E402


def main():
    cold = "--cold" in sys.argv[1:]
    vest = RegionPage.objects.get(slug="helse-vest")
    unit = NationalUnitPage.objects.live().child_of(vest).order_by("path").first()
    event = EventPage.objects.live().order_by("start").last()
    paths = {
        "service page": unit.url,
        "event page": event.url,
        "static file": static("css/site.css"),
    }
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for name, path in PAGES:
        path = path or paths[name]
        if name == "static file":
            continue
        separator = "&" if "?" in path else "?"
        if cold:
            for alias in caches:
                caches[alias].clear()
            ContentType.objects.clear_cache()
        else:
            client.get(path)  # warms the route and lookups;
            client.get(f"{path}{separator}bench-warm=1")  # this rendering stores the page object
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{path}{separator}bench-fresh=1")
        queries[name] = len(captured) if response.status_code == 200 else f"HTTP {response.status_code}"
    print(json.dumps({"paths": paths, "queries": queries, "units": NationalUnitPage.objects.count()}))


if __name__ == "__main__":
    main()

"""The demo builder: ``manage.py load_demo_content`` fills the site with the demo content, one section per app.

Every app with demo content has a ``demo.py`` that registers its section::

    from cms.core import demo

    @demo.section("events", order=50, label="Events")
    def build(builder): ...

The builder finds those modules (Django's ``autodiscover_modules``, as the admin finds ``admin.py``), runs
the sections in order inside one transaction, and reports each as a step. A section creates what is missing
and leaves what exists (pages by slug under their parent, snippets by name), so running the builder again
changes nothing. Sections build pages and snippets with the apps' factories (``<app>/factories.py``) and
publish pages with a revision, as an editor would.

A section may use what lower apps made (the home page, regions, units). When it needs something only a higher
app can make (the events section needs a privacy notice, which is one of ``home``'s standard pages), the
higher app registers a provider (:func:`provides`) and the section asks for it (:meth:`DemoBuilder.provide`).

The benchmark (``bench/generate.py``) grows the demo site with the sections' bulk helpers and
:func:`create_pages`, which inserts thousands of pages without a save per page.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from wagtail.models import Locale, Page, Revision
from wagtail.search.backends import get_search_backends

from pagecache.cache import deferred_invalidation

_sections = {}
_providers = {}


@dataclass(frozen=True)
class Section:
    name: str
    order: int
    label: str
    build: object


def section(name, *, order, label):
    """Register ``build(builder)`` as the demo section ``name``; sections run by ascending ``order``."""

    def register(build):
        _sections[name] = Section(name, order, label, build)
        return build

    return register


def provides(name):
    """Register ``make(builder)`` as the provider of ``name`` (e.g. "privacy-page"), for lower apps' sections."""

    def register(make):
        _providers[name] = make
        return make

    return register


def discover():
    autodiscover_modules("demo")


def sections():
    discover()
    return sorted(_sections.values(), key=lambda s: s.order)


def block(block_type, value):
    """A StreamField block as stored JSON data."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def rich(html):
    return block("paragraph", html)


class DemoBuilder:
    """Runs the sections; what they share: the output, the home page and the helpers to add pages."""

    def __init__(self, stdout, home_page=None):
        self.stdout = stdout
        self.home_page = home_page
        self.summary = []
        self._open_step = False

    def run(self):
        with deferred_invalidation(), transaction.atomic():
            for item in sections():
                self.step(item.label, lambda item=item: item.build(self))
        return self

    def step(self, label, func):
        self._end_line()
        self.stdout.write(f"· {label} …", ending="")
        self.stdout.flush()
        self._open_step = True
        result = func()
        self.stdout.write(" ok" if self._open_step else f"  {label}: ok")
        self._open_step = False
        return result

    def say(self, message):
        self._end_line()
        self.stdout.write(f"  {message}")

    def _end_line(self):
        if self._open_step:
            self.stdout.write("")
            self._open_step = False

    def provide(self, name):
        discover()
        return _providers[name](self)

    @staticmethod
    def publish(page):
        page.save_revision(log_action=True).publish()
        return page

    def child(self, parent, factory, slug, **fields):
        """The child of ``parent`` with this slug; made with ``factory`` and published if missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing
        return self.publish(factory(parent=parent, slug=slug, **fields))


def create_pages(parent, pages):
    """Insert ``pages`` (unsaved instances of one or more page models) as the last children of ``parent``.

    What ``parent.add_child()`` does, in bulk: tree paths, URL paths and the rows of every table of the page
    model, live and without revisions or signals (see :func:`add_revisions`). Saving 10,000 pages one by one,
    with every page signal, takes the better part of an hour on a small machine; this takes a minute.
    """
    if not pages:
        return []
    now = timezone.now()
    locale_id = Locale.get_default().pk
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    rows = []
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = locale_id
        page.translation_key = uuid.uuid4()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        page.content_type = ContentType.objects.get_for_model(page)
        rows.append(Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.local_concrete_fields}))
    Page.objects.bulk_create(rows, batch_size=500)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = row.pk
        model = type(page)
        for cls in [*reversed(model._meta.get_parent_list()), model]:
            if cls is Page:
                continue
            setattr(page, cls._meta.pk.attname, row.pk)
            page._save_table(raw=True, cls=cls, force_insert=True)
            page._state.adding = False
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def add_revisions(pages, count):
    """``count`` revisions per page (the last one live), written in bulk like an edit history."""
    now = timezone.now()
    revisions = []
    for page in pages:
        base = page.serializable_data()
        for number in range(count):
            content = dict(base, introduction=f"{page.introduction} (versjon {number + 1})")
            revisions.append(
                Revision(
                    content_type_id=page.content_type_id,
                    base_content_type_id=page.get_base_content_type().pk,
                    object_id=str(page.pk),
                    content=content,
                    created_at=now - datetime.timedelta(days=count - number),
                    object_str=page.title,
                )
            )
    created = Revision.objects.bulk_create(revisions, batch_size=500)
    for index, page in enumerate(pages):
        last = created[(index + 1) * count - 1]
        Page.objects.filter(pk=page.pk).update(latest_revision=last, live_revision=last)


def index_for_search(pages):
    """Add ``pages`` to every search backend in bulk (pages made by :func:`create_pages` send no signals)."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        objects = list(model.get_indexed_objects().filter(pk__in=ids))
        for backend in get_search_backends():
            backend.add_bulk(model, objects)

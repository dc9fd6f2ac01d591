"""Rebuild the search index of every configured engine, with a progress bar."""

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search.engines import available_engines
from search.index import index_name, rebuild_elasticsearch, rebuild_vocabulary


class ProgressBar:
    """A one-line progress bar on a terminal; a line per 10 % otherwise (logs, CI)."""

    WIDTH = 40

    def __init__(self, stream, label):
        self.stream = stream
        self.label = label
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_tenth = -1

    def __call__(self, done, total):
        share = done / total if total else 1.0
        if self.tty:
            filled = int(self.WIDTH * share)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {share:4.0%} {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            tenth = int(share * 10)
            if tenth != self.last_tenth:
                self.last_tenth = tenth
                self.stream.write(f"{self.label} {share:4.0%} {done}/{total}\n")


class Command(BaseCommand):
    help = (
        "Rebuild the search index: the database backend's index (Wagtail's update_index) and, when "
        "ELASTICSEARCH_URL is set, a new Elasticsearch index that replaces the old one when complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["database", "elasticsearch"], help="Only this engine.")

    def handle(self, *args, **options):
        names = [options["engine"]] if options["engine"] else available_engines()
        if "elasticsearch" in names and "elasticsearch" not in available_engines():
            raise CommandError("ELASTICSEARCH_URL is not set.")
        if "database" in names:
            self.stdout.write("Database search index:")
            call_command("update_index", verbosity=options["verbosity"], stdout=self.stdout)
        words = rebuild_vocabulary()
        self.stdout.write(f"Search vocabulary: {words} words.")
        if "elasticsearch" in names:
            stream = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
            total = rebuild_elasticsearch(progress=ProgressBar(stream, "Elasticsearch"))
            self.stdout.write(self.style.SUCCESS(f"Indexed {total} pages into {index_name()}."))

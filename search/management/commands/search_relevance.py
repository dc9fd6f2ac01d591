"""Print precision@1, recall@5 and the zero-result rate of every available search engine on the relevance
queries, overall and per query class."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search.engines import available_engines, get_engine
from search.relevance import evaluate, load_queries


class Command(BaseCommand):
    help = "Measure search relevance (precision@1, recall@5, zero-result rate) per engine and query class."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queries", help="CSV with the columns query,expected_title,class (default: the tests' list)"
        )
        parser.add_argument("--engine", choices=["database", "elasticsearch"], help="Only this engine.")
        parser.add_argument("--show-misses", action="store_true", help="List the queries that missed.")

    def handle(self, *args, **options):
        try:
            queries = load_queries(options["queries"])
        except (OSError, KeyError) as error:
            raise CommandError(f"Cannot read the queries: {error}") from error
        names = [options["engine"]] if options["engine"] else available_engines()
        for name in names:
            engine = get_engine(name)
            label = f"database ({connection.vendor})" if name == "database" else name
            report = evaluate(engine, queries, label=label)
            if not report.results:
                self.stdout.write(f"{label}: none of the expected pages exist here; load the demo content first.")
                continue
            self.stdout.write(
                f"{label}: precision@1 = {report.precision_at_1:.2f}, recall@5 = {report.recall_at_5:.2f}, "
                f"zero results = {report.zero_rate:.2f} ({len(report.results)} queries"
                + (f", {len(report.missing)} skipped: expected page not on this site)" if report.missing else ")")
            )
            for klass, (count, p1, r5, zero) in report.by_class().items():
                self.stdout.write(
                    f"  {klass or '-':<15} {count:>4} queries  P@1 {p1:.2f}  recall@5 {r5:.2f}  zero {zero:.2f}"
                )
            if options["show_misses"]:
                for result in report.results:
                    if not result.first:
                        self.stdout.write(
                            f"  {result.query!r}: expected {result.expected[0]!r}, got {result.found[:3]!r}"
                        )

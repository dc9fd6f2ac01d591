"""The facet values of every page, beside its index entry (``search.index``): the facet counts read one table.

Filled here from the pages as they are; from then on the search index writes them with each page's index entry.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The page types with their own value of the "type" facet (search.query.OTHER_TYPES), as they were.
OTHER_TYPES = {("servicepages", "referencegrouppage"): "referansegruppe", ("events", "eventpage"): "arrangement"}


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    NationalUnitPage = apps.get_model("servicepages", "NationalUnitPage")
    SearchFacetValue = apps.get_model("portal_search", "SearchFacetValue")
    other = {
        ct.pk: OTHER_TYPES[(ct.app_label, ct.model)]
        for ct in ContentType.objects.all()
        if (ct.app_label, ct.model) in OTHER_TYPES
    }
    units = dict(NationalUnitPage.objects.values_list("pk", "kind"))
    rows = set()
    for pk, content_type_id in Page.objects.filter(depth__gt=1).values_list("pk", "content_type_id"):
        rows.add((pk, "type", units.get(pk) or other.get(content_type_id, "side")))
    for pk, status in NationalUnitPage.objects.values_list("pk", "status"):
        rows.add((pk, "status", status))
    hosts = NationalUnitPage.host_trusts.through.objects.values_list(
        "nationalunitpage_id", "healthtrust_id", "healthtrust__region__slug"
    )
    for pk, trust_id, region_slug in hosts:
        rows.update({(pk, "trust", str(trust_id)), (pk, "region", region_slug)})
    fields = NationalUnitPage.medical_fields.through.objects.values_list("nationalunitpage_id", "medicalfield__slug")
    rows.update((pk, "field", slug) for pk, slug in fields)
    SearchFacetValue.objects.bulk_create(
        [SearchFacetValue(page_id=pk, facet=facet, value=value) for pk, facet, value in sorted(rows)], batch_size=2000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0004_default_synonyms"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("servicepages", "0003_lifecycle_sites_tools_outcome"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacetValue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=100)),
                (
                    "page",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "search facet value",
                "verbose_name_plural": "search facet values",
                "indexes": [models.Index(fields=["facet", "value"], name="portal_search_facet_value_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("page", "facet", "value"), name="portal_search_facet_uniq")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

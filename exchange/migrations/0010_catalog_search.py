"""The catalog at scale: a sales counter for the popular sort, indexes for every sort, and on
PostgreSQL a stored search document.

PostgreSQL gets a generated ``search_doc`` tsvector column (title weight A, description B, the
'simple' configuration) with a GIN index, and a trigram GIN index on the upper-cased title and
description, which is what finds 人才 inside 深圳人才库 (the text parser keeps a run of Chinese
characters as one token). SQLite (development) has neither: the selector searches by substring.
"""

from django.conf import settings
from django.db import migrations, models

SEARCH = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE exchange_dataproduct ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(description, '')), 'B')
) STORED;
CREATE INDEX product_search_doc ON exchange_dataproduct USING gin (search_doc);
CREATE INDEX product_title_trgm ON exchange_dataproduct USING gin ((upper(title::text)) gin_trgm_ops);
"""

SEARCH_DROP = """
DROP INDEX IF EXISTS product_title_trgm;
DROP INDEX IF EXISTS product_search_doc;
ALTER TABLE exchange_dataproduct DROP COLUMN IF EXISTS search_doc;
"""


def search_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH, params=None)


def search_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_DROP, params=None)


def sales_backfill(apps, schema_editor):
    """Count every product's orders that were not refunded, once."""
    DataProduct = apps.get_model("exchange", "DataProduct")
    Order = apps.get_model("exchange", "Order")
    counts = (
        Order.objects.exclude(status="refunded")
        .values("version__product")
        .annotate(n=models.Count("id"))
        .values_list("version__product", "n")
    )
    for product_id, n in counts:
        DataProduct.objects.filter(pk=product_id).update(sales_count=n)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_admin_labels"),
        ("exchange", "0009_admin_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="dataproduct",
            name="sales_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="sales"),
        ),
        migrations.RunPython(sales_backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="dataproduct",
            index=models.Index(fields=["status", "-sales_count", "-id"], name="product_catalog_popular"),
        ),
        migrations.AddIndex(
            model_name="dataproduct",
            index=models.Index(fields=["status", "title", "id"], name="product_catalog_title"),
        ),
        migrations.RunPython(search_forwards, search_backwards),
    ]

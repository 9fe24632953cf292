"""Search that stays fast at any length of term, in any script: one normalised document
per row, matched with a plain ``LIKE``.

``icontains`` over several columns makes the database case-fold every column of every row
for every search (``UPPER(name) LIKE …`` on 40,000 contacts took 87 ms on PostgreSQL),
and a trigram index cannot help a two-letter term, which is what a Chinese surname or
given name is. A ``Searchable`` model instead keeps ``search_text``: its searched fields,
NFKC-normalised (full-width to half-width) and case-folded, computed in ``clean()``, so
every write through the services, forms or admin keeps it. A search term is normalised
the same way and each term must occur in the document, which is what the per-field
``icontains`` of DRF's ``SearchFilter`` matched (a term has no spaces, so it cannot
straddle two fields). On PostgreSQL a trigram index serves terms of three letters or more.
"""

import unicodedata

from django.db import migrations, models, transaction

SEARCH_FIELD = "search_text"


def normalise(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).casefold()


def document(*parts) -> str:
    """The search document of a row: its searched values, normalised, one per line."""
    return "\n".join(normalise(part) for part in parts if part not in (None, ""))


def search(queryset, terms):
    """Rows whose document contains every one of ``terms`` (a string is split on spaces)."""
    if isinstance(terms, str):
        terms = terms.split()
    for term in terms:
        queryset = queryset.filter(**{f"{SEARCH_FIELD}__contains": normalise(term)})
    return queryset


class Searchable(models.Model):
    """A model searched through ``search_text``; subclasses say what goes in it."""

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def search_parts(self) -> tuple:
        raise NotImplementedError

    def clean(self):
        super().clean()
        self.search_text = document(*self.search_parts())


def refresh_search_text(queryset, *, select_related=()) -> int:
    """Recompute the documents of ``queryset`` (after a value they include changed)."""
    rows = list(queryset.select_related(*select_related))
    for row in rows:
        row.search_text = document(*row.search_parts())
    queryset.model.objects.bulk_update(rows, [SEARCH_FIELD], batch_size=1000)
    return len(rows)


def trigram_indexes(*tables: str):
    """A migration operation: trigram indexes on ``tables``' search documents, on PostgreSQL.

    They serve terms of three letters or more at scale (the index is named
    ``<table>_search_trgm``). pg_trgm is a trusted extension (PostgreSQL 13+), so a database
    owner may create it; where that is refused, searches still work, by scanning.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # an optional speed-up: reported and skipped
            print("\n  pg_trgm is not available: searches will scan instead of using an index.")
            return
        for table in tables:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_search_trgm "
                f"ON {table} USING gin (search_text gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")

    return migrations.RunPython(create, drop, elidable=False)

"""The demo content, loaded once per test session and restored in each test.

Loading the demo runs every editor's code path (pages, revisions, translations,
the workflow, the search index) and takes 10-20 s; about twenty tests use it.
:func:`take` loads it once inside a transaction that is rolled back, keeping the
rows of every table it changed; :func:`restore` writes those rows back inside a
test's own transaction, in well under a second. The database then holds exactly
what loading the demo there would have left, and rolls back with the test.

The snapshot also holds the renditions a first visit to each live page makes.
What the snapshot cannot hold stays as the real load left it: the image and
rendition files in the test media folder (they outlive the rollback) and the database
sequences on PostgreSQL (never rolled back, so they are already past the
restored ids). SQLite's counters live in ``sqlite_sequence``, which is restored
like any table. An FTS5 search table is restored through the virtual table;
its shadow tables follow by themselves.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass
class Snapshot:
    #: table -> (column names, rows) on SQLite, or COPY output on PostgreSQL
    tables: dict[str, object] = field(default_factory=dict)


def take() -> Snapshot:
    """Loads the demo, keeps what it changed, and rolls the load back."""
    before = _read_all()
    with transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        _render_live_pages()
        after = _read_all()
        transaction.set_rollback(True)
    cache.clear()
    return Snapshot(
        {table: data for table, data in after.items() if before.get(table) != data}
    )


def _render_live_pages() -> None:
    """Renders every live Danish page once, so the snapshot holds the renditions
    of the demo's images (their files stay on disk): otherwise each test would
    make the same AVIF and WebP files again on its first requests. Translations
    show the same images in the same sizes, so rendering them adds none."""
    from django.test import Client
    from wagtail.models import Locale, Page

    client = Client()
    danish = Page.objects.live().filter(depth__gt=1, locale=Locale.get_default())
    for page in danish.specific():
        url = page.get_url()
        if url:
            client.get(url)


def restore(snapshot: Snapshot) -> None:
    """Makes the changed tables hold the demo's rows, in the current transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, data in snapshot.tables.items():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DELETE FROM {quoted}")  # noqa: S608 (a table name)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quoted} FROM STDIN") as copy:
                    copy.write(data)
            else:
                columns, rows = data
                if rows:
                    names = ", ".join(map(connection.ops.quote_name, columns))
                    marks = ", ".join("%s" for _ in columns)
                    cursor.executemany(
                        f"INSERT INTO {quoted} ({names}) VALUES ({marks})",  # noqa: S608
                        rows,
                    )
    # What loading the demo does to caches: every cached page is stale.
    cache.clear()


def _tables() -> list[str]:
    names = connection.introspection.table_names(include_views=False)
    if connection.vendor == "sqlite":
        shadows = {
            f"{name}{suffix}"
            for name in names
            if name.endswith("_fts")
            for suffix in FTS_SHADOWS
        }
        names = [name for name in names if name not in shadows]
        names.append("sqlite_sequence")
    return [name for name in names if name != "django_migrations"]


def _read_all() -> dict[str, object]:
    with connection.cursor() as cursor:
        return {table: _read(cursor, table) for table in _tables()}


def _read(cursor, table: str):
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
            for chunk in copy:
                buffer.write(chunk)
        return buffer.getvalue()
    rowid = "rowid, " if table.endswith("_fts") else ""
    cursor.execute(f"SELECT {rowid}* FROM {quoted} ORDER BY 1")  # noqa: S608
    columns = [column[0] for column in cursor.description]
    return columns, cursor.fetchall()

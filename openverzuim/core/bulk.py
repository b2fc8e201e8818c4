"""Insert many rows fast: one prepared INSERT per batch through the driver's executemany (COPY on
PostgreSQL); update many rows fast: one UPDATE ... FROM (VALUES ...) per batch (`update_rows`).

`bulk_create` compiles SQL for every value of every row, which made 100,000 employees of a payroll
import take most of a minute (docs/performance.md). This sends the same statement with rows of
plain adapted values instead. Like bulk_create it calls no save() and sends no signals; unlike it,
it returns no primary keys (read them back by a natural key) and checks no field validators, so
callers pass values they have checked. Every concrete column is written: a value the row leaves out
is the field's default, and `auto_now_add` fields get the time of the call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from django.db import connections, models, router
from django.utils import timezone


def _adapter(field: models.Field, connection) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    return None


def insert_rows(
    model: type[models.Model], rows: Iterable[dict[str, Any]], batch_size: int = 5000
) -> int:
    """INSERT `rows` (attname -> value) into `model`'s table; returns the number of rows."""
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
        else f.get_default()
        for f in fields
    }
    adapters = [(f.attname, _adapter(f, connection)) for f in fields]
    defaults = {
        name: adapt(defaults[name])
        if adapt is not None and defaults[name] is not None
        else defaults[name]
        for name, adapt in adapters
    }  # adapted once, not per row
    quote = connection.ops.quote_name
    # Table and column names come from the model's _meta, quoted; the values are parameters.
    table = quote(model._meta.db_table)
    # A concrete field always has a column; Django's types allow None for every field.
    columns = ", ".join(quote(f.column) for f in fields)  # type: ignore[arg-type]
    count, rows = 0, iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, batch_size)):
            params = []
            for row in batch:
                values = []
                for name, adapt in adapters:
                    if name not in row:
                        values.append(defaults[name])
                    elif adapt is None or row[name] is None:
                        values.append(row[name])
                    else:
                        values.append(adapt(row[name]))
                params.append(values)
            if connection.vendor == "postgresql":
                # PostgreSQL's driver sends an executemany row by row; COPY streams the batch.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in params:
                        copy.write_row(values)
            else:
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(fields))})",
                    params,
                )
            count += len(params)
    return count


def update_rows(
    model: type[models.Model],
    fields: list[str],
    rows: Iterable[tuple[Any, ...]],
    batch_size: int = 1000,
) -> int:
    """UPDATE `fields` (attnames) of `model`'s rows from (pk, *values) tuples, one statement per
    batch: `UPDATE ... FROM (VALUES ...)` joined on the primary key. `bulk_update` builds a
    `CASE WHEN pk = ...` per field and row, which compiles slowly and is matched row by row; this
    sends plain adapted values. Like `bulk_update` it calls no save() and sends no signals.
    Returns the number of rows sent."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    chosen = [field for field in meta.concrete_fields if field.attname in fields]
    if len(chosen) != len(fields) or meta.pk is None:
        raise ValueError(f"{model.__name__}: not all of {fields} are columns")
    chosen.sort(key=lambda field: fields.index(field.attname))
    adapters = [_adapter(field, connection) for field in chosen]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)  # type: ignore[arg-type]

    def value(number: int, field: models.Field) -> str:
        # PostgreSQL types a VALUES column by its first rows (text for NULL): cast it to the
        # column's type. SQLite takes the values as they are (a CAST AS date would be numeric).
        column = f"v.column{number}"
        if connection.vendor == "postgresql":
            return f"CAST({column} AS {field.cast_db_type(connection)})"
        return column

    assignments = ", ".join(
        f"{quote(field.column)} = {value(number, field)}"  # type: ignore[arg-type]
        for number, field in enumerate(chosen, start=2)
    )
    count, rows = 0, iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, batch_size)):
            params: list[Any] = []
            for row in batch:
                params.append(row[0])
                for item, adapt in zip(row[1:], adapters, strict=True):
                    params.append(item if adapt is None or item is None else adapt(item))
            placeholders = ", ".join([f"({', '.join(['%s'] * (len(fields) + 1))})"] * len(batch))
            # Names come from the model's _meta, quoted; the values are parameters.
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {placeholders}) AS v "  # noqa: S608
                f"WHERE {table}.{pk} = v.column1",
                params,
            )
            count += len(batch)
    return count

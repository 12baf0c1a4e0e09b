"""Server-side prepared statements for the few hot statements that cost more to plan than
to run.

Django's PostgreSQL cursors bind parameters on the client (the statement, values inlined,
is parsed and planned again on every call) and leave psycopg's prepared statements off, so
that poolers in transaction mode work. The campaign progress write (a CTE that updates a
row and appends a delta) took PostgreSQL longer to plan than to execute: prepared, pgbench
ran it 1.7 times faster. `prepared_cursor()` is a Django cursor (query log, execute
wrappers, error translation) over a psycopg server-binding cursor that prepares each
statement the first time this connection runs it; psycopg keeps the prepared statements
per connection and prepares them again on a new one.

Set `DATABASE_PREPARED_STATEMENTS=false` behind a pooler that cannot keep prepared
statements (PgBouncer before 1.21, or without `max_prepared_statements`): the cursor is
then Django's own.
"""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.db import connection

# psycopg's `prepare_threshold=None` (Django's default) turns preparing off altogether,
# even when asked per statement; any number turns it back on for our explicit cursors.
# Django's own cursors bind on the client and never prepare, whatever this says.
_THRESHOLD = 1_000_000


class _PreparingCursor(psycopg.Cursor):
    """Server-side binding; every statement prepared on its first execution."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


def prepared_cursor():
    """A cursor for statements worth preparing (see the module's docstring), on the
    default connection. Values must be passed as parameters with types PostgreSQL can
    infer (cast them in the SQL where it cannot: `%(n)s::int`)."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _THRESHOLD
    connection.validate_thread_sharing()
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    return wrap(_PreparingCursor(raw))

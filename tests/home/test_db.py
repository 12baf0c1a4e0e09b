"""`netra.home.db.prepared_cursor`: statements prepared on the server (PostgreSQL), Django's
cursor elsewhere or when turned off; either way a Django cursor (query log, errors)."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from netra.home.db import prepared_cursor

pytestmark = pytest.mark.django_db


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_runs_statements_with_parameters_and_logs_them():
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute("SELECT %(a)s + %(b)s", {"a": 2, "b": 3})
        assert cursor.fetchone() == (5,)
        cursor.execute("SELECT %s", ["nip"])
        assert cursor.fetchone() == ("nip",)
    assert len(queries) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares")
def test_prepares_on_postgresql_and_reuses_the_statement():
    sql = "SELECT %(n)s::int * 7 AS netra_prepared_probe"
    for n in range(3):
        with prepared_cursor() as cursor:
            cursor.execute(sql, {"n": n})
            assert cursor.fetchone() == (n * 7,)
    assert sum("netra_prepared_probe" in s for s in _prepared_statements()) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares")
def test_turned_off_leaves_django_cursor_unprepared(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    with prepared_cursor() as cursor:
        cursor.execute("SELECT %s::int AS netra_unprepared_probe", [1])
        assert cursor.fetchone() == (1,)
    assert not any("netra_unprepared_probe" in s for s in _prepared_statements())


def test_errors_are_django_errors():
    with pytest.raises(DatabaseError), prepared_cursor() as cursor:
        cursor.execute("SELECT * FROM netra_no_such_table")

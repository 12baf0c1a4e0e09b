"""The throw-away PostgreSQL database a benchmark builds its data in and drops afterwards.
Shared by bench/rollup.py and bench/roster_import.py (each adds this folder to sys.path,
so it loads whether the bench runs as a script or with -m)."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import environ
import psycopg
from psycopg import sql


class Database:
    """A database on the server DATABASE_URL names. Its name always contains "bench", so
    no database of real data is ever dropped: `name_for` picks it from the URL's name."""

    def __init__(self, url: str, *, name_for, script: str):
        self.config = environ.Env.db_url_config(url)
        if "postgresql" not in self.config["ENGINE"]:
            sys.exit(f"{script} needs PostgreSQL (DATABASE_URL=postgres://...)")
        self.name = name_for(self.config["NAME"] or "")
        assert "bench" in self.name, self.name
        self.url = urlsplit(url)._replace(path=f"/{self.name}").geturl()

    def connect(self, dbname: str | None = None) -> psycopg.Connection:
        return psycopg.connect(
            dbname=dbname or self.name,
            user=self.config["USER"] or "postgres",
            password=self.config["PASSWORD"] or None,
            host=self.config["HOST"] or None,
            port=self.config["PORT"] or None,
            autocommit=True,
        )

    def _server(self, statement: str) -> None:
        with self.connect("postgres") as server:
            server.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def exists(self) -> bool:
        with self.connect("postgres") as server:
            row = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
            return row.fetchone() is not None

    def create(self) -> None:
        self._server("DROP DATABASE IF EXISTS {} WITH (FORCE)")  # left by a crashed run
        self._server("CREATE DATABASE {}")

    def drop(self) -> None:
        self._server("DROP DATABASE IF EXISTS {} WITH (FORCE)")

"""Database routers. Installed only when production has a read replica
(`DATABASE_REPLICA_URL`, see `netra/settings/production.py` and docs/deployment.md).

The primary stays the source of truth for everything; the replica only takes the reads
that tolerate a little lag and cost the most at peak: HR's compliance dashboard reads the
per-office counters (`campaigns.OfficeRollup`), which the worker already folds a few
seconds after each change, so a replica a second behind changes nothing HR can see.
"""

from django.db import DEFAULT_DB_ALIAS, transaction

REPLICA_DB_ALIAS = "replica"

# Lower-cased model labels whose reads may be answered by the replica.
REPLICA_READ_MODELS = frozenset({"campaigns.officerollup"})


class DashboardReplicaRouter:
    """Sends reads of the dashboard's rollup counters to the replica, and everything else
    (every write, every other read, migrations) to the primary.

    A read made inside a transaction on the primary stays on the primary: the fold, the
    reconcile and office moves read the counters they are about to change, and must see
    their own writes and hold their locks there."""

    def db_for_read(self, model, **hints):
        if model._meta.label_lower not in REPLICA_READ_MODELS:
            return None  # Django's default: the primary, or the alias of a related instance
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Even an instance read from the replica is saved to the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: a replica row may point at a primary row.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema by streaming replication.
        return db != REPLICA_DB_ALIAS

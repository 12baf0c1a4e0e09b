"""The evidence chain: hashing rules (pure), append, tamper detection, database guard."""

import datetime as dt
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from certificates import evidence, services
from certificates.models import EvidenceEntry

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger and advisory lock are PostgreSQL's"
)
T0 = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


def _chain(n):
    rows, prev = [], evidence.GENESIS
    for seq in range(1, n + 1):
        payload = {"signer": f"user-{seq}", "typed_name_match": True, "nama": "Siti Ñúñez"}
        at = T0 + dt.timedelta(seconds=seq)
        digest = evidence.entry_hash(
            sequence=seq, kind="pact_signed", prev_hash=prev, created_at=at, payload=payload
        )
        rows.append(evidence.Row(seq, seq, "pact_signed", prev, digest, at, payload))
        prev = digest
    return rows


class ChainRuleTests:
    def test_intact_chain_has_no_break(self):
        assert evidence.first_break(_chain(5)) is None

    def test_edited_payload_is_caught_at_that_entry(self):
        rows = _chain(5)
        rows[2] = evidence.Row(**{**rows[2].__dict__, "payload": {"signer": "someone else"}})
        broken = evidence.first_break(rows)
        assert broken.sequence == 3 and "edited" in broken.reason

    def test_deleted_entry_is_caught(self):
        rows = _chain(5)
        del rows[1]
        broken = evidence.first_break(rows)
        assert broken.sequence == 2 and "missing" in broken.reason

    def test_reordered_entries_are_caught(self):
        rows = _chain(5)
        a, b = rows[1], rows[2]
        rows[1] = evidence.Row(**{**b.__dict__, "sequence": 2})
        rows[2] = evidence.Row(**{**a.__dict__, "sequence": 3})
        assert evidence.first_break(rows).sequence == 2

    def test_key_order_does_not_change_the_hash(self):
        args = {"sequence": 1, "kind": "k", "prev_hash": evidence.GENESIS, "created_at": T0}
        assert evidence.entry_hash(payload={"a": 1, "b": 2}, **args) == evidence.entry_hash(
            payload={"b": 2, "a": 1}, **args
        )


@pytest.mark.django_db
class ChainStorageTests:
    def _append(self, n):
        return [
            services.evidence_append(kind="pact_signed", payload={"n": i, "nama": "<b>Ani</b>"})
            for i in range(n)
        ]

    def _tamper(self, sql, params):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ALTER TABLE certificates_evidenceentry "
                    "DISABLE TRIGGER certificates_evidence_append_only"
                )
            cursor.execute(sql, params)

    def test_appends_link_each_entry_to_the_previous(self):
        entries = self._append(3)
        assert [e.sequence for e in entries] == [1, 2, 3]
        assert entries[1].prev_hash == entries[0].entry_hash
        assert entries[0].prev_hash == evidence.GENESIS

    def test_verify_command_passes_on_an_intact_chain(self, capsys):
        self._append(4)
        call_command("verify_evidence")
        assert "intact: 4 entries" in capsys.readouterr().out

    def test_verify_command_names_an_edited_entry(self):
        entries = self._append(4)
        self._tamper(
            "UPDATE certificates_evidenceentry SET kind = %s WHERE id = %s",
            ["pact_revoked", entries[2].pk],
        )
        with pytest.raises(CommandError, match=r"entry #3 .*edited"):
            call_command("verify_evidence")

    def test_verify_command_names_a_deleted_entry(self):
        entries = self._append(4)
        self._tamper("DELETE FROM certificates_evidenceentry WHERE id = %s", [entries[1].pk])
        with pytest.raises(CommandError, match=r"entry #2 .*missing"):
            call_command("verify_evidence")

    def test_verify_command_names_reordered_entries(self):
        entries = self._append(4)
        self._tamper(
            "UPDATE certificates_evidenceentry SET sequence = sequence + 100 WHERE id = %s",
            [entries[1].pk],
        )
        with pytest.raises(CommandError, match=r"entry #2"):
            call_command("verify_evidence")

    @postgres_only
    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE certificates_evidenceentry SET kind = 'x'",
            "DELETE FROM certificates_evidenceentry",
        ],
    )
    def test_database_refuses_update_and_delete(self, sql):
        self._append(2)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
        assert EvidenceEntry.objects.count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_thirty_two_concurrent_appends_never_fork_the_chain():
    threads_n = 32
    barrier = threading.Barrier(threads_n)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            services.evidence_append(kind="pact_signed", payload={"worker": i})
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(EvidenceEntry.objects.values_list("sequence", flat=True)) == list(
        range(1, threads_n + 1)
    )
    call_command("verify_evidence")

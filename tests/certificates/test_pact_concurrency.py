"""Signing under contention on PostgreSQL: concurrent signers never fork the evidence
chain, and one person signing from many tabs at once gets one signature."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from certificates import issuing, services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from certificates.models import EvidenceEntry, PactSignature
from netra.people.factories import EmployeeFactory

from .conftest import just_reauthenticated

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and advisory locks are PostgreSQL's"
)
pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _run_together(n, work):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait()
            results.append(work(i))
        except Exception as exc:  # surfaced by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture
def open_pact(home):
    """A pact without a required course: contention, not prerequisites, is under test."""
    pact = PactPageFactory(parent=PactIndexPageFactory(parent=home))
    return services.current_version(pact)


def _sign(user, version):
    return services.pact_sign(
        user=user,
        version=version,
        typed_name=user.employee.name,
        consent=True,
        content_hash=version.content_hash,
        ip_address="127.0.0.1",
        user_agent="pytest",
        **just_reauthenticated(),
    )


def test_thirty_two_people_signing_at_once_never_fork_the_chain(city, open_pact, seal_key):
    # With the immediate task backend each thread also renders its PDF right after its
    # commit, so signatures and PDF entries interleave on the chain as with a busy worker.
    users = [EmployeeFactory(office=city["sd"], with_account=True).user for _ in range(32)]
    results, errors = _run_together(32, lambda i: _sign(users[i], open_pact))
    assert errors == []
    assert all(r.created for r in results)
    assert PactSignature.objects.count() == 32
    assert PactSignature.objects.exclude(pdf="").count() == 32
    assert EvidenceEntry.objects.filter(kind="pact.pdf").count() == 32
    sequences = list(EvidenceEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 65))
    call_command("verify_evidence")


def test_one_person_in_eight_tabs_gets_one_signature(city, open_pact):
    user = EmployeeFactory(office=city["sd"], with_account=True).user
    results, errors = _run_together(8, lambda i: _sign(user, open_pact))
    assert errors == []
    assert PactSignature.objects.count() == 1
    assert sum(r.created for r in results) == 1
    assert len({r.signature.pk for r in results}) == 1
    assert EvidenceEntry.objects.filter(kind="pact.signed").count() == 1
    call_command("verify_evidence")


def test_a_pdf_job_and_the_certificate_drain_never_deadlock(city, open_pact, seal_key):
    """The outbox drain inserts certificates referencing pact signatures while it holds the
    evidence chain's lock; their foreign-key check takes a KEY SHARE lock on the signature.
    The PDF job locks the signature and then waits for the evidence lock, so its row lock
    must not block KEY SHARE (it was FOR UPDATE: a deadlock in the ramp load run)."""
    user = EmployeeFactory(office=city["sd"], with_account=True).user
    signature = _sign(user, open_pact).signature
    PactSignature.objects.filter(pk=signature.pk).update(pdf="")
    drain_holds_the_chain = threading.Event()

    def work(i):
        if i == 1:
            drain_holds_the_chain.wait()
            return issuing.pact_pdf_generate(signature.pk)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [services._CHAIN_LOCK])
            drain_holds_the_chain.set()
            time.sleep(1.5)  # the PDF job locks its row, renders, waits for the chain
            cursor.execute(
                "SELECT 1 FROM certificates_pactsignature WHERE id = %s FOR KEY SHARE",
                [signature.pk],
            )
        return None

    _results, errors = _run_together(2, work)
    assert errors == []
    signature.refresh_from_db()
    assert signature.pdf

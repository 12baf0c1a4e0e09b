"""Run a piece of work in several threads at the same moment (each thread has its own
database connection, so on PostgreSQL these are concurrent transactions)."""

import threading

from django.db import connections


def at_once(function, times: int = 2) -> list:
    """Call `function()` in `times` threads released together; returns their results and
    fails if any raised."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results

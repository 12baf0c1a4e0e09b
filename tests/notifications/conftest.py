import pytest

from netra.notifications import tasks


@pytest.fixture
def email_jobs(monkeypatch):
    """The email jobs queued, each a list of notification ids; they still run (the test
    settings' ImmediateBackend runs a job when it is enqueued)."""
    jobs: list[list[int]] = []
    real = tasks.send_notification_emails

    class Recording:
        def enqueue(self, *, notification_ids):
            jobs.append(list(notification_ids))
            return real.enqueue(notification_ids=notification_ids)

    monkeypatch.setattr(tasks, "send_notification_emails", Recording())
    return jobs

"""What the load and fault runs share about the stack they drive (deploy/prod-local.sh):
its environment file, and the SQL that checks nothing was lost or doubled. No Django."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def django_env(base: dict) -> dict:
    """`base` plus the stack's own environment (var/prod-local/env), for plan.py and
    manage.py run beside it."""
    env = dict(base)
    for line in (REPO / "var" / "prod-local" / "env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    env["PYTHONPATH"] = str(REPO)
    return env


DUPLICATE_SIGNATURES = (
    "SELECT count(*) FROM (SELECT 1 FROM certificates_pactsignature "
    "GROUP BY user_id, version_id HAVING count(*) > 1) d"
)
DUPLICATE_ANSWERS = (
    "SELECT count(*) FROM (SELECT 1 FROM quizzes_answer "
    "GROUP BY attempt_id, question_key, stage HAVING count(*) > 1) d"
)
DUPLICATE_CERTIFICATES = (
    "SELECT count(*) FROM (SELECT 1 FROM certificates_certificate "
    "WHERE superseded_at IS NULL GROUP BY user_id, course_id HAVING count(*) > 1) d"
)
# Due: the course complete and the pact that requires it signed; yet no certificate.
# Finished attempts the statistics fold has not taken yet (quizzes/tallies.py).
TALLIES_PENDING = "SELECT count(*) FROM quizzes_attempt WHERE tally_pending"
CERTIFICATES_NOT_ISSUED = (
    "SELECT count(*) FROM courses_enrolment e WHERE e.completed_at IS NOT NULL "
    "AND EXISTS (SELECT 1 FROM certificates_pactsignature s WHERE s.user_id = e.user_id) "
    "AND NOT EXISTS (SELECT 1 FROM certificates_certificate c "
    "WHERE c.user_id = e.user_id AND c.course_id = e.course_id)"
)

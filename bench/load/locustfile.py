"""Deadline day: locust users for bench/load/run.py (it sets the variables below).

A learner (one per generated employee, from the plan bench/load/plan.py wrote) arrives
signed in, reads the modules they have left and marks each done, answers the quiz
questions they have left and submits it (the course is complete), then signs the pact
(typed name, consent, then their password on allauth's re-authentication page): the step
that meets the certificate's last requirement and queues it. Between steps they think for
THINK_MIN..THINK_MAX seconds. With BARRIER=1 every learner waits at the quiz's final
submit until all have arrived, then all submit at once (the deadline); without it a
learner who is done takes the next employee of the plan (the ramp test). HR officers
sign in with their password and a TOTP code and keep reading the dashboard, drilling
down, listing employees and exporting.

Every request is a real form post with its CSRF token and an Origin header, as a browser
sends it; an answer, a signature or a submit that does not land where it should is
counted as a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
import gevent.ssl
from gevent.event import Event
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser
from requests.cookies import create_cookie

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journey import CSRF, MESSAGE, JourneyFailed, LearnerSteps, totp

PLAN = json.loads(Path(os.environ["NETRA_LOAD_PLAN"]).read_text())
THINK_MIN = float(os.environ.get("NETRA_LOAD_THINK_MIN", "30"))
THINK_MAX = float(os.environ.get("NETRA_LOAD_THINK_MAX", "90"))
BARRIER = os.environ.get("NETRA_LOAD_BARRIER") == "1"
LEARNERS = int(os.environ.get("NETRA_LOAD_LEARNERS", "0"))  # learner users in the run
HR_USERS = int(os.environ.get("NETRA_LOAD_HR", "0"))
# How long the earliest learner may wait at the barrier before the deadline is called.
BARRIER_TIMEOUT = float(os.environ.get("NETRA_LOAD_BARRIER_TIMEOUT", "900"))

_officers = itertools.cycle(PLAN["hr"])


class Deadline:
    """The synchronising barrier before the final submit: released when every learner
    user has arrived (or given up), or after BARRIER_TIMEOUT."""

    def __init__(self):
        self.arrived = 0
        self.released_at: float | None = None
        self.event = Event()

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived >= LEARNERS:
            self.release()

    def release(self) -> None:
        if not self.event.is_set():
            self.released_at = time.time()
            print(f"barrier released: {self.arrived} of {LEARNERS} learners waiting", flush=True)
            self.event.set()

    def wait(self) -> None:
        self.arrive()
        if not self.event.wait(timeout=BARRIER_TIMEOUT):
            self.release()


deadline = Deadline()
finished = {"learners": 0, "journeys": 0, "failed": 0}


# One TLS client context for every user. Locust's default makes one per user and loads the
# whole CA bundle into it (for a certificate it then does not check): ~1 MB and several ms of
# CPU each, 7 GB and most of a core for a city of users, on the machine under test.
_TLS = gevent.ssl.SSLContext(gevent.ssl.PROTOCOL_TLS_CLIENT)
_TLS.check_hostname = False
_TLS.verify_mode = gevent.ssl.CERT_NONE


def shared_tls_context(**_ignored) -> gevent.ssl.SSLContext:
    return _TLS


def think() -> None:
    gevent.sleep(random.uniform(THINK_MIN, THINK_MAX))


class Browser(FastHttpUser):
    abstract = True
    # geventhttpclient: one keep-alive connection per user, as a phone's browser has.
    concurrency = 1
    connection_timeout = 60.0
    network_timeout = 120.0
    insecure = True  # the local stack's certificate is self-signed
    ssl_context_factory = staticmethod(shared_tls_context)

    def page(self, url: str, *, name: str, expect: str | None = None):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise JourneyFailed(name)
            if expect and expect not in response.url:
                response.failure(f"ended at {response.url}, expected {expect}")
                raise JourneyFailed(name)
            return response

    def form(self, url: str, data: dict, *, page, name: str, expect: str | None = None):
        token = CSRF.search(page.text)
        if not token:
            raise JourneyFailed(f"{name}: no CSRF token on {page.url}")
        headers = {
            "Origin": self.host,
            "Referer": page.url,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        # Encoded here: a field with several values (checkboxes) repeats its name.
        body = urlencode({"csrfmiddlewaretoken": token.group(1), **data}, doseq=True)
        with self.client.post(
            url,
            data=body,
            headers=headers,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise JourneyFailed(name)
            if expect and not re.search(expect, response.url):
                said = MESSAGE.findall(response.text or "")
                response.failure(f"ended at {response.url}, expected {expect}: {said}")
                raise JourneyFailed(name)
            return response


class Learner(Browser, LearnerSteps):
    abstract = True
    plan = PLAN
    learners = iter(PLAN["learners"])

    def session_cookie(self, name: str, value: str) -> None:
        self.client.cookiejar.clear()
        self.client.cookiejar.set_cookie(create_cookie(name, value))

    def think(self) -> None:
        think()

    def pause(self, seconds: float) -> None:
        gevent.sleep(seconds)


class DeadlineLearner(Learner):
    """The city scenario: one employee each, the whole way through, then the barrier."""

    abstract = not BARRIER

    @task
    def deadline_day(self):
        if not self.take():
            raise StopUser
        try:
            self.page("/kursus-saya/", name="my courses")
            think()
            while self.modules_left:
                self.read_module()
                think()
            self.open_quiz()
            while True:
                think()
                if not self.answer_next():
                    break
            deadline.wait()
            self.submit()
            think()
            # The pact can be signed once the course (with its quiz) is complete; signing
            # it completes the certificate's requirements.
            self.sign_pact()
            finished["journeys"] += 1
        except JourneyFailed:
            finished["failed"] += 1
            if not deadline.event.is_set():
                deadline.arrive()  # never leave the others waiting for a broken journey
        finished["learners"] += 1
        if finished["learners"] >= LEARNERS:
            # Everyone has submitted: the rush is over.
            gevent.spawn_later(1, self.environment.runner.quit)
        raise StopUser


class MixedLearner(Learner):
    """The ramp scenario: each pause, one action drawn from the deadline-day mix (60%
    reading modules, 25% quiz answers, 10% pact signing); a learner who has finished
    hands over to the next employee of the plan."""

    abstract = BARRIER

    def wait_time(self):
        return random.uniform(THINK_MIN, THINK_MAX)

    def on_start(self):
        if not self.take():
            raise StopUser

    def guarded(self, action) -> None:
        try:
            action()
        except JourneyFailed:
            finished["failed"] += 1
            if not self.take():
                raise StopUser from None

    @task(60)
    def reading(self):
        self.guarded(self.read_module)

    @task(25)
    def quiz(self):
        self.guarded(self._quiz)

    def _quiz(self) -> None:
        if self.submitted or self.modules_left:
            self.read_module()  # the quiz opens once every module is done
        elif self.attempt is None:
            self.open_quiz()
        elif not self.answer_next():
            self.submit()

    @task(10)
    def pact(self):
        self.guarded(self._pact)

    def _pact(self) -> None:
        if not self.submitted or self.modules_left:
            self.read_module()  # the pact opens once the course is complete
            return
        self.sign_pact()
        finished["journeys"] += 1
        if not self.take():
            raise StopUser


class HrOfficer(Browser):
    """An HR officer on deadline day: the dashboard, a drill-down, the staff list, now and
    then an export. Think time is short: they work through the list."""

    abstract = HR_USERS == 0
    fixed_count = HR_USERS
    wait_time = between(2, 6)

    def on_start(self):
        officer = next(_officers)
        login = self.page("/akun/login/", name="hr sign-in page")
        mfa = self.form(
            "/akun/login/",
            {"login": officer["username"], "password": PLAN["password"]},
            page=login,
            name="hr sign-in",
            expect="/akun/2fa/authenticate/",
        )
        code = totp(officer["secret"])
        self.form("/akun/2fa/authenticate/", {"code": code}, page=mfa, name="hr sign-in code")
        self.period = PLAN["period_id"]
        self.offices = PLAN["offices"]

    @task(6)
    def dashboard(self):
        self.page(f"/sdm/kepatuhan/{self.period}/", name="hr dashboard")

    @task(4)
    def drill_down(self):
        office = random.choice(self.offices)
        self.page(f"/sdm/kepatuhan/{self.period}/unit/{office}/", name="hr office")

    @task(3)
    def employees(self):
        office = random.choice(self.offices)
        self.page(f"/sdm/kepatuhan/{self.period}/unit/{office}/pegawai/", name="hr employees")

    @task(1)
    def export(self):
        office = random.choice(self.offices)
        fmt = random.choice(["csv", "xlsx"])
        self.page(
            f"/sdm/kepatuhan/{self.period}/unit/{office}/pegawai/ekspor.{fmt}",
            name=f"hr export {fmt}",
        )


@events.quitting.add_listener
def _summary(environment, **_kwargs):
    summary = {
        "journeys": finished["journeys"],
        "failed_journeys": finished["failed"],
        "barrier_arrived": deadline.arrived,
        "barrier_released_at": deadline.released_at,
    }
    out = os.environ.get("NETRA_LOAD_SUMMARY")
    if out:
        Path(out).write_text(json.dumps(summary))

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

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.event import Event
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser
from requests.cookies import create_cookie

PLAN = json.loads(Path(os.environ["NETRA_LOAD_PLAN"]).read_text())
THINK_MIN = float(os.environ.get("NETRA_LOAD_THINK_MIN", "30"))
THINK_MAX = float(os.environ.get("NETRA_LOAD_THINK_MAX", "90"))
BARRIER = os.environ.get("NETRA_LOAD_BARRIER") == "1"
LEARNERS = int(os.environ.get("NETRA_LOAD_LEARNERS", "0"))  # learner users in the run
HR_USERS = int(os.environ.get("NETRA_LOAD_HR", "0"))
# How long the earliest learner may wait at the barrier before the deadline is called.
BARRIER_TIMEOUT = float(os.environ.get("NETRA_LOAD_BARRIER_TIMEOUT", "900"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONTENT_HASH = re.compile(r'name="content_hash" value="([0-9a-f]+)"')
ATTEMPT = re.compile(r"/kuis/percobaan/(\d+)/")
QUESTION = re.compile(r'name="question" value="([^"]+)"')
STAGE = re.compile(r'name="stage" value="(\d+)"')
BRANCH = re.compile(r'name="branch" value="([^"]+)"')
MESSAGE = re.compile(r'<li class="message message--\w+">([^<]*)</li>')

_learners = iter(PLAN["learners"])
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


class JourneyFailed(Exception):
    pass


def totp(secret: str, *, at: float | None = None) -> str:
    """The authenticator app's current code (RFC 6238: SHA-1, 30 s, 6 digits, as allauth
    expects); computed here so the load generator does not load Django."""
    counter = int((time.time() if at is None else at) // 30).to_bytes(8, "big")
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def think() -> None:
    gevent.sleep(random.uniform(THINK_MIN, THINK_MAX))


class Browser(FastHttpUser):
    abstract = True
    # geventhttpclient: one keep-alive connection per user, as a phone's browser has.
    concurrency = 1
    connection_timeout = 60.0
    network_timeout = 120.0
    insecure = True  # the local stack's certificate is self-signed

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


class Learner(Browser):
    """What every learner does; the two user classes below order it differently."""

    abstract = True

    def take(self) -> bool:
        """Become the next employee of the plan (signed in through their session)."""
        learner = next(_learners, None)
        if learner is None:
            return False
        self.client.cookiejar.clear()
        name, value = learner["cookie"].split("=", 1)
        self.client.cookiejar.set_cookie(create_cookie(name, value))
        self.learner = learner
        self.modules_left = list(PLAN["modules"])
        self.pact_signed = False
        self.attempt = None
        self.play = None
        self.submitted = False
        return True

    def read_module(self) -> None:
        if not self.modules_left:
            # Done with the course's modules: going back to one while answering the quiz.
            self.page(random.choice(PLAN["modules"])["url"], name="module page")
            return
        module = self.modules_left[0]
        page = self.page(module["url"], name="module page")
        think()
        self.form(f"/belajar/modul/{module['id']}/selesai/", {}, page=page, name="module complete")
        self.modules_left.pop(0)

    def sign_pact(self) -> None:
        pact = PLAN["pact"]
        page = self.page(pact["url"], name="pact page")
        content_hash = CONTENT_HASH.search(page.text)
        if not content_hash:
            raise JourneyFailed("pact page without a form")
        think()
        reauth = self.form(
            f"/pakta/versi/{pact['version_id']}/tandatangani/",
            {
                "typed_name": self.learner["name"],
                "consent": "on",
                "content_hash": content_hash.group(1),
            },
            page=page,
            name="pact sign",
            expect="/akun/reauthenticate/",
        )
        gevent.sleep(random.uniform(5, 15))  # typing the password
        self.form(
            reauth.url,
            {"password": PLAN["password"]},
            page=reauth,
            name="pact re-authenticate and sign",
            expect="/pakta/tanda-tangan/",
        )
        self.pact_signed = True

    def open_quiz(self) -> None:
        quiz = PLAN["quiz"]
        page = self.page(quiz["url"], name="quiz page")
        think()
        self.play = self.form(
            f"/kuis/{quiz['id']}/mulai/", {}, page=page, name="quiz start", expect="/percobaan/"
        )
        self.attempt = ATTEMPT.search(self.play.url).group(1)

    def answer_next(self) -> bool:
        """Answer the question on screen; False when none is left (time to submit)."""
        question = QUESTION.search(self.play.text)
        if question is None:
            return False
        stage = STAGE.search(self.play.text).group(1)
        branch = BRANCH.search(self.play.text)
        entry = PLAN["quiz"]["answers"][question.group(1)]
        keys = entry["0"] if stage == "0" else [entry["1"][branch.group(1)]]
        data = {"question": question.group(1), "stage": stage, "choice": keys}
        if branch:
            data["branch"] = branch.group(1)
        answered = self.form(
            f"/kuis/percobaan/{self.attempt}/jawab/", data, page=self.play, name="quiz answer"
        )
        if QUESTION.search(answered.text) or f"/{self.attempt}/selesai/" in answered.text:
            self.play = answered  # the next question, or the final submit's form
        else:
            # The feedback page: its button leads to the next question.
            self.play = self.page(f"/kuis/percobaan/{self.attempt}/", name="quiz next question")
        return True

    def submit(self) -> None:
        self.form(
            f"/kuis/percobaan/{self.attempt}/selesai/",
            {},
            page=self.play,
            name="quiz final submit",
            expect="/hasil/",
        )
        self.submitted = True


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

"""A learner's steps on deadline day, shared by the load test (bench/load/locustfile.py,
through locust) and the fault runs (bench/faults.py, through requests): the pages and form
posts a browser makes, with the CSRF token, and the checks that each landed where it should.
No Django here: the load generator must not pay for it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import re
import time

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONTENT_HASH = re.compile(r'name="content_hash" value="([0-9a-f]+)"')
ATTEMPT = re.compile(r"/kuis/percobaan/(\d+)/")
QUESTION = re.compile(r'name="question" value="([^"]+)"')
STAGE = re.compile(r'name="stage" value="(\d+)"')
BRANCH = re.compile(r'name="branch" value="([^"]+)"')
MESSAGE = re.compile(r'<li class="message message--\w+">([^<]*)</li>')


class JourneyFailed(Exception):
    pass


def totp(secret: str, *, at: float | None = None) -> str:
    """The authenticator app's current code (RFC 6238: SHA-1, 30 s, 6 digits, as allauth
    expects)."""
    counter = int((time.time() if at is None else at) // 30).to_bytes(8, "big")
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class LearnerSteps:
    """What a learner does, step by step, through a browser-like `page`/`form`/
    `session_cookie` (locust's in the load test, requests' in the fault runs), with
    `think()` between steps and `plan` the JSON bench/load/plan.py wrote."""

    plan: dict
    learners = None  # an iterator over plan["learners"], shared by every user

    def take(self) -> bool:
        """Become the next employee of the plan (signed in through their session)."""
        learner = next(self.learners, None)
        if learner is None:
            return False
        self.session_cookie(*learner["cookie"].split("=", 1))
        self.learner = learner
        self.modules_left = list(self.plan["modules"])
        self.pact_signed = False
        self.attempt = None
        self.play = None
        self.submitted = False
        return True

    def read_module(self) -> None:
        if not self.modules_left:
            # Done with the course's modules: going back to one while answering the quiz.
            self.page(random.choice(self.plan["modules"])["url"], name="module page")
            return
        module = self.modules_left[0]
        page = self.page(module["url"], name="module page")
        self.think()
        self.form(f"/belajar/modul/{module['id']}/selesai/", {}, page=page, name="module complete")
        self.modules_left.pop(0)

    def sign_pact(self) -> None:
        pact = self.plan["pact"]
        page = self.page(pact["url"], name="pact page")
        content_hash = CONTENT_HASH.search(page.text)
        if not content_hash:
            raise JourneyFailed("pact page without a form")
        self.think()
        reauth = self.form(
            f"/pakta/versi/{pact['version_id']}/tandatangani/",
            {
                "typed_name": self.learner["name"],
                "consent": "on",
                "content_hash": content_hash.group(1),
            },
            page=page,
            name="pact sign",
            expect="/akun/reauthenticate/|/pakta/tanda-tangan/",
        )
        if "/pakta/tanda-tangan/" in reauth.url:
            # Re-authenticated a few minutes ago (or signed already): straight to the receipt.
            self.pact_signed = True
            return
        self.pause(random.uniform(5, 15))  # typing the password
        self.form(
            reauth.url,
            {"password": self.plan["password"]},
            page=reauth,
            name="pact re-authenticate and sign",
            expect="/pakta/tanda-tangan/",
        )
        self.pact_signed = True

    def open_quiz(self) -> None:
        quiz = self.plan["quiz"]
        page = self.page(quiz["url"], name="quiz page")
        self.think()
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
        entry = self.plan["quiz"]["answers"][question.group(1)]
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

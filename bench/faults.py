"""Fault runs against the production topology on this machine, each with a PASS/FAIL summary.

    .venv/bin/python bench/faults.py all            # or one of:
    .venv/bin/python bench/faults.py pg-restart     # PostgreSQL restarted under load
    .venv/bin/python bench/faults.py pg-pause       # PostgreSQL frozen (SIGSTOP) for 20 s
    .venv/bin/python bench/faults.py worker-kill    # a task worker SIGKILLed mid-PDF
    .venv/bin/python bench/faults.py web-kill       # gunicorn workers SIGKILLed mid-signature

Each run starts the stack (`deploy/prod-local.sh`) on a throw-away database
(`netra_bench_faults`) with generated learners (bench/load/plan.py), drives learner journeys
(bench/load/journey.py: modules, quiz, pact with re-authentication) from threads, injects
its fault, and checks afterwards: no 5xx once recovered, no duplicate or partial signature,
answer or certificate, every PDF complete, and `manage.py verify_evidence` passing.

This restarts and freezes the machine's PostgreSQL server: run it when nothing else uses it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests
import urllib3

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "load"))

from journey import CSRF, JourneyFailed, LearnerSteps  # noqa: E402
from stack import (  # noqa: E402
    CERTIFICATES_NOT_ISSUED,
    DUPLICATE_ANSWERS,
    DUPLICATE_CERTIFICATES,
    DUPLICATE_SIGNATURES,
    django_env,
)
from throwaway import Database  # noqa: E402

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

STACK = REPO / "deploy" / "prod-local.sh"
BASH = "/bin/bash"
PY = REPO / ".venv" / "bin" / "python"
HOST = os.environ.get("NETRA_LOAD_HOST", "https://127.0.0.1:8443")
VAR = REPO / "var" / "faults"
CLUSTER = os.environ.get("PG_CLUSTER") or sorted(os.listdir("/etc/postgresql"))[-1]
# The bound no request may exceed (deploy/gunicorn.conf.py's timeout, 30 s by default, plus
# nginx's and the client's share).
REQUEST_BOUND = float(os.environ.get("FAULT_REQUEST_BOUND", "35"))


# --- the learners' side -----------------------------------------------------------------


class Log:
    """Every request: when it started, how long it took, its name and status (0: no
    response at all)."""

    def __init__(self):
        self.rows: list[tuple[float, float, str, int]] = []
        self.lock = threading.Lock()

    def add(self, started: float, seconds: float, name: str, status: int) -> None:
        with self.lock:
            self.rows.append((started, seconds, name, status))


class Browser(LearnerSteps):
    """A learner's browser (requests), following redirects, logging every request."""

    def __init__(self, plan: dict, learners, log: Log, think: tuple[float, float]):
        self.plan = plan
        self.learners = learners
        self.log = log
        self.think_range = think
        self.http = requests.Session()

    def session_cookie(self, name: str, value: str) -> None:
        self.http.cookies.clear()
        self.http.cookies.set(name, value)

    def think(self) -> None:
        time.sleep(random.uniform(*self.think_range))

    def pause(self, seconds: float) -> None:
        time.sleep(min(seconds, self.think_range[1]))

    def _send(self, method: str, url: str, name: str, **kwargs):
        started = time.time()
        try:
            # verify per request: CURL_CA_BUNDLE or REQUESTS_CA_BUNDLE in the environment
            # override a session's setting (the local stack's certificate is self-signed).
            response = self.http.request(
                method,
                HOST + url if url.startswith("/") else url,
                timeout=120,
                verify=False,
                **kwargs,
            )
        except requests.RequestException as exc:
            self.log.add(started, time.time() - started, name, 0)
            raise JourneyFailed(f"{name}: {exc.__class__.__name__}") from None
        self.log.add(started, time.time() - started, name, response.status_code)
        if response.status_code != 200:
            raise JourneyFailed(f"{name}: HTTP {response.status_code}")
        return response

    def page(self, url: str, *, name: str, expect: str | None = None):
        response = self._send("GET", url, name)
        if expect and expect not in response.url:
            raise JourneyFailed(f"{name}: ended at {response.url}")
        return response

    def form(self, url: str, data: dict, *, page, name: str, expect: str | None = None):
        import re

        token = CSRF.search(page.text)
        if not token:
            raise JourneyFailed(f"{name}: no CSRF token on {page.url}")
        body = urlencode({"csrfmiddlewaretoken": token.group(1), **data}, doseq=True)
        headers = {
            "Origin": HOST,
            "Referer": page.url,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        response = self._send("POST", url, name, data=body, headers=headers)
        if expect and not re.search(expect, response.url):
            raise JourneyFailed(f"{name}: ended at {response.url}")
        return response

    def retrying(self, step, *, until: float) -> bool:
        """Run a step until it succeeds (a real learner clicks again), or give up at
        `until`. Every step is safe to repeat: the server records it once."""
        while time.time() < until:
            try:
                step()
                return True
            except JourneyFailed:
                time.sleep(0.5)
        return False

    def journey(self, *, until: float, sign: bool = True) -> bool:
        if not self.take():
            return False
        while self.modules_left:
            if not self.retrying(self.read_module, until=until):
                return True
        if not self.retrying(self.open_quiz, until=until):
            return True
        answered: list[bool] = [True]
        while answered[-1]:
            if not self.retrying(lambda: answered.append(self.answer_next()), until=until):
                return True
        if not self.retrying(self.submit, until=until):
            return True
        if sign:
            self.retrying(self.sign_pact, until=until)
        return True


def drive(plan: dict, *, threads: int, seconds: float, think=(0.2, 0.6), sign=True) -> Log:
    """`threads` learners at a time, each taking the next employee of the plan when done,
    for `seconds`."""
    log = Log()
    learners = iter(plan["learners"])
    lock = threading.Lock()
    until = time.time() + seconds

    class Shared:
        def __next__(self):
            with lock:
                return next(learners)

        def __iter__(self):
            return self

    shared = Shared()

    def run():
        browser = Browser(plan, shared, log, think)
        while time.time() < until:
            try:
                if not browser.journey(until=until, sign=sign):
                    return
            except StopIteration:
                return

    workers = [threading.Thread(target=run, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 180)
    return log


# --- the stack's side ---------------------------------------------------------------------


class Stack:
    def __init__(self, database: Database):
        self.database = database
        self.env = {**os.environ, "PROD_LOCAL_DB": database.name}

    def run(self, command: str, check: bool = True) -> None:
        subprocess.run([BASH, str(STACK), command], env=self.env, cwd=REPO, check=check)  # noqa: S603

    def django_env(self) -> dict:
        return django_env(self.env)

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [str(PY), "manage.py", *args],
            env=self.django_env(),
            cwd=REPO,
            capture_output=True,
            text=True,
        )

    def plan(self, learners: int) -> dict:
        import json

        out = VAR / "plan.json"
        subprocess.run(  # noqa: S603
            [
                str(PY),
                str(HERE / "load" / "plan.py"),
                "--learners",
                str(learners),
                "--hr",
                "1",
                "--out",
                str(out),
            ],
            env=self.django_env(),
            cwd=REPO,
            check=True,
        )
        return json.loads(out.read_text())

    def pids(self, pattern: str) -> list[int]:
        found = subprocess.run(["/usr/bin/pgrep", "-f", pattern], capture_output=True, text=True)  # noqa: S603
        return [int(p) for p in found.stdout.split()]

    def media_root(self) -> Path:
        return Path(self.django_env()["MEDIA_ROOT"])


def postgres_pids() -> list[int]:
    found = subprocess.run(["/usr/bin/pgrep", "-u", "postgres"], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def after_checks(stack: Stack, database: Database, *, since: float) -> dict[str, bool]:
    """What every fault run must leave: no duplicate, nothing partial, the chain intact."""
    with database.connect() as db:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        dup_sig = one(DUPLICATE_SIGNATURES)
        orphan_sig = one(
            "SELECT count(*) FROM certificates_pactsignature s LEFT JOIN "
            "certificates_evidenceentry e ON e.id = s.evidence_id WHERE e.id IS NULL"
        )
        dup_answer = one(DUPLICATE_ANSWERS)
        dup_cert = one(DUPLICATE_CERTIFICATES)
        not_issued = one(CERTIFICATES_NOT_ISSUED)
        pdfs = db.execute(
            "SELECT pdf, pdf_sha256 FROM certificates_certificate WHERE pdf <> '' UNION ALL "
            "SELECT pdf, pdf_sha256 FROM certificates_pactsignature WHERE pdf <> ''"
        ).fetchall()
    media = stack.media_root()
    bad_pdfs = [
        name
        for name, digest in pdfs
        if not (media / name).exists()
        or hashlib.sha256((media / name).read_bytes()).hexdigest() != digest
    ]
    named = {str(media / name) for name, _digest in pdfs}
    strays = [
        str(path)
        for folder in ("pakta", "sertifikat")
        for path in (media / folder).rglob("*")
        # The media folder outlives the run's database: only files written by this run.
        if path.is_file() and path.stat().st_mtime >= since and str(path) not in named
    ]
    evidence = stack.manage("verify_evidence")
    return {
        f"no duplicate signature ({dup_sig})": dup_sig == 0,
        f"no signature without its evidence entry ({orphan_sig})": orphan_sig == 0,
        f"no duplicate answer ({dup_answer})": dup_answer == 0,
        f"no duplicate certificate ({dup_cert})": dup_cert == 0,
        f"every certificate due was issued ({not_issued} missing)": not_issued == 0,
        f"every stored PDF complete, hash as recorded ({len(pdfs)} checked, "
        f"{len(bad_pdfs)} bad)": not bad_pdfs,
        f"no stray or partial file beside them ({len(strays)})": not strays,
        "verify_evidence passes: " + (evidence.stdout.strip() or evidence.stderr.strip())[-80:]: (
            evidence.returncode == 0
        ),
    }


def requeue_lost_jobs(stack: Stack) -> str:
    """What cron's `requeue_stale_jobs` does once a lost job passes its threshold (15 min in
    production), with a threshold of seconds: a job's worker that died with the database
    connection, or was killed, left it RUNNING."""
    time.sleep(6)
    return stack.manage("requeue_stale_jobs", "--older-than", "5").stdout.strip()


def wait_for_pdfs(database: Database, timeout: float = 300) -> float | None:
    """Seconds until the queue is empty, every certificate due is issued and every PDF
    made (cron's requeue_stale_jobs runs every minute meanwhile), or None."""
    started = time.time()
    while time.time() - started < timeout:
        with database.connect() as db:
            left = db.execute(
                "SELECT (SELECT count(*) FROM certificates_certificate WHERE pdf = '') + "
                "(SELECT count(*) FROM certificates_pactsignature WHERE pdf = '') + "
                "(SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING'))"
            ).fetchone()[0]
            left += db.execute(CERTIFICATES_NOT_ISSUED).fetchone()[0]
        if left == 0:
            return time.time() - started
        time.sleep(1)
    return None


def errors_after(log: Log, moment: float) -> list:
    return [r for r in log.rows if r[0] >= moment and (r[3] >= 500 or r[3] == 0)]


# --- the faults ------------------------------------------------------------------------------


def pg_restart(stack: Stack, database: Database, plan: dict) -> dict[str, bool]:
    """PostgreSQL restarted (fast shutdown: every connection cut) 15 s into the load."""
    box = {}

    def fault():
        time.sleep(15)
        box["start"] = time.time()
        subprocess.run(  # noqa: S603
            ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", "restart"],
            check=True,
        )
        box["up"] = time.time()

    injector = threading.Thread(target=fault)
    injector.start()
    log = drive(plan, threads=16, seconds=60)
    injector.join()
    after = [r for r in log.rows if r[0] >= box["up"] and r[3] == 200]
    recovered = min((r[0] + r[1] for r in after), default=None)
    failed_in_window = [r for r in log.rows if r[3] != 200 and r[0] >= box["start"]]
    late = errors_after(log, recovered) if recovered else log.rows
    print(
        f"pg-restart: restart took {box['up'] - box['start']:.1f} s; first success "
        f"{(recovered - box['start']) if recovered else float('nan'):.1f} s after it began; "
        f"{len(failed_in_window)} failed requests around it, {len(late)} 5xx after recovery; "
        f"{len(log.rows)} requests in all"
    )
    print(f"pg-restart: jobs whose worker lost its connection mid-job: {requeue_lost_jobs(stack)}")
    drained = wait_for_pdfs(database)
    return {
        "recovered (a request succeeded after the restart)": recovered is not None,
        f"no 5xx after recovery ({len(late)})": recovered is not None and not late,
        f"every PDF made afterwards ({drained and round(drained)} s)": drained is not None,
    }


def pg_pause(stack: Stack, database: Database, plan: dict) -> dict[str, bool]:
    """Every PostgreSQL process frozen (SIGSTOP) for 20 s, 15 s into the load."""
    box = {}

    def fault():
        time.sleep(15)
        pids = postgres_pids()
        box["start"] = time.time()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        time.sleep(20)
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
        box["end"] = time.time()

    injector = threading.Thread(target=fault)
    injector.start()
    log = drive(plan, threads=16, seconds=75)
    injector.join()
    longest = max(log.rows, key=lambda r: r[1])
    stuck = [r for r in log.rows if r[1] > REQUEST_BOUND]
    during = [r for r in log.rows if box["start"] <= r[0] <= box["end"]]
    late = errors_after(log, box["end"] + REQUEST_BOUND)
    print(
        f"pg-pause: {len(during)} requests began during the 20 s freeze "
        f"({sum(1 for r in during if r[3] == 200)} answered 200); the longest took "
        f"{longest[1]:.1f} s ({longest[2]}, HTTP {longest[3]}); {len(late)} errors once "
        f"the bound had passed after the thaw; {len(log.rows)} requests in all"
    )
    print(f"pg-pause: jobs whose worker lost its connection mid-job: {requeue_lost_jobs(stack)}")
    drained = wait_for_pdfs(database)
    return {
        f"no request longer than the {REQUEST_BOUND:.0f} s bound ({len(stuck)})": not stuck,
        f"no 5xx once thawed ({len(late)})": not late,
        f"every PDF made afterwards ({drained and round(drained)} s)": drained is not None,
    }


def worker_kill(stack: Stack, database: Database, plan: dict) -> dict[str, bool]:
    """A task worker SIGKILLed while it renders PDFs; the supervisor starts a new one and
    `requeue_stale_jobs` (cron) puts the job it held back in the queue."""
    box = {"kills": 0}

    def fault():
        deadline = time.time() + 90
        while time.time() < deadline and box["kills"] < 3:
            with database.connect() as db:
                running = db.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE "
                    "status = 'RUNNING' AND task_path LIKE 'certificates.tasks.%'"
                ).fetchone()[0]
            if running:
                pids = stack.pids("manage.py db_worker")
                if pids:
                    os.kill(random.choice(pids), signal.SIGKILL)
                    box["kills"] += 1
                    time.sleep(3)
                    continue
            time.sleep(0.05)

    injector = threading.Thread(target=fault)
    injector.start()
    drive(plan, threads=12, seconds=60)
    injector.join()
    with database.connect() as db:
        stale = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        ).fetchone()[0]
    requeued = requeue_lost_jobs(stack)
    drained = wait_for_pdfs(database)
    print(
        f"worker-kill: {box['kills']} worker(s) SIGKILLed mid-job; {stale} job(s) left "
        f"RUNNING, then {requeued!r}; queue empty and every PDF made "
        f"{drained and round(drained)} s later"
    )
    return {
        f"a worker was killed mid-PDF ({box['kills']})": box["kills"] > 0,
        f"every job resumed and every PDF made ({drained and round(drained)} s)": drained
        is not None,
    }


def web_kill(stack: Stack, database: Database, plan: dict) -> dict[str, bool]:
    """Learners who finished the course submit their signature (password) at the same
    moment; every gunicorn worker is SIGKILLed mid-request; each client retries."""
    learners = 24
    box: dict = {"signed": [], "errors": 0}
    ready = []
    lock = threading.Lock()

    def prepare(index):
        browser = Browser(plan, iter([plan["learners"][index]]), Log(), (0.0, 0.05))
        browser.journey(until=time.time() + 120, sign=False)
        with lock:
            ready.append(browser)

    threads = [threading.Thread(target=prepare, args=(i,)) for i in range(learners)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gate = threading.Barrier(len(ready) + 1)

    def sign(browser: Browser):
        pact = plan["pact"]
        page = browser.page(pact["url"], name="pact page")
        from journey import CONTENT_HASH

        data = {
            "typed_name": browser.learner["name"],
            "consent": "on",
            "content_hash": CONTENT_HASH.search(page.text).group(1),
        }
        reauth = browser.form(
            f"/pakta/versi/{pact['version_id']}/tandatangani/",
            data,
            page=page,
            name="pact sign",
            expect="/akun/reauthenticate/",
        )
        gate.wait()
        try:
            browser.form(
                reauth.url,
                {"password": plan["password"]},
                page=reauth,
                name="pact re-authenticate and sign",
                expect="/pakta/tanda-tangan/",
            )
        except JourneyFailed:
            with lock:
                box["errors"] += 1
            # The learner tries again: the whole signing, as the page would have them.
            browser.retrying(browser.sign_pact, until=time.time() + 120)
        with lock:
            box["signed"].append(browser.learner["user_id"])

    signers = [threading.Thread(target=sign, args=(b,)) for b in ready]
    for t in signers:
        t.start()
    gate.wait()
    time.sleep(0.15)  # the re-authentication posts are in flight: kill the web workers
    master = int((REPO / "var" / "prod-local" / "run" / "gunicorn.pid").read_text())
    workers = [p for p in stack.pids("gunicorn.*netra.wsgi") if p != master]
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):  # one may have just been recycled
            os.kill(pid, signal.SIGKILL)
    for t in signers:
        t.join()
    with database.connect() as db:
        per_user = dict(
            db.execute(
                "SELECT user_id, count(*) FROM certificates_pactsignature "
                "WHERE user_id = ANY(%s) GROUP BY user_id",
                [[b.learner["user_id"] for b in ready]],
            ).fetchall()
        )
    exactly_one = all(per_user.get(b.learner["user_id"]) == 1 for b in ready)
    requeue_lost_jobs(stack)
    drained = wait_for_pdfs(database)
    print(
        f"web-kill: {len(ready)} learners signed at once, {len(workers)} gunicorn worker(s) "
        f"SIGKILLed, {box['errors']} request(s) lost and retried; signatures per learner: "
        f"{sorted(set(per_user.values()))}"
    )
    return {
        f"the kill cut requests ({box['errors']} retried)": box["errors"] > 0,
        "exactly one signature per learner": exactly_one and len(per_user) == len(ready),
        f"every PDF made afterwards ({drained and round(drained)} s)": drained is not None,
    }


FAULTS = {
    "pg-restart": pg_restart,
    "pg-pause": pg_pause,
    "worker-kill": worker_kill,
    "web-kill": web_kill,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fault", choices=[*FAULTS, "all"])
    parser.add_argument("--learners", type=int, default=600)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    database = Database(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netra"),
        name_for=lambda _name: "netra_bench_faults",
        script="bench/faults.py",
    )
    stack = Stack(database)
    stack.run("stop", check=False)
    database.create()
    results: dict[str, dict[str, bool]] = {}
    since = time.time()
    try:
        stack.run("start")
        plan = stack.plan(args.learners)
        offset = 0
        chosen = list(FAULTS) if args.fault == "all" else [args.fault]
        share = len(plan["learners"]) // len(chosen)
        for name in chosen:
            # Each fault gets its own learners, so earlier runs leave nothing half done.
            part = dict(plan, learners=plan["learners"][offset : offset + share])
            offset += share
            print(f"\n== {name}")
            checks = FAULTS[name](stack, database, part)
            checks.update(after_checks(stack, database, since=since))
            results[name] = checks
            for label, ok in checks.items():
                print(f"{'PASS' if ok else 'FAIL'}  {label}")
    finally:
        if not args.keep:
            stack.run("stop", check=False)
            database.drop()
    print("\nsummary")
    for name, checks in results.items():
        print(f"{'PASS' if all(checks.values()) else 'FAIL'}  {name}")
    return 0 if results and all(all(c.values()) for c in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

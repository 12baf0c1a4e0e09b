"""Deadline-day load test against the production topology on this machine.

    .venv/bin/python bench/load/run.py --scenario ramp   # ~5,000 employees, ramp to 200 users
    .venv/bin/python bench/load/run.py --scenario city   # 7,000 concurrent learners, barrier

One run: a throw-away database (`netra_bench_load`), the stack started on it by
`deploy/prod-local.sh` (nginx, gunicorn, Redis, task workers, production settings), its
data and plan (bench/load/plan.py), then locust (bench/load/locustfile.py) on loopback,
bounded in time and in requests. Meanwhile the PDF queue is sampled; after the rush the
run waits for every certificate and pact PDF, then checks the evidence chain
(`verify_evidence`) and that no signature, answer or certificate is duplicated. Prints
requests/s, p50/p95/p99 per endpoint, error rate, queue length and drain time, and PASS/FAIL
against the targets. The stack is stopped and the database dropped at the end (`--keep`
leaves both).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from stack import (  # noqa: E402
    CERTIFICATES_NOT_ISSUED,
    DUPLICATE_ANSWERS,
    DUPLICATE_CERTIFICATES,
    DUPLICATE_SIGNATURES,
    TALLIES_PENDING,
    django_env,
)
from throwaway import Database  # noqa: E402

VAR = REPO / "var" / "load"
STACK = REPO / "deploy" / "prod-local.sh"
BASH = "/bin/bash"
PY = REPO / ".venv" / "bin" / "python"
LOCUST = REPO / ".venv" / "bin" / "locust"
HOST = os.environ.get("NETRA_LOAD_HOST", "https://127.0.0.1:8443")

SCENARIOS = {
    # The mix at a moderate, steady load: users who finish take the next employee.
    "ramp": {
        "learners": 5000,
        "users": 200,
        "hr": 10,
        "spawn_rate": 4,
        "think": (3, 10),
        "barrier": False,
        "run_time": "6m",
    },
    # A city on deadline day: every employee at once, long think times, then all submit.
    "city": {
        "learners": 7000,
        "users": 7000,
        "hr": 20,
        "spawn_rate": 20,
        "think": (30, 90),
        "barrier": True,
        "run_time": "25m",
    },
}
TARGETS = {"p95_ms": 500, "error_rate": 0.001, "pdf_drain_s": 120}


def stack_env(db_name: str, users: int) -> dict:
    # Every learner may be waiting for a worker at the barrier: the socket's backlog must
    # hold them all (deploy/gunicorn.conf.py), and the kernel's limit too.
    backlog = max(2048, users + 512)
    limit = Path("/proc/sys/net/core/somaxconn")
    try:
        if int(limit.read_text()) < backlog:
            limit.write_text(str(backlog))
    except OSError as exc:
        print(f"could not raise net.core.somaxconn to {backlog}: {exc}")
    return {**os.environ, "PROD_LOCAL_DB": db_name, "GUNICORN_BACKLOG": str(backlog)}


def stack(command: str, env: dict) -> None:
    subprocess.run([BASH, str(STACK), command], env=env, check=True, cwd=REPO)  # noqa: S603


class QueueWatch(threading.Thread):
    """Samples, every 2 s: jobs waiting and running, certificates and signatures and how
    many of them have their PDF."""

    def __init__(self, database: Database):
        super().__init__(daemon=True)
        self.database = database
        self.samples: list[dict] = []
        self.stop = threading.Event()

    def read(self) -> dict:
        with self.database.connect() as db:
            jobs = dict(
                db.execute(
                    "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE status IN ('READY', 'RUNNING') GROUP BY status"
                ).fetchall()
            )
            certs, cert_pdfs = db.execute(
                "SELECT count(*), count(*) FILTER (WHERE pdf <> '') FROM certificates_certificate"
            ).fetchone()
            sigs, sig_pdfs = db.execute(
                "SELECT count(*), count(*) FILTER (WHERE pdf <> '') FROM certificates_pactsignature"
            ).fetchone()
        return {
            "t": time.time(),
            "ready": jobs.get("READY", 0),
            "running": jobs.get("RUNNING", 0),
            "certificates": certs,
            "certificate_pdfs": cert_pdfs,
            "signatures": sigs,
            "signature_pdfs": sig_pdfs,
        }

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.samples.append(self.read())
            except Exception as exc:
                self.samples.append({"t": time.time(), "error": str(exc)})
            self.stop.wait(2)


# Processes by what they are, from their command line (first match wins).
CPU_GROUPS = (
    ("locust", "locust (the load itself)"),
    ("gunicorn", "gunicorn (Django)"),
    ("db_worker", "task workers"),
    ("nginx", "nginx (TLS, proxy)"),
    ("postgres", "PostgreSQL"),
    ("redis", "Redis"),
)


def cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far by each group of processes: their own time plus that of
    their children that have exited (gunicorn's recycled workers, PostgreSQL's closed
    backends), so the difference of two readings is what each group used in between."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        group = next((label for needle, label in CPU_GROUPS if needle in cmdline), None)
        if group is None:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the name.
        used[group] = used.get(group, 0.0) + sum(int(v) for v in fields[11:15]) / tick
    return used


def cpu_report(before: dict[str, float], after: dict[str, float], seconds: float) -> None:
    spent = {group: after.get(group, 0.0) - before.get(group, 0.0) for group in after}
    total = sum(spent.values())
    print(
        f"CPU over {seconds:.0f} s on {os.cpu_count()} CPUs "
        f"({total / seconds:.2f} CPUs busy with these):"
    )
    for group, value in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {group:<26} {value:8.0f} s  {value / total if total else 0:6.1%}")


def percent(value: float) -> str:
    return f"{value * 100:.2f}%"


def stats_table(prefix: Path) -> tuple[list[dict], dict]:
    rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
    endpoints = [r for r in rows if r["Name"] != "Aggregated"]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return endpoints, total


def report(scenario: str, prefix: Path, watch: QueueWatch, rush_end: float, drained_at, summary):
    endpoints, total = stats_table(prefix)
    print(f"\nDeadline-day load, scenario {scenario!r} (locust on loopback, {HOST})")
    print(
        f"{'endpoint':<34} {'requests':>8} {'fails':>6} {'req/s':>7} "
        f"{'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in sorted(endpoints, key=lambda r: -int(r["Request Count"])):
        print(
            f"{row['Name']:<34} {int(row['Request Count']):>8} {int(row['Failure Count']):>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    error_rate = failures / requests if requests else 1.0
    print(
        f"{'all':<34} {requests:>8} {failures:>6} {float(total['Requests/s']):>7.1f} "
        f"{total['50%']:>6} {total['95%']:>6} {total['99%']:>6}"
    )
    groups = {
        "reading modules": ("my courses", "module"),
        "quiz": ("quiz",),
        "pact signing": ("pact",),
        "HR dashboard and export": ("hr",),
    }
    counts = {
        label: sum(int(r["Request Count"]) for r in endpoints if r["Name"].startswith(prefixes))
        for label, prefixes in groups.items()
    }
    print("mix: " + ", ".join(f"{label} {n / requests:.0%}" for label, n in counts.items()))
    good = [s for s in watch.samples if "error" not in s]
    peak = max((s["ready"] + s["running"] for s in good), default=0)
    print(f"PDF queue: peak {peak} jobs waiting or running")
    if good:
        last = good[-1]
        print(
            f"certificates {last['certificates']} ({last['certificate_pdfs']} with PDF), "
            f"pact signatures {last['signatures']} ({last['signature_pdfs']} with PDF)"
        )
    drain = drained_at - rush_end if drained_at else None
    print(
        "every PDF ready "
        + (f"{drain:.0f} s after the rush ended" if drain is not None else "NOT within the wait")
    )
    print(f"journeys: {json.dumps(summary)}")
    p95 = float(total["95%"])
    checks = {
        f"p95 <= {TARGETS['p95_ms']} ms ({p95:.0f} ms)": p95 <= TARGETS["p95_ms"],
        f"error rate < {percent(TARGETS['error_rate'])} ({percent(error_rate)})": error_rate
        < TARGETS["error_rate"],
        f"every PDF within {TARGETS['pdf_drain_s']} s of the rush's end": drain is not None
        and drain <= TARGETS["pdf_drain_s"],
    }
    return checks


def integrity(database: Database) -> dict[str, bool]:
    """Nothing lost or doubled: one signature per learner and pact version, one answer per
    attempt, question and stage, one current certificate per learner and course, every
    finished attempt in the quiz statistics."""
    with database.connect() as db:
        dup_sig, dup_answer, dup_cert, no_cert, untallied = (
            db.execute(sql).fetchone()[0]
            for sql in (
                DUPLICATE_SIGNATURES,
                DUPLICATE_ANSWERS,
                DUPLICATE_CERTIFICATES,
                CERTIFICATES_NOT_ISSUED,
                TALLIES_PENDING,
            )
        )
    return {
        f"no duplicate signature ({dup_sig})": dup_sig == 0,
        f"no duplicate answer ({dup_answer})": dup_answer == 0,
        f"no duplicate certificate ({dup_cert})": dup_cert == 0,
        f"every certificate due was issued ({no_cert} missing)": no_cert == 0,
        f"every finished attempt in the quiz statistics ({untallied} left)": untallied == 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default="ramp")
    parser.add_argument("--learners", type=int)
    parser.add_argument("--users", type=int)
    parser.add_argument("--think", type=float, nargs=2)
    parser.add_argument("--run-time")
    parser.add_argument("--drain-timeout", type=float, default=600)
    parser.add_argument("--keep", action="store_true", help="leave the stack and database")
    args = parser.parse_args()
    config = dict(SCENARIOS[args.scenario])
    for key in ("learners", "users", "think", "run_time"):
        if getattr(args, key):
            config[key] = getattr(args, key)
    if config["barrier"]:
        config["users"] = min(config["users"], config["learners"])

    database = Database(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netra"),
        name_for=lambda _name: "netra_bench_load",
        script="bench/load/run.py",
    )
    VAR.mkdir(parents=True, exist_ok=True)
    env = stack_env(database.name, config["users"])
    subprocess.run([BASH, str(STACK), "stop"], env=env, cwd=REPO, check=False)  # noqa: S603
    database.create()
    ok = False
    try:
        started = time.perf_counter()
        stack("start", env)
        print(f"stack up on {database.name} in {time.perf_counter() - started:.0f} s")
        denv = django_env(env)
        plan_path = VAR / "plan.json"
        subprocess.run(  # noqa: S603
            [
                str(PY),
                str(HERE / "plan.py"),
                "--learners",
                str(config["learners"]),
                "--hr",
                str(config["hr"]),
                "--out",
                str(plan_path),
            ],
            env=denv,
            cwd=REPO,
            check=True,
        )
        watch = QueueWatch(database)
        watch.start()
        learners = config["users"]
        prefix = VAR / args.scenario
        summary_path = VAR / f"{args.scenario}-summary.json"
        lenv = {
            **denv,
            "NETRA_LOAD_PLAN": str(plan_path),
            "NETRA_LOAD_THINK_MIN": str(config["think"][0]),
            "NETRA_LOAD_THINK_MAX": str(config["think"][1]),
            "NETRA_LOAD_BARRIER": "1" if config["barrier"] else "0",
            "NETRA_LOAD_LEARNERS": str(learners),
            "NETRA_LOAD_HR": str(config["hr"]),
            "NETRA_LOAD_SUMMARY": str(summary_path),
        }
        command = [
            str(LOCUST),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            HOST,
            "--users",
            str(learners + config["hr"]),
            "--spawn-rate",
            str(config["spawn_rate"]),
            "--run-time",
            config["run_time"],
            "--stop-timeout",
            "120",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        print("locust:", shlex.join(command[1:]))
        cpu_before, rush_start = cpu_seconds(), time.time()
        with (VAR / f"{args.scenario}-locust.log").open("w") as log:
            locust = subprocess.Popen(  # noqa: S603
                command, env=lenv, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            )
            cpu_after = cpu_before
            # Read before reaping locust: then its CPU is still its own, not run.py's.
            while locust.poll() is None:
                cpu_after = cpu_seconds()
                time.sleep(2)
        rush_end = time.time()
        drained_at = None
        deadline = rush_end + args.drain_timeout
        while time.time() < deadline:
            sample = watch.read()
            if (
                sample["ready"] + sample["running"] == 0
                and sample["certificate_pdfs"] == sample["certificates"]
                and sample["signature_pdfs"] == sample["signatures"]
            ):
                drained_at = time.time()
                break
            time.sleep(1)
        watch.stop.set()
        watch.join()
        summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
        checks = report(args.scenario, prefix, watch, rush_end, drained_at, summary)
        cpu_report(cpu_before, cpu_after, rush_end - rush_start)
        evidence = subprocess.run(  # noqa: S603
            [str(PY), "manage.py", "verify_evidence"],
            env=denv,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        print("verify_evidence:", evidence.stdout.strip() or evidence.stderr.strip())
        checks["verify_evidence passes"] = evidence.returncode == 0
        checks.update(integrity(database))
        for label, passed in checks.items():
            print(f"{'PASS' if passed else 'FAIL'}  {label}")
        ok = all(checks.values())
    finally:
        if not args.keep:
            subprocess.run([BASH, str(STACK), "stop"], env=env, cwd=REPO, check=False)  # noqa: S603
            database.drop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

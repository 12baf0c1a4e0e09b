"""Benchmark: the two learner hot paths over real HTTP, each beside its peer in the same run
(issue 8).

On its own throw-away PostgreSQL database (`netra_bench_hotpath`, created here and dropped
at the end, also on Ctrl-C or an error) it loads the demo city and content (`seed_demo`:
the real course, its modules and quiz), grows it to a city's scale (~5,000 employees in an
office tree with schools and clinics, three more courses, a 60-question exam, earlier
progress, attempts and answers), then starts a real gunicorn (`netra.wsgi`, settings
bench/hotpath_settings.py: DEBUG off, Redis cache and sessions, persistent connections,
behind a TLS proxy; 2 x CPUs + 1 gthread workers of 2 threads, for keep-alive) and drives
it with `wrk` (C, keep-alive, one thread) from its own process, the same client for both
HTTP peers, 16 connections:

1. a module page of the demo course as signed-in learners (many sessions in turn, with
   their own progress) vs a bare login-required view (bench/hotpath_urls.py, bench only)
   behind the same middleware, session and authentication;
2. the quiz answer submit (the real POST learners send, CSRF and all; thousands of
   learners, every answer a different attempt and question) vs `pgbench` running the
   very statements the submit executes (captured from Django here) with the same
   concurrency and duration. Afterwards every answer the server accepted must be in the
   database exactly once, and re-sending some must add nothing.

Queries per request are counted in this process with Django's test client on the same
database and caches, warm. Timings never enter the test suite; the query budgets do
(tests/perf/test_query_budgets.py).

    .venv/bin/python bench/hotpath.py                 # ~2.5 minutes, 80 s of it timed
    .venv/bin/python bench/hotpath.py --seconds 5 --rounds 1     # a quick look
    .venv/bin/python bench/hotpath.py --help

Needs PostgreSQL (DATABASE_URL names the server, default the local one, user postgres),
Redis at 127.0.0.1:6379 (database --redis-db, flushed before and after), `wrk` and
`pgbench` (Debian: apt-get install wrk postgresql-client).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # throwaway, hotpath_settings, hotpath_urls
from throwaway import Database  # noqa: E402

DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netra_bench_hotpath"
)
MODULE_RATIO, MODULE_QUERIES = 0.30, 4
SUBMIT_RATIO, SUBMIT_QUERIES = 0.25, 3
QUESTIONS = 60
SCHOOLS, CLINICS = 100, 20
TABLE = re.compile(r'(?:FROM|INTO)\s+"?(\w+)')


@dataclass
class Run:
    """One timed run of one peer."""

    requests: int
    seconds: float
    p50: float  # milliseconds
    p95: float
    p99: float
    errors: int = 0
    wrapped: bool = False
    per_client: int = 0  # pgbench: the most transactions one client ran

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


@dataclass
class Peer:
    label: str
    queries: int
    runs: list[Run] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return statistics.mean(r.rate for r in self.runs)

    def latency(self, name: str) -> float:
        return statistics.median(getattr(r, name) for r in self.runs)


# --- Set-up ---------------------------------------------------------------------------------


def configure(database: Database, args) -> None:
    """The bench settings against the bench database, in the environment so gunicorn
    inherits them."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "hotpath_settings",
            "DATABASE_URL": database.url,
            "CACHE_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "MEDIA_ROOT": str(args.folder / "media"),
            "STATIC_ROOT": str(args.folder / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
        }
    )
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def build(args) -> dict:
    """Schema, static files, the demo content, then the city's scale on top."""
    from django.core.cache import cache
    from django.core.management import call_command

    started = time.monotonic()
    cache.clear()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    data = _scale(args)
    data["build_seconds"] = time.monotonic() - started
    return data


def _scale(args) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from courses.demo_content import COURSE
    from courses.factories import CoursePageFactory, ModulePageFactory, course_with_modules
    from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage, StepCompletion
    from netra.people import services as people
    from netra.people.factories import FIRST_NAMES, LAST_NAMES, nip_for
    from netra.people.models import Employee, EmploymentType, Office, OfficeKind, User
    from netra.people.nip import NipKind
    from quizzes.factories import QuizPageFactory, single_choice_question
    from quizzes.models import Answer, Attempt, QuizPage
    from quizzes.versions import version_for_live

    rng = random.Random(2026)
    now = timezone.now()
    # Schools under the education office and clinics under the health office.
    opds = Office.objects.filter(kind=OfficeKind.OPD)
    education = opds.filter(name__contains="Pendidikan").first() or opds.first()
    health = opds.filter(name__contains="Kesehatan").first() or opds.first()
    for n in range(SCHOOLS):
        people.office_create(
            name=f"UPT SD Negeri {n + 10} Wiratama",
            code=f"BENCH-SD-{n:03d}",
            kind=OfficeKind.UPT,
            parent=education,
        )
    for n in range(CLINICS):
        people.office_create(
            name=f"UPT Puskesmas Wiratama {n + 1}",
            code=f"BENCH-PKM-{n:03d}",
            kind=OfficeKind.UPT,
            parent=health,
        )
    offices = list(Office.objects.all())

    # Employees with accounts, ids in one run (pgbench derives them from an index).
    existing = Employee.objects.count()
    count = max(args.employees - existing, 0)
    password = make_password("bench-Netra-2026")
    users = User.objects.bulk_create(
        User(username=f"bench{n:05d}", email=f"bench{n:05d}@wiratama.example", password=password)
        for n in range(count)
    )
    kinds = [EmploymentType.PNS] * 72 + [EmploymentType.PPPK] * 18 + [EmploymentType.NON_ASN] * 10
    employees = []
    for n, user in enumerate(users):
        kind = rng.choice(kinds)
        nip = None
        if kind != EmploymentType.NON_ASN:
            pppk = kind == EmploymentType.PPPK
            nip = nip_for(50_000 + n, kind=NipKind.PPPK if pppk else NipKind.PNS)
        employees.append(
            Employee(
                user=user,
                nip=nip,
                registration_number="" if nip else f"BENCH-PTT-{n:05d}",
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                employment_type=kind,
                golongan={EmploymentType.PNS: "III/a", EmploymentType.PPPK: "IX"}.get(kind, ""),
                jabatan="Analis Kebijakan",
                office=rng.choice(offices),
            )
        )
    Employee.objects.bulk_create(employees, batch_size=2000)

    # Three more courses of ten modules, and an exam course with the 60-question quiz.
    index = CourseIndexPage.objects.get()
    for n in range(3):
        course_with_modules(parent=index, modules=10, title=f"Kursus Lanjutan {n + 1}")
    exam_course = CoursePageFactory(parent=index, title="Ujian Netralitas")
    ModulePageFactory(parent=exam_course)
    exam = QuizPageFactory(
        parent=exam_course,
        title="Ujian Netralitas ASN",
        max_attempts=0,
        cooldown_minutes=0,
        questions=[
            single_choice_question(prompt=f"Soal {n + 1}: siapa yang menjatuhkan hukuman?")
            for n in range(QUESTIONS)
        ],
    )

    # Earlier progress in the demo course: a prefix of its modules each (steps unlock in
    # order), and for those who read them all, one or two finished quiz attempts.
    demo = CoursePage.objects.get(slug=COURSE["slug"])
    modules = list(ModulePage.objects.child_of(demo).order_by("path"))
    demo_quiz = QuizPage.objects.child_of(demo).get()
    demo_version = version_for_live(demo_quiz)
    demo_keys = [q["key"] for q in demo_version.spec["questions"]]
    done_counts = {u.pk: rng.choice([*range(len(modules)), *[len(modules)] * 7]) for u in users}
    enrolments = Enrolment.objects.bulk_create(
        (Enrolment(user=u, course=demo) for u in users if done_counts[u.pk]), batch_size=2000
    )
    StepCompletion.objects.bulk_create(
        (
            StepCompletion(enrolment=e, step=m)
            for e in enrolments
            for m in modules[: done_counts[e.user_id]]
        ),
        batch_size=5000,
    )
    finished = [u for u in users if done_counts[u.pk] == len(modules)]
    attempts = Attempt.objects.bulk_create(
        (
            Attempt(
                user=u,
                quiz=demo_quiz,
                version=demo_version,
                number=number,
                status="submitted",
                seed=1,
                started_at=now,
                finished_at=now,
                points=10,
                max_points=20,
                percent=50,
                passed=False,
            )
            for u in finished
            for number in range(1, rng.choice([2, 3]))
        ),
        batch_size=2000,
    )
    Answer.objects.bulk_create(
        (
            Answer(
                attempt=a,
                question_key=key,
                stage=0,
                choice_keys=["x"],
                choice="x",
                points=0,
                max_points=1,
                is_correct=False,
                answered_at=now,
            )
            for a in attempts
            for key in demo_keys
        ),
        batch_size=5000,
    )

    # Open exam attempts: half for the HTTP learners, half for pgbench, one probe each.
    exam_version = version_for_live(exam)
    players = users[: 2 * args.players + 2]
    exam_attempts = Attempt.objects.bulk_create(
        Attempt(user=u, quiz=exam, version=exam_version, number=1, seed=1, started_at=now)
        for u in players
    )
    http_attempts = exam_attempts[: args.players]
    sql_attempts = exam_attempts[args.players : 2 * args.players]
    for group in (http_attempts, sql_attempts):
        for n, attempt in enumerate(group):
            # pgbench computes both ids from the answer's index: both must run in steps of 1.
            assert attempt.pk == group[0].pk + n and attempt.user_id == group[0].user_id + n
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # Module page readers: learners with every amount of progress in the demo course.
    readers = [u.pk for u in rng.sample(users[2 * args.players + 2 :], args.readers)]
    spec = exam_version.spec["questions"]
    return {
        "module_url": modules[len(modules) // 2].url,
        "module_title": modules[len(modules) // 2].title,
        "reader_ids": readers,
        "questions": [(q["key"], q["options"][1]["key"]) for q in spec],
        "http_attempts": [(a.pk, a.user_id) for a in http_attempts],
        "sql_attempts": [(a.pk, a.user_id) for a in sql_attempts],
        "probe_attempts": [(a.pk, a.user_id) for a in exam_attempts[2 * args.players :]],
        "counts": {
            "offices": len(offices),
            "employees": Employee.objects.count(),
            "completions": StepCompletion.objects.count(),
            "answers": Answer.objects.count(),
        },
    }


def sessions_for(user_ids: list[int]) -> dict[int, str]:
    """Signed-in session keys for these learners, written to the session store (database and
    Redis) as a login would, so no password hashing or login form sits in the measurement."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from netra.people.models import User

    keys = {}
    for user in User.objects.filter(pk__in=user_ids):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.pk] = session.session_key
    return keys


# --- Queries, counted here with the test client on the same database and caches -----------


class Statements:
    """Every statement Django sends while active, with its parameters."""

    def __init__(self):
        self.seen: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)


def _client(session_key: str):
    from django.conf import settings
    from django.test import Client

    client = Client(headers={"X-Forwarded-Proto": "https"})
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def _statements(call) -> list[tuple[str, tuple]]:
    from django.db import connection

    statements = Statements()
    with connection.execute_wrapper(statements):
        call()
    return statements.seen


def count_get(path: str, session_key: str, *, expect: str) -> int:
    client = _client(session_key)
    client.get(path)  # warm: caches, this process's connection

    def get():
        response = client.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        assert expect in response.content.decode(), f"GET {path}: {expect!r} not shown"

    return len(_statements(get))


def capture_submit(attempt_id: int, session_key: str, questions) -> list[tuple[str, tuple]]:
    """The statements of one answer submit (the second: the first warms the caches)."""
    client = _client(session_key)
    url = f"/kuis/percobaan/{attempt_id}/jawab/"
    statements = []
    for key, option in questions[:2]:

        def post(key=key, option=option):
            response = client.post(url, {"question": key, "stage": 0, "choice": option})
            assert response.status_code == 302, response.status_code
            assert "umpan-balik" in response["Location"], response["Location"]

        statements = _statements(post)
    return statements


def pgbench_script(statements, *, probe_attempt: int, probe_user: int, probe_key: str, keys):
    """The submit's statements as a pgbench script: literal values as Django sent them,
    except the learner, the attempt and the question, which every transaction takes from
    its own slot (client c's n-th transaction: slot c + clients * n), so each answer is new.
    """
    from django.db import connection
    from psycopg import sql

    assert probe_attempt != probe_user
    array = "(ARRAY[" + ", ".join(f"'{k}'" for k in keys) + "])[:q]"
    raw = connection.connection  # psycopg's own connection, to quote literals as it would
    lines = [
        "\\set slot :client_id + :clients * :n",
        "\\set n :n + 1",
        "\\set index (:slot / :questions) % :learners",
        "\\set q 1 + :slot % :questions",
        "\\set uid :uid0 + :index",
        "\\set aid :aid0 + :index",
    ]
    for statement, params in statements:
        parts = statement.split("%s")
        assert len(parts) == len(params) + 1, statement
        out = [parts[0]]
        for value, rest in zip(params, parts[1:], strict=True):
            if value == probe_key:
                out.append(array)
            elif isinstance(value, int) and not isinstance(value, bool) and value == probe_user:
                out.append(":uid")
            elif isinstance(value, int) and not isinstance(value, bool) and value == probe_attempt:
                out.append(":aid")
            else:
                out.append(sql.Literal(value).as_string(raw))
            out.append(rest)
        lines.append(" ".join("".join(out).replace("%%", "%").split()) + ";")
    return "\n".join(lines) + "\n"


# --- Load -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(args, port: int) -> subprocess.Popen:
    from django.db import connections

    connections.close_all()
    log = (args.folder / "gunicorn.log").open("w")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "netra.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers),
        "--worker-class", "gthread",
        "--threads", str(args.threads),
        "--keep-alive", "30",
        "--log-level", "warning",
    ]  # fmt: skip
    web = subprocess.Popen(  # noqa: S603 - our own interpreter's gunicorn and arguments
        command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        if web.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + (args.folder / "gunicorn.log").read_text())
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return web
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wrk(args, port: int, script: str, data: Path, seconds: float, **env) -> Run:
    command = [
        shutil.which("wrk"),
        "-t", str(args.client_threads),
        "-c", str(args.connections),
        "-d", f"{int(seconds)}s",
        "--timeout", "10s",
        "-s", str(HERE / script),
        f"http://127.0.0.1:{port}",
    ]  # fmt: skip
    environment = {
        **os.environ,
        "HOTPATH_DATA": str(data),
        "HOTPATH_THREADS": str(args.client_threads),
        **{k: str(v) for k, v in env.items()},
    }
    out = subprocess.run(  # noqa: S603 - wrk with our own arguments
        command, env=environment, capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("HOTPATH "))
    stats = json.loads(line.removeprefix("HOTPATH "))
    return Run(
        requests=stats["requests"],
        seconds=stats["duration_us"] / 1e6,
        p50=stats["p50"] / 1000,
        p95=stats["p95"] / 1000,
        p99=stats["p99"] / 1000,
        errors=stats["errors"] + stats["status_errors"],
        wrapped=bool(stats.get("wrapped")),
    )


def pgbench(args, database: Database, script: Path, seconds: float, variables: dict) -> Run:
    config = database.config
    logs = args.folder / f"pgbench-{time.monotonic_ns()}"
    command = [
        shutil.which("pgbench"),
        "-n",
        "-h", config["HOST"] or "127.0.0.1",
        "-p", str(config["PORT"] or 5432),
        "-U", config["USER"] or "postgres",
        "-f", str(script),
        "-c", str(args.connections),
        "-j", str(args.client_threads),
        "-T", str(int(seconds)),
        "-l", "--log-prefix", str(logs),
        *[f"-D{k}={v}" for k, v in variables.items()],
        database.name,
    ]  # fmt: skip
    environment = {**os.environ}
    if config["PASSWORD"]:
        environment["PGPASSWORD"] = config["PASSWORD"]
    result = subprocess.run(  # noqa: S603 - pgbench with our own arguments
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"pgbench failed:\n{result.stdout}\n{result.stderr}")
    processed = failed = 0
    rate = 0.0
    for line in result.stdout.splitlines():
        if line.startswith("number of transactions actually processed:"):
            processed = int(line.split(":")[1].split()[0])
        elif line.startswith("number of failed transactions:"):
            failed = int(line.split(":")[1].split()[0])
        elif line.startswith("tps = "):
            rate = float(line.split()[2])
    # Per transaction: client id, its transaction number, latency in microseconds, ...
    rows = [
        row.split()
        for path in args.folder.glob(f"{logs.name}*")
        for row in path.read_text().splitlines()
    ]
    latencies = sorted(int(row[2]) / 1000 for row in rows)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return Run(
        requests=processed,
        seconds=processed / rate if rate else seconds,
        p50=pct(50),
        p95=pct(95),
        p99=pct(99),
        errors=failed,
        per_client=1 + max(int(row[1]) for row in rows),
    )


def settled(count, *, seconds: float = 30) -> int:
    """`count()` once it has stopped changing for a second."""
    deadline = time.monotonic() + seconds
    last = count()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = count()
        if now == last:
            break
        last = now
    return last


def write_lua(path: Path, value) -> Path:
    """A Lua table literal of `value` (dicts, lists, strings, numbers) for the wrk scripts."""

    def lua(v) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k} = {lua(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list | tuple):
            return "{" + ", ".join(lua(x) for x in v) + "}"
        if isinstance(v, str):
            return json.dumps(v)
        return str(v)

    path.write_text(f"return {lua(value)}\n")
    return path


def resend(port: int, requests: list[tuple[str, dict, str]], *, connections: int) -> Counter:
    """Send these POSTs again, `connections` at a time; count the answers: accepted (a
    redirect without a message) or refused as already recorded."""

    def send(item) -> str:
        path, headers, body = item
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie") or ""
        return "accepted" if response.status == 302 and "messages=" not in cookie else "refused"

    with ThreadPoolExecutor(connections) as pool:
        return Counter(pool.map(send, requests))


# --- Report ---------------------------------------------------------------------------------


def table(rows) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def verdict(ratio: float, queries: int, *, min_ratio: float, max_queries: int) -> str:
    return "PASS" if ratio >= min_ratio and queries <= max_queries else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per timed run (10)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each peer (2)")
    parser.add_argument("--connections", type=int, default=16, help="concurrency (16)")
    parser.add_argument("--client-threads", type=int, default=1, help="wrk/pgbench threads")
    # Production runs 2 x CPUs + 1 workers; gthread workers, for keep-alive without nginx.
    workers = 2 * (os.cpu_count() or 1) + 1
    parser.add_argument("--workers", type=int, default=workers, help=f"gunicorn ({workers})")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--players", type=int, default=2000, help="learners per quiz peer")
    parser.add_argument("--readers", type=int, default=500, help="module page sessions")
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    for tool in ("wrk", "pgbench"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing (Debian: apt-get install wrk postgresql-client)")

    database = Database(DATABASE_URL, name_for=lambda _n: "netra_bench_hotpath", script=__file__)
    children: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="hotpath-") as folder:
        args.folder = Path(folder)
        database.create()
        try:
            configure(database, args)
            report = measure(args, database, children)
        finally:
            for child in children:
                stop(child)
            _cleanup(database, args)
    print(report)
    return 0


def _cleanup(database: Database, args) -> None:
    from django.core.cache import cache
    from django.db import connections

    try:
        cache.clear()
    except Exception as exc:  # cleanup goes on to drop the database
        print(f"could not flush Redis database {args.redis_db}: {exc}")
    connections.close_all()
    if not args.keep:
        database.drop()


def measure(args, database: Database, children: list) -> str:
    print(f"building data in {database.name} ...", flush=True)
    data = build(args)
    counts = data["counts"]
    print(
        f"  {counts['offices']} offices, {counts['employees']} employees, "
        f"{counts['completions']} step completions, {counts['answers']} earlier answers "
        f"({data['build_seconds']:.0f} s)",
        flush=True,
    )
    readers = sessions_for(data["reader_ids"])
    http_sessions = sessions_for([u for _a, u in data["http_attempts"]])
    probe_sessions = sessions_for([u for _a, u in data["probe_attempts"]])
    reader_key = readers[data["reader_ids"][0]]
    questions = data["questions"]

    # Queries per request, warm, and the submit's statements for pgbench.
    bare_queries = count_get("/_bench/bare/", reader_key, expect="ok ")
    module_queries = count_get(data["module_url"], reader_key, expect=data["module_title"])
    probe_attempt, probe_user = data["probe_attempts"][0]
    statements = capture_submit(probe_attempt, probe_sessions[probe_user], questions)
    submit_queries = len(statements)
    # What the peer runs, in short: "SELECT people_user, ..., INSERT quizzes_answer".
    submit_sql = ", ".join(
        f"{sql.split()[0]} {TABLE.search(sql).group(1)}" for sql, _params in statements
    )
    script = args.folder / "submit.sql"
    script.write_text(
        pgbench_script(
            statements,
            probe_attempt=probe_attempt,
            probe_user=probe_user,
            probe_key=questions[1][0],
            keys=[k for k, _o in questions],
        )
    )
    sql_first = data["sql_attempts"][0]
    variables = {
        "n": 0,
        "clients": args.connections,
        "questions": len(questions),
        "learners": len(data["sql_attempts"]),
        "aid0": sql_first[0],
        "uid0": sql_first[1],
    }

    csrf = secrets.token_hex(16)  # an unmasked CSRF secret: cookie and form field alike
    port = free_port()
    children.append(start_gunicorn(args, port))
    host = f"127.0.0.1:{port}"
    get_data = {
        "bare": write_lua(
            args.folder / "bare.lua",
            {"path": "/_bench/bare/", "sessions": [readers[u] for u in data["reader_ids"]]},
        ),
        "module": write_lua(
            args.folder / "module.lua",
            {"path": data["module_url"], "sessions": [readers[u] for u in data["reader_ids"]]},
        ),
    }
    post_data = write_lua(
        args.folder / "submit.lua",
        {
            "host": host,
            "csrf": csrf,
            "questions": [list(q) for q in questions],
            "learners": [[a, http_sessions[u]] for a, u in data["http_attempts"]],
        },
    )
    bare = Peer("bare view (login required)", bare_queries)
    module = Peer("module page (signed-in)", module_queries)
    sql_peer = Peer("pgbench, same SQL", submit_queries)
    submit = Peer("quiz answer submit", submit_queries)
    accepted_files = []
    start = 0

    def submit_run(seconds: float) -> Run:
        nonlocal start
        accepted = args.folder / f"accepted-{len(accepted_files)}.txt"
        accepted_files.append(accepted)
        run = wrk(
            args,
            port,
            "hotpath_post.lua",
            post_data,
            seconds,
            HOTPATH_OK=accepted,
            HOTPATH_START=start,
        )
        # The next run starts past every slot this one could have sent.
        start += run.requests + args.connections
        return run

    print(f"gunicorn on {host}: {args.workers} workers x {args.threads} threads", flush=True)
    # Warm every worker: imports, connections, caches.
    for name in ("bare", "module"):
        wrk(args, port, "hotpath_get.lua", get_data[name], 2)
    submit_run(2)

    def sql_run(seconds: float) -> Run:
        run = pgbench(args, database, script, seconds, variables)
        # The next run starts past every slot this one used (client c's n-th: c + clients*n).
        variables["n"] += run.per_client
        nonlocal sql_total
        sql_total += run.requests
        return run

    sql_total = 0
    sql_run(2)
    for round_ in range(args.rounds):
        load = os.getloadavg()[0]
        print(f"round {round_ + 1}/{args.rounds} (load average {load:.2f}) ...", flush=True)
        pairs = [(bare, "bare"), (module, "module")]
        for peer, name in pairs if round_ % 2 == 0 else pairs[::-1]:
            peer.runs.append(wrk(args, port, "hotpath_get.lua", get_data[name], args.seconds))
        quiz = [(sql_peer, sql_run), (submit, submit_run)]
        for peer, run in quiz if round_ % 2 == 0 else quiz[::-1]:
            peer.runs.append(run(args.seconds))

    # No answer lost or recorded twice: every accepted answer is stored exactly once.
    from django.db.models import Count

    from quizzes.models import Answer

    http_ids = [a for a, _u in data["http_attempts"]]
    # wrk stops without waiting for the requests in flight; the server still answers them.
    settled(lambda: Answer.objects.filter(attempt_id__in=http_ids).count())
    accepted = Counter(
        tuple(line.split()) for path in accepted_files for line in path.read_text().splitlines()
    )
    stored = Counter(
        {
            (str(row["attempt_id"]), row["question_key"]): row["n"]
            for row in Answer.objects.filter(attempt_id__in=http_ids, stage=0)
            .values("attempt_id", "question_key")
            .annotate(n=Count("pk"))
        }
    )
    lost = [k for k in accepted if stored[k] == 0]
    doubled = [k for k, n in stored.items() if n > 1]
    accepted_twice = [k for k, n in accepted.items() if n > 1]
    unreported = [k for k in stored if k not in accepted]
    # Re-send some accepted answers, 16 at a time: each must be refused, and add nothing.
    sample = random.Random(3).sample(sorted(accepted), min(200, len(accepted)))
    by_attempt = dict(data["http_attempts"])
    options = dict(questions)
    replies = resend(
        port,
        [
            (
                f"/kuis/percobaan/{attempt}/jawab/",
                {
                    "Host": host,
                    "X-Forwarded-Proto": "https",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"https://{host}",
                    "Referer": f"https://{host}/kuis/percobaan/{attempt}/",
                    "Cookie": f"sessionid={http_sessions[by_attempt[int(attempt)]]}; "
                    f"csrftoken={csrf}",
                },
                f"csrfmiddlewaretoken={csrf}&question={key}&stage=0&choice={options[key]}",
            )
            for attempt, key in sample
        ],
        connections=args.connections,
    )
    after = settled(lambda: Answer.objects.filter(attempt_id__in=http_ids).count())
    sql_stored = Answer.objects.filter(attempt_id__in=[a for a, _u in data["sql_attempts"]]).count()
    sql_wrapped = variables["n"] * args.connections > len(data["sql_attempts"]) * len(questions)

    module_ratio = module.rate / bare.rate
    submit_ratio = submit.rate / sql_peer.rate
    rows = [
        ("endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "queries", "ratio", "target", ""),
        _row(bare, 1.0, "peer", ""),
        _row(
            module,
            module_ratio,
            f">= {MODULE_RATIO}x, <= {MODULE_QUERIES} q",
            verdict(
                module_ratio, module.queries, min_ratio=MODULE_RATIO, max_queries=MODULE_QUERIES
            ),
        ),
        _row(sql_peer, 1.0, "peer", ""),
        _row(
            submit,
            submit_ratio,
            f">= {SUBMIT_RATIO}x, <= {SUBMIT_QUERIES} q",
            verdict(
                submit_ratio, submit.queries, min_ratio=SUBMIT_RATIO, max_queries=SUBMIT_QUERIES
            ),
        ),
    ]
    answers_ok = not lost and not doubled and not accepted_twice and replies["accepted"] == 0
    answers_ok = answers_ok and after == sum(stored.values())
    errors = {p.label: sum(r.errors for r in p.runs) for p in (bare, module, sql_peer, submit)}
    notes = [
        "",
        table(rows),
        "",
        f"answers: {len(accepted)} accepted over HTTP, {sum(stored.values())} stored for those "
        f"attempts; lost {len(lost)}, stored twice {len(doubled)}, accepted twice "
        f"{len(accepted_twice)}, stored without a success reply {len(unreported)} (in "
        f"flight when wrk stopped); "
        f"{len(sample)} re-sent: {replies['refused']} refused as already recorded, "
        f"{replies['accepted']} accepted, rows after {after} "
        f"({'PASS' if answers_ok else 'FAIL'})",
        f"pgbench: the submit's {submit_queries} statements ({submit_sql}); "
        f"{sql_total} transactions (warm-up included), {sql_stored} answers stored"
        + ("; HTTP slots wrapped, raise --players" if any(r.wrapped for r in submit.runs) else "")
        + ("; pgbench slots wrapped, raise --players" if sql_wrapped else ""),
        "errors (non-2xx/3xx, timeouts): "
        + ", ".join(f"{label} {n}" for label, n in errors.items()),
        f"module page {data['module_url']} ({data['module_title']}), {len(readers)} learners in "
        f"turn; {len(data['http_attempts'])} learners answering {len(questions)} questions",
        f"{args.rounds} rounds of {args.seconds:g} s per peer, {args.connections} connections, "
        f"wrk/pgbench {args.client_threads} thread(s); gunicorn {args.workers} gthread workers x "
        f"{args.threads} threads; {os.cpu_count()} CPUs, load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg()),
    ]
    if not answers_ok:
        notes.append("FAIL: answers lost, duplicated or accepted twice")
    return "\n".join(notes)


def _row(peer: Peer, ratio: float, target: str, result: str) -> tuple:
    return (
        peer.label,
        f"{peer.rate:,.0f}",
        f"{peer.latency('p50'):.1f}",
        f"{peer.latency('p95'):.1f}",
        f"{peer.latency('p99'):.1f}",
        peer.queries,
        f"{ratio:.2f}",
        target,
        result,
    )


if __name__ == "__main__":
    sys.exit(main())

"""Password guessing against a running Netra: do the sign-in limits hold across several
gunicorn workers, and against a client that writes its own X-Forwarded-For?

    .venv/bin/python bench/security/bruteforce.py [--base-url https://127.0.0.1:8443]
        [--start-stack] [--login NIP-or-email --password the-right-one] [--threads 8]
        [--no-wait]

Against `deploy/prod-local.sh start` (nginx sets X-Real-IP, gunicorn runs several workers,
Redis holds the counts) by default; --start-stack starts it when it is not answering, and
stops it afterwards if this run started it (`make security` does). Any base URL works
(`manage.py runserver` with a Redis CACHE_URL, for instance). Self-signed TLS is accepted.
Every sign-in attempt opens its own connection (threads send them at once, so several
workers serve them) and carries a fresh random X-Forwarded-For.

Two phases, each in a fresh one-minute window for this address (the bench waits between
them; --no-wait skips the first wait):

1. **Per account**: `key limit + 3` wrong passwords for one login. Exactly `key limit` may
   be judged (a wrong-password answer); the rest must be refused as "too many attempts". If
   --login and --password name a real account, the right password is tried last and must be
   refused too.
2. **Per address**: `address limit + 3` wrong passwords, each for a different login. Exactly
   `address limit` may be judged: had the server counted per X-Forwarded-For, each attempt
   would be a new address and none would be refused.

Then the public verification page (django-ratelimit, NETRA_VERIFY_RATE per address):
`limit + 3` look-ups of unknown codes, exactly `limit` answered and the rest refused (429).

The limits come from ACCOUNT_RATE_LIMITS["login_failed"] in netra.settings.base (what
production runs; tests/security/conftest.py checks), or --rate. Prints a PASS/FAIL line per
phase and exits 1 on any FAIL.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import secrets
import ssl
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
PROD_LOCAL = ROOT / "deploy" / "prod-local.sh"
LOGIN_PATH = "/akun/login/"
# allauth's "too many failed login attempts", as the site says it in Indonesian and English.
REFUSED = re.compile(r"Terlalu banyak|Too many", re.I)
# Netra's one sign-in error for a wrong password and an unknown account alike.
JUDGED = re.compile(r"kata sandi tidak sesuai|password (you specified )?(are|is) not correct", re.I)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Limits:
    per_address: int
    address_seconds: float
    per_account: int

    @classmethod
    def parse(cls, rate: str) -> Limits:
        """`10/m/ip,5/5m/key` (allauth's syntax)."""
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        found = {}
        for part in rate.split(","):
            amount, duration, per = part.strip().split("/")
            found[per] = (int(amount), float(duration[:-1] or 1) * units[duration[-1]])
        return cls(found["ip"][0], found["ip"][1], found["key"][0])


def configured_rate() -> str:
    """ACCOUNT_RATE_LIMITS["login_failed"] as netra.settings.base sets it (production keeps
    it)."""
    from netra.settings import base

    return base.ACCOUNT_RATE_LIMITS["login_failed"]


def spoofed_forwarded_for() -> str:
    hops = [
        f"{random.randint(1, 223)}.{random.randint(0, 255)}.{random.randint(0, 255)}.{i}"
        for i in range(random.randint(1, 3))
    ]
    return ", ".join(hops)


class Site:
    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.base = base_url.rstrip("/")
        self.https = parts.scheme == "https"
        self.host, self.port = parts.hostname, parts.port or (443 if self.https else 80)
        self.context = ssl._create_unverified_context() if self.https else None  # noqa: S323 - self-signed local TLS

    def connection(self) -> http.client.HTTPConnection:
        if self.https:
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=30, context=self.context
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=30)

    def lookup(self, path: str) -> int:
        """A GET on a new connection, with a spoofed X-Forwarded-For: the status."""
        connection = self.connection()
        try:
            connection.request("GET", path, headers={"X-Forwarded-For": spoofed_forwarded_for()})
            response = connection.getresponse()
            response.read()
            return response.status
        except OSError:
            return 0
        finally:
            connection.close()

    def attempt(self, login: str, password: str) -> str:
        """One sign-in on a new connection: "judged", "refused" or "error: …"."""
        connection = self.connection()
        forwarded = spoofed_forwarded_for()
        common = {"X-Forwarded-For": forwarded, "Accept-Language": "id", "User-Agent": "bench"}
        try:
            connection.request("GET", LOGIN_PATH, headers=common)
            page = connection.getresponse()
            body = page.read().decode("utf-8", "replace")
            cookies = SimpleCookie()
            for header in page.headers.get_all("Set-Cookie") or []:
                cookies.load(header)
            token = TOKEN.search(body)
            if page.status != 200 or token is None:
                return f"error: GET {LOGIN_PATH} answered {page.status}"
            form = urlencode(
                {"csrfmiddlewaretoken": token.group(1), "login": login, "password": password}
            )
            connection.request(
                "POST",
                LOGIN_PATH,
                body=form,
                headers={
                    **common,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": "; ".join(f"{k}={m.value}" for k, m in cookies.items()),
                    "Origin": self.base,
                    "Referer": self.base + LOGIN_PATH,
                },
            )
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
        except OSError as exc:
            return f"error: {exc}"
        finally:
            connection.close()
        if answer.status == 429 or REFUSED.search(text):
            return "refused"
        if answer.status == 302:
            return "signed in"
        if answer.status == 200 and JUDGED.search(text):
            return "judged"
        return f"error: POST answered {answer.status}"


def run_phase(site: Site, attempts: list[tuple[str, str]], threads: int) -> list[str]:
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(lambda a: site.attempt(*a), attempts))


def report(name: str, outcomes: list[str], expected_judged: int, extra: str = "") -> bool:
    judged = outcomes.count("judged")
    refused = outcomes.count("refused")
    errors = [o for o in outcomes if o.startswith("error") or o == "signed in"]
    ok = judged == expected_judged and refused == len(outcomes) - expected_judged and not errors
    print(
        f"{'PASS' if ok else 'FAIL'} {name}: {len(outcomes)} attempts, {judged} judged "
        f"(limit {expected_judged}), {refused} refused{extra}"
    )
    for error in sorted(set(errors)):
        print(f"     {errors.count(error)} x {error}")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="https://127.0.0.1:8443")
    parser.add_argument("--login", help="a real account's NIP or email (optional)")
    parser.add_argument("--password", help="that account's right password")
    parser.add_argument("--rate", help="allauth's login_failed rate, e.g. 10/m/ip,5/5m/key")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--no-wait", action="store_true", help="skip the first window wait")
    parser.add_argument(
        "--start-stack",
        action="store_true",
        help="start deploy/prod-local.sh when the base URL does not answer (and stop it after)",
    )
    args = parser.parse_args(argv)
    started = args.start_stack and not answers(args.base_url) and start_stack()
    try:
        return attack(args)
    finally:
        if started:
            subprocess.run([str(PROD_LOCAL), "stop"], check=False)  # noqa: S603 - our script


def answers(base_url: str) -> bool:
    try:
        connection = Site(base_url).connection()
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False


def start_stack() -> bool:
    """Start deploy/prod-local.sh; True only when this call started it. Someone else may
    have started it meanwhile (the script then says so): that stack is theirs to stop."""
    print(f"starting the production stack: {PROD_LOCAL.relative_to(ROOT)} start", flush=True)
    result = subprocess.run(  # noqa: S603 - our script
        [str(PROD_LOCAL), "start"], check=True, capture_output=True, text=True
    )
    print(result.stdout, end="", flush=True)
    return "Already running" not in result.stdout


def attack(args) -> int:

    limits = Limits.parse(args.rate or configured_rate())
    site = Site(args.base_url)
    window = limits.address_seconds + 2
    print(
        f"{args.base_url}: {limits.per_account} failures per account, "
        f"{limits.per_address} per address every {limits.address_seconds:.0f} s; "
        f"{args.threads} connections at a time, random X-Forwarded-For on each"
    )
    results = []

    if not args.no_wait:
        print(f"waiting {window:.0f} s for a fresh per-address window…", flush=True)
        time.sleep(window)
    login = args.login or f"tebakan-{secrets.token_hex(4)}@example.invalid"
    wrong = [(login, f"salah-{secrets.token_hex(3)}") for _ in range(limits.per_account + 3)]
    outcomes = run_phase(site, wrong, args.threads)
    extra = ""
    if args.login and args.password:
        right = site.attempt(args.login, args.password)
        extra = f"; then the right password: {right}"
        results.append(right == "refused")
    results.append(report(f"per account ({login})", outcomes, limits.per_account, extra))

    print(f"waiting {window:.0f} s for a fresh per-address window…", flush=True)
    time.sleep(window)
    guesses = [
        (f"tebakan-{secrets.token_hex(4)}@example.invalid", "salah")
        for _ in range(limits.per_address + 3)
    ]
    results.append(
        report(
            "per address (X-Forwarded-For ignored)",
            run_phase(site, guesses, args.threads),
            limits.per_address,
        )
    )
    results.append(verification_phase(site, args.threads))
    print("PASS" if all(results) else "FAIL")
    return 0 if all(results) else 1


def verification_phase(site: Site, threads: int) -> bool:
    """The public verification page's limit (django-ratelimit, NETRA_VERIFY_RATE) counts in
    fixed windows, so a run that straddles one may see more answers: it is tried once more
    in a fresh window before it fails."""
    from certificates.verification import new_code
    from netra.settings import base

    amount, _period = base.NETRA_VERIFY_RATE.split("/")
    limit = int(amount)
    for attempt in (1, 2):
        paths = [f"/verifikasi/{new_code()}/" for _ in range(limit + 3)]
        with ThreadPoolExecutor(max_workers=threads) as pool:
            statuses = list(pool.map(site.lookup, paths))
        answered, limited = statuses.count(404), statuses.count(429)
        ok = answered == limit and limited == 3
        if ok or attempt == 2:
            others = sorted({s for s in statuses if s not in (404, 429)})
            print(
                f"{'PASS' if ok else 'FAIL'} verification page: {len(paths)} look-ups of unknown "
                f"codes, {answered} answered (limit {limit}), {limited} refused with 429"
                + (f", other statuses {others}" if others else "")
            )
            return ok
        time.sleep(62)
    return False


if __name__ == "__main__":
    sys.exit(main())

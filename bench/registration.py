"""Registration under load: concurrent clients race for a ticket type's seats.

Each attempt is what one attendee does: register (a pending registration, its answers and the
e-mail with the link) and then confirm it (the seat is taken under the ticket type's row lock,
or the attempt joins the waiting list, and an e-mail says which). Clients are threads, each with
its own database connection, calling the same services as the web views. E-mails are stored in
the outbox and their send tasks published to an in-memory broker, as a web process would.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \
        .venv/bin/python bench/registration.py [--clients 16] [--attempts 1000] [--seats 200]

`--http` measures the whole path instead: gunicorn (4 sync workers, DEBUG off) on 127.0.0.1 and
N client threads that do what a browser does, over HTTP: GET the form (its CSRF cookie and
token), POST it, read the e-mail's link (from the outbox table, where a mail server would pick
it up), GET that page (its CSRF token) and POST "Confirm my registration". Redirects are not
followed: each attempt is four requests. Prints and writes (`--output`) confirmed registrations
per second (attempts whose confirmation was answered, with a seat or on the waiting list, per
second of the run), p50/p99 of single requests and of whole attempts, oversold (seats held
beyond the quota, from the database afterwards) and the 5xx answers:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \
        .venv/bin/python bench/registration.py --http --clients 64 [--attempts 1500] \
        [--seats 1000] [--seconds 60] --output bench/results/registration-http-64.json

Needs a migrated PostgreSQL database (`manage.py migrate`); it makes a conference of its own
and deletes it afterwards. Prints the figures and writes bench/results/registration.json.
Traffic goes to 127.0.0.1 only, bounded in count and in time.
"""

import argparse
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, act_as_web_process  # noqa: E402

act_as_web_process()


HOST = "127.0.0.1"
WORKERS = 4
WARM_UP_ATTEMPTS = WORKERS * 4
# The tables a run writes and deletes from.
VACUUMED = (
    "conference_registration",
    "conference_answer",
    "conference_outboxmail",
    "conference_outboxtask",
    "conference_tickettype",
    "conference_question",
    "conference_conference",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--http", action="store_true", help="through gunicorn, as browsers do")
    parser.add_argument("--seconds", type=float, default=60, help="with --http: at most")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "registration.json"))
    args = parser.parse_args()
    if args.http:
        return run_http(args)

    import django

    django.setup()
    from django.db import connection, connections
    from django.db.models import Count

    from conference.models import Conference, Registration
    from conference.registration import services

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database: the benchmark measures row locking.")
        return 2

    conference = Conference.objects.create(
        name="Registration benchmark",
        slug=f"bench-{uuid.uuid4().hex[:12]}",
        start_date=date.today() + timedelta(days=30),
        end_date=date.today() + timedelta(days=31),
        timezone="Asia/Shanghai",
    )
    ticket_type = conference.ticket_types.create(name="Standard", quota=args.seats)
    question = conference.questions.create(label="Role", required=True)
    next_attempt = iter(range(args.attempts))
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    start = threading.Barrier(args.clients)

    def client() -> None:
        try:
            start.wait()
            while True:
                with lock:
                    number = next(next_attempt, None)
                if number is None:
                    return
                began = time.perf_counter()
                registration = services.register(
                    conference=conference,
                    ticket_type=ticket_type,
                    name=f"Attendee {number}",
                    email=f"attendee{number}@bench.example.org",
                    answers={question: "Engineer"},
                ).registration
                services.confirm_registration(registration=registration)
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
        except Exception as error:  # noqa: BLE001 - counted and printed, the run goes on
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began

    states = dict(
        Registration.objects.filter(ticket_type=ticket_type)
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    confirmed = states.get("confirmed", 0)
    waitlisted = states.get("waitlisted", 0)
    latencies.sort()
    result = {
        "benchmark": "registration",
        "clients": args.clients,
        "attempts": args.attempts,
        "seats": args.seats,
        "completed": len(latencies),
        "errors": len(errors),
        "wall_seconds": round(wall, 3),
        "registrations_per_second": round(len(latencies) / wall, 1),
        "latency_ms_p50": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1)
        if latencies
        else None,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "oversold": max(confirmed - args.seats, 0),
        "database": f"PostgreSQL {connection.pg_version // 10000}",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    conference.delete()

    for key, value in result.items():
        print(f"{key:>26}: {value}")
    for error in errors[:5]:
        print("error:", error)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {output}")
    return 1 if result["oversold"] or errors else 0


# --- over HTTP ------------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET_INPUT = re.compile(r'name="ticket_type" value="(\d+)"')
QUESTION_INPUT = re.compile(r'name="(question_\d+)"')
MANAGE_LINK = re.compile(r"/registration/([A-Za-z0-9]+)/")


class Browser:
    """One visitor: a cookie jar and one request at a time, over a plain socket.

    Sync gunicorn workers answer `Connection: close`, so there is no connection to keep alive:
    each request is one TCP connection, as a browser's would be against this server. The request
    is written and the answer read by hand (status line, Set-Cookie, Content-Length) instead of
    through http.client, whose header parsing (the e-mail package) made each request cost the
    client twice the CPU (0.31 against 0.15 ms, measured on a static file), on the two cores
    that the server and the database use too.
    """

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        body = b""
        if form is not None:
            body = urlencode(form).encode()
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        began = time.perf_counter()
        with socket.create_connection((HOST, self.port), timeout=60) as sock:
            sock.sendall(payload)
            status, text = self._read(sock)
        return status, text, time.perf_counter() - began

    def _read(self, sock: socket.socket) -> tuple[int, str]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection before its headers")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status_line, *headers = head.decode("latin-1").split("\r\n")
        length = None
        for header in headers:
            name, _, value = header.partition(":")
            name = name.strip().lower()
            if name == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
            elif name == "content-length":
                length = int(value)
        while length is None or len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return int(status_line.split(" ", 2)[1]), body.decode("utf-8", "replace")


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "conference.wsgi",
        "--workers",
        str(WORKERS),
        "--bind",
        f"{HOST}:{port}",
        "--backlog",
        "512",
        "--log-level",
        "warning",
    ]
    # A session of its own: stopping it stops the workers too, and nothing else.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def wait_ready(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Browser(port).request("GET", path)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def pct(ordered: list[float], p: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] * 1000, 1)


def run_http(args) -> int:
    tag = uuid.uuid4().hex[:12]
    # This process and gunicorn share the settings; SITE_URL makes the e-mailed links ours.
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-registration-only-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
        }
    )
    import django

    django.setup()
    from django.db import connection, connections
    from django.db.models import Count

    from conference.models import Conference, Registration

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database: the benchmark measures row locking.")
        return 2
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    # Earlier runs' deleted rows out of the way first: on a server without autovacuum (this
    # machine's) every run would otherwise scan the dead rows of all the runs before it.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(VACUUMED)}")
    conference = Conference.objects.create(
        name="Registration rush benchmark",
        slug=f"bench-rush-{tag}",
        start_date=date.today() + timedelta(days=30),
        end_date=date.today() + timedelta(days=31),
        timezone="Asia/Shanghai",
    )
    ticket_type = conference.ticket_types.create(name="Standard", quota=args.seats)
    conference.questions.create(label="Role", required=True)
    # Whole attempts before the clock starts go to a conference of their own (their seats are
    # not the run's): each worker's first publish, e-mail and pages load what they need then.
    warm_up = Conference.objects.create(
        name="Registration rush warm-up",
        slug=f"bench-rush-warm-{tag}",
        start_date=conference.start_date,
        end_date=conference.end_date,
        timezone=conference.timezone,
    )
    warm_up.ticket_types.create(name="Standard", quota=WARM_UP_ATTEMPTS)
    warm_up.questions.create(label="Role", required=True)
    connection.close()
    form_path = f"/c/{conference.slug}/register/"

    next_attempt = iter(range(args.attempts))
    lock = threading.Lock()
    requests: dict[str, list[float]] = {"form": [], "post": [], "link": [], "confirm": []}
    attempts: list[float] = []
    statuses: list[int] = []
    failures: list[str] = []
    start = threading.Barrier(args.clients + 1)
    deadline = [0.0]

    # One connection reads every e-mail (as one mail server would), not one per client thread.
    mailbox = connections.create_connection("default")
    mailbox.inc_thread_sharing()  # used under mailbox_lock only
    mailbox_lock = threading.Lock()

    def mail_link(email: str) -> str:
        for _ in range(50):
            with mailbox_lock, mailbox.cursor() as cursor:
                cursor.execute(
                    'SELECT body FROM conference_outboxmail WHERE "to" = %s AND kind = %s',
                    [email, "registration.confirm"],
                )
                row = cursor.fetchone()
            if row:
                return MANAGE_LINK.search(row[0]).group(1)
            time.sleep(0.05)
        raise RuntimeError(f"no e-mail for {email}")

    def attempt(port: int, number: int, path: str = form_path, record: bool = True) -> None:
        browser = Browser(port)
        email = f"rush{number}-{tag}@bench.example.org"
        timings = []

        def step(name, method, path, form=None, expect=200):
            status, text, elapsed = browser.request(method, path, form)
            if record:
                with lock:
                    statuses.append(status)
            if status != expect:
                raise RuntimeError(f"{name}: {status}")
            timings.append((name, elapsed))
            return text

        page = step("form", "GET", path)
        form = {
            "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
            "ticket_type": TICKET_INPUT.search(page).group(1),
            "name": f"Attendee {number}",
            "email": email,
            "organisation": "Bench",
            **{field: "Engineer" for field in QUESTION_INPUT.findall(page)},
        }
        step("post", "POST", path, form, expect=302)
        token = mail_link(email)  # not timed: the mail's way to the inbox
        page = step("link", "GET", f"/registration/{token}/")
        csrf = CSRF_INPUT.search(page).group(1)
        step(
            "confirm",
            "POST",
            f"/registration/{token}/confirm/",
            {"csrfmiddlewaretoken": csrf},
            expect=302,
        )
        if not record:
            return
        with lock:
            for name, elapsed in timings:
                requests[name].append(elapsed)
            attempts.append(sum(elapsed for _, elapsed in timings))

    def client(port: int) -> None:
        start.wait()
        while time.monotonic() < deadline[0]:
            with lock:
                number = next(next_attempt, None)
            if number is None:
                return
            try:
                attempt(port, number)
            except Exception as error:  # noqa: BLE001 - counted and printed, the run goes on
                with lock:
                    failures.append(repr(error))

    port = free_port()
    server = start_gunicorn(port)
    try:
        wait_ready(port, form_path)

        # Warm every worker (imports, templates, connections, the broker's producer) before the
        # clock starts: whole attempts, as many at once as there are workers, so that each
        # worker gets some.
        def warm(first: int) -> None:
            for number in range(first, WARM_UP_ATTEMPTS, WORKERS):
                attempt(port, -1 - number, path=f"/c/{warm_up.slug}/register/", record=False)

        warmers = [threading.Thread(target=warm, args=(first,)) for first in range(WORKERS)]
        for thread in warmers:
            thread.start()
        for thread in warmers:
            thread.join()
        threads = [threading.Thread(target=client, args=(port,)) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        load_before = os.getloadavg()
        with mailbox_lock, mailbox.cursor() as cursor:
            backends = backend_pids(cursor)
        cpu_before = (
            cpu_seconds(worker_pids(server.pid)),
            cpu_seconds(backends),
            time.process_time(),
        )
        deadline[0] = time.monotonic() + args.seconds
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        load_after = os.getloadavg()
        with mailbox_lock, mailbox.cursor() as cursor:
            backends = backend_pids(cursor)
        cpu = {
            "server": cpu_used(cpu_before[0], cpu_seconds(worker_pids(server.pid))),
            "database": cpu_used(cpu_before[1], cpu_seconds(backends)),
            "client": time.process_time() - cpu_before[2],
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        mailbox.dec_thread_sharing()
        mailbox.close()

    states = dict(
        Registration.objects.filter(ticket_type=ticket_type)
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    confirmed = states.get("confirmed", 0)
    waitlisted = states.get("waitlisted", 0)
    every = sorted(t for times in requests.values() for t in times)
    attempts.sort()
    result = {
        "benchmark": "registration-http",
        "clients": args.clients,
        "attempts": len(attempts) + len(failures),
        "completed": len(attempts),
        "seats": args.seats,
        "confirmed_per_s": round(len(attempts) / wall, 1) if wall else 0,
        "requests_per_s": round(len(every) / wall, 1) if wall else 0,
        "p50_ms": pct(every, 0.50),
        "p99_ms": pct(every, 0.99),
        "attempt_p50_ms": pct(attempts, 0.50),
        "attempt_p99_ms": pct(attempts, 0.99),
        "p99_ms_by_request": {name: pct(sorted(t), 0.99) for name, t in requests.items()},
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "oversold": max(confirmed + states.get("checked_in", 0) - args.seats, 0),
        "errors_5xx": sum(1 for status in statuses if status >= 500),
        "failed_attempts": len(failures),
        "wall_seconds": round(wall, 2),
        "load_average": [round(x, 2) for x in (*load_before[:1], *load_after[:1])],
        # CPU per completed attempt: gunicorn (master and workers), PostgreSQL's backends of this
        # database, and this process (the client threads and the mailbox reads).
        "cpu_ms_per_attempt": {
            name: round(seconds * 1000 / len(attempts), 1) if attempts else None
            for name, seconds in cpu.items()
        },
        "server": f"gunicorn, {WORKERS} sync workers, DEBUG off",
        "database": f"PostgreSQL {connection.pg_version // 10000}",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    conference.delete()
    warm_up.delete()

    for key, value in result.items():
        print(f"{key:>26}: {value}")
    for failure in failures[:5]:
        print("failed:", failure)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {output}")
    return 1 if result["oversold"] or result["errors_5xx"] or failures else 0


def cpu_seconds(pids) -> dict[int, float]:
    """User + system CPU seconds of each process (Linux /proc; a process gone is left out)."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
    return seconds


def worker_pids(server_pid: int) -> list[int]:
    """The gunicorn master and its workers."""
    pids = [server_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == server_pid:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return pids


def backend_pids(cursor) -> list[int]:
    """PostgreSQL's processes serving this database (the workers' and the mailbox's)."""
    cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
    return [pid for (pid,) in cursor.fetchall()]


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    # A process that started during the run counts from zero.
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    raise SystemExit(main())

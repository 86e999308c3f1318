"""The public agenda and the exports under load, served by gunicorn on loopback.

Makes a published conference of its own (300 talks, 10 rooms, 3 days by default) in the
PostgreSQL database of DATABASE_URL, counts the SQL queries of each page in-process, then starts
gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 and sends each page a bounded number of
requests from a small thread-pool load generator (http.client, keep-alive where the server
allows it). Prints a table and writes bench/results/web.json; stops gunicorn and deletes the
conference afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \
        .venv/bin/python bench/web.py [--talks 300] [--rooms 10] [--days 3] \
        [--threads 8] [--requests 1500] [--seconds 30]

Needs a migrated database (`manage.py migrate`); runs `collectstatic` (DEBUG off serves the
static files' manifest). Traffic goes to 127.0.0.1 only, bounded in count and in time.
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings")
# Publishing queues an e-mail per speaker: to an in-memory broker here, as a web process would.
os.environ.pop("REDIS_URL", None)
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
os.environ.setdefault("LOG_LEVEL", "WARNING")

HOST = "127.0.0.1"


def build_conference(*, talks: int, rooms: int, days: int):
    """A conference with `talks` confirmed talks placed through the services, published as v1."""
    from django.contrib.auth import get_user_model

    from conference.models import Conference, Room, Track
    from scheduling import services
    from talks.models import SpeakerProfile, Submission

    tag = uuid.uuid4().hex[:10]
    start = date(2027, 5, 10)
    conference = Conference.objects.create(
        name="Web benchmark — 大模型应用开发者大会",
        slug=f"bench-web-{tag}",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        timezone="Asia/Shanghai",
    )
    tracks = [
        Track.objects.create(conference=conference, name=f"Track {n}", slug=f"t{n}", position=n)
        for n in range(8)
    ]
    room_list = [
        Room.objects.create(conference=conference, name=f"Room {n}", capacity=100, position=n)
        for n in range(rooms)
    ]
    User = get_user_model()
    per_day = -(-talks // days)
    per_room = -(-per_day // rooms)
    for n in range(talks):
        user = User.objects.create(username=f"bench-{tag}-{n}", email=f"s{n}@example.org")
        SpeakerProfile.objects.create(user=user, name=f"Speaker {n} 王", bio="Builds things. " * 8)
        submission = Submission.objects.create(
            conference=conference,
            title=f"Talk {n}: serving large models <fast> & cheap",
            abstract="An abstract about the talk, long enough to be realistic. " * 12,
            format="talk",
            duration=30,
            level="intermediate",
            language="en",
            state="confirmed",
            track=tracks[n % len(tracks)],
        )
        submission.speakers.add(user, through_defaults={"position": 0})
        day, rest = divmod(n, per_day)
        slot, room = divmod(rest, rooms)
        assert slot < per_room
        begin = datetime.combine(start + timedelta(days=day), datetime.min.time(), tzinfo=UTC)
        begin += timedelta(hours=1, minutes=40 * slot)
        services.create_item(
            conference=conference,
            room_id=room_list[room].pk,
            submission_id=submission.pk,
            start=begin,
            end=begin + timedelta(minutes=30),
        )
    services.publish_release(conference=conference)
    return conference


def count_queries(paths: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as context:
            response = client.get(path.replace("{n}", "0"))
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(context.captured_queries)
    return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-web-only-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "conference.wsgi",
        "--workers",
        "2",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    # A session of its own: stopping it stops the workers too, and nothing else.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def wait_ready(port: int, path: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def load(port: int, path: str, *, threads: int, requests: int, seconds: float) -> dict:
    """Send at most `requests` GETs for at most `seconds` from `threads` threads."""
    latencies: list[float] = []
    errors = []
    sizes = []
    counter = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            began = time.perf_counter()
            try:
                # "{n}" makes every request's address new: a page that misses every cache.
                connection.request("GET", path.replace("{n}", str(number)), headers={"Host": HOST})
                response = connection.getresponse()
                body = response.read()
                if response.status != 200:
                    errors.append(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                errors.append(type(error).__name__)
                connection.close()
                continue
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                sizes.append(len(body))
        connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] * 1000

    return {
        "requests": len(latencies),
        "errors": len(errors),
        "seconds": round(wall, 2),
        "rps": round(len(latencies) / wall, 1) if wall else 0,
        "p50_ms": round(pct(0.50), 1) if ordered else None,
        "p99_ms": round(pct(0.99), 1) if ordered else None,
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else None,
        "bytes": sizes[0] if sizes else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=300)
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500, help="per page, at most")
    parser.add_argument("--seconds", type=float, default=30, help="per page, at most")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "web.json"))
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database.")
        return 2
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DEBUG": "0", "SECRET_KEY": "collectstatic-only"},
    )
    built = time.perf_counter()
    conference = build_conference(talks=args.talks, rooms=args.rooms, days=args.days)
    build_seconds = time.perf_counter() - built
    base = f"/c/{conference.slug}/schedule/"
    paths = {
        "agenda (grid)": base,
        "agenda (list)": base + "?view=list",
        # A search is never cached: rendered afresh each time, as for a logged-in visitor.
        "agenda, searched": base + "?view=grid&q=serving",
        "schedule.json": base + "schedule.json",
        "schedule.xml": base + "schedule.xml",
        "schedule.ics": base + "schedule.ics",
    }
    # The first request of a process reads the release's snapshot; later ones find the
    # programme (and, for anonymous visitors, the page body or the file) cached.
    queries_cold = count_queries(paths)
    queries_warm = count_queries(paths)
    connection.close()

    port = free_port()
    server = start_gunicorn(port)
    results = {}
    try:
        wait_ready(port, base)
        for name, path in paths.items():
            load(port, path, threads=2, requests=20, seconds=10)  # warm both workers
            results[name] = {
                **load(
                    port, path, threads=args.threads, requests=args.requests, seconds=args.seconds
                ),
                "queries_first": queries_cold[name],
                "queries": queries_warm[name],
            }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        from conference.models import Conference

        Conference.objects.filter(pk=conference.pk).delete()

    header = (
        f"{'page':<17} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>7} {'KiB':>7} "
        f"{'requests':>8} {'errors':>6}"
    )
    print(
        f"{args.talks} talks, {args.rooms} rooms, {args.days} days; gunicorn 2 workers on "
        f"{HOST}; {args.threads} client threads (built in {build_seconds:.0f} s)"
    )
    print(header + "   (SQL: first request of a process / later ones)")
    for name, row in results.items():
        print(
            f"{name:<17} {row['rps']:>7} {row['p50_ms']:>7} {row['p99_ms']:>7} "
            f"{row['queries_first']:>3}/{row['queries']:<3} {row['bytes'] / 1024:>7.0f} "
            f"{row['requests']:>8} "
            f"{row['errors']:>6}"
        )
    report = {
        "benchmark": "web",
        "talks": args.talks,
        "rooms": args.rooms,
        "days": args.days,
        "threads": args.threads,
        "max_requests_per_page": args.requests,
        "max_seconds_per_page": args.seconds,
        "server": "gunicorn, 2 sync workers, DEBUG off, PostgreSQL",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "results": results,
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0 if all(row["errors"] == 0 for row in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

"""The public agenda and the exports under load, served by gunicorn on loopback.

Makes a published conference of its own (300 talks, 10 rooms, 3 days by default) in the
PostgreSQL database of DATABASE_URL, counts the SQL queries of each page in-process, then starts
gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 and sends each page a bounded number of
requests from a small thread-pool load generator (http.client, keep-alive where the server
allows it). Prints a table and writes bench/results/web.json; stops gunicorn and deletes the
conference afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \
        .venv/bin/python bench/web.py [--talks 300] [--rooms 10] [--days 3] \
        [--threads 8] [--requests 1500] [--seconds 30] [--pages agenda] \
        [--baseline bench/results/web-before.json]
    DATABASE_URL=... .venv/bin/python bench/web.py --pages lists --submissions 1000 \
        --output bench/results/web-lists-1000.json
    .venv/bin/python bench/web.py summarise --before b1.json b2.json --after a1.json a2.json \
        --output bench/results/web-cached.json

`--pages agenda` loads the agenda pages only, `--pages search` the agenda pages that are
never stored whole (searched, as in bench/search.py, and logged in); `--pages lists` makes a
call for papers of `--submissions` submissions instead (speakers, reviews, predictions, a
fifth decided) and loads the team's lists as its organiser: the submissions list and the track
review queue, plain, searched and on their last page. `--baseline` takes an earlier run's json (of
another version of the code, the same sizes) and keeps its figures beside the new ones, in the
table and in the json's "baseline". `--redis URL` uses Redis as the cache (as in production;
the default is each process's memory), `--gzip` sends Accept-Encoding: gzip. `summarise`
takes the json of alternated runs of two trees and writes the medians and ratios.

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
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, act_as_web_process  # noqa: E402

act_as_web_process()

HOST = "127.0.0.1"
TIMEZONE = "Asia/Shanghai"
# Talks of 30 minutes every 40, from 09:00 until 22:00 at the latest, in the conference's zone.
FIRST_TALK = clock(9, 0)
TALK_MINUTES = 30
SLOT_MINUTES = 40
SLOTS_PER_DAY = ((22 - 9) * 60 - TALK_MINUTES) // SLOT_MINUTES + 1


def days_needed(*, talks: int, rooms: int) -> int:
    return -(-talks // (rooms * SLOTS_PER_DAY))


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
        timezone=TIMEZONE,
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
    zone = ZoneInfo(TIMEZONE)
    per_day = -(-talks // days)
    per_room = -(-per_day // rooms)
    assert per_room <= SLOTS_PER_DAY, "main() checks that the talks fit"
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
        # In the conference's zone: placed in UTC, late slots would fall on the next day.
        begin = datetime.combine(start + timedelta(days=day), FIRST_TALK, tzinfo=zone)
        begin += timedelta(minutes=SLOT_MINUTES * slot)
        services.create_item(
            conference=conference,
            room_id=room_list[room].pk,
            submission_id=submission.pk,
            start=begin,
            end=begin + timedelta(minutes=TALK_MINUTES),
        )
    services.publish_release(conference=conference)
    return conference


def build_cfp(*, submissions: int):
    """A call for papers with `submissions` submitted talks, one speaker each (every 7th a
    "Müller"), two reviews, one prediction each; every 5th track decided by a person. Returns
    (conference, organiser, the users made)."""
    from django.contrib.auth import get_user_model

    from conference.models import Conference, Membership, Track
    from talks.models import Prediction, Review, SpeakerProfile, Submission, SubmissionSpeaker
    from talks.services import refresh_search_text

    tag = uuid.uuid4().hex[:10]
    start = date(2027, 5, 10)
    conference = Conference.objects.create(
        name="Lists benchmark — 大模型应用开发者大会",
        slug=f"bench-lists-{tag}",
        start_date=start,
        end_date=start + timedelta(days=2),
        timezone=TIMEZONE,
    )
    tracks = [
        Track.objects.create(conference=conference, name=f"Track {n}", slug=f"t{n}", position=n)
        for n in range(8)
    ]
    User = get_user_model()
    organiser = User.objects.create(username=f"bench-{tag}-organiser")
    reviewers = [User.objects.create(username=f"bench-{tag}-reviewer-{n}") for n in range(2)]
    Membership.objects.create(conference=conference, user=organiser, role="organiser")
    for reviewer in reviewers:
        Membership.objects.create(conference=conference, user=reviewer, role="reviewer")
    speakers = User.objects.bulk_create(
        User(username=f"bench-{tag}-{n}", email=f"s{n}@example.org") for n in range(submissions)
    )
    SpeakerProfile.objects.bulk_create(
        SpeakerProfile(
            user=user, name=f"Jürgen Müller {n}" if n % 7 == 0 else f"Speaker {n} 王", version=1
        )
        for n, user in enumerate(speakers)
    )
    rows = Submission.objects.bulk_create(
        Submission(
            conference=conference,
            title=f"Talk {n}: serving large models <fast> & cheap",
            abstract="An abstract about the talk, long enough to be realistic. " * 12,
            format="talk",
            duration=30,
            state="submitted",
            suggested_track=tracks[n % 8],
            suggested_confidence=(n * 37 % 100) / 100,
            track=tracks[(n + 1) % 8] if n % 5 == 0 else None,
            track_source="override" if n % 5 == 0 else "",
        )
        for n in range(submissions)
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(submission=row, user=user, position=0)
        for row, user in zip(rows, speakers, strict=True)
    )
    Review.objects.bulk_create(
        Review(submission=row, reviewer=reviewer, score=(row.pk + k) % 6)
        for row in rows
        for k, reviewer in enumerate(reviewers)
    )
    Prediction.objects.bulk_create(
        Prediction(
            submission=row,
            track=row.suggested_track,
            confidence=row.suggested_confidence,
            categoriser="zeroshot",
            model_version="bench",
            top=[
                {"track": t.slug, "label": t.name, "probability": p}
                for t, p in ((row.suggested_track, row.suggested_confidence), (tracks[0], 0.1))
            ],
        )
        for row in rows
    )
    refresh_search_text(submission_ids=[row.pk for row in rows])
    return conference, organiser, [organiser, *reviewers, *speakers]


def lists_pages_of(slug: str, user, submissions: int) -> dict[str, dict]:
    last = -(-submissions // 50)
    pages = {
        "submissions list": f"/c/{slug}/submissions/",
        "submissions, searched": f"/c/{slug}/submissions/?q=muller",
        "submissions, last page": f"/c/{slug}/submissions/?sort=title&page={last}",
        "queue": f"/c/{slug}/review/tracks/",
        "queue, searched": f"/c/{slug}/review/tracks/?q=muller",
        "queue, last page": f"/c/{slug}/review/tracks/?page={last}",
    }
    return {name: {"path": path, "user": user} for name, path in pages.items()}


def measure_in_process(pages: dict[str, dict], *, repeats: int) -> dict[str, dict]:
    """SQL queries of each page's first and second request, and the median time of `repeats`
    more, from Django's test client in this process: no HTTP, no queueing behind other
    requests, so the rendering cost alone."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    figures = {}
    for name, page in pages.items():
        client = Client()
        if page["user"] is not None:
            client.force_login(page["user"])
        queries = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as context:
                response = client.get(page["path"].replace("{n}", "0"))
            assert response.status_code == 200, (page["path"], response.status_code)
            queries.append(len(context.captured_queries))
        times = []
        for number in range(repeats):
            began = time.perf_counter()
            client.get(page["path"].replace("{n}", str(number)))
            times.append(time.perf_counter() - began)
        figures[name] = {
            "queries_first": queries[0],
            "queries": queries[1],
            "in_process_ms": round(statistics.median(times) * 1000, 1),
        }
    return figures


def session_cookie(user) -> str:
    """A Cookie header that logs `user` in (gunicorn shares this process's SECRET_KEY)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
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


def load(
    port: int,
    path: str,
    *,
    threads: int,
    requests: int,
    seconds: float,
    cookie: str = "",
    gzip: bool = False,
) -> dict:
    """Send at most `requests` GETs for at most `seconds` from `threads` threads."""
    headers = {"Host": HOST, **({"Cookie": cookie} if cookie else {})}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
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
                connection.request("GET", path.replace("{n}", str(number)), headers=headers)
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


# The pages that are never stored whole (scheduling.middleware): `--pages search` loads these.
UNCACHED = {
    "agenda, searched",
    "agenda, searched (list)",
    "agenda, searched (one talk)",
    "agenda, logged in",
    "agenda, logged in, searched",
}


def pages_of(base: str, user, which: str) -> dict[str, dict]:
    pages = {
        "agenda (grid)": base,
        "agenda (list)": base + "?view=list",
        # A search is never cached: rendered afresh each time, as for a logged-in visitor.
        # "serving" is in every talk (the whole day), "Speaker 7 王" in one.
        "agenda, searched": base + "?view=grid&q=serving",
        "agenda, searched (list)": base + "?view=list&q=serving",
        "agenda, searched (one talk)": base + "?view=grid&q=Speaker+7+%E7%8E%8B",
        # Logged in: never cached either, and every entry has a POST star form.
        "agenda, logged in": base,
        "agenda, logged in, searched": base + "?view=grid&q=serving",
        "schedule.json": base + "schedule.json",
        "schedule.xml": base + "schedule.xml",
        "schedule.ics": base + "schedule.ics",
    }
    wanted = {
        "all": lambda name: True,
        "agenda": lambda name: name.startswith("agenda"),
        "search": lambda name: name in UNCACHED,
    }[which]
    return {
        name: {"path": path, "user": user if "logged in" in name else None}
        for name, path in pages.items()
        if wanted(name)
    }


def print_table(args, results: dict, baseline: dict, build_seconds: float) -> None:
    if args.pages == "lists":
        print(
            f"{args.submissions} submissions, 8 tracks; gunicorn 2 workers on {HOST}; "
            f"{args.threads} client threads (built in {build_seconds:.0f} s)"
        )
    else:
        print(
            f"{args.talks} talks, {args.rooms} rooms, {args.days} days; gunicorn 2 workers on "
            f"{HOST}; {args.threads} client threads (built in {build_seconds:.0f} s)"
        )
    print(
        f"{'page':<22} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'in-proc':>7} {'SQL':>7} "
        f"{'KiB':>7} {'requests':>8} {'errors':>6}   (SQL: first request of a process / later)"
    )
    for name, row in results.items():
        before = baseline.get(name)
        if before:
            print(
                f"{'  before':<22} {before['rps']:>7} {before['p50_ms']:>7} "
                f"{before['p99_ms']:>7} {before.get('in_process_ms', '—'):>7}"
            )
        print(
            f"{name:<22} {row['rps']:>7} {row['p50_ms']:>7} {row['p99_ms']:>7} "
            f"{row['in_process_ms']:>7} {row['queries_first']:>3}/{row['queries']:<3} "
            f"{row['bytes'] / 1024:>7.0f} {row['requests']:>8} {row['errors']:>6}"
        )


def summarise(before: list[str], after: list[str], output: str) -> int:
    """Medians of alternated rounds (runs of two trees, one after the other, on one machine):
    per page, the median req/s, p50, p99 and size of each side and the ratio after/before."""
    sides = {
        "before": [json.loads(Path(name).read_text()) for name in before],
        "after": [json.loads(Path(name).read_text()) for name in after],
    }
    pages = list(sides["after"][0]["results"])
    figures: dict[str, dict] = {}
    for page in pages:
        row = {}
        for side, runs in sides.items():
            rows = [run["results"][page] for run in runs if page in run["results"]]
            row[side] = {
                field: round(statistics.median(r[field] for r in rows), 1)
                for field in ("rps", "p50_ms", "p99_ms", "bytes", "in_process_ms")
            }
            row[side]["rounds"] = len(rows)
            row[side]["queries"] = rows[-1]["queries"]
        if row["before"]["rps"]:
            row["rps_ratio"] = round(row["after"]["rps"] / row["before"]["rps"], 2)
        figures[page] = row
    loads = [
        round(run["load_average"][0], 1) if run.get("load_average") else None
        for runs in sides.values()
        for run in runs
    ]
    print(
        f"{'page':<22} {'req/s before':>12} {'after':>8} {'ratio':>6} {'p99 before':>10} "
        f"{'after':>7} {'KiB before':>10} {'after':>6}"
    )
    for page, row in figures.items():
        b, a = row["before"], row["after"]
        print(
            f"{page:<22} {b['rps']:>12} {a['rps']:>8} {row.get('rps_ratio', '—'):>6} "
            f"{b['p99_ms']:>10} {a['p99_ms']:>7} "
            f"{b['bytes'] / 1024:>10.0f} {a['bytes'] / 1024:>6.0f}"
        )
    print(f"load averages (1 min) at the end of each run: {loads}")
    report = {
        "benchmark": "web, alternated rounds",
        "before_files": before,
        "after_files": after,
        "sizes": {k: sides["after"][0].get(k) for k in ("talks", "rooms", "days", "threads")},
        "cache": sides["after"][0].get("cache"),
        "gzip": sides["after"][0].get("gzip"),
        "load_averages": loads,
        "figures": figures,
    }
    Path(output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {output}")
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "summarise":
        summary = argparse.ArgumentParser(description=summarise.__doc__.splitlines()[0])
        summary.add_argument("--before", nargs="+", required=True)
        summary.add_argument("--after", nargs="+", required=True)
        summary.add_argument("--output", required=True)
        given = summary.parse_args(sys.argv[2:])
        return summarise(given.before, given.after, given.output)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=300)
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500, help="per page, at most")
    parser.add_argument("--seconds", type=float, default=30, help="per page, at most")
    parser.add_argument("--repeats", type=int, default=30, help="in-process requests per page")
    parser.add_argument("--pages", choices=["all", "agenda", "search", "lists"], default="all")
    parser.add_argument(
        "--submissions", type=int, default=300, help="with --pages lists: the CfP's size"
    )
    parser.add_argument("--baseline", help="an earlier run's json, kept beside this one")
    parser.add_argument(
        "--redis", help="REDIS_URL of the cache (as in production; default: per-process memory)"
    )
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "web.json"))
    args = parser.parse_args()
    if args.days < days_needed(talks=args.talks, rooms=args.rooms):
        print(
            f"{args.talks} talks in {args.rooms} rooms need at least "
            f"{days_needed(talks=args.talks, rooms=args.rooms)} days "
            f"({SLOTS_PER_DAY} per room and day): raise --days or --rooms."
        )
        return 2
    baseline = {}
    if args.baseline:
        baseline = json.loads(Path(args.baseline).read_text())["results"]

    # This process and gunicorn share the settings (and the secret that signs the session).
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-web-only-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": f"{HOST},testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
        }
    )
    if args.redis:
        # Redis as the cache only: tasks still go to the in-memory broker.
        os.environ.update({"REDIS_URL": args.redis, "CELERY_BROKER_URL": "memory://"})
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database.")
        return 2
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        check=True,
    )
    built = time.perf_counter()
    made_users = []
    if args.pages == "lists":
        conference, visitor, made_users = build_cfp(submissions=args.submissions)
        pages = lists_pages_of(conference.slug, visitor, args.submissions)
    else:
        conference = build_conference(talks=args.talks, rooms=args.rooms, days=args.days)
        visitor = get_user_model().objects.create(username=f"{conference.slug}-visitor")
        pages = pages_of(f"/c/{conference.slug}/schedule/", visitor, args.pages)
    build_seconds = time.perf_counter() - built
    # Statistics of the rows just made, as autovacuum would gather them on a live database:
    # without them PostgreSQL read all 1,000 talks to answer "is this visitor a speaker?".
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The first request of a process reads the release's snapshot; later ones find the
    # programme (and, for anonymous visitors, the page body or the file) cached.
    in_process = measure_in_process(pages, repeats=args.repeats)
    cookie = session_cookie(visitor)
    connection.close()

    port = free_port()
    server = start_gunicorn(port)
    results = {}
    try:
        wait_ready(
            port, "/accounts/login/" if args.pages == "lists" else f"/c/{conference.slug}/schedule/"
        )
        for name, page in pages.items():
            login = {"cookie": cookie if page["user"] else ""}
            login["gzip"] = args.gzip
            load(port, page["path"], threads=2, requests=20, seconds=10, **login)  # warm-up
            results[name] = {
                **load(
                    port,
                    page["path"],
                    threads=args.threads,
                    requests=args.requests,
                    seconds=args.seconds,
                    **login,
                ),
                **in_process[name],
            }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        from conference.models import Conference

        Conference.objects.filter(pk=conference.pk).delete()
        if made_users:
            get_user_model().objects.filter(pk__in=[u.pk for u in made_users]).delete()
        else:
            # The speakers (bench-<tag>-<n>, with their profiles) too: left behind, each run
            # added 1,000 profiles to the next run's "latest profile change".
            tag = conference.slug.removeprefix("bench-web-")
            get_user_model().objects.filter(username__startswith=f"bench-{tag}-").delete()
            visitor.delete()

    print_table(args, results, baseline, build_seconds)
    report = {
        "benchmark": "web",
        "talks": args.talks,
        **({"submissions": args.submissions} if args.pages == "lists" else {}),
        "rooms": args.rooms,
        "days": args.days,
        "threads": args.threads,
        "max_requests_per_page": args.requests,
        "max_seconds_per_page": args.seconds,
        "server": "gunicorn, 2 sync workers, DEBUG off, PostgreSQL",
        "cache": "Redis" if args.redis else "per-process memory",
        "gzip": args.gzip,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "results": results,
        **({"baseline": baseline, "baseline_file": args.baseline} if baseline else {}),
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0 if all(row["errors"] == 0 for row in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

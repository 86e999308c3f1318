"""Search at scale: the team's search in SQL and the public agenda's search over HTTP.

1. **The team's search** (talks.search, the submissions list and the track review queue): a
   call for papers of `--submissions` each (default 1,000 and 10,000; one speaker each, every
   7th a "Jürgen Müller", the others "Speaker n 王"; a tenth of the talks Chinese) on
   PostgreSQL. Each query is timed as the list runs it (count of the matches and the first 50
   rows) `--repeats` times, before and after in alternation: "before" is the substring search
   of before issue 20 with the new indexes dropped (inside a transaction that is rolled back),
   "after" is talks.search with them. It also checks that both find the same rows.
2. **The public agenda's search** (`?q=`, never cached): a published conference of `--talks`
   talks (bench/web.py's, 10 rooms, 6 days) served by gunicorn (2 sync workers, DEBUG off),
   loaded by bench/web.py's client (8 threads), and the in-process cost of the filter alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \\
        .venv/bin/python bench/search.py [--submissions 1000 10000] [--talks 1000] \\
        [--repeats 30] [--skip-http] [--output bench/results/search.json]

Needs a migrated PostgreSQL database; makes its conferences and deletes them afterwards.
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, act_as_web_process  # noqa: E402

act_as_web_process()

QUERIES = ["muller", "serving", "jurgen muller", "uller", "模型", "speaker 王", "nothing"]
AGENDA_QUERIES = {"a word in every talk": "serving", "one speaker": "Speaker 7 王"}
INDEXES = [
    "talks_submission_search_fts",
    "talks_submission_search_text_trgm",
    "talks_submission_search_names_trgm",
]


def build_cfp(size: int):
    from django.contrib.auth import get_user_model

    from conference.models import Conference
    from talks.models import SpeakerProfile, Submission, SubmissionSpeaker
    from talks.services import refresh_search_text

    tag = uuid.uuid4().hex[:10]
    conference = Conference.objects.create(
        name="Search benchmark",
        slug=f"bench-search-{tag}",
        start_date=date(2027, 5, 10),
        end_date=date(2027, 5, 12),
        timezone="Asia/Shanghai",
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench-search-{tag}-{n}", email=f"s{n}@example.org") for n in range(size)
    )
    SpeakerProfile.objects.bulk_create(
        SpeakerProfile(user=u, name=f"Jürgen Müller {n}" if n % 7 == 0 else f"Speaker {n} 王")
        for n, u in enumerate(users)
    )
    rows = Submission.objects.bulk_create(
        Submission(
            conference=conference,
            title=f"大模型推理加速 {n}"
            if n % 10 == 3
            else f"Talk {n}: serving large models <fast> & cheap",
            abstract="在生产环境中部署大语言模型。" * 6
            if n % 10 == 3
            else "An abstract about the talk, long enough to be realistic. " * 12,
            format="talk",
            duration=30,
            state="submitted",
        )
        for n in range(size)
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(submission=row, user=user, position=0)
        for row, user in zip(rows, users, strict=True)
    )
    refresh_search_text(submission_ids=[row.pk for row in rows])
    return conference, users


def old_search(qs, *, search: str):
    """The team's search before issue 20 (a substring per folded word), as the reference."""
    from django.db.models import Q

    from conference.text import fold

    for word in fold(search).split():
        qs = qs.filter(Q(search_text__contains=word) | Q(search_names__contains=word))
    return qs


def list_page(qs) -> tuple[int, list[int]]:
    """What a list page asks: how many match, and the first 50."""
    return qs.count(), list(qs.order_by("-created_at", "-pk").values_list("pk", flat=True)[:50])


def time_team_search(conference, *, repeats: int) -> dict:
    from django.db import connection, transaction

    from talks.models import Submission
    from talks.search import searched_submissions

    base = Submission.objects.sent_in().filter(conference=conference)
    connection.cursor().execute("ANALYZE talks_submission")
    figures = {}
    for query in QUERIES:
        new_qs = searched_submissions(base, conference=conference, search=query, names=True)
        before, after = [], []
        for _ in range(repeats):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for index in INDEXES:
                        cursor.execute(f"DROP INDEX {index}")
                began = time.perf_counter()
                old_rows = list_page(old_search(base, search=query))
                before.append(time.perf_counter() - began)
                transaction.set_rollback(True)
            began = time.perf_counter()
            new_rows = list_page(new_qs)
            after.append(time.perf_counter() - began)
        plan = new_qs.explain()
        figures[query] = {
            "matches": new_rows[0],
            "same_rows": old_rows == new_rows,
            "before_ms": round(statistics.median(before) * 1000, 2),
            "after_ms": round(statistics.median(after) * 1000, 2),
            "uses_index": sorted(index for index in INDEXES if index in plan),
        }
    return figures


def time_agenda_filter(programme, *, repeats: int) -> dict:
    """The filter alone, in-process: the old per-request haystacks against the folded ones."""
    from scheduling.programme import Filters

    def old_filter(needle: str) -> int:
        needle = needle.casefold().strip()
        found = 0
        for entry in programme.entries:
            talk = entry.talk
            if talk is None:
                continue
            parts = [entry.title, talk.abstract, talk.speaker_names]
            if talk.track:
                parts.append(talk.track.name)
            found += needle in " ".join(parts).casefold()
        return found

    figures = {}
    for name, query in AGENDA_QUERIES.items():
        before, after = [], []
        for _ in range(repeats):
            began = time.perf_counter()
            old_count = old_filter(query)
            before.append(time.perf_counter() - began)
            began = time.perf_counter()
            new_count = len(programme.filter(Filters(search=query)))
            after.append(time.perf_counter() - began)
        figures[name] = {
            "query": query,
            "matches_before": old_count,
            "matches_after": new_count,
            "filter_before_ms": round(statistics.median(before) * 1000, 2),
            "filter_after_ms": round(statistics.median(after) * 1000, 2),
        }
    return figures


def agenda_search(args) -> dict:
    """The public agenda searched, at `--talks` talks: the filter in-process, the page over HTTP."""
    from urllib.parse import quote

    from django.db import connection

    from bench import web
    from scheduling.models import Release
    from scheduling.programme import Programme

    days = web.days_needed(talks=args.talks, rooms=10)
    conference = web.build_conference(talks=args.talks, rooms=10, days=days)
    release = Release.objects.filter(conference=conference).latest("number")
    figures = time_agenda_filter(Programme(release.snapshot), repeats=args.repeats)
    connection.close()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    port = web.free_port()
    server = web.start_gunicorn(port)
    base = f"/c/{conference.slug}/schedule/"
    try:
        web.wait_ready(port, base)
        for name, row in figures.items():
            path = f"{base}?view=grid&q={quote(row['query'])}"
            web.load(port, path, threads=2, requests=20, seconds=10)  # warm-up
            row.update(
                web.load(
                    port,
                    path,
                    threads=args.threads,
                    requests=args.requests,
                    seconds=args.seconds,
                )
            )
            print(f"agenda at {args.talks} talks, {name}: {row}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        from django.contrib.auth import get_user_model

        from conference.models import Conference

        Conference.objects.filter(pk=conference.pk).delete()
        tag = conference.slug.removeprefix("bench-web-")  # build_conference's speakers
        get_user_model().objects.filter(username__startswith=f"bench-{tag}-").delete()
    return {"talks": args.talks, "days": days, "server": "gunicorn, 2 sync workers", **figures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--talks", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "search.json"))
    args = parser.parse_args()
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-search-only-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database.")
        return 2
    report = {
        "benchmark": "search",
        "repeats": args.repeats,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_start": round(os.getloadavg()[0], 2),
        "team": {},
    }
    for size in args.submissions:
        conference, users = build_cfp(size)
        try:
            report["team"][str(size)] = time_team_search(conference, repeats=args.repeats)
        finally:
            conference.delete()
            get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
        for query, row in report["team"][str(size)].items():
            print(f"{size:>6} {query!r:<18} {row}")

    if not args.skip_http:
        report["agenda"] = agenda_search(args)
    report["load_average_end"] = round(os.getloadavg()[0], 2)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {output}")
    return 0 if all(r["same_rows"] for s in report["team"].values() for r in s.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

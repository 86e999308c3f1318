"""Registration under load: concurrent clients race for a ticket type's seats.

Each attempt is what one attendee does: register (a pending registration, its answers and the
e-mail with the link) and then confirm it (the seat is taken under the ticket type's row lock,
or the attempt joins the waiting list, and an e-mail says which). Clients are threads, each with
its own database connection, calling the same services as the web views. E-mails are stored in
the outbox and their send tasks published to an in-memory broker, as a web process would.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/conference_dev \
        .venv/bin/python bench/registration.py [--clients 16] [--attempts 1000] [--seats 200]

Needs a migrated PostgreSQL database (`manage.py migrate`); it makes a conference of its own
and deletes it afterwards. Prints the figures and writes bench/results/registration.json.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, act_as_web_process  # noqa: E402

act_as_web_process()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "registration.json"))
    args = parser.parse_args()

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


if __name__ == "__main__":
    raise SystemExit(main())

"""Faults against real services on loopback: what users see, what is lost, how long recovery takes.

Starts a private `redis-server` on a free loopback port (broker and cache), gunicorn (2 sync
workers, DEBUG off) on another, and two real Celery workers as docker-compose runs them: one
`-Q default --concurrency 2` with `--beat` (its schedule file in a temporary folder, so the
outbox and mail sweeps tick every minute), one `-Q ml --concurrency 1 --prefetch-multiplier 1`
(prefork: a main process and a child), both on the PostgreSQL database of DATABASE_URL. Then:

1. **broker/cache down at submit**: redis-server stopped (SIGTERM); `--speakers` speakers post a
   submission each (`POST /api/v1/submissions/`, personal tokens); redis-server started again
   on the same port. The workers keep running through the outage, as in a deployment where only
   Redis restarts: recovery is whatever their reconnection and the next beat sweep give.
   Done = every submission has a prediction and its "received" mail is sent.
2. **cache down while the agenda is read**: a published programme (`--agenda-talks` talks);
   `--requests` anonymous GETs of the agenda with Redis up, then as many with it stopped.
3. **ml worker kill -9 mid-batch**: `--talks` submissions without a prediction;
   `POST .../recategorisation/`; SIGKILL to the ml worker's process group (main and child) as
   soon as the first prediction is written; a new ml worker under the same --hostname.
   Done = every submission has a prediction from the conference's current model.
4. **deleting a track that holds work** (`DELETE .../setup/tracks/<id>/`): without `reassign_to`
   (expected 400, nothing changed), then with it (expected 204, every decision, suggestion and
   prediction moved, none lost).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_faults \
        .venv/bin/python bench/faults.py [--talks 100] [--speakers 20] [--requests 200] \
        [--agenda-talks 60] [--wait 150] [--output bench/results/faults.json]

Prints a table (fault × requests sent, failed, items lost, seconds to recover) and writes the
json. Needs a migrated database that holds nothing else (the workers' sweeps look at every
conference of it). Traffic goes to 127.0.0.1 only; every wait is bounded; the processes it
started are stopped (their process groups) and its conferences deleted at the end. Logs of
redis, gunicorn and the workers stay in a temporary folder, printed at the end.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT  # noqa: E402

# Imported before main() sets the environment: importing it sets a web process's (no Redis).
from bench.web import build_conference  # noqa: E402
from tests.private_redis import redis_server_command, wait_for_redis  # noqa: E402

HOST = "127.0.0.1"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_faults"
CELERY = str(ROOT / ".venv" / "bin" / "celery")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

# Abstracts for the categoriser, a few per demo track; numbered so that no two are equal.
ABSTRACTS = [
    "Instruction-tuning a Chinese large language model for legal question answering with "
    "retrieval-augmented generation over statute texts, and measuring answer faithfulness.",
    "Real-time defect detection on a production line: a YOLO-style detector and a segmentation "
    "network find scratches in camera images at 60 frames per second on an edge GPU.",
    "Automatic speech recognition for dialects: collecting and labelling noisy telephone audio, "
    "speaker diarisation and a text-to-speech voice for the answers.",
    "Named entity recognition and summarisation of customer e-mails with a small language "
    "model, and a chatbot that answers from the extracted facts.",
    "Video analytics on retail shelves: object detection, OCR of price tags and image "
    "segmentation with a vision-language model on edge devices.",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -- processes ---------------------------------------------------------------------------------


class Processes:
    """Child processes, each in a session (process group) of its own, logging to a folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], *, env: dict | None = None) -> subprocess.Popen:
        logfile = open(self.folder / f"{name}.log", "a")  # noqa: SIM115 - closed with the process
        logfile.write(f"\n--- started {datetime.now(UTC):%H:%M:%S} UTC: {' '.join(command)}\n")
        logfile.flush()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.logfile = logfile
        self.running[name] = process
        return process

    def signal(self, name: str, sig: int, *, wait: float = 30) -> None:
        process = self.running.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        # What is left of the group (a prefork child) goes too.
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.logfile.close()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.signal(name, signal.SIGTERM, wait=20)

    def log_text(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_for_line(self, name: str, text: str, *, after: int, seconds: float) -> bool:
        """Whether `text` appears in the log past offset `after` within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.log_text(name)[after:]:
                return True
            process = self.running.get(name)
            if process is not None and process.poll() is not None:
                return False
            time.sleep(0.3)
        return False


class Redis:
    """The private redis-server: one port, stopped and started again on it."""

    def __init__(self, processes: Processes, folder: Path):
        self.processes = processes
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        self.processes.start("redis", redis_server_command(self.port, self.folder))
        wait_for_redis(self.port)

    def stop(self) -> None:
        self.processes.signal("redis", signal.SIGTERM, wait=10)


def start_worker(processes: Processes, queue: str, *, hostname: str, folder: Path) -> None:
    """`celery worker` as docker-compose runs it; returns once it logged "ready"."""
    if queue == "ml":
        options = ["--concurrency", "1", "--prefetch-multiplier", "1"]
        options += ["--max-memory-per-child", "6000000"]
    else:
        options = ["--concurrency", "2", "--beat", "--schedule", str(folder / "beat-schedule")]
    name = f"worker-{queue}"
    offset = len(processes.log_text(name))
    processes.start(
        name,
        [CELERY, "-A", "conference", "worker", "-Q", queue, "--hostname", hostname]
        + options
        + ["--loglevel", "INFO"],
        env={"LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"},
    )
    if not processes.wait_for_line(name, " ready.", after=offset, seconds=180):
        raise RuntimeError(f"the {queue} worker did not start:\n{processes.log_text(name)[-3000:]}")


# -- HTTP --------------------------------------------------------------------------------------


class Client:
    """One request per call to gunicorn on loopback; failures are 5xx or no answer at all."""

    def __init__(self, port: int):
        self.port = port
        self.sent = 0
        self.failed = 0
        self.problems: list[str] = []

    def request(self, method: str, path: str, *, token: str = "", body=None, timeout=30):
        """(status or None, parsed JSON or text, seconds)."""
        headers = {"Host": HOST, "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.sent += 1
        began = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            self.failed += 1
            self.problems.append(f"{method} {path}: {type(error).__name__}: {error}")
            return None, str(error), time.perf_counter() - began
        finally:
            connection.close()
        seconds = time.perf_counter() - began
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")[:500]
        if status >= 500:
            self.failed += 1
            self.problems.append(f"{method} {path}: {status}")
        return status, parsed, seconds


def wait_ready(client: Client, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, client.port, timeout=5)
            connection.request("GET", path, headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def wait_until(predicate, *, seconds: float, interval: float = 0.5, report: float = 10):
    """Poll `predicate()` (returning (done, text)) for at most `seconds`; prints every `report`."""
    deadline = time.monotonic() + seconds
    shown = 0.0
    while True:
        done, text = predicate()
        if done or time.monotonic() >= deadline:
            return done, text
        if time.monotonic() - shown >= report:
            log(f"  waiting: {text}")
            shown = time.monotonic()
        time.sleep(interval)


def median_ms(values: list[float]) -> float | None:
    return round(statistics.median(values) * 1000, 1) if values else None


# -- data --------------------------------------------------------------------------------------


def make_conference(tag: str, name: str):
    from conference.models import Conference, Track
    from scheduling.demo_data import TRACKS

    conference = Conference.objects.create(
        name=f"Faults benchmark: {name}",
        slug=f"faults-{name}-{tag}",
        start_date=datetime(2027, 6, 1).date(),
        end_date=datetime(2027, 6, 2).date(),
        timezone="Asia/Shanghai",
    )
    for position, track in enumerate(TRACKS):
        Track.objects.create(conference=conference, position=position, **track)
    return conference


def make_user(username: str, *, token: bool = False):
    from django.contrib.auth import get_user_model

    from conference.api.services import create_api_token

    user = get_user_model().objects.create(username=username, email=f"{username}@example.org")
    key = create_api_token(user=user, name="faults benchmark")[1] if token else ""
    return user, key


def make_organiser(conference, tag: str):
    from conference.enums import Role
    from conference.models import Membership

    user, key = make_user(f"{conference.slug}-org", token=True)
    Membership.objects.create(conference=conference, user=user, role=Role.ORGANISER)
    return user, key


def make_submissions(conference, count: int, *, track=None):
    """Submissions written straight to the database: no task is queued for them."""
    from talks.models import Submission

    return [
        Submission.objects.create(
            conference=conference,
            title=f"Talk {n}",
            abstract=f"{ABSTRACTS[n % len(ABSTRACTS)]} (case {n})",
            format="talk",
            duration=30,
            state="submitted",
            track=track,
            track_source="review" if track else "",
        )
        for n in range(count)
    ]


def broker_backlog(url: str) -> int:
    """Messages waiting in the two queues or handed to a worker and not yet acknowledged."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
    try:
        return client.llen("default") + client.llen("ml") + client.hlen("unacked")
    finally:
        client.close()


def pending_work(conference_ids: list[int], broker_url: str) -> tuple[bool, str]:
    """Whether the workers are idle: no unpublished task, no queued mail, no missing prediction,
    no message waiting in the broker."""
    from conference.models import Conference, OutboxMail, OutboxTask
    from modeldemo.services import current_version_name
    from talks.selectors import submissions_without_prediction

    unpublished = OutboxTask.objects.filter(published_at__isnull=True).count()
    queued = OutboxMail.objects.filter(status=OutboxMail.Status.QUEUED).count()
    missing = sum(
        submissions_without_prediction(
            conference=c, model_version=current_version_name(conference=c)
        ).count()
        for c in Conference.objects.filter(pk__in=conference_ids)
    )
    backlog = broker_backlog(broker_url)
    text = (
        f"{unpublished} tasks unpublished, {queued} mails queued, {missing} predictions missing, "
        f"{backlog} messages in the broker"
    )
    return unpublished == queued == missing == backlog == 0, text


def tasks_in_log(text: str, names: tuple[str, ...]) -> dict[str, int]:
    """How many of each task a worker's log says succeeded."""
    lines = [line for line in text.splitlines() if "] succeeded in " in line]
    return {name: sum(f"Task {name}[" in line for line in lines) for name in names}


# -- the faults --------------------------------------------------------------------------------


def fault_broker_down_at_submit(*, client, processes, redis, conference, speakers, wait):
    from conference.models import OutboxMail, OutboxTask
    from talks.models import Prediction

    log(f"1. broker/cache down at submit: stopping redis, {len(speakers)} submissions")
    redis.stop()
    created, statuses, latencies = [], [], []
    sent_before, failed_before = client.sent, client.failed
    health_status, health, _seconds = client.request("GET", "/health/")
    for n, (user, key) in enumerate(speakers):
        status, body, seconds = client.request(
            "POST",
            "/api/v1/submissions/",
            token=key,
            body={
                "conference": conference.slug,
                "title": f"Outage talk {n}",
                "abstract": ABSTRACTS[n % len(ABSTRACTS)] + f" (speaker {n})",
                "format": "talk",
                "duration": 30,
            },
        )
        statuses.append(status)
        latencies.append(seconds)
        if status == 201:
            created.append((body["id"], user.email))
        print(f"  POST {n + 1}/{len(speakers)}: {status} in {seconds:.2f} s", flush=True)
    unpublished = OutboxTask.objects.filter(published_at__isnull=True).count()
    offsets = {name: len(processes.log_text(name)) for name in ("worker-default", "worker-ml")}
    redis.start()
    back = time.monotonic()
    back_at = datetime.now(UTC)
    log(f"  redis back; {len(created)} created, {unpublished} tasks waiting in the outbox")
    ids = [pk for pk, _ in created]
    emails = [email for _, email in created]

    def counts():
        predicted = (
            Prediction.objects.filter(submission_id__in=ids).values("submission").distinct().count()
        )
        mailed = OutboxMail.objects.filter(
            to__in=emails, kind="cfp.received", status=OutboxMail.Status.SENT
        ).count()
        return predicted, mailed

    def done():
        predicted, mailed = counts()
        text = f"{predicted}/{len(ids)} predicted, {mailed}/{len(ids)} mails sent"
        return predicted == mailed == len(ids), text

    recovered, text = wait_until(done, seconds=wait)
    recovered_in = time.monotonic() - back
    predicted, mailed = counts()
    log(f"  {text} after {recovered_in:.1f} s")
    failed_mail = OutboxMail.objects.filter(to__in=emails, status=OutboxMail.Status.FAILED).count()
    # Who published the waiting tasks: the beat tick's sweep (its log line, UTC like this one).
    sweeps = [
        line
        for line in processes.log_text("worker-default")[offsets["worker-default"] :].splitlines()
        if "published late" in line or "Sending due task publish-outbox" in line
    ]
    return {
        "fault": "broker/cache down at submit",
        "injected": "redis-server stopped (SIGTERM) before the POSTs, started again after them; "
        "workers kept running (the default one with --beat)",
        "requests": client.sent - sent_before,
        "failed": client.failed - failed_before,
        "lost": (len(speakers) - len(created)) + (len(ids) - predicted) + (len(ids) - mailed),
        "recover_s": round(recovered_in, 1) if recovered else None,
        "details": {
            "statuses": statuses,
            "post_p50_ms": median_ms(latencies),
            "post_max_ms": round(max(latencies) * 1000, 1),
            "health_during_outage": [health_status, health],
            "outbox_unpublished_at_restart": unpublished,
            "predicted": predicted,
            "mails_sent": mailed,
            "mails_failed": failed_mail,
            "submissions": len(ids),
            "redis_back_at": back_at.isoformat(timespec="milliseconds"),
            "sweep_log": sweeps[:4],
        },
        "_ml_log_offset": offsets["worker-ml"],
    }


def fault_cache_down_agenda(*, client: Client, redis: Redis, slug: str, requests: int):
    path = f"/c/{slug}/schedule/"
    log(f"2. cache down while the agenda is read: {requests} GETs up, {requests} down")
    sent_before, failed_before = client.sent, client.failed

    def read(label: str) -> dict:
        latencies, statuses = [], {}
        began = time.monotonic()
        for _ in range(requests):
            if time.monotonic() - began > 120:
                break
            status, _body, seconds = client.request("GET", path)
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if status == 200:
                latencies.append(seconds)
        row = {"statuses": statuses, "p50_ms": median_ms(latencies), "sent": sum(statuses.values())}
        log(f"  redis {label}: {statuses}, p50 {row['p50_ms']} ms")
        return row

    client.request("GET", path)  # the cache filled
    up = read("up")
    redis.stop()
    failed_before_down = client.failed
    down = read("down")
    failed_down = client.failed - failed_before_down
    redis.start()
    back = time.monotonic()
    status, _body, _seconds = client.request("GET", path)
    return {
        "fault": "cache down while the agenda is read",
        "injected": "redis-server stopped (SIGTERM) between two series of anonymous agenda GETs",
        "requests": client.sent - sent_before,
        "failed": client.failed - failed_before,
        "lost": 0,
        "recover_s": round(time.monotonic() - back, 1) if status == 200 else None,
        "details": {
            "talks_on_agenda": None,
            "redis_up": up,
            "redis_down": down,
            "failed_while_down": failed_down,
            "first_get_after_restart": status,
        },
    }


def fault_ml_worker_killed(*, client, processes, conference, key, talks, hostname, folder, wait):
    from modeldemo.models import Job
    from modeldemo.services import current_version_name
    from talks.models import Prediction

    log(f"3. ml worker kill -9 mid-batch: re-categorising {talks} submissions")
    sent_before, failed_before = client.sent, client.failed
    make_submissions(conference, talks)
    version = current_version_name(conference=conference)

    def current() -> int:
        return Prediction.objects.filter(
            submission__conference=conference, model_version=version
        ).count()

    status, body, _seconds = client.request(
        "POST", f"/api/v1/conferences/{conference.slug}/recategorisation/", token=key
    )
    job_id = body.get("id") if isinstance(body, dict) else None
    log(f"  POST recategorisation: {status}, job {job_id}")
    posted = time.monotonic()
    first, _text = wait_until(
        lambda: (current() > 0, f"{current()} predicted"), seconds=wait, interval=0.05
    )
    first_in = time.monotonic() - posted
    processes.signal("worker-ml", signal.SIGKILL)
    killed = time.monotonic()
    at_kill = current()
    job = Job.objects.filter(pk=job_id).first()
    job_at_kill = (job.status, job.worker) if job else None
    log(f"  killed the ml worker (process group) at {at_kill}/{talks} predicted; job {job_at_kill}")
    start_worker(processes, "ml", hostname=hostname, folder=folder)
    started_in = time.monotonic() - killed
    log(f"  new ml worker ready {started_in:.1f} s after the kill")
    recovered, text = wait_until(
        lambda: (current() == talks, f"{current()}/{talks} predicted"), seconds=wait
    )
    recovered_in = time.monotonic() - killed
    log(f"  {text} {recovered_in:.1f} s after the kill")
    job_status, job_body, _seconds = client.request(
        "GET", f"/api/v1/conferences/{conference.slug}/jobs/{job_id}/", token=key
    )
    sweep_lines = [
        line for line in processes.log_text("worker-ml").splitlines() if "ml worker start:" in line
    ]
    return {
        "fault": "ml worker kill -9 mid-batch",
        "injected": "SIGKILL to the ml worker's process group (main process and prefork child) "
        "once the first prediction was written; a new worker under the same --hostname",
        "requests": client.sent - sent_before,
        "failed": client.failed - failed_before,
        "lost": talks - current(),
        "recover_s": round(recovered_in, 1) if recovered else None,
        "details": {
            "recategorisation_status": status,
            "killed_mid_batch": bool(first) and at_kill < talks,
            "first_prediction_s": round(first_in, 1),
            "predicted_at_kill": at_kill,
            "job_at_kill": job_at_kill,
            "new_worker_ready_s": round(started_in, 1),
            "job_after": [job_status, job_body],
            "job_marked_failed": isinstance(job_body, dict) and job_body.get("status") == "failed",
            "sweep_log": sweep_lines[-1:],
        },
    }


def fault_delete_track(*, client: Client, conference, key):
    from conference.models import Track
    from talks.models import Prediction, Submission

    log("4. deleting a track that holds work, through the API")
    sent_before, failed_before = client.sent, client.failed
    old = Track.objects.get(conference=conference, slug="natural-language-processing")
    new = Track.objects.get(conference=conference, slug="computer-vision")
    subs = Submission.objects.filter(conference=conference)

    def snapshot() -> dict:
        return {
            "submissions": subs.count(),
            "decided": sorted(subs.filter(track=old).values_list("pk", "track_source")),
            "suggested": sorted(subs.filter(suggested_track=old).values_list("pk", flat=True)),
            "predictions": Prediction.objects.filter(submission__conference=conference).count(),
            "predictions_on_old": sorted(
                Prediction.objects.filter(track=old).values_list("pk", flat=True)
            ),
        }

    before = snapshot()
    url = f"/api/v1/conferences/{conference.slug}/setup/tracks/{old.pk}/"
    refused, refused_body, _s = client.request("DELETE", url, token=key)
    after_refusal = snapshot()
    log(f"  without reassign_to: {refused} {refused_body}")
    moved, _body, _s = client.request("DELETE", f"{url}?reassign_to={new.pk}", token=key)
    log(f"  with reassign_to={new.pk}: {moved}")
    track_gone = not Track.objects.filter(pk=old.pk).exists()
    decided_after = dict(
        subs.filter(pk__in=[pk for pk, _ in before["decided"]]).values_list("pk", "track_id")
    )
    sources_after = dict(subs.values_list("pk", "track_source"))
    lost = (
        (before["submissions"] - subs.count())
        + sum(1 for pk, _ in before["decided"] if decided_after.get(pk) != new.pk)
        + sum(1 for pk, source in before["decided"] if sources_after.get(pk) != source)
        + sum(
            1 for pk in before["suggested"] if not subs.filter(pk=pk, suggested_track=new).exists()
        )
        + (
            before["predictions"]
            - Prediction.objects.filter(submission__conference=conference).count()
        )
        + sum(
            1
            for pk in before["predictions_on_old"]
            if not Prediction.objects.filter(pk=pk, track=new).exists()
        )
    )
    if after_refusal != before:
        lost += 1
    return {
        "fault": "deleting a track that holds work",
        "injected": "DELETE .../setup/tracks/<id>/ without reassign_to, then with "
        "?reassign_to=<another track>",
        "requests": client.sent - sent_before,
        "failed": client.failed - failed_before,
        "lost": lost,
        "recover_s": 0.0 if refused == 400 and moved == 204 and not lost else None,
        "details": {
            "without_reassign": [refused, refused_body],
            "with_reassign": moved,
            "unchanged_after_refusal": after_refusal == before,
            "track_deleted": track_gone,
            "held": {
                "decided": len(before["decided"]),
                "suggested": len(before["suggested"]),
                "predictions": len(before["predictions_on_old"]),
            },
        },
    }


# -- report ------------------------------------------------------------------------------------


def print_table(rows: list[dict]) -> None:
    print(f"\n{'fault':<38} {'requests':>8} {'failed':>6} {'lost':>5} {'recover s':>9}")
    for row in rows:
        recover = "—" if row["recover_s"] is None else f"{row['recover_s']:.1f}"
        print(
            f"{row['fault']:<38} {row['requests']:>8} {row['failed']:>6} {row['lost']:>5} "
            f"{recover:>9}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=100, help="re-categorised in fault 3")
    parser.add_argument("--speakers", type=int, default=20, help="submissions in fault 1")
    parser.add_argument("--requests", type=int, default=200, help="agenda GETs per series")
    parser.add_argument("--agenda-talks", type=int, default=60)
    parser.add_argument("--wait", type=float, default=150, help="seconds, at most, per recovery")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "faults.json"))
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        print("redis-server is needed.")
        return 2

    began = time.monotonic()
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    processes = Processes(folder)
    redis = Redis(processes, folder)
    tag = uuid.uuid4().hex[:8]
    # This process, gunicorn and the workers share the settings: one deployment on loopback.
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "conference.settings",
            "DATABASE_URL": os.environ.get("DATABASE_URL") or DEFAULT_DATABASE,
            "REDIS_URL": redis.url,
            "DEBUG": "0",
            "SECRET_KEY": "bench-faults-only-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "ML_MODELS_DIR": str(folder / "models"),
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database.")
        return 2
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    conferences = []
    rows: list[dict] = []
    # Every user this run makes (speakers, organisers, build_conference's) comes after this one.
    last_user = get_user_model().objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        redis.start()
        log(f"redis on {redis.url}; logs in {folder}")
        submit = make_conference(tag, "submit")
        conferences.append(submit)
        speakers = [make_user(f"faults-{tag}-s{n}", token=True) for n in range(args.speakers)]
        agenda = build_conference(talks=args.agenda_talks, rooms=4, days=1)
        conferences.append(agenda)
        tracks = make_conference(tag, "tracks")
        conferences.append(tracks)
        from conference.models import Track

        nlp = Track.objects.get(conference=tracks, slug="natural-language-processing")
        make_submissions(tracks, 6, track=nlp)
        make_submissions(tracks, 6)
        tracks_key = make_organiser(tracks, tag)[1]
        recat = make_conference(tag, "recat")
        conferences.append(recat)
        recat_key = make_organiser(recat, tag)[1]
        connection.close()

        port = free_port()
        processes.start(
            "gunicorn",
            [GUNICORN, "conference.wsgi", "--workers", "2", "--bind", f"{HOST}:{port}"]
            + ["--timeout", "60", "--limit-request-line", "8190", "--log-level", "warning"],
        )
        client = Client(port)
        wait_ready(client, "/health/")
        host = f"bench-faults-{os.getpid()}"
        start_worker(processes, "default", hostname=f"default@{host}", folder=folder)
        start_worker(processes, "ml", hostname=f"ml@{host}", folder=folder)
        log("workers ready; waiting for their sweeps to categorise what exists")
        ids = [c.pk for c in conferences]

        def settle(what: str) -> float:
            """Wait until the workers have nothing left to do; returns how long that took."""
            waited = time.monotonic()
            idle, text = wait_until(lambda: pending_work(ids, redis.url), seconds=args.wait + 60)
            if not idle:
                raise RuntimeError(f"the workers did not settle {what}: {text}")
            log(f"idle {what} ({time.monotonic() - waited:.0f} s): {text}")
            return time.monotonic() - waited

        settle("before the faults")
        client.sent = client.failed = 0

        rows.append(fault_delete_track(client=client, conference=tracks, key=tracks_key))
        row = fault_cache_down_agenda(
            client=client, redis=redis, slug=agenda.slug, requests=args.requests
        )
        row["details"]["talks_on_agenda"] = args.agenda_talks
        rows.append(row)
        row = fault_broker_down_at_submit(
            client=client,
            processes=processes,
            redis=redis,
            conference=submit,
            speakers=speakers,
            wait=args.wait,
        )
        # What the ml worker still had to do after every submission had its prediction.
        busy = settle("after the outage")
        ml_log = processes.log_text("worker-ml")[row.pop("_ml_log_offset") :]
        row["details"]["ml_busy_after_recovery_s"] = round(busy, 1)
        row["details"]["ml_tasks_after_restart"] = tasks_in_log(
            ml_log,
            (
                "modeldemo.categorise_submission",
                "modeldemo.categorise_submissions",
                "modeldemo.queue_missing_predictions",
            ),
        )
        rows.append(row)
        rows.append(
            fault_ml_worker_killed(
                client=client,
                processes=processes,
                conference=recat,
                key=recat_key,
                talks=args.talks,
                hostname=f"ml@{host}",
                folder=folder,
                wait=args.wait,
            )
        )
    finally:
        processes.stop_all()
        from conference.models import Conference

        Conference.objects.filter(pk__in=[c.pk for c in conferences]).delete()
        get_user_model().objects.filter(pk__gt=last_user).delete()

    print_table(rows)
    errors = [
        line
        for line in processes.log_text("gunicorn").splitlines()
        if "Traceback" in line or "Internal Server Error" in line or "ERROR" in line
    ]
    if client.problems:
        print("failed requests:", *client.problems[:20], sep="\n  ")
    if errors:
        print(f"gunicorn logged {len(errors)} error lines (see {folder / 'gunicorn.log'})")
    seconds = time.monotonic() - began
    report = {
        "benchmark": "faults",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "seconds": round(seconds, 1),
        "speakers": args.speakers,
        "talks": args.talks,
        "agenda_requests": args.requests,
        "agenda_talks": args.agenda_talks,
        "wait_s": args.wait,
        "setup": "private redis-server (broker and cache); gunicorn 2 sync workers, DEBUG off; "
        "celery -Q default --concurrency 2 --beat; celery -Q ml --concurrency 1 "
        "--prefetch-multiplier 1; PostgreSQL",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "gunicorn_error_lines": errors[:20],
        "results": rows,
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"Wrote {output}; {seconds:.0f} s in all; logs in {folder}")
    return 0 if all(r["failed"] == 0 and r["lost"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

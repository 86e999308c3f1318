"""/health/: what this web process can reach, for load balancers, docker and people.

200 while the database answers, even with the cache or the broker away: the site still serves
(cache misses are computed, tasks wait in the outbox). 503 when the database does not answer.
`?workers=1` also pings the Celery workers over the broker (half a second more).
"""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

TIMEOUT_SECONDS = 0.5


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        state = check()
    except Exception as error:  # noqa: BLE001 — a health report names every failure
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1), **(state or {})}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> dict:
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return {"kind": "local"}  # the process's own memory: nothing to reach
    # Straight to Redis: the degrading cache would turn its absence into a miss.
    client.get_client(write=False).ping()
    return {"kind": "redis"}


def _broker() -> dict:
    from conference.celery import app

    if app.conf.task_always_eager:
        return {"kind": "eager"}
    with app.connection_for_write(connect_timeout=TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=0, timeout=TIMEOUT_SECONDS)
    return {"kind": broker.transport_cls}


def _workers() -> dict:
    from conference.celery import app

    if app.conf.task_always_eager:
        return {"kind": "eager", "names": []}
    replies = app.control.ping(timeout=TIMEOUT_SECONDS) or []
    names = sorted(name for reply in replies for name in reply)
    if not names:
        raise RuntimeError("no worker answered the ping")
    return {"names": names}


@never_cache
def health(request):
    checks = {
        "database": _timed(_database),
        "cache": _timed(_cache),
        "broker": _timed(_broker),
    }
    if request.GET.get("workers"):
        checks["workers"] = _timed(_workers)
    if not checks["database"]["ok"]:
        status = "down"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse(
        {"status": status, "checks": checks},
        status=503 if status == "down" else 200,
    )

"""Settings come from the environment; production settings pass `check --deploy`."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICE_VARS = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_BROKER_FOLDER",
    "DEBUG",
    "SECRET_KEY",
    "EMAIL_HOST",
    "ML_DEVICE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests; never in production
}

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from conference.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "email": settings.EMAIL_BACKEND,
    "cache": settings.CACHES["default"]["BACKEND"],
    "routes": app.conf.task_routes,
    "queues": sorted(q.name for q in app.conf.task_queues),
    "prefetch": app.conf.worker_prefetch_multiplier,
}))
"""


def _run(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="conference.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_settings_embedded_default_with_nothing_set():
    result = _run(["-c", PRINT_SETTINGS])

    assert json.loads(result.stdout) == {
        "engine": "django.db.backends.sqlite3",
        "eager": True,
        "broker": "memory://",
        "email": "django.core.mail.backends.console.EmailBackend",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "routes": {
            "modeldemo.fail_stale_jobs": {"queue": "default"},
            "modeldemo.*": {"queue": "ml"},
        },
        "queues": ["default", "ml"],
        "prefetch": 1,
    }


def test_settings_services_mode_uses_postgres_and_redis():
    result = _run(
        ["-c", PRINT_SETTINGS],
        DATABASE_URL="postgres://u:p@db.example:5432/conf",
        REDIS_URL="redis://cache.example:6379/3",
    )

    report = json.loads(result.stdout)
    assert report["engine"] == "django.db.backends.postgresql"
    assert report["eager"] is False
    assert report["broker"] == "redis://cache.example:6379/3"
    assert report["cache"] == "conference.cache.DegradingRedisCache"


def test_settings_production_passes_check_deploy():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="k7#Vq2!pZ9@rT4$wX8^mN3&bL6*cJ1(hG5)fD0_sA-yU+eO=iQ",
        ALLOWED_HOSTS="conference.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_settings_production_refuses_a_missing_secret_key():
    result = _run(["manage.py", "check"], DEBUG="0")

    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_settings_refuses_an_unknown_ml_device():
    result = _run(["manage.py", "check"], ML_DEVICE="tpu")

    assert result.returncode == 1
    assert "ML_DEVICE must be auto, cpu or cuda." in result.stderr


def test_settings_embedded_broker_for_make_run(tmp_path):
    # What `make run` sets: the filesystem broker, so a worker beside the server takes the tasks.
    script = (
        "import json, django\n"
        "django.setup()\n"
        "from conference.celery import app\n"
        "options = app.conf.broker_transport_options\n"
        "print(json.dumps({'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url,"
        " 'remote_control': app.conf.worker_enable_remote_control,"
        " 'folders': [options[k] for k in ('data_folder_in', 'data_folder_out',"
        " 'processed_folder', 'control_folder')]}))\n"
    )
    result = _run(
        ["-c", script], CELERY_BROKER_URL="filesystem://", CELERY_BROKER_FOLDER=str(tmp_path)
    )

    assert json.loads(result.stdout) == {
        "eager": False,
        "broker": "filesystem://",
        "remote_control": False,
        "folders": [
            str(tmp_path / "messages"),
            str(tmp_path / "messages"),
            str(tmp_path / "processed"),
            str(tmp_path / "control"),
        ],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["control", "messages", "processed"]

"""/health/ reports the database, the cache and the broker, and degrades rather than fails."""

from conference.celery import app


def test_health_is_ok_when_everything_answers(client, db):
    response = client.get("/health/")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "broker": True,
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_is_degraded_without_cache_or_broker(client, db, settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "conference.cache.DegradingRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=private_redis.url)
    private_redis.stop()
    try:
        response = client.get("/health/")
    finally:
        app.conf.update(saved)

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert (body["checks"]["database"]["ok"], body["checks"]["cache"]["ok"]) == (True, False)
    assert body["checks"]["broker"]["ok"] is False
    assert "Error" in body["checks"]["cache"]["error"]

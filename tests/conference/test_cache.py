"""An unreachable Redis cache reads as a miss: no request fails because the cache did.

These run against a private redis-server on a free loopback port, stopped and started again.
"""

import re
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from conference.cache import DegradingRedisCache
from tests.scheduling.builders import hard_conference


@pytest.fixture
def redis_cache(private_redis):
    return DegradingRedisCache(
        private_redis.url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    )


def test_cache_works_while_redis_answers(redis_cache):
    redis_cache.set("k", "v", 60)

    assert redis_cache.get("k") == "v"
    assert redis_cache.add("k", "other") is False
    assert redis_cache.add("n", 1) is True
    assert redis_cache.incr("n") == 2


def test_cache_reads_as_a_miss_while_redis_is_down(private_redis, redis_cache):
    redis_cache.set("k", "v", 60)
    private_redis.stop()

    assert redis_cache.get("k") is None
    assert redis_cache.get("k", "fallback") == "fallback"
    assert redis_cache.get_many(["k", "j"]) == {}
    assert redis_cache.has_key("k") is False
    assert redis_cache.add("new", 1) is False
    assert redis_cache.set("k", "w") is None
    assert redis_cache.delete("k") is False
    with pytest.raises(ValueError):
        redis_cache.incr("k")


def test_cache_recovers_when_redis_comes_back(private_redis, redis_cache):
    private_redis.stop()
    assert redis_cache.get("k") is None

    private_redis.start()
    redis_cache.set("k", "back", 60)

    assert redis_cache.get("k") == "back"


def test_agenda_answers_while_the_cache_is_down(client, db, settings, private_redis):
    conference = hard_conference()["conference"]
    settings.CACHES = {
        "default": {
            "BACKEND": "conference.cache.DegradingRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    url = reverse("scheduling:agenda", args=[conference.slug])
    cached = client.get(url)
    private_redis.stop()
    try:
        started = time.monotonic()
        response = client.get(url)
        seconds = time.monotonic() - started
    finally:
        caches["default"].close()

    assert (cached.status_code, response.status_code) == (200, 200)
    # The same page; each answer has a CSRF token of its own (the language switcher's).
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
    assert token.sub(b"", response.content) == token.sub(b"", cached.content)
    assert seconds < 3

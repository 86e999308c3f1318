from tests.private_redis import private_redis  # noqa: F401 — a fixture

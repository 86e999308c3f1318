"""Docker cannot run here: check that the compose file describes every service properly."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_service_with_its_command():
    services = _compose()["services"]

    assert sorted(services) == ["beat", "flower", "postgres", "redis", "web", "worker", "worker-ml"]
    assert "gunicorn conference.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A conference worker -Q default")
    assert services["worker-ml"]["command"].startswith("celery -A conference worker -Q ml")
    assert "--prefetch-multiplier 1" in services["worker-ml"]["command"]
    assert services["beat"]["command"].startswith("celery -A conference beat")
    assert services["flower"]["command"].startswith("celery -A conference flower")
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_compose_ml_worker_reserves_a_gpu():
    worker = _compose()["services"]["worker-ml"]

    (device,) = worker["deploy"]["resources"]["reservations"]["devices"]
    assert device == {"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}
    assert worker["environment"]["ML_DEVICE"] == "auto"


def test_compose_services_have_health_checks():
    services = _compose()["services"]

    for name in ["web", "worker", "worker-ml", "postgres", "redis", "flower"]:
        assert services[name]["healthcheck"]["test"], name
    for name in ["web", "worker", "worker-ml", "beat", "flower"]:
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["healthcheck"]["test"] == [
        "CMD",
        "curl",
        "-fsS",
        "http://127.0.0.1:8000/health/",
    ]


def test_web_health_check_path_answers(client, db):
    # The path docker-compose's web health check asks for.
    assert client.get("/health/").status_code == 200


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_text = (ROOT / "conference" / "settings.py").read_text()
    read = set(re.findall(r'env(?:_bool|_int|_list|_secret)?\(\s*"([A-Z_]+)"', settings_text))
    read |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', settings_text))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))

    assert read - listed == set()

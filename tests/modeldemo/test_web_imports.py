"""The web process must never load torch: only the ml workers do.

A fresh interpreter renders the pages (in this test process torch is long loaded by others).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from django.contrib.auth.models import User
from django.utils import timezone
from datetime import timedelta, date
from conference.models import Conference, Membership, Track
conference = Conference.objects.create(
    name="C", slug="c", start_date=date(2030, 1, 1), end_date=date(2030, 1, 2),
    cfp_opens_at=timezone.now() - timedelta(days=1),
    cfp_closes_at=timezone.now() + timedelta(days=1),
)
Track.objects.create(conference=conference, name="NLP", slug="nlp")
user = User.objects.create_user("org", password="x")
Membership.objects.create(conference=conference, user=user, role="organiser")
client = Client()
client.force_login(user)
urls = (
    "/", "/c/c/", "/c/c/submit/", "/c/c/review/tracks/", "/me/submissions/", "/ml/walkthrough/",
    "/ml/c/c/models/",
)
statuses = [client.get(url).status_code for url in urls]
loaded = {name: name in sys.modules for name in ("torch", "transformers")}
print(json.dumps({"statuses": statuses, **loaded}))
"""


def test_web_process_never_imports_torch(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "conference.settings"

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"statuses": [200] * 7, "torch": False, "transformers": False}

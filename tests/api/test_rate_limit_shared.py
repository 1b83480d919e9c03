"""The API's anonymous rate limit is one count for the whole site, not one per gunicorn worker:
it is kept in the default cache, which every worker process shares (a table of the database
without CACHE_URL, Redis in production)."""

import ast
import os
import subprocess
import sys

from tests.portal.test_settings import ROOT

# One gunicorn worker: its own process and cache connection, answering `n` anonymous requests
# from one client address with the API's throttle; prints whether each was let through.
WORKER = """
import sys

import django

django.setup()
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory

from core.api import AnonymousReadThrottle

call_command("createcachetable")  # what `migrate` does on a new database
answers = []
for _ in range(int(sys.argv[1])):
    request = RequestFactory().get("/api/v1/sdgs/", REMOTE_ADDR="198.51.100.7")
    request.user = AnonymousUser()
    answers.append(AnonymousReadThrottle().allow_request(request, None))
print(answers)
"""


def worker(database, requests: int) -> list[bool]:
    """Run one worker process on `database` with the default settings (no CACHE_URL)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "CACHE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=f"sqlite:///{database}",
        API_ANONYMOUS_RATE="3/minute",
    )
    result = subprocess.run(
        [sys.executable, "-c", WORKER, str(requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_two_workers_share_one_count(tmp_path):
    """3 per minute: a client served twice by one worker and twice by another is refused the
    fourth time, as if one worker had served all four."""
    database = tmp_path / "portal.sqlite3"
    assert worker(database, 2) == [True, True]
    assert worker(database, 2) == [True, False]

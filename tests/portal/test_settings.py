import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOAD_SETTINGS = "import django; django.setup(); print('started')"


def run_with(env_overrides, code=LOAD_SETTINGS, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code, *args] if code else [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    """DJANGO_DEBUG=0 without a secret key stops at start-up and says which variable to set."""
    result = run_with({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "portal.example.org"})
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    """DJANGO_DEBUG=0 without allowed hosts stops at start-up and says which variable to set."""
    result = run_with({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 60})
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    """`check --deploy` under production settings prints no warning."""
    result = run_with(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnop",
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        },
        None,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_wsgi_application_leaves_what_it_loaded_out_of_garbage_collection():
    """gunicorn's workers import portal.wsgi: the modules loaded then are frozen (gc.freeze), so
    the collector does not walk them on every collection a request sets off."""
    frozen = subprocess.run(
        [sys.executable, "-c", "import gc, portal.wsgi; print(gc.get_freeze_count())"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    assert int(frozen.stdout.split()[-1]) > 10_000, frozen.stderr

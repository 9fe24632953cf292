"""The production shape: deploy checks clean, strict settings, and the compose file."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


#: Set by the test run itself (tests/conftest.py); a deployment never has it.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, **env_changes) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in env_changes and k not in TEST_ONLY_ENV}
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kam.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://kam.example.com",
}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_are_hardened():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS, s.DATABASES['default']['ATOMIC_REQUESTS'])"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True 31536000 ['kam.example.com'] True"


def test_missing_secret_key_with_debug_off_is_refused():
    result = manage("check", DEBUG="0", SECRET_KEY=None, ALLOWED_HOSTS="kam.example.com")

    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off."
    ) in result.stderr


def test_debug_off_is_the_default_for_the_servers():
    # gunicorn (kam.wsgi) and celery (kam.celery) load the settings without manage.py.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", "import kam.wsgi"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_manage_py_on_a_fresh_clone_runs_as_development():
    show_debug = (
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG)",
    )

    fresh = manage(*show_debug, DEBUG=None, SECRET_KEY=None)
    deployed = manage(*show_debug, DEBUG=None, SECRET_KEY=PRODUCTION["SECRET_KEY"])

    assert (fresh.returncode, fresh.stdout.strip()) == (0, "True"), fresh.stderr
    assert (deployed.returncode, deployed.stdout.strip()) == (0, "False"), deployed.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "on please"])
def test_malformed_debug_is_refused(value):
    result = manage("check", DEBUG=value)

    assert result.returncode != 0
    assert f"ImproperlyConfigured: DEBUG={value!r} is not a boolean" in result.stderr


def test_malformed_integer_setting_is_refused():
    result = manage("check", DEBUG="1", AXES_FAILURE_LIMIT="five")

    assert result.returncode != 0
    assert "ImproperlyConfigured: AXES_FAILURE_LIMIT='five' is not an integer." in result.stderr


# docker-compose.yml


@pytest.fixture(scope="module")
def compose():
    with open(BASE_DIR / "docker-compose.yml") as fp:
        return yaml.safe_load(fp)


def test_compose_defines_the_production_services(compose):
    services = compose["services"]

    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    assert services["web"]["command"][:2] == ["gunicorn", "kam.wsgi:application"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "kam", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "kam", "beat"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


@pytest.mark.parametrize("name", ["web", "worker", "beat", "migrate"])
def test_compose_app_services_run_in_production_mode(compose, name):
    service = compose["services"][name]
    env = service["environment"]

    assert env["DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")  # required, never a default
    assert "ALLOWED_HOSTS" in env
    # Behind the documented TLS proxy, lockout keys on the client, not the proxy.
    assert env["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert service["depends_on"]["redis"] == {"condition": "service_healthy"}
    if name != "migrate":
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_compose_healthchecks(compose):
    services = compose["services"]

    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_compose_web_healthcheck_is_valid_python(compose):
    test = compose["services"]["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]

    compile(test[3], "healthcheck", "exec")


def test_dockerfile_builds_the_production_image():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()

    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    for step in [
        "pip install .",
        "collectstatic --noinput",
        "compilemessages",
        "USER kam",
        'CMD ["gunicorn", "kam.wsgi:application"',
    ]:
        assert step in dockerfile

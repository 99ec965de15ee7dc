"""The rules the image is built by, read from the Dockerfile, .dockerignore,
compose.yaml and .env.example, and the container's health check on its own.

The image itself is built and run by a real engine in test_container.py.
"""

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from config import healthcheck
from tests.docker import dockerfile
from tests.docker.dockerignore import is_excluded, read_patterns
from tests.server import free_port

PROJECT = Path(settings.BASE_DIR)
DOCKERFILE = (PROJECT / "Dockerfile").read_text()
DOCKERIGNORE = (PROJECT / ".dockerignore").read_text()
STAGES = dockerfile.stages(DOCKERFILE)
FINAL = STAGES[-1]

# How the image is built, read from the Dockerfile.


def test_every_stage_starts_from_slim_python_3_11_on_a_named_debian_release() -> None:
    assert len(STAGES) >= 2
    for stage in STAGES:
        assert re.fullmatch(r"python:3\.11(\.\d+)?-slim-(bookworm|trixie)", stage.base), stage.base


def test_requirements_are_installed_before_the_code_is_copied() -> None:
    # So the install layer is reused while only the code changes.
    build_stage = STAGES[0]
    keywords = [(each.keyword, each.arguments) for each in build_stage.instructions]
    install = next(i for i, (k, a) in enumerate(keywords) if k == "RUN" and "pip install" in a)
    copy_all = keywords.index(("COPY", ". ."))

    assert keywords[install - 1] == ("COPY", "requirements.txt .")
    assert install < copy_all


def test_the_image_runs_as_an_unprivileged_user_with_a_fixed_uid() -> None:
    user = FINAL.last("USER")

    assert user is not None
    uid = user.arguments.split(":")[0]
    assert uid.isdigit()
    assert int(uid) >= 1000


def test_no_secret_is_written_into_the_dockerfile() -> None:
    for stage in STAGES:
        for instruction in stage.all("ENV") + stage.all("ARG"):
            assert "SECRET" not in instruction.arguments.upper(), str(instruction)


def test_the_static_files_are_built_without_production_settings() -> None:
    # Building must not need the production secret: the build stage never
    # sets DJANGO_ENV=production.
    for stage in STAGES[:-1]:
        for instruction in stage.all("ENV"):
            assert "DJANGO_ENV" not in instruction.arguments, str(instruction)


def test_the_final_stage_runs_in_production_behind_the_healthcheck_on_port_8000() -> None:
    env: dict[str, str] = {}
    for instruction in FINAL.all("ENV"):
        env.update(dockerfile.env_pairs(instruction.arguments, env))
    health = dockerfile.health_check(FINAL.last("HEALTHCHECK").arguments)

    assert env["DJANGO_ENV"] == "production"
    assert env["HOST"] == "0.0.0.0"  # noqa: S104 (inside the container, for the port mapping)
    assert env["PORT"] == "8000"
    assert env["DATA_DIR"] == "/data"
    assert "DJANGO_DEBUG" not in env
    assert FINAL.last("EXPOSE").arguments == "8000"
    assert dockerfile.command(FINAL.last("VOLUME").arguments) == ["/data"]
    assert health.argv == ["python", "-m", "config.healthcheck"]
    assert dockerfile.command(FINAL.last("CMD").arguments) == [
        "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"
    ]  # fmt: skip


# The .dockerignore matcher follows Docker's rules.


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        # "*" and "?" stay within one path segment; a match on a directory
        # leaves out everything below it.
        ("*", "README.md", True),
        ("*", ".env", True),
        ("*", ".venv/bin/python", True),
        ("*.pyc", "x.pyc", True),
        ("*.pyc", "menu/x.pyc", False),
        ("menu/*.py", "menu/views.py", True),
        ("menu/*.py", "menu/migrations/0001_initial.py", False),
        ("menu/*/0001_initial.py", "menu/0001_initial.py", False),
        ("data?", "data1/x", True),
        ("data?", "data/x", False),
        ("*.py[cod]", "x.pyo", True),
        ("*.py[cod]", "x.pyx", False),
        # "**" spans any number of directories, none included.
        ("**/*.pyc", "x.pyc", True),
        ("**/*.pyc", "a/b/c/x.pyc", True),
        ("**/__pycache__", "__pycache__/x.pyc", True),
        ("**/__pycache__", "menu/management/__pycache__/x.pyc", True),
        ("**/__pycache__", "menu/not__pycache__/x.pyc", False),
        ("docs/**", "docs/a/b.md", True),
        ("docs/**", "docsx/a.md", False),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b/file", True),
        ("**", "anything/at/all", True),
        # A leading or trailing slash changes nothing: always from the root.
        ("/data", "data/db.sqlite3", True),
        ("/data", "menu/data/x", False),
        ("build/", "build/static/site.css", True),
        ("./build", "build/x", True),
        # "!" lets back in; the last pattern to match decides.
        ("*\n!config", "config/settings.py", False),
        ("*\n!config", "configs/x.py", True),
        ("*\n!/config/", "config/settings.py", False),
        ("*\n!config\n**/__pycache__", "config/__pycache__/settings.pyc", True),
        ("!config\nconfig", "config/settings.py", True),
        ("build\n!build/keep.txt", "build/keep.txt", False),
        ("build\n!build/keep.txt", "build/other.txt", True),
        # Comments only in the first column; blank lines skipped.
        ("# build\n\n  ", "build/x", False),
        (" build ", "build/x", True),
        # Characters special to regular expressions are plain in patterns.
        ("a+b.(c)", "a+b.(c)", True),
        ("a+b.(c)", "aab.(c)", False),
    ],
)
def test_dockerignore_patterns_match_as_docker_matches_them(
    patterns: str, path: str, excluded: bool
) -> None:
    assert is_excluded(path, read_patterns(patterns)) is excluded


def test_reading_a_lone_exclamation_mark_is_an_error_as_in_docker() -> None:
    with pytest.raises(ValueError, match="illegal exclusion pattern"):
        read_patterns("!")


def test_the_build_context_holds_the_site_and_leaves_out_secrets_data_and_tooling() -> None:
    patterns = read_patterns(DOCKERIGNORE)

    for needed in [
        "manage.py",
        "requirements.txt",
        "gunicorn.conf.py",
        "docker-entrypoint.sh",
        "config/settings.py",
        "config/healthcheck.py",
        "menu/migrations/0001_initial.py",
        "pages/site/takeout/index.html",
        "templates/base.html",
        "static/css/site.css",
    ]:
        assert not is_excluded(needed, patterns), needed
    for left_out in [
        ".env",
        ".env.example",
        ".git/config",
        ".venv/bin/python",
        "data/db.sqlite3",
        "data/db.sqlite3-wal",
        "build/static/staticfiles.json",
        "tests/conftest.py",
        "Dockerfile",
        "README.md",
        "menu/__pycache__/views.cpython-311.pyc",
        "config/settings.py~",
    ]:
        assert is_excluded(left_out, patterns), left_out


# The health check on its own.


@pytest.fixture
def answering(request: pytest.FixtureRequest) -> Iterator[int]:
    """A server on 127.0.0.1 that answers every GET with the given status and body."""
    status, body = request.param

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("answering", "healthy"),
    [
        ((200, b'{"status": "ok", "database": "ok"}'), True),
        ((503, b'{"status": "error", "database": "unavailable"}'), False),
        ((200, b'{"status": "starting"}'), False),
        ((200, b"<html>ok</html>"), False),
        ((200, b'["ok"]'), False),
        ((301, b""), False),
        ((404, b'{"status": "ok"}'), False),
    ],
    indirect=["answering"],
)
def test_health_check_passes_only_on_200_with_status_ok(
    answering: int, healthy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", str(answering))

    assert (healthcheck.main() == 0) is healthy


def test_health_check_fails_when_nothing_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", str(free_port()))

    assert healthcheck.main() == 1


def test_health_check_gives_up_on_a_server_that_never_answers() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        problem = healthcheck.check(silent.getsockname()[1], timeout=0.3)

    assert problem is not None
    assert "timed out" in problem


def test_health_check_fails_on_a_port_that_is_not_a_number(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORT", "eighty")

    assert healthcheck.main() == 1
    assert "PORT='eighty'" in capsys.readouterr().err


def test_health_check_runs_as_a_module_with_only_the_standard_library() -> None:
    # As the HEALTHCHECK runs it, in a fresh interpreter: importing Django
    # would be slow and could fail on settings the probe does not need.
    code = (
        "import sys, runpy; sys.argv = ['x']\n"
        "try:\n    runpy.run_module('config.healthcheck', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={"PORT": str(free_port())},
        capture_output=True,
        text=True,
        check=True,
    )

    assert done.stdout.strip() == "[]"


# The files a deployer edits.


def variables_read_by_the_site() -> set[str]:
    python = re.compile(
        r"(?:environ\.get|env_bool|env_list|env_rate|env_required|getenv)\(\s*[\"'](\w+)[\"']"
        r"|environ\[[\"'](\w+)[\"']\]"
    )
    names = set()
    for path in ["config/settings.py", "gunicorn.conf.py", "config/healthcheck.py"]:
        for match in python.finditer((PROJECT / path).read_text()):
            names.add(match.group(1) or match.group(2))
    names |= set(re.findall(r"\$\{(\w+)", (PROJECT / "docker-entrypoint.sh").read_text()))
    return names


def test_env_example_documents_every_variable_the_site_reads() -> None:
    example = (PROJECT / ".env.example").read_text()
    documented = set(re.findall(r"^#?(\w+)=", example, flags=re.MULTILINE))

    read = variables_read_by_the_site()

    assert read >= {"DJANGO_SECRET_KEY", "PORT", "GUNICORN_TIMEOUT", "LOAD_DEMO_DISHES"}
    assert read - documented == set()


def test_env_example_leaves_the_secret_key_empty() -> None:
    example = (PROJECT / ".env.example").read_text()

    assert re.search(r"^DJANGO_SECRET_KEY=$", example, flags=re.MULTILINE)


def test_compose_runs_the_image_hardened_with_the_data_volume_and_env_file() -> None:
    compose = (PROJECT / "compose.yaml").read_text()
    lines = {line.strip() for line in compose.splitlines() if not line.strip().startswith("#")}

    assert "env_file: ${TAKEOUT_ENV_FILE:-.env}" in lines
    assert "- data:/data" in lines
    assert "read_only: true" in lines
    assert "- /tmp" in lines
    assert re.search(r"cap_drop:\s*\n\s*- ALL\n", compose)
    assert "- no-new-privileges:true" in lines
    assert "restart: unless-stopped" in lines
    assert '- "127.0.0.1:${TAKEOUT_PORT:-8080}:8000"' in lines


def test_the_scaled_compose_file_runs_three_hardened_instances_behind_nginx_on_postgresql() -> None:
    # Read without an engine, so it holds on a machine without podman too;
    # tests/docker/test_scaled_compose.py brings it up where podman runs.
    compose = yaml.safe_load((PROJECT / "compose.scale.yaml").read_text())
    services = compose["services"]
    template = (PROJECT / "deploy" / "nginx" / "takeout.conf.template").read_text()

    for name in ("setup", "web"):
        site = services[name]
        assert site["read_only"] is True
        assert site["cap_drop"] == ["ALL"]
        assert site["environment"]["DATABASE_URL"].endswith("@db:5432/takeout")
    assert services["web"]["deploy"]["replicas"] == 3
    assert services["web"]["environment"]["MIGRATE_ON_START"] == "0"
    assert "MIGRATE_ON_START" not in services["setup"]["environment"]
    assert services["web"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    nginx = services["nginx"]
    assert set(re.findall(r"\$\{(TAKEOUT_\w+)\}", template)) == set(nginx["environment"])
    for volume in nginx["volumes"]:
        source = volume.split(":")[0]
        assert source == "files" or (PROJECT / source).is_file(), source


def test_podman_compose_reads_every_compose_file(tmp_path: Path) -> None:
    if shutil.which("podman") is None:
        message = "podman-compose needs podman: sudo apt-get install podman"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run this test, not skip it)")
        pytest.skip(message)
    env_file = tmp_path / ".env"
    env_file.write_text((PROJECT / ".env.example").read_text())
    env = {**os.environ, "TAKEOUT_ENV_FILE": str(env_file), "POSTGRES_PASSWORD": "only-a-test"}

    for files in (["compose.yaml"], ["compose.yaml", "compose.demo.yaml"], ["compose.scale.yaml"]):
        arguments = [argument for name in files for argument in ("--file", name)]
        read = subprocess.run(
            [sys.executable, "-m", "podman_compose", *arguments, "config"],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert read.returncode == 0, read.stderr
        assert "services:" in read.stdout

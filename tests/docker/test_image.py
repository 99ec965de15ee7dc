"""The Docker image builds, starts and serves both sides of the site, proven
without a Docker engine by replaying the real Dockerfile and .dockerignore.

The replay (`replay.py`) copies only what .dockerignore lets into the build
context, runs the Dockerfile's build steps for real (collectstatic and
build_pages) in temporary directories standing in for the image's /app, /data
and virtual environment, then starts the ENTRYPOINT and CMD with the image's
ENV and what a deployer passes (a fresh secret key, the public host name, the
proxy's header), bound to 127.0.0.1 on a free port. It runs the HEALTHCHECK
and fetches /takeout/ and /menu/ as the TLS proxy in front would.

These tests prove that the image serves the static page as the file and the
menu from Django under production settings, that its health check tells a
running site from a stopped one, that the site writes only to the /data
volume, and, by replaying broken copies of the Dockerfile and .dockerignore,
that a file left out of the context, a wrong WSGI module in CMD or a missing
build step each make the replay fail. Other tests check the rules the image
is built by (base image, layer order, user, no baked-in secret), the
.dockerignore matcher against Docker's rules, the health check on its own,
.env.example and compose.yaml.
"""

import http.server
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from config import healthcheck
from tests.docker import dockerfile
from tests.docker.dockerignore import context_files, is_excluded, read_patterns
from tests.docker.replay import (
    KNOWN_SKIPS,
    Build,
    Probe,
    ReplayFailed,
    ReplayVenv,
    Run,
    build,
    log_summary,
    make_venv,
    run_once,
    serve,
)
from tests.markup import with_plain_asset_names
from tests.server import free_port

PROJECT = Path(settings.BASE_DIR)
DOCKERFILE = (PROJECT / "Dockerfile").read_text()
DOCKERIGNORE = (PROJECT / ".dockerignore").read_text()
STAGES = dockerfile.stages(DOCKERFILE)
FINAL = STAGES[-1]
PUBLIC_HOST = "table.example"
# What the TLS proxy in front adds to every request it passes on.
THROUGH_THE_PROXY = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
PROBES = [
    Probe("takeout", "/takeout/", THROUGH_THE_PROXY),
    Probe("menu", "/menu/", THROUGH_THE_PROXY),
    Probe("menu over plain http", "/menu/", {"Host": PUBLIC_HOST}),
]


def runtime_env() -> dict[str, str]:
    """What a deployer passes with `docker run --env-file`, bound to loopback for the test."""
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "LOAD_DEMO_DISHES": "1",
        # Only 127.0.0.1, on a port no other test uses.
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
    }


@dataclass
class Replayed:
    build: Build
    run: Run


def site_problems(run: Run) -> list[str]:
    """What is wrong with the pages the container answered, as sentences."""
    problems = []
    if run.health.returncode != 0:
        problems.append(f"the HEALTHCHECK exited with {run.health.returncode}: {run.health.stderr}")
    takeout, menu = run.responses["takeout"], run.responses["menu"]
    if takeout.status != 200:
        problems.append(f"/takeout/ answered {takeout.status}")
    elif (
        with_plain_asset_names(takeout.body)
        != (PROJECT / "pages" / "site" / "takeout" / "index.html").read_bytes()
    ):
        problems.append(
            "/takeout/ is not pages/site/takeout/index.html as build_pages publishes it"
        )
    if takeout.header("Set-Cookie") is not None:
        problems.append("/takeout/ set a cookie: it is not answered as a file")
    if menu.status != 200:
        problems.append(f"/menu/ answered {menu.status}")
    elif b"<h1>Live menu</h1>" not in menu.body:
        problems.append("/menu/ is not the live menu")
    return problems


def replay(workspace: Path, venv: ReplayVenv, dockerfile_text: str, dockerignore: str) -> Replayed:
    """Build and run one Dockerfile; ReplayFailed, with the container's log, if the site fails."""
    built = build(
        project=PROJECT,
        dockerfile_text=dockerfile_text,
        dockerignore=dockerignore,
        venv=venv,
        workspace=workspace,
    )
    run = serve(built.image, runtime_env(), PROBES, workspace / "container.log")
    if problems := site_problems(run):
        raise ReplayFailed("; ".join(problems) + "\n" + log_summary(run.log))
    return Replayed(built, run)


@pytest.fixture(scope="session")
def replay_venv(tmp_path_factory: pytest.TempPathFactory) -> ReplayVenv:
    """One virtual environment with requirements.txt for every replay: the image's /opt/venv."""
    return make_venv(tmp_path_factory.mktemp("replay") / "venv", PROJECT / "requirements.txt")


@pytest.fixture(scope="module")
def replayed(replay_venv: ReplayVenv, tmp_path_factory: pytest.TempPathFactory) -> Replayed:
    """The real Dockerfile and .dockerignore, built, started, probed and stopped."""
    return replay(tmp_path_factory.mktemp("image"), replay_venv, DOCKERFILE, DOCKERIGNORE)


# The replay of the real image.


def test_the_image_serves_the_static_page_as_the_file_and_the_menu_from_django(
    replayed: Replayed,
) -> None:
    takeout = replayed.run.responses["takeout"]
    menu = replayed.run.responses["menu"]

    assert takeout.status == 200
    assert (
        with_plain_asset_names(takeout.body)
        == (PROJECT / "pages" / "site" / "takeout" / "index.html").read_bytes()
    )
    assert takeout.header("Set-Cookie") is None
    assert takeout.header("ETag") is not None
    assert menu.status == 200
    assert b"<h1>Live menu</h1>" in menu.body
    # The demo dishes the entrypoint loaded, read from the database in /data.
    assert b"Tiramisu" in menu.body
    assert "sessionid=" in (menu.header("Set-Cookie") or "")


def test_production_settings_redirect_plain_http_and_send_hsts_and_secure_cookies(
    replayed: Replayed,
) -> None:
    plain = replayed.run.responses["menu over plain http"]
    menu = replayed.run.responses["menu"]

    assert plain.status == 301
    assert plain.header("Location") == f"https://{PUBLIC_HOST}/menu/"
    assert "Secure" in (menu.header("Set-Cookie") or "")
    assert "max-age=31536000" in (menu.header("Strict-Transport-Security") or "")


def test_the_health_check_fails_before_the_site_starts_and_passes_once_it_answers(
    replayed: Replayed,
) -> None:
    assert replayed.run.health_before_start.returncode == 1
    assert "unhealthy" in replayed.run.health_before_start.stderr
    assert replayed.run.health.returncode == 0, replayed.run.health.stderr


def test_the_build_made_the_hashed_assets_and_the_compressed_pages(replayed: Replayed) -> None:
    build_dir = replayed.build.image.host_path("/app/build")

    assert (build_dir / "static" / "staticfiles.json").is_file()
    assert list((build_dir / "static" / "css").glob("site.*.css.br"))
    assert (build_dir / "pages" / "takeout" / "index.html.br").is_file()
    assert (build_dir / "pages" / "takeout" / "index.html.gz").is_file()


def test_the_entrypoint_migrates_and_loads_the_demo_dishes_but_creates_no_users(
    replayed: Replayed,
) -> None:
    database = replayed.build.image.host_path("/data") / "db.sqlite3"

    with closing(sqlite3.connect(database)) as connection:
        migrations = connection.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]
        dishes = connection.execute("SELECT COUNT(*) FROM menu_dish").fetchone()[0]
        users = connection.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[0]

    assert migrations > 0
    assert dishes == 13
    assert users == 0


def test_the_database_lives_in_the_data_volume_in_wal_mode(replayed: Replayed) -> None:
    database = replayed.build.image.host_path("/data") / "db.sqlite3"
    # Bytes 18 and 19 of an SQLite file are 2 once it is in WAL mode: its
    # -wal and -shm files are then made beside it, in the volume, while
    # connections are open (the last one to close removes them).
    header = database.read_bytes()[:20]

    assert replayed.build.image.volumes == ["/data"]
    assert "db.sqlite3" in replayed.run.volume_files_while_running
    assert header[18:20] == bytes([2, 2])


def test_the_running_site_writes_nothing_outside_the_data_volume(replayed: Replayed) -> None:
    # So it runs on compose's read-only root file system.
    assert replayed.run.changed_outside_volumes == []


def test_gunicorn_replaces_the_entrypoint_shell_and_stops_cleanly_on_sigterm(
    replayed: Replayed,
) -> None:
    # The process started as the entrypoint is gunicorn's master (exec), so
    # `docker stop`'s SIGTERM reaches it and it exits 0 after a graceful stop.
    assert replayed.run.gunicorn_master_pid == replayed.run.server_pid
    assert replayed.run.exit_code_after_sigterm == 0


def test_the_image_refuses_to_start_without_a_secret_key(replayed: Replayed) -> None:
    env = runtime_env()
    del env["DJANGO_SECRET_KEY"]

    started = run_once(replayed.build.image, env, ["true"])

    assert started.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_ENV=production" in started.stderr


def test_the_image_passes_djangos_deployment_checks(replayed: Replayed) -> None:
    # As `docker compose exec web python manage.py check --deploy` would run it.
    checked = run_once(
        replayed.build.image,
        runtime_env(),
        ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        entrypoint=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_run_step_is_replayed_or_knowingly_skipped(replayed: Replayed) -> None:
    # The replay stops at any RUN command it neither runs nor knowingly skips;
    # this shows which did what, and that the build steps really ran.
    run_parts = [
        part
        for stage in STAGES
        for instruction in stage.all("RUN")
        for part in re.split(r"\s*&&\s*", instruction.arguments)
    ]
    replayed_commands = [step.command for step in replayed.build.steps if not step.skipped_because]

    assert [step.command for step in replayed.build.steps] == run_parts
    assert "python manage.py collectstatic --noinput --verbosity 0" in replayed_commands
    assert "python manage.py build_pages" in replayed_commands


def test_every_known_skip_is_still_used_by_the_dockerfile(replayed: Replayed) -> None:
    used = {step.skipped_because for step in replayed.build.steps if step.skipped_because}

    assert used == {known.why for known in KNOWN_SKIPS}


# Broken copies of the Dockerfile and .dockerignore must fail the replay.


def mutated(text: str, old: str, new: str) -> str:
    assert old in text, f"the mutation no longer applies: {old!r} is gone"
    return text.replace(old, new)


def test_replay_fails_when_dockerignore_leaves_out_a_file_the_image_needs(
    replay_venv: ReplayVenv, tmp_path: Path
) -> None:
    without_templates = DOCKERIGNORE + "\ntemplates/\n"

    with pytest.raises(ReplayFailed, match=r"/menu/ answered 500") as failure:
        replay(tmp_path, replay_venv, DOCKERFILE, without_templates)
    assert "TemplateDoesNotExist" in str(failure.value)


def test_replay_fails_when_cmd_names_a_wsgi_module_that_does_not_exist(
    replay_venv: ReplayVenv, tmp_path: Path
) -> None:
    wrong_module = mutated(DOCKERFILE, '"config.wsgi"]', '"takeout.wsgi"]')

    with pytest.raises(ReplayFailed, match=r"exited with code \d+ before answering") as failure:
        replay(tmp_path, replay_venv, wrong_module, DOCKERIGNORE)
    assert "No module named 'takeout'" in str(failure.value)


@pytest.mark.parametrize(
    ("build_step", "failure", "evidence"),
    [
        (
            "python manage.py collectstatic --noinput --verbosity 0 \\\n    && ",
            r"/menu/ answered 500",
            "Missing staticfiles manifest entry",
        ),
        (" \\\n    && python manage.py build_pages", r"/takeout/ answered 404", "No directory at"),
    ],
    ids=["collectstatic", "build_pages"],
)
def test_replay_fails_when_a_build_step_is_missing(
    build_step: str, failure: str, evidence: str, replay_venv: ReplayVenv, tmp_path: Path
) -> None:
    without_step = mutated(DOCKERFILE, build_step, "")

    with pytest.raises(ReplayFailed, match=failure) as raised:
        replay(tmp_path, replay_venv, without_step, DOCKERIGNORE)
    assert evidence in str(raised.value)


@pytest.mark.parametrize(
    "run_step",
    [
        "RUN apt-get update",
        # A known skip cannot carry a second command past the replay.
        "RUN useradd --system app; rm -rf /app",
    ],
)
def test_replay_stops_at_a_run_step_it_neither_replays_nor_knowingly_skips(
    run_step: str, replay_venv: ReplayVenv, tmp_path: Path
) -> None:
    venv_step = "RUN python -m venv /opt/venv\n"
    with_new_step = mutated(DOCKERFILE, venv_step, f"{venv_step}{run_step}\n")

    with pytest.raises(ReplayFailed, match="neither replayed nor a known skip"):
        build(
            project=PROJECT,
            dockerfile_text=with_new_step,
            dockerignore=DOCKERIGNORE,
            venv=replay_venv,
            workspace=tmp_path,
        )


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


def test_the_context_walk_agrees_with_matching_every_file(tmp_path: Path) -> None:
    # The walk skips directories nothing can be let back into (.venv, .git);
    # it must keep exactly the files that matching each one would keep.
    files = [
        ".venv/lib/site.py",
        ".git/HEAD",
        "config/settings.py",
        "config/__pycache__/settings.cpython-311.pyc",
        "deep/a/keep.txt",
        "deep/a/b/keep.txt",
        "deep/a/b/drop.txt",
        "manage.py",
        "notes.md",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    patterns = read_patterns("*\n!config\n!deep/**/keep.txt\n!/manage.py\n**/__pycache__")

    kept = context_files(tmp_path, patterns)

    assert kept == sorted(name for name in files if not is_excluded(name, patterns))
    assert kept == ["config/settings.py", "deep/a/b/keep.txt", "deep/a/keep.txt", "manage.py"]


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

    assert "env_file: .env" in lines
    assert "- data:/data" in lines
    assert "read_only: true" in lines
    assert "- /tmp" in lines
    assert re.search(r"cap_drop:\s*\n\s*- ALL\n", compose)
    assert "- no-new-privileges:true" in lines
    assert "restart: unless-stopped" in lines
    assert re.search(r'- "127\.0\.0\.1:\d+:8000"', compose)

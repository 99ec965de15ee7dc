"""The image, built and run by a real container engine (rootful podman, tests/docker/engine.py).

Built from the Dockerfile as it is, in the docker format so that its
HEALTHCHECK is kept, and run as compose.yaml runs it: read-only, /tmp in
memory, every capability dropped, no new privileges, a named volume at /data
and the settings from an env file. The tests follow one container's life:
healthy, both sides served through the TLS proxy's headers, an account made,
a stop that lets the request under way finish, a new container on the same
volume that still knows the account. Then compose.yaml itself comes up and
down under podman-compose.

Without podman (or root) they skip and say how to get it; in CI they must run.
"""

import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.databases import sqlite_only
from tests.docker import engine
from tests.docker.visitor import (
    PUBLIC_HOST,
    THROUGH_THE_PROXY,
    Answer,
    ask,
    env_file,
    log_in,
    sign_up,
)
from tests.markup import with_plain_asset_names
from tests.server import free_port

# The image keeps its SQLite database in its /data volume, whatever DATABASE_URL
# the suite runs with: the same on both passes of make test.
pytestmark = sqlite_only("the image's database is SQLite in its volume, so run in the SQLite pass")

# What the image adds to its base (Debian, Python): the virtual environment with
# the requirements, the code and the built assets. About 75 MB today.
ADDED_MEGABYTES_BUDGET = 120


@dataclass
class Stop:
    """What a request under way got while the container was told to stop."""

    answer: bytes
    exit_code: int
    seconds: float


def stop_during_a_request(container: engine.Container) -> Stop:
    """Send half a POST, stop the container, send the rest: graceful means it is answered.

    The form body is read by the site as the request is handled, so the request is
    under way in a worker thread when `podman stop` sends SIGTERM.
    """
    body = b"dish=tiramisu&size=large"
    port = int(container.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(
            b"POST /request/ HTTP/1.1\r\nHost: " + PUBLIC_HOST.encode() + b"\r\n"
            b"X-Forwarded-Proto: https\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:5]
        )
        time.sleep(1)
        started = time.monotonic()
        stopping = threading.Thread(
            target=engine.podman, args=("stop", "--time", "30", container.name)
        )
        stopping.start()
        time.sleep(2)
        connection.sendall(body[5:])
        answer = connection.recv(65536)
        stopping.join(timeout=60)
    seconds = time.monotonic() - started
    code = engine.podman("inspect", "--format", "{{.State.ExitCode}}", container.name)
    return Stop(answer=answer, exit_code=int(code.stdout.strip()), seconds=seconds)


def in_container(container: engine.Container, command: str) -> subprocess.CompletedProcess:
    return engine.podman("exec", container.name, "sh", "-c", command, check=False)


def database_says(container: engine.Container, sql: str, database: str = "/data/db.sqlite3") -> str:
    query = f"import sqlite3; print(sqlite3.connect({database!r}).execute({sql!r}).fetchone()[0])"
    return in_container(container, f'python -c "{query}"').stdout.strip()


def readme_backup_command() -> str:
    """The command the README gives to copy the database while the site runs."""
    readme = (engine.PROJECT / "README.md").read_text()
    line = next(line for line in readme.splitlines() if ".backup(" in line)
    return line.split("docker compose exec web ", 1)[1]


@dataclass
class Life:
    """What one volume saw through a container's life and its replacement's."""

    first_healthy_after: float
    pid_1: str
    journal_mode: str
    dishes_and_users_at_start: tuple[str, str]
    users_in_backup: str
    takeout: Answer
    menu: Answer
    plain_http: Answer
    signed_up: Answer
    uid: str
    writes: dict[str, int]
    stop: Stop
    logs: str
    second_healthy_after: float
    logged_in_again: Answer


@pytest.fixture(scope="module")
def life(image: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Life]:
    folder = tmp_path_factory.mktemp("container")
    settings = env_file(folder)
    run = secrets.token_hex(4)
    first, second = f"takeout-test-{run}-a", f"takeout-test-{run}-b"
    with engine.volume(f"takeout-test-{run}") as data:
        try:
            container = engine.start(
                image, name=first, volume=data, env_file=settings, port=free_port()
            )
            first_healthy = engine.wait_healthy(first)
            url = container.url
            pid_1 = in_container(container, "tr '\\0' ' ' < /proc/1/cmdline").stdout
            at_start = (
                database_says(container, "SELECT COUNT(*) FROM menu_dish"),
                database_says(container, "SELECT COUNT(*) FROM accounts_user"),
            )
            takeout = ask(url + "/takeout/", headers=THROUGH_THE_PROXY)
            menu = ask(url + "/menu/", headers=THROUGH_THE_PROXY)
            plain = ask(url + "/menu/", headers={"Host": PUBLIC_HOST})
            signed_up = sign_up(url)
            in_container(container, readme_backup_command())
            backed_up = database_says(
                container, "SELECT COUNT(*) FROM accounts_user", "/data/backup.sqlite3"
            )
            journal_mode = database_says(container, "PRAGMA journal_mode")
            uid = in_container(container, "id -u").stdout.strip()
            writes = {
                place: in_container(container, f"touch {place}/written-by-the-site").returncode
                for place in ("/data", "/tmp", "/app", "/etc", "/")  # noqa: S108  (the container's)
            }
            stop = stop_during_a_request(container)
            logs = engine.logs(first)
            engine.remove(first)
            replaced = engine.start(
                image, name=second, volume=data, env_file=settings, port=free_port()
            )
            second_healthy = engine.wait_healthy(second)
            yield Life(
                first_healthy_after=first_healthy,
                pid_1=pid_1,
                journal_mode=journal_mode,
                dishes_and_users_at_start=at_start,
                users_in_backup=backed_up,
                takeout=takeout,
                menu=menu,
                plain_http=plain,
                signed_up=signed_up,
                uid=uid,
                writes=writes,
                stop=stop,
                logs=logs,
                second_healthy_after=second_healthy,
                logged_in_again=log_in(replaced.url),
            )
        finally:
            engine.remove(first, second)


def test_the_container_reports_healthy_once_the_site_answers(life: Life) -> None:
    assert life.first_healthy_after < 60
    assert life.second_healthy_after < 60


def test_the_entrypoint_migrates_and_loads_the_demo_dishes_but_creates_no_users(
    life: Life,
) -> None:
    assert life.dishes_and_users_at_start == ("13", "0")


def test_gunicorn_replaces_the_entrypoint_shell_as_process_1(life: Life) -> None:
    # exec in the entrypoint: `docker stop`'s SIGTERM reaches gunicorn itself.
    assert life.pid_1.startswith("/opt/venv/bin/python /opt/venv/bin/gunicorn -c gunicorn.conf.py")


def test_the_database_in_the_volume_is_in_wal_mode_and_the_readme_backup_copies_it(
    life: Life,
) -> None:
    assert life.journal_mode == "wal"
    assert life.users_in_backup == "1"


def test_the_static_page_is_the_built_file_and_sets_no_cookie(life: Life) -> None:
    source = (engine.PROJECT / "pages" / "site" / "takeout" / "index.html").read_bytes()

    assert life.takeout.status == 200
    assert with_plain_asset_names(life.takeout.body) == source
    assert "Set-Cookie" not in life.takeout.headers
    assert life.takeout.headers["ETag"]


def test_the_menu_is_built_by_django_from_the_dishes_in_the_volume(life: Life) -> None:
    assert life.menu.status == 200
    assert b"<h1>Live menu</h1>" in life.menu.body
    assert b"Tiramisu" in life.menu.body
    assert "Server-Timing" in life.menu.headers


def test_production_redirects_plain_http_and_sends_hsts_and_secure_cookies(life: Life) -> None:
    assert life.plain_http.status == 301
    assert life.plain_http.headers["Location"] == f"https://{PUBLIC_HOST}/menu/"
    assert "max-age=31536000" in life.menu.headers["Strict-Transport-Security"]
    assert "Secure" in life.menu.headers["Set-Cookie"]


def test_an_account_made_in_one_container_is_there_in_its_replacement(life: Life) -> None:
    assert life.signed_up.status == 302, life.signed_up.body[-500:]
    assert life.logged_in_again.status == 302, life.logged_in_again.body[-500:]
    assert life.logged_in_again.headers["Location"] == "/accounts/"


def test_a_stop_lets_the_request_under_way_finish_and_exits_cleanly(life: Life) -> None:
    # A POST without a CSRF token: the site's 403 page, answered in full.
    assert life.stop.answer.startswith(b"HTTP/1.1 403 Forbidden"), life.stop.answer[:200]
    assert life.stop.exit_code == 0, life.logs
    assert "Shutting down: Master" in life.logs
    assert life.stop.seconds < 30


def test_the_site_runs_as_uid_10001_and_writes_only_to_data_and_tmp(life: Life) -> None:
    assert life.uid == "10001"
    # touch's exit status: 0 where it could write, 1 on the read-only rest.
    assert life.writes == {"/data": 0, "/tmp": 0, "/app": 1, "/etc": 1, "/": 1}  # noqa: S108


def test_the_image_refuses_to_start_without_a_secret_key(image: str, tmp_path: Path) -> None:
    settings = env_file(tmp_path, DJANGO_SECRET_KEY="")

    started = engine.podman(
        "run", "--rm", *engine.HARDENED, "--env-file", str(settings), image, "true", check=False
    )

    assert started.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_ENV=production" in started.stderr


def test_the_image_passes_djangos_deployment_checks(image: str, tmp_path: Path) -> None:
    checked = engine.podman(
        "run",
        "--rm",
        *engine.HARDENED,
        "--env-file",
        str(env_file(tmp_path)),
        "--entrypoint",
        "python",
        image,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_image_adds_at_most_its_budget_to_the_base_image(image: str) -> None:
    def megabytes(name: str) -> float:
        return int(engine.podman("image", "inspect", "--format", "{{.Size}}", name).stdout) / 1e6

    base = engine.qualified(engine.base_image(engine.DOCKERFILE.read_text()))

    assert megabytes(image) - megabytes(base) < ADDED_MEGABYTES_BUDGET


@dataclass
class Composed:
    up: subprocess.CompletedProcess
    down: subprocess.CompletedProcess
    container: str
    url: str
    # What the test saw while the service was up.
    seen: dict[str, object]


def composed(
    image: str, env_file: Path, *files: str, look: Callable[[str, str], dict[str, object]]
) -> Composed:
    """compose.yaml (and `files` laid over it) up under podman-compose, `look(url, container)`
    called while it is up, then down with its volumes."""
    project = f"takeout-test-{secrets.token_hex(4)}"
    port = free_port()
    compose = [sys.executable, "-m", "podman_compose", "--project-name", project]
    for name in ("compose.yaml", *files):
        compose += ["--file", name]
    env = {"TAKEOUT_ENV_FILE": str(env_file), "TAKEOUT_PORT": str(port)}
    # compose.yaml builds `takeout-and-table`: the image just built, so `up` runs it.
    engine.podman("tag", image, "localhost/takeout-and-table:latest")
    container, url = f"{project}_web_1", f"http://127.0.0.1:{port}"
    try:
        up = engine.run_compose([*compose, "up", "--detach"], env=env)
        engine.wait_healthy(container)
        seen = look(url, container)
    finally:
        down = engine.compose_down(compose, env=env, project=project)
    return Composed(up, down, container, url, seen)


def test_compose_brings_the_service_up_hardened_and_down_under_podman_compose(
    image: str, tmp_path: Path
) -> None:
    def look(url: str, container: str) -> dict[str, object]:
        return {
            "menu": ask(url + "/menu/", headers=THROUGH_THE_PROXY),
            "hardened": engine.podman(
                "inspect",
                "--format",
                "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.SecurityOpt}}",
                container,
            ).stdout,
        }

    service = composed(image, env_file(tmp_path), look=look)

    assert service.up.returncode == 0, service.up.stderr
    assert service.seen["menu"].status == 200
    assert b"Tiramisu" in service.seen["menu"].body
    assert service.seen["hardened"].startswith("true")
    assert "no-new-privileges" in service.seen["hardened"]
    assert service.down.returncode == 0, service.down.stderr
    gone = engine.podman("container", "exists", service.container, check=False)
    assert gone.returncode == 1


def test_the_demo_serves_plain_http_on_localhost_with_the_demo_accounts(
    image: str, tmp_path: Path
) -> None:
    # As the README says: cp .env.example .env, then the demo file over compose.yaml.
    example = tmp_path / ".env"
    example.write_text((engine.PROJECT / ".env.example").read_text())

    def look(url: str, container: str) -> dict[str, object]:
        return {
            "menu": ask(url + "/menu/"),
            "maya": log_in(url, ("maya", "maya-likes-it-hot"), proxied=False),
        }

    demo = composed(image, example, "compose.demo.yaml", look=look)

    assert demo.up.returncode == 0, demo.up.stderr
    assert demo.seen["menu"].status == 200
    assert b"Tiramisu" in demo.seen["menu"].body
    assert demo.seen["maya"].status == 302
    assert demo.down.returncode == 0, demo.down.stderr


def test_production_refuses_to_start_with_the_demo_accounts(image: str, tmp_path: Path) -> None:
    settings = env_file(tmp_path, LOAD_DEMO_ACCOUNTS="1")

    with engine.volume(f"takeout-test-{secrets.token_hex(4)}") as data:
        started = engine.podman(
            "run",
            "--rm",
            *engine.HARDENED,
            "--volume",
            f"{data}:/data",
            "--env-file",
            str(settings),
            image,
            "true",
            check=False,
        )

    assert started.returncode != 0
    assert "Refusing to create demo users in production" in started.stderr

"""compose.scale.yaml brought up by podman-compose: PostgreSQL, three instances, nginx.

The site's image is the one the Dockerfile builds; postgres and nginx are
pulled, or made from Debian's packages where no registry answers
(tests/docker/engine.py). The test talks to nginx as the TLS proxy in front
of it would, and looks at what a deployer would: the files come from nginx
with the instances' ETag, pages from all three instances in turn, a session
made through one holds on the others, the setup service migrated the
database and no instance did. Then it all comes down with its volumes.

The database is the compose file's own, so this runs in make test's SQLite
pass. Without podman (or root) it skips and says how to get it; in CI it
must run.
"""

import json
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
import yaml

from tests.databases import sqlite_only
from tests.docker import engine
from tests.docker.conftest import ensure_images, unless_missing
from tests.docker.visitor import ACCOUNT, THROUGH_THE_PROXY, ask, env_file, sign_up
from tests.server import free_port

pytestmark = sqlite_only("compose.scale.yaml brings its own PostgreSQL: run in the SQLite pass")

COMPOSE = yaml.safe_load((engine.PROJECT / "compose.scale.yaml").read_text())
REPLICAS = COMPOSE["services"]["web"]["deploy"]["replicas"]
# The visitor's address, as the TLS proxy in front appends it.
FROM_THE_PROXY = {**THROUGH_THE_PROXY, "X-Forwarded-For": "203.0.113.7"}
SERVING_SECONDS = 120


@dataclass(frozen=True)
class Scaled:
    up: subprocess.CompletedProcess
    # What the test saw while it was up.
    seen: dict
    down: subprocess.CompletedProcess
    left_behind: list[str]


def images_not_built() -> list[str]:
    return [service["image"] for service in COMPOSE["services"].values() if "build" not in service]


def wait_until_nginx_serves(url: str) -> None:
    deadline = time.monotonic() + SERVING_SECONDS
    while time.monotonic() < deadline:
        try:
            if ask(url + "/healthz", headers=FROM_THE_PROXY).status == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    raise engine.EngineError(f"nginx did not serve {url}/healthz within {SERVING_SECONDS} s")


def fetched_in(container: str, path: str) -> dict[str, str]:
    """The status and headers an instance gives `path`, asked from inside its container."""
    script = (
        "import json, urllib.request as u; "
        f"r = u.urlopen(u.Request('http://127.0.0.1:8000{path}', headers={THROUGH_THE_PROXY!r})); "
        "print(json.dumps({'status': str(r.status), **dict(r.headers)}))"
    )
    return json.loads(engine.podman("exec", container, "python", "-c", script).stdout)


def start_order() -> list[str]:
    """The services in an order that starts each after those it depends on."""
    services = COMPOSE["services"]
    order: list[str] = []
    while len(order) < len(services):
        order += [
            name
            for name, service in services.items()
            if name not in order and set(service.get("depends_on", {})) <= set(order)
        ]
    return order


def bring_up(compose: list[str], env: dict[str, str], project: str) -> subprocess.CompletedProcess:
    """`up --detach`, one service at a time, each once its dependencies are as it asks.

    podman-compose leaves the waiting to podman, and podman before 4.6 cannot
    wait for a health check, nor (before 4.4) start a container whose
    dependency has a dependency of its own ("not found in input list"). So the
    test waits as compose would, and starts each service without its
    dependencies: the same containers, network and volumes.
    """
    conditions = {
        dependency: condition["condition"]
        for service in COMPOSE["services"].values()
        for dependency, condition in service.get("depends_on", {}).items()
    }
    for service in start_order():
        up = engine.run_compose(
            [*compose, "up", "--detach", "--no-deps", "--no-recreate", service], env=env
        )
        if up.returncode != 0:
            return up
        first = f"{project}_{service}_1"
        if conditions.get(service) == "service_healthy":
            engine.wait_healthy(first)
        elif conditions.get(service) == "service_completed_successfully":
            exited = engine.podman("wait", first, timeout=engine.BUILD_SECONDS).stdout.strip()
            if exited != "0":
                up.returncode, up.stderr = 1, f"{first} exited {exited}:\n{engine.logs(first)}"
                return up
    return up


def full_log(container: str) -> str:
    shown = engine.podman("logs", container, check=False)
    return shown.stdout + shown.stderr


def look(url: str, instances: list[str]) -> dict[str, object]:
    visitor = sign_up(url)
    return {
        "takeout": ask(url + "/takeout/", headers=FROM_THE_PROXY),
        "takeout in an instance": fetched_in(instances[0], "/takeout/"),
        "hosts": [
            json.loads(ask(url + "/api/server/", headers=FROM_THE_PROXY).body)["host"]
            for _ in range(4 * REPLICAS)
        ],
        "menu": ask(url + "/menu/", headers=FROM_THE_PROXY),
        "signed up": visitor,
        "accounts pages": [
            ask(url + "/accounts/", headers=FROM_THE_PROXY, cookies=visitor.cookies)
            for _ in range(2 * REPLICAS)
        ],
        "read-only": [
            engine.podman(
                "inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", name
            ).stdout.strip()
            for name in instances
        ],
    }


@pytest.fixture(scope="module")
def scaled(
    image: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Scaled:
    unless_missing(engine.missing_dns())
    ensure_images(request, *images_not_built())
    # compose.scale.yaml builds `takeout-and-table`: the image just built, so `up` runs it.
    engine.podman("tag", image, "localhost/takeout-and-table:latest")
    project = f"takeout-test-{secrets.token_hex(4)}"
    port = free_port()
    env = {
        "TAKEOUT_ENV_FILE": str(env_file(tmp_path_factory.mktemp("scaled-compose"))),
        "TAKEOUT_PORT": str(port),
        "POSTGRES_PASSWORD": secrets.token_hex(24),
    }
    compose = [sys.executable, "-m", "podman_compose", "--project-name", project]
    compose += ["--file", "compose.scale.yaml"]
    instances = [f"{project}_web_{number}" for number in range(1, REPLICAS + 1)]
    seen: dict[str, object] = {}
    try:
        up = bring_up(compose, env, project)
        if up.returncode == 0:
            for instance in instances:
                engine.wait_healthy(instance)
            wait_until_nginx_serves(f"http://127.0.0.1:{port}")
            seen = look(f"http://127.0.0.1:{port}", instances)
            seen["logs"] = {name: full_log(name) for name in [f"{project}_setup_1", *instances]}
    finally:
        down = engine.compose_down(compose, env=env, project=project)
    left = [
        *engine.podman(
            "ps", "--all", "--filter", f"name={project}", "--format", "{{.Names}}"
        ).stdout.split(),
        *engine.podman("volume", "ls", "--quiet", "--filter", f"name={project}").stdout.split(),
    ]
    return Scaled(up, seen, down, left)


def test_it_comes_up_and_goes_down_with_nothing_left_behind(scaled: Scaled) -> None:
    assert scaled.up.returncode == 0, scaled.up.stderr
    assert scaled.down.returncode == 0, scaled.down.stderr
    assert scaled.left_behind == []


def test_nginx_sends_the_file_with_the_etag_an_instance_gives_it(scaled: Scaled) -> None:
    takeout = scaled.seen["takeout"]
    in_an_instance = scaled.seen["takeout in an instance"]

    assert takeout.status == 200
    assert takeout.headers["Server"] == "nginx"
    assert takeout.cookies == {}
    assert in_an_instance["status"] == "200"
    assert takeout.headers["ETag"] == in_an_instance["ETag"]


def test_pages_come_from_all_three_instances_in_turn(scaled: Scaled) -> None:
    hosts = scaled.seen["hosts"]

    assert len(set(hosts)) == REPLICAS
    assert scaled.seen["menu"].status == 200
    assert b"Tiramisu" in scaled.seen["menu"].body


def test_an_account_made_through_one_instance_is_signed_in_on_all(scaled: Scaled) -> None:
    username, _ = ACCOUNT

    assert scaled.seen["signed up"].status == 302
    assert [
        (page.status, f"<strong>{username}</strong>".encode() in page.body)
        for page in scaled.seen["accounts pages"]
    ] == [(200, True)] * (2 * REPLICAS)


def test_the_setup_service_migrated_the_database_and_no_instance_did(scaled: Scaled) -> None:
    setup, *instances = scaled.seen["logs"].values()

    assert "Applying accounts." in setup
    # migrate says this on every run, even with nothing left to apply.
    assert [("Operations to perform" in log) for log in instances] == [False] * REPLICAS


def test_every_instance_runs_read_only(scaled: Scaled) -> None:
    assert scaled.seen["read-only"] == ["true"] * REPLICAS

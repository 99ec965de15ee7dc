"""Beyond one machine: three instances of the site on one PostgreSQL database, nginx in front.

As compose.scale.yaml deploys it, on 127.0.0.1. Each instance has a build of
its own, made apart as on separate machines, with SOURCE_DATE_EPOCH from the
commit; nginx sends the files from a fourth build with deploy/nginx/ and
passes everything else to the instances in turn. The database is migrated
once, before any instance starts. The instances share the database, so a
session made through one is valid on the others, and 64 visitors writing
through nginx lose nothing; the builds share the dates, so a file has the
same ETag from every server.

It needs PostgreSQL, so it runs in make test's second pass (DATABASE_URL),
and nginx (Debian's; .ci/run installs it).
"""

import os
import pwd
import re
import shutil
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.databases import VENDOR, reading
from tests.load.writers import EXPECTED_STATUSES, Client, database_state, write_at_once
from tests.server import free_port, gunicorn_serving, manage, migrated_env, wait_until_serving
from tools.nginx_site import deploy_site

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
INSTANCES = ("web-1", "web-2", "web-3")
# Headers that tell one server or one moment from another, not the answer.
PER_SERVER = {"date", "server", "connection", "keep-alive"}
STOP_SECONDS = 30
# Outside a git checkout: any fixed time serves.
FALLBACK_EPOCH = 1_765_000_000

pytestmark = pytest.mark.skipif(
    VENDOR != "postgresql",
    reason="several instances share PostgreSQL: this runs in make test's PostgreSQL pass",
)


def commit_time() -> int:
    """The commit's time, as a deploy would date its builds (SOURCE_DATE_EPOCH)."""
    said = subprocess.run(
        ["git", "log", "-1", "--format=%ct"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if said.returncode != 0 or not said.stdout.strip():
        return FALLBACK_EPOCH
    return int(said.stdout)


def built(env: dict[str, str], folder: Path) -> Path:
    """collectstatic and build_pages into `folder`, as each machine builds the image."""
    env = {**env, "BUILD_DIR": str(folder)}
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "build_pages")
    return folder


def nginx_config(folder: Path, *, port: int, build: Path, upstream: list[str]) -> Path:
    """deploy/nginx/ filled in as the nginx image would, inside a main file of the test's."""
    site = deploy_site(folder, listen=f"127.0.0.1:{port}", build=build, upstream=upstream)
    (folder / "takeout.conf").write_text(site)
    main = folder / "nginx.conf"
    main.write_text(
        f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"
        f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{ worker_connections 512; }}\n"
        "http {\n  access_log off;\n"
        + "".join(
            f"  {kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {folder}/takeout.conf;\n}}\n"
    )
    return main


@dataclass(frozen=True)
class Cluster:
    nginx: str
    instances: dict[str, str]
    env: dict[str, str]
    migrations: int
    logs: list[Path]
    dish_slugs: list[str]


def migrations_applied(env: dict[str, str]) -> int:
    with reading(env) as connection:
        return connection.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not Path(NGINX).exists():
        message = "nginx is not installed: sudo apt-get install nginx"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run this test, not skip it)")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("scaled")
    # One database for all, migrated and seeded once, before any instance starts.
    env = {
        **migrated_env(folder, seed=()),
        "SOURCE_DATE_EPOCH": str(commit_time()),
        # 64 visitors from one address sign up: more than one address may in an hour.
        "DJANGO_RATE_LIMIT_SIGNUP": "1000/h",
    }
    migrations = migrations_applied(env)
    with reading(env) as connection:
        dish_slugs = sorted(slug for (slug,) in connection.execute("SELECT slug FROM menu_dish"))
    with ExitStack() as stack:
        instances, logs = {}, []
        for name in INSTANCES:
            instance = {
                **env,
                "PORT": str(free_port()),
                "DJANGO_INSTANCE_NAME": name,
                "BUILD_DIR": str(built(env, folder / f"build-{name}")),
            }
            logs.append(folder / f"{name}.log")
            instances[name] = stack.enter_context(gunicorn_serving(instance, logs[-1]))
        port = free_port()
        config = nginx_config(
            folder / "nginx",
            port=port,
            build=built(env, folder / "build-nginx"),
            upstream=[url.removeprefix("http://") for url in instances.values()],
        )
        front = subprocess.Popen([NGINX, "-p", str(config.parent), "-c", str(config)])
        stack.callback(stop, front)
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(url + "/takeout/", front)
        yield Cluster(url, instances, env, migrations, logs, dish_slugs)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def get(url: str, headers: dict[str, str] | None = None) -> Answer:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        answer = Answer(error.code, dict(error.headers), error.read())
        error.close()
        return answer


def comparable(headers: dict[str, str]) -> dict[str, object]:
    """The headers of an answer, less those of the server or the moment; the CSP's
    directives as a set (django-csp lists them in no fixed order)."""
    kept: dict[str, object] = {
        name.lower(): value for name, value in headers.items() if name.lower() not in PER_SERVER
    }
    if policy := kept.get("content-security-policy"):
        kept["content-security-policy"] = {part.strip() for part in policy.split(";")}
    return kept


def hashed_stylesheet(cluster: Cluster) -> str:
    menu = get(cluster.instances["web-1"] + "/menu/").body.decode()
    return re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', menu)[1]


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
@pytest.mark.parametrize("path", ["/takeout/", "/hours/", "/static/css/site.css", "HASHED"])
def test_nginx_sends_a_file_with_the_headers_an_instance_sends_it_with(
    cluster: Cluster, path: str, encoding: str
) -> None:
    path = hashed_stylesheet(cluster) if path == "HASHED" else path
    asked = {"Accept-Encoding": encoding}

    from_nginx = get(cluster.nginx + path, asked)
    from_instance = get(cluster.instances["web-2"] + path, asked)

    assert from_nginx.status == from_instance.status == 200
    assert from_nginx.body == from_instance.body
    if encoding == "gzip":
        # nginx gives the compressed copy an ETag of its own size, as HTTP asks of
        # another representation; WhiteNoise the plain file's. Behind nginx every
        # file comes from nginx, so a browser only ever holds nginx's.
        del from_nginx.headers["ETag"], from_instance.headers["ETag"]
    assert comparable(from_nginx.headers) == comparable(from_instance.headers)
    assert from_nginx.headers["Server"] == "nginx"


def test_every_server_gives_a_file_one_etag_and_a_revalidation_304_from_any(
    cluster: Cluster,
) -> None:
    servers = [cluster.nginx, *cluster.instances.values()]
    etags = {get(server + "/takeout/").headers["ETag"] for server in servers}
    (etag,) = etags

    revalidated = [get(server + "/takeout/", {"If-None-Match": etag}).status for server in servers]

    assert revalidated == [304] * len(servers)


def test_a_session_made_through_one_instance_is_valid_on_the_others(cluster: Cluster) -> None:
    visitor = Client(number=900, url=cluster.instances["web-1"])
    visitor.sign_up(threading.Barrier(1))

    greeted = {}
    for name, url in cluster.instances.items():
        visitor.url = url
        status, page = visitor.request("/accounts/")
        greeted[name] = (status, f"Welcome back, <strong>{visitor.username}</strong>" in page)

    assert visitor.signed_up
    assert greeted == dict.fromkeys(INSTANCES, (200, True))


def test_nginx_passes_pages_to_every_instance_in_turn_and_the_page_names_it(
    cluster: Cluster,
) -> None:
    answered = [get(cluster.nginx + "/api/server/").body for _ in range(12)]
    named = {re.search(rb'"instance": "([\w-]+)"', body)[1].decode() for body in answered}
    menu = get(cluster.nginx + "/menu/").body.decode()

    assert named == set(INSTANCES)
    assert re.search(r"This copy of the site is called <code>web-[123]</code>", menu)


def test_64_visitors_writing_through_nginx_lose_nothing(cluster: Cluster) -> None:
    clients, _ = write_at_once(cluster.nginx, cluster.dish_slugs)

    failures = [f"{c.username} {failure}" for c in clients for failure in c.failures]
    assert failures == []
    assert {status for c in clients for status in c.statuses} <= EXPECTED_STATUSES
    assert {c.username: c.visits_shown for c in clients} == {
        c.username: list(range(1, c.menu_visits + 1)) for c in clients
    }
    state = database_state(cluster.env)
    assert {name: state[name] for name in (c.username for c in clients)} == {
        c.username: c.saved() for c in clients
    }


def test_the_database_was_migrated_once_and_no_instance_migrated_it(cluster: Cluster) -> None:
    assert migrations_applied(cluster.env) == cluster.migrations
    for log in cluster.logs:
        assert "Applying " not in log.read_text()

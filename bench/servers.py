"""The servers the bench loads, each on a spare loopback port, each stopped by its pid.

- ours: gunicorn with the project's gunicorn.conf.py, started as `make run` starts it;
- peers' default: `gunicorn config.wsgi -w 2`, gunicorn's own defaults (sync
  workers, no keep-alive) on the same app and database;
- nginx: the same built pages (build/pages/), for a ceiling on what a file can cost.
"""

import os
import pwd
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench import BenchError
from bench.cpu import descendants
from tools.nginx_site import deploy_site

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "build" / "bench"
GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
NGINX_SITE = Path(__file__).resolve().parent / "nginx-site.conf"
PAGES = PROJECT / "build" / "pages"

READY_SECONDS = 30
READY_POLL_SECONDS = 0.2
STOP_SECONDS = 30


def pages_version() -> tuple[int, int] | None:
    """Which copy of the built /takeout/ is on disk (inode, time), None if there is none.

    `build_pages` (run by `make build`, and by `make test` at its start) writes
    the pages anew; while it does, every server here answers /takeout/ with errors.
    """
    try:
        found = (PAGES / "takeout" / "index.html.gz").stat()
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    pid: int
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own server)
            return response.status == 200
    # A server still starting refuses the connection or is slow to answer.
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def log_tail(log: Path, lines: int = 15) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:]) or "(nothing)"


def wait_ready(server: Server, process: subprocess.Popen, path: str) -> None:
    deadline = time.monotonic() + READY_SECONDS
    for _ in range(int(READY_SECONDS / READY_POLL_SECONDS)):
        if process.poll() is not None:
            raise BenchError(
                f"{server.name} exited with status {process.returncode} as it started;"
                f" the end of {server.log}:\n{log_tail(server.log)}"
            )
        if answers(server.url + path):
            return
        if time.monotonic() > deadline:
            break
        time.sleep(READY_POLL_SECONDS)
    raise BenchError(
        f"{server.name} did not answer {path} within {READY_SECONDS} s;"
        f" the end of {server.log}:\n{log_tail(server.log)}"
    )


def stop(process: subprocess.Popen) -> None:
    """Stop a server by its pid, and any worker it leaves behind if it will not stop."""
    if process.poll() is not None:
        return
    family = descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        for pid in [process.pid, *family]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@contextmanager
def serving(
    name: str, command: list[str], *, env: dict[str, str], port: int, ready_path: str, log_name: str
) -> Iterator[Server]:
    """`command` started from the project folder, its output in build/bench/`log_name`,
    yielded once it answers `ready_path` with 200, stopped on the way out."""
    log = OUT / log_name
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        server = Server(name=name, url=f"http://127.0.0.1:{port}", pid=process.pid, log=log)
        wait_ready(server, process, ready_path)
        yield server
    finally:
        stop(process)


def ours(env: dict[str, str], name: str = "ours") -> AbstractContextManager[Server]:
    """gunicorn as `make run` starts it: the project's gunicorn.conf.py, PORT from the env."""
    port = free_port()
    command = [str(GUNICORN), "-c", "gunicorn.conf.py", "config.wsgi"]
    return serving(
        name,
        command,
        env={**env, "PORT": str(port)},
        port=port,
        ready_path="/healthz",
        log_name=f"{name}.log",
    )


def peers_default(env: dict[str, str]) -> AbstractContextManager[Server]:
    """gunicorn's defaults with two workers, as a tutorial deploys the same app."""
    # gunicorn reads ./gunicorn.conf.py when no -c is given: an empty file of our
    # own keeps the project's settings out.
    config = OUT / "gunicorn-defaults.conf.py"
    config.write_text("# Empty on purpose: gunicorn's own defaults, for make bench.\n")
    port = free_port()
    command = [
        str(GUNICORN),
        "-c",
        str(config),
        "config.wsgi",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
    ]
    return serving(
        "peers' default", command, env=env, port=port, ready_path="/healthz", log_name="peers.log"
    )


def filled(template: str, blanks: dict[str, str]) -> str:
    """`template` with each @BLANK@ replaced by its value."""
    for name, value in blanks.items():
        template = template.replace(f"@{name}@", value)
    return template


def nginx_config(template: str, *, port: int, state: Path, pages: Path, user: str) -> str:
    return filled(
        template, {"PORT": str(port), "STATE": str(state), "PAGES": str(pages), "USER": user}
    )


def nginx(executable: str, *, name: str, site: str, port: int) -> AbstractContextManager[Server]:
    """nginx with `site` as its one site file, its config and state under build/bench/`name`/."""
    state = OUT / name
    state.mkdir(parents=True, exist_ok=True)
    # nginx appends to its error log: start it empty, so that it tells of this run only.
    (state / "error.log").write_text("")
    blanks = {
        "port": port,
        "state": state,
        "pages": PAGES,
        "user": pwd.getpwuid(os.geteuid()).pw_name,
    }
    (state / "site.conf").write_text(nginx_config(site, **blanks))
    config = state / "nginx.conf"
    config.write_text(nginx_config(NGINX_TEMPLATE.read_text(), **blanks))
    # -e: nginx opens its default error log, often not writable, before it reads the config.
    command = [executable, "-p", str(state), "-c", str(config), "-e", str(state / "error.log")]
    return serving(
        name,
        command,
        env=dict(os.environ),
        port=port,
        ready_path="/takeout/",
        log_name=f"{name}.log",
    )


def bare_nginx(executable: str) -> AbstractContextManager[Server]:
    """nginx serving build/pages/ at /, as plainly as it can: the reference for a file."""
    return nginx(executable, name="nginx", site=NGINX_SITE.read_text(), port=free_port())


def deploy_nginx(executable: str, upstream: Server) -> AbstractContextManager[Server]:
    """The site's own deploy/nginx/ in front of `upstream`, sending build/ as it would."""
    port = free_port()
    site = deploy_site(
        OUT / "front",
        listen=f"127.0.0.1:{port}",
        build=PROJECT / "build",
        upstream=[upstream.url.removeprefix("http://")],
    )
    return nginx(executable, name="front", site=site, port=port)

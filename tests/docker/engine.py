"""A real container engine for the tests: rootful podman, from Debian's packages.

Everything podman is told about this machine is in `containers.conf` beside
this file, which every call points CONTAINERS_CONF at: nothing goes into /etc,
and nothing into the Dockerfile.

No image registry may be reachable. The images the project names (the
Dockerfile's base; compose.scale.yaml's postgres and nginx) are then made here
from Debian's packages (mmdebstrap, then `podman import`), under the names
asked for, once per machine: stand-ins that do what the project relies on,
with the start-up scripts in stand_ins/. Wherever the registry answers, its
image is pulled and used instead.

The host's pip may need a configuration or a CA bundle of its own (a proxy
that inspects TLS, say). Those files are mounted read-only into the build's
RUN steps (`podman build -v`), so `pip install` in the image reaches PyPI as
the host does, and nothing of them is written into a layer.
"""

import configparser
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
DOCKERFILE = PROJECT / "Dockerfile"
CONTAINERS_CONF = Path(__file__).with_name("containers.conf")
STAND_IN_FILES = Path(__file__).with_name("stand_ins")
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# What Debian release a "-bookworm" tag names.
DEBIAN_RELEASE = re.compile(r"-(bookworm|trixie|bullseye)$")


@dataclass(frozen=True)
class StandIn:
    """An image of Docker Hub's, as far as this project uses it, made from Debian's packages."""

    packages: tuple[str, ...]
    # Files of stand_ins/ and where they go in the image.
    files: dict[str, str]
    # The image's settings, as `podman import --change` takes them.
    changes: tuple[str, ...]


STAND_INS = {
    # The Dockerfile's base: python with venv and pip, python as a command, the
    # CA certificates, and useradd/groupadd.
    "python": StandIn(
        packages=("python3", "python3-venv", "python-is-python3", "ca-certificates", "passwd"),
        files={},
        changes=(f"ENV PATH={DEFAULT_PATH}", "ENV LANG=C.UTF-8", 'CMD ["python3"]'),
    ),
    # compose.scale.yaml's database and front server.
    "postgres": StandIn(
        packages=("postgresql-15",),
        files={"postgres-entrypoint.sh": "/usr/local/bin/docker-entrypoint.sh"},
        changes=(
            f"ENV PATH=/usr/lib/postgresql/15/bin:{DEFAULT_PATH}",
            "ENV PGDATA=/var/lib/postgresql/data",
            "ENV LANG=C.UTF-8",
            'ENTRYPOINT ["docker-entrypoint.sh"]',
            'CMD ["postgres"]',
            "STOPSIGNAL SIGINT",
        ),
    ),
    "nginx": StandIn(
        packages=("nginx", "gettext-base"),
        files={
            "nginx.conf": "/etc/nginx/nginx.conf",
            "nginx-entrypoint.sh": "/docker-entrypoint.sh",
        },
        changes=(
            f"ENV PATH={DEFAULT_PATH}",
            'ENTRYPOINT ["/docker-entrypoint.sh"]',
            'CMD ["nginx", "-g", "daemon off;"]',
            "STOPSIGNAL SIGQUIT",
        ),
    ),
}
PIP_CONFIGS = [Path("/etc/pip.conf"), Path("/etc/xdg/pip")]
# The name server podman gives a compose project's network (netavark's).
AARDVARK_DNS = Path("/usr/lib/podman/aardvark-dns")
INSTALL_HINT = "sudo apt-get install podman runc mmdebstrap"
PULL_SECONDS = 60
BUILD_SECONDS = 900
STAND_IN_SECONDS = 900
CALL_SECONDS = 120


class EngineError(Exception):
    """podman failed: the message holds its command and what it printed."""


def missing() -> str | None:
    """Why the container tests cannot run on this machine, or None if they can."""
    needed = [name for name in ("podman", "runc", "mmdebstrap") if shutil.which(name) is None]
    if needed:
        return f"{', '.join(needed)} not installed: {INSTALL_HINT}"
    if os.geteuid() != 0:
        return "rootful podman needs root: run the tests as root, as CI does"
    return None


def missing_dns() -> str | None:
    """Why compose's services cannot find each other by name here, or None if they can."""
    if not AARDVARK_DNS.exists():
        return "aardvark-dns not installed: sudo apt-get install netavark aardvark-dns"
    return None


def podman(
    *args: str, timeout: float = CALL_SECONDS, check: bool = True, env: dict | None = None
) -> subprocess.CompletedProcess:
    """podman with this project's containers.conf; EngineError on failure when `check`."""
    done = subprocess.run(
        ["podman", *args],
        env={**os.environ, "CONTAINERS_CONF": str(CONTAINERS_CONF), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and done.returncode != 0:
        raise EngineError(f"podman {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done


def image_exists(name: str) -> bool:
    return podman("image", "exists", name, check=False).returncode == 0


def base_image(dockerfile: str) -> str:
    """The image the Dockerfile's stages start FROM (the same for all of them)."""
    names = {line.split()[1] for line in dockerfile.splitlines() if line.startswith("FROM ")}
    if len(names) != 1:
        raise EngineError(f"expected one base image, the Dockerfile names {sorted(names)}")
    return names.pop()


def qualified(name: str) -> str:
    """The name podman stores an image from Docker Hub under."""
    return name if "/" in name else f"docker.io/library/{name}"


def ensure_image(name: str) -> str:
    """Make sure the image is here; say where it came from."""
    stored = qualified(name)
    if image_exists(stored):
        return f"{stored} was already here"
    if podman("pull", stored, timeout=PULL_SECONDS, check=False).returncode == 0:
        return f"{stored} pulled from its registry"
    release = DEBIAN_RELEASE.search(name)
    stand_in = STAND_INS.get(name.split(":")[0])
    if release is None or stand_in is None:
        raise EngineError(f"cannot pull {stored}, and cannot tell how to make a stand-in for it")
    hooks = [
        option
        for source, target in stand_in.files.items()
        for option in (
            f"--customize-hook=upload {STAND_IN_FILES / source} {target}",
            f'--customize-hook=chmod 755 "$1{target}"',
        )
    ]
    with tempfile.TemporaryDirectory(prefix="stand-in-") as scratch:
        tarball = Path(scratch) / "root.tar"
        made = subprocess.run(
            [
                "mmdebstrap",
                "--variant=minbase",
                f"--include={','.join(stand_in.packages)}",
                *hooks,
                release[1],
                str(tarball),
            ],
            capture_output=True,
            text=True,
            timeout=STAND_IN_SECONDS,
            check=False,
        )
        if made.returncode != 0:
            raise EngineError(f"mmdebstrap could not make a stand-in for {stored}:\n{made.stderr}")
        changes = [option for change in stand_in.changes for option in ("--change", change)]
        podman("import", *changes, str(tarball), stored)
    return (
        f"no registry answered for {stored}: made a stand-in from Debian {release[1]}'s "
        f"packages ({', '.join(stand_in.packages)}) with mmdebstrap"
    )


def pip_cert() -> Path | None:
    """The CA bundle the host's pip is told to trust, if any."""
    named = os.environ.get("PIP_CERT")
    if not named:
        config = configparser.ConfigParser()
        config.read([PIP_CONFIGS[0], *sorted(PIP_CONFIGS[1].glob("*.conf"))])
        named = config.get("global", "cert", fallback=None)
    return Path(named) if named and Path(named).is_file() else None


def pip_mounts() -> list[str]:
    """`podman build -v` options that lend the build the host's pip settings, read-only."""
    lent = [path for path in PIP_CONFIGS if path.exists()]
    if cert := pip_cert():
        lent.append(cert)
    return [option for path in lent for option in ("-v", f"{path}:{path}:ro")]


def build(tag: str, *, context: Path = PROJECT, dockerfile: Path | None = None) -> str:
    """Build the image as `tag`, in the docker format (HEALTHCHECK kept); its build log."""
    built = podman(
        "build",
        "--isolation",
        "chroot",
        "--format",
        "docker",
        "--tag",
        tag,
        *(["--file", str(dockerfile)] if dockerfile else []),
        *pip_mounts(),
        str(context),
        timeout=BUILD_SECONDS,
    )
    return built.stdout


# As compose.yaml runs the service: nothing in the image can change, /tmp is
# memory, no Linux capability and no way to gain one.
HARDENED = [
    "--read-only",
    "--tmpfs",
    "/tmp",  # noqa: S108  (the container's /tmp, in memory)
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
]


@dataclass(frozen=True)
class Container:
    name: str
    url: str


def start(
    image: str, *, name: str, volume: str, env_file: Path, port: int, command: tuple[str, ...] = ()
) -> Container:
    podman(
        "run",
        "--detach",
        "--name",
        name,
        *HARDENED,
        "--volume",
        f"{volume}:/data",
        "--env-file",
        str(env_file),
        "--publish",
        f"127.0.0.1:{port}:8000",
        image,
        *command,
    )
    return Container(name, f"http://127.0.0.1:{port}")


def health(container: str) -> str:
    """The HEALTHCHECK's verdict, once run now: "healthy", "unhealthy" or "starting".

    podman times health checks with systemd timers; a machine without systemd
    (a container, CI) has none, so the test runs the image's check itself.
    """
    podman("healthcheck", "run", container, check=False)
    inspected = podman("inspect", "--format", "{{.State.Health.Status}}", container)
    return inspected.stdout.strip()


def wait_healthy(container: str, seconds: float = 90) -> float:
    """Wait until the container reports healthy; how long that took."""
    started = time.monotonic()
    for _ in range(int(seconds)):
        if health(container) == "healthy":
            return time.monotonic() - started
        if podman("inspect", "--format", "{{.State.Running}}", container).stdout.strip() != "true":
            raise EngineError(f"{container} stopped:\n{logs(container)}")
        time.sleep(1)
    raise EngineError(f"{container} was not healthy within {seconds} s:\n{logs(container)}")


def logs(container: str) -> str:
    shown = podman("logs", container, check=False)
    return (shown.stdout + shown.stderr)[-3000:]


def remove(*containers: str) -> None:
    podman("rm", "--force", "--time", "30", *containers, check=False)


@contextmanager
def volume(name: str) -> Iterator[str]:
    podman("volume", "create", name)
    try:
        yield name
    finally:
        podman("volume", "rm", "--force", name, check=False)


def run_compose(command: list[str], *, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A podman-compose command from the project folder, with this project's containers.conf."""
    return subprocess.run(
        command,
        cwd=PROJECT,
        env={**os.environ, "CONTAINERS_CONF": str(CONTAINERS_CONF), **env},
        capture_output=True,
        text=True,
        timeout=BUILD_SECONDS,
        check=False,
    )


# The name podman gives a volume made for an image's VOLUME, not named in compose.
ANONYMOUS_VOLUME = re.compile(r"[0-9a-f]{64}")


def compose_down(
    compose: list[str], *, env: dict[str, str], project: str
) -> subprocess.CompletedProcess:
    """`down --volumes`, then the volumes made for the image's VOLUME, which
    podman-compose (unlike docker compose) leaves behind."""
    containers = podman(
        "ps", "--all", "--quiet", "--filter", f"label=io.podman.compose.project={project}"
    ).stdout.split()
    mounted = (
        podman(
            "inspect", "--format", "{{range .Mounts}}{{.Name}} {{end}}", *containers, check=False
        ).stdout.split()
        if containers
        else []
    )
    down = run_compose([*compose, "down", "--volumes"], env=env)
    anonymous = [name for name in mounted if ANONYMOUS_VOLUME.fullmatch(name)]
    if anonymous:
        podman("volume", "rm", "--force", *anonymous, check=False)
    return down

"""The load generator (wrk) and the reference server (nginx), both from Debian."""

import os
import shutil
import subprocess
from dataclasses import dataclass

INSTALL_HINT = "sudo apt-get install wrk nginx"
# nginx is in /usr/sbin, which an ordinary user's PATH often leaves out.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
APT_SECONDS = 600


@dataclass(frozen=True)
class Tools:
    wrk: str
    nginx: str


def found() -> Tools | None:
    wrk = shutil.which("wrk", path=SEARCH_PATH)
    nginx = shutil.which("nginx", path=SEARCH_PATH)
    return Tools(wrk, nginx) if wrk and nginx else None


def apt_get(*args: str) -> bool:
    """apt-get with `args`; False when it fails, hangs, or is not there (not Debian)."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        run = subprocess.run(["apt-get", *args], env=env, timeout=APT_SECONDS, check=False)  # noqa: S603, S607
    except (OSError, subprocess.TimeoutExpired):
        return False
    return run.returncode == 0


def wrk_and_nginx() -> Tools:
    """wrk and nginx, installed with apt-get first when they are missing and we are root.

    Anyone else is told the one command to run: the bench never asks for a password.
    """
    tools = found()
    if tools:
        return tools
    if os.geteuid() != 0:
        raise SystemExit(f"make bench needs wrk and nginx: {INSTALL_HINT}")
    print("make bench: installing wrk and nginx with apt-get")
    # The package lists of a fresh container may be missing or stale: refresh them
    # only when the install needs it.
    if not apt_get("install", "-y", "wrk", "nginx"):
        apt_get("update")
        apt_get("install", "-y", "wrk", "nginx")
    tools = found()
    if not tools:
        raise SystemExit(f"make bench could not install wrk and nginx: try {INSTALL_HINT}")
    return tools


def version(command: list[str]) -> str:
    """The first line a tool prints about itself (wrk and nginx print it on stderr)."""
    run = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    said = (run.stdout + run.stderr).strip()
    return said.splitlines()[0] if said else "?"

"""wrk runs: the command, its output read into numbers, and the CPU each side used.

wrk runs one thread on purpose: on a small machine every core it takes is one
the server does not get, and its own CPU time shows whether it kept up.
"""

import os
import re
import subprocess
import time
from dataclasses import dataclass

from bench import BenchError
from bench.cpu import own_cpu_seconds, tree_cpu_seconds

THREADS = 1
CONNECTIONS = 16
# wrk's own default, written out: a request slower than this counts as an error.
TIMEOUT = "2s"
# wrk may take a moment to start and to print its report after its duration.
GRACE_SECONDS = 15
POLL_SECONDS = 0.05
# At or above this share of its one core, wrk may have been what set the pace.
BUSY_SHARE = 0.9

# What each of wrk's socket error counts means, for the reader of a failure.
SOCKET_ERRORS = {
    "connect": "connections refused or failed",
    "read": "connections closed or reset before a whole answer",
    "write": "requests that could not be sent",
    "timeout": f"no answer within {TIMEOUT}",
}
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class Target:
    """What one row of the results loads: a page of one server, signed in or not."""

    key: str
    label: str
    server: str
    path: str
    signed_in: bool = False


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int
    # connect, read, write and timeout, as wrk counts them.
    socket_errors: dict[str, int]

    @property
    def failures(self) -> list[str]:
        """What went wrong, in words; empty when every request got a 2xx or 3xx."""
        said = []
        if not self.requests:
            said.append("no request was answered within the run")
        if self.non_2xx_3xx:
            said.append(f"{self.non_2xx_3xx} responses were not 2xx or 3xx")
        errors = [
            f"{kind} {count} ({SOCKET_ERRORS[kind]})"
            for kind, count in self.socket_errors.items()
            if count
        ]
        if errors:
            said.append("socket errors: " + ", ".join(errors))
        return said


@dataclass(frozen=True)
class Run:
    """One measured wrk run and what the CPU did meanwhile."""

    wrk: WrkResult
    wall_seconds: float
    wrk_cpu_seconds: float
    server_cpu_seconds: float

    @property
    def wrk_share(self) -> float:
        """wrk's CPU time as a share of one core over the run."""
        return self.wrk_cpu_seconds / self.wall_seconds

    @property
    def server_us_per_request(self) -> float:
        return self.server_cpu_seconds / max(self.wrk.requests, 1) * 1_000_000


def milliseconds(value: str) -> float:
    """A wrk duration such as `812.00us`, `8.00ms` or `1.02s`, in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not found:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(found[1]) * UNITS_MS[found[2]]


def parse_wrk(output: str) -> WrkResult:
    """The numbers of wrk's report (run with --latency); ValueError if it has none."""
    requests = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    per_second = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (requests and per_second and p50 and p99):
        raise ValueError(f"wrk's report is missing its figures:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests=int(requests[1]),
        requests_per_second=float(per_second[1]),
        p50_ms=milliseconds(p50[1]),
        p99_ms=milliseconds(p99[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        )
        if sockets
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    )


def busy_note(share: float) -> str:
    """What a reader must know when wrk itself was nearly flat out (empty otherwise)."""
    if share < BUSY_SHARE:
        return ""
    return f"(wrk was busy {share:.0%} of a core: this figure is a lower bound)"


def command(wrk: str, url: str, seconds: int, cookie: str) -> list[str]:
    """wrk as a browser would ask: gzip accepted, the session cookie if signed in."""
    return [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        url,
    ]


def wait_exited(pid: int, seconds: float) -> bool:
    """Wait until `pid` has exited, without reaping it, so that its /proc entry (and
    the CPU time in it) is still there to read. False if it is still running."""
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / POLL_SECONDS) + 1):
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            return True
        if time.monotonic() > deadline:
            break
        time.sleep(POLL_SECONDS)
    return False


def run_wrk(wrk: str, url: str, *, seconds: int, cookie: str, server_pid: int) -> Run:
    """One wrk run against `url`, with the CPU time of wrk and of the server's processes."""
    server_before = tree_cpu_seconds(server_pid)
    started = time.monotonic()
    # wrk's report is a few hundred bytes: the pipe holds it until wrk is reaped.
    process = subprocess.Popen(  # noqa: S603
        command(wrk, url, seconds, cookie), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        if not wait_exited(process.pid, seconds + GRACE_SECONDS):
            raise BenchError(f"wrk did not finish within {seconds + GRACE_SECONDS} s on {url}")
        wall = time.monotonic() - started
        wrk_cpu = own_cpu_seconds(process.pid)
        server_cpu = tree_cpu_seconds(server_pid) - server_before
    finally:
        if process.poll() is None:
            process.kill()
        output = process.communicate(timeout=GRACE_SECONDS)[0].decode(errors="replace")
    try:
        result = parse_wrk(output)
    except ValueError as error:
        raise BenchError(f"wrk on {url}: {error}") from None
    return Run(
        wrk=result, wall_seconds=wall, wrk_cpu_seconds=wrk_cpu, server_cpu_seconds=server_cpu
    )


def warm_up(wrk: str, url: str, *, seconds: int, cookie: str) -> None:
    """A short unmeasured run: connections open, workers warm, caches full."""
    try:
        subprocess.run(  # noqa: S603
            command(wrk, url, seconds, cookie),
            capture_output=True,
            timeout=seconds + GRACE_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(
            f"wrk's warm-up did not finish within {seconds + GRACE_SECONDS} s on {url}"
        ) from None

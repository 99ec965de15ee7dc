"""`make bench`: serve a throwaway copy of the site, load it with wrk, report the ratios.

Three servers on spare loopback ports: ours (gunicorn.conf.py, as `make run`),
peers' default (`gunicorn config.wsgi -w 2`) and nginx on the same built pages.
Every target is loaded in turn, ROUNDS times over, so that a slow moment of the
machine falls on all of them alike; each figure is the median of its rounds.
BENCH_SECONDS=1 shortens each measured run for a quick try.

Exit status 1 when a target failed (a socket error, or an answer other than
2xx or 3xx), not when a goal is missed: the goals are news, not errors.
"""

import json
import os
import shlex
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from bench import BenchError
from bench.chart import svg
from bench.load import Run, Target, command, run_wrk, warm_up
from bench.report import Row, as_json, checks, machine, markdown, text_checks, text_table
from bench.servers import (
    OUT,
    PAGES,
    PROJECT,
    Server,
    bare_nginx,
    deploy_nginx,
    ours,
    pages_version,
    peers_default,
)
from bench.site import (
    ServerTiming,
    add_dishes,
    fetch,
    median_timing,
    set_up,
    signed_in_cookie,
    site_env,
    timed_fetches,
)
from bench.tools import Tools, version, wrk_and_nginx
from tools.postgres import new_database_url

ROUNDS = 3
MEASURE_SECONDS = 5
WARM_UP_SECONDS = 1
# With the 13 dishes of the demo, a menu of 500.
DISHES_ADDED = 487
TIMED_WARM_UP = 5
TIMED_REQUESTS = 30
# The extra /menu/ load at 500 dishes runs only if the bench is still this far
# from its five minutes.
TIME_BUDGET_SECONDS = 240

TARGETS = [
    Target("nginx-takeout", "nginx /takeout/", "nginx", "/takeout/"),
    Target("ours-takeout", "ours /takeout/", "ours", "/takeout/"),
    Target("peers-takeout", "peers' default /takeout/", "peers", "/takeout/"),
    Target("ours-menu", "ours /menu/ signed in", "ours", "/menu/", signed_in=True),
    Target("ours-menu-anonymous", "ours /menu/ anonymous", "ours", "/menu/"),
    Target("peers-menu", "peers' default /menu/ signed in", "peers", "/menu/", signed_in=True),
]
# With DATABASE_URL: the site's own nginx configuration (deploy/nginx/) in front
# of ours, and ours again on a database of its own on that PostgreSQL server.
SCALED_TARGETS = [
    Target("front-takeout", "deploy/nginx /takeout/", "front", "/takeout/"),
    Target("ours-pg-menu", "ours on PostgreSQL /menu/ signed in", "ours-pg", "/menu/", True),
]


def measure_seconds() -> int:
    value = os.environ.get("BENCH_SECONDS", str(MEASURE_SECONDS))
    if not value.isdigit() or int(value) < 1:
        raise BenchError(f"BENCH_SECONDS={value!r}: say a whole number of seconds, 1 or more")
    return int(value)


def make_sure_of(target: Target, server: Server, cookie: str) -> None:
    """Before any load, one request proves the target answers what the row claims.

    wrk counts a redirect as a success, so a lost session, sent to the log-in
    page, would otherwise be measured as if it were the menu.
    """
    answer = fetch(server.url + target.path, cookie=cookie if target.signed_in else "")
    if answer.status != 200:
        raise BenchError(f"{target.label} answered {answer.status}, not 200")
    if target.path == "/takeout/":
        same_file = answer.body == (PAGES / "takeout" / "index.html").read_bytes()
        if answer.headers.get("Content-Encoding") != "gzip" or not same_file:
            raise BenchError(f"{target.label} did not send build/pages/takeout/ gzipped")
    # The site sets a new session cookie only for a visitor it does not know.
    if target.signed_in and "sessionid=" in answer.headers.get("Set-Cookie", ""):
        raise BenchError(f"{target.label}: the site did not recognise the signed-in session")


def measure(target: Target, server: Server, *, wrk: str, cookie: str, seconds: int) -> Run:
    """One target under load; `cookie` is its server's signed-in visitor's."""
    url = server.url + target.path
    cookie = cookie if target.signed_in else ""
    warm_up(wrk, url, seconds=WARM_UP_SECONDS, cookie=cookie)
    run = run_wrk(wrk, url, seconds=seconds, cookie=cookie, server_pid=server.pid)
    said = (
        f"  {target.label:<36}{run.wrk.requests_per_second:>9,.0f} req/s"
        f"   p99 {run.wrk.p99_ms:7.1f} ms   wrk {run.wrk_share:4.0%} of a core"
    )
    print(said, flush=True)
    for failure in run.wrk.failures:
        print(f"  FAILED {target.label}: {failure}", file=sys.stderr, flush=True)
    return run


def rounds(
    targets: list[Target],
    servers: dict[str, Server],
    *,
    wrk: str,
    cookies: dict[str, str],
    seconds: int,
) -> dict[str, Row]:
    """Every target once a round, ROUNDS times: a slow moment hits them all alike.
    `cookies` holds each server's signed-in visitor."""
    runs: dict[str, list[Run]] = {target.key: [] for target in targets}
    for number in range(1, ROUNDS + 1):
        print(f"Round {number} of {ROUNDS}:", flush=True)
        for target in targets:
            server = servers[target.server]
            cookie = cookies.get(target.server, "")
            runs[target.key].append(
                measure(target, server, wrk=wrk, cookie=cookie, seconds=seconds)
            )
    return {target.key: Row(target, runs[target.key]) for target in targets}


def timed(server: Server, cookie: str) -> ServerTiming:
    """/menu/ signed in, one request at a time: its queries and the time its view took."""
    return median_timing(
        timed_fetches(server.url + "/menu/", cookie, warm_up=TIMED_WARM_UP, samples=TIMED_REQUESTS)
    )


def about(tools: Tools, seconds: int) -> dict:
    """When, on what and how the figures were measured."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(
            wrk=version([tools.wrk, "--version"]).split(" Copyright")[0],
            nginx=version([tools.nginx, "-v"]).removeprefix("nginx version: "),
        ),
        "load": {
            "command": shlex.join(command("wrk", "<url>", seconds, "")),
            "warm_up_seconds": WARM_UP_SECONDS,
            "rounds": ROUNDS,
        },
    }


def summary(facts: dict) -> list[str]:
    """`about` in a few lines, for the terminal, the Markdown and the chart's heading."""
    computer = facts["machine"]
    return [
        f"make bench, {facts['date']}",
        f"{computer['cpus']} CPUs ({computer['cpu']}); Python {computer['python']},"
        f" Django {computer['django']}, gunicorn {computer['gunicorn']}, {computer['nginx']}",
        f"{computer['wrk']}: {facts['load']['command']}",
        f"each run after a {WARM_UP_SECONDS} s warm-up; the median of {ROUNDS} rounds",
    ]


def measure_site(
    tools: Tools, seconds: int, started: float
) -> tuple[dict[str, Row], dict[int, ServerTiming]]:
    """Serve the throwaway site three ways (five with DATABASE_URL), load every target,
    time /menu/ as it grows.

    Every server is stopped on the way out, however the bench ends.
    """
    pages = pages_version()
    postgresql = os.environ.get("DATABASE_URL", "")
    targets = TARGETS + (SCALED_TARGETS if postgresql else [])
    with tempfile.TemporaryDirectory(prefix="bench-") as data, ExitStack() as stack:
        env = site_env(dict(os.environ), Path(data))
        print("Setting up a throwaway copy of the site (migrate, seed_demo)", flush=True)
        set_up(env)
        servers = {
            "nginx": stack.enter_context(bare_nginx(tools.nginx)),
            "ours": stack.enter_context(ours(env)),
            "peers": stack.enter_context(peers_default(env)),
        }
        # The peers' default serves the same database, so maya's session is valid there.
        cookies = dict.fromkeys(("ours", "peers"), signed_in_cookie(servers["ours"].url))
        if postgresql:
            on_postgresql = {**env, "DATABASE_URL": new_database_url(postgresql, "bench")}
            print("And a copy on PostgreSQL, behind the site's own nginx", flush=True)
            set_up(on_postgresql)
            servers["ours-pg"] = stack.enter_context(ours(on_postgresql, name="ours-pg"))
            servers["front"] = stack.enter_context(deploy_nginx(tools.nginx, servers["ours"]))
            cookies["ours-pg"] = signed_in_cookie(servers["ours-pg"].url)
        for target in targets:
            make_sure_of(target, servers[target.server], cookies.get(target.server, ""))
        rows = rounds(targets, servers, wrk=tools.wrk, cookies=cookies, seconds=seconds)
        cookie = cookies["ours"]

        print("Server-Timing of /menu/ signed in, one request at a time", flush=True)
        few = timed(servers["ours"], cookie)
        before, after = add_dishes(env, DISHES_ADDED)
        timings = {before: few, after: timed(servers["ours"], cookie)}
        many = Target(
            "ours-menu-many",
            f"ours /menu/ signed in, {after} dishes",
            "ours",
            "/menu/",
            signed_in=True,
        )
        left = TIME_BUDGET_SECONDS - (time.monotonic() - started)
        if left > ROUNDS * (seconds + WARM_UP_SECONDS + 2):
            rows |= rounds([many], servers, wrk=tools.wrk, cookies=cookies, seconds=seconds)
        else:
            print(f"Left out {many.label} under load: the bench is near its five minutes")
    if pages_version() != pages:
        print(
            "WARNING: build/pages/ was rebuilt while the bench ran (make test or make build"
            " at the same time?): errors on /takeout/ may come from that.",
            file=sys.stderr,
        )
    return rows, timings


def bench() -> int:
    tools = wrk_and_nginx()
    seconds = measure_seconds()
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    facts = about(tools, seconds)
    print("\n".join(summary(facts)) + "\n", flush=True)

    rows, timings = measure_site(tools, seconds, started)

    ordered = list(rows.values())
    found = checks(rows, timings)
    (OUT / "results.md").write_text(markdown(ordered, found, "; ".join(summary(facts)) + "."))
    (OUT / "results.json").write_text(
        json.dumps(as_json(ordered, found, timings, facts), indent=2, ensure_ascii=False) + "\n"
    )
    (OUT / "chart.svg").write_text(svg(ordered, heading=summary(facts)))
    print(f"\n{text_table(ordered)}\n\n{text_checks(found)}\n")
    print(
        f"Server-Timing of /menu/ signed in, median of {TIMED_REQUESTS} requests one at a time: "
        + "; ".join(
            f"{dishes} dishes {timing.queries} queries, app {timing.app_ms:.1f} ms"
            for dishes, timing in timings.items()
        )
    )
    written = ", ".join(
        str((OUT / name).relative_to(PROJECT))
        for name in ("results.md", "results.json", "chart.svg")
    )
    print(f"Written: {written} (the servers' logs: build/bench/*.log)")
    print(f"Took {time.monotonic() - started:.0f} s.")
    failed = [row.target.label for row in ordered if row.failures]
    if failed:
        print(f"FAILED: {', '.join(failed)} (see above)", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    try:
        return bench()
    except BenchError as error:
        print(f"make bench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("make bench: interrupted; the servers it started are stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

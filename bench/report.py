"""The results: medians over the rounds, the ratios against their targets, and the
same figures as a terminal table, a Markdown table for the README and JSON."""

import os
import platform
import statistics
from dataclasses import asdict, dataclass
from importlib.metadata import version

from bench.load import Run, Target, busy_note
from bench.site import ServerTiming

# The goals the issue set. Falling short is news, not a failure of the bench.
TAKEOUT_VS_NGINX = 0.15
TAKEOUT_VS_PEERS = 1.5
MENU_VS_TAKEOUT = 0.35
MENU_P99_MS = 25.0
APP_TIME_GROWTH = 2.0
DEPLOY_NGINX_VS_NGINX = 0.9


LEGEND = (
    "Medians over the rounds. wrk CPU: its busiest round, as a share of its one core.",
    "Server CPU: all the server's processes, per request answered.",
)


@dataclass(frozen=True)
class Row:
    """A target's runs, one a round, summed up as medians."""

    target: Target
    runs: list[Run]

    @property
    def requests_per_second(self) -> float:
        return statistics.median(run.wrk.requests_per_second for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return statistics.median(run.wrk.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return statistics.median(run.wrk.p99_ms for run in self.runs)

    @property
    def server_us_per_request(self) -> float:
        return statistics.median(run.server_us_per_request for run in self.runs)

    @property
    def wrk_share(self) -> float:
        """The busiest wrk was in any round: one flat-out round makes the median doubtful."""
        return max(run.wrk_share for run in self.runs)

    @property
    def failures(self) -> list[str]:
        return [
            f"round {number}: {failure}"
            for number, run in enumerate(self.runs, start=1)
            for failure in run.wrk.failures
        ]

    @property
    def note(self) -> str:
        if self.failures:
            return "FAILED: " + "; ".join(self.failures)
        return busy_note(self.wrk_share)


@dataclass(frozen=True)
class Check:
    name: str
    # None when a row it needs was not measured.
    value: str | None
    # None for a figure shown for interest, with no goal.
    target: str | None
    met: bool = False
    # A row it needs had errors: the figure is shown, with a warning.
    doubtful: bool = False

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        said = "" if self.target is None else "met" if self.met else "NOT met"
        if self.doubtful:
            said = f"{said} (a side FAILED: see above)".strip()
        return said


def ratio_check(
    name: str, top: Row | None, bottom: Row | None, at_least: float | None, *, stretch: bool = False
) -> Check:
    """`top` ÷ `bottom` in requests a second, against `at_least` when there is a goal."""
    goal = None if at_least is None else f"≥ {at_least:g}" + (" (stretch)" if stretch else "")
    if not top or not bottom or not bottom.requests_per_second:
        return Check(name, None, goal)
    ratio = top.requests_per_second / bottom.requests_per_second
    met = at_least is not None and ratio >= at_least
    return Check(name, f"{ratio:.2f}", goal, met, bool(top.failures or bottom.failures))


def checks(rows: dict[str, Row], timings: dict[int, ServerTiming]) -> list[Check]:
    """Every ratio the issue asked for, each beside its goal."""
    takeout, menu = rows.get("ours-takeout"), rows.get("ours-menu")
    found = [
        ratio_check(
            "our /takeout/ ÷ nginx /takeout/",
            takeout,
            rows.get("nginx-takeout"),
            TAKEOUT_VS_NGINX,
            stretch=True,
        ),
        ratio_check(
            "our /takeout/ ÷ peers' default /takeout/",
            takeout,
            rows.get("peers-takeout"),
            TAKEOUT_VS_PEERS,
        ),
        ratio_check("/menu/ signed in ÷ our /takeout/", menu, takeout, MENU_VS_TAKEOUT),
    ]
    if menu:
        p99 = menu.p99_ms
        found.append(
            Check(
                "p99 of /menu/ signed in",
                f"{p99:.1f} ms",
                f"≤ {MENU_P99_MS:g} ms",
                p99 <= MENU_P99_MS,
                bool(menu.failures),
            )
        )
    else:
        found.append(Check("p99 of /menu/ signed in", None, f"≤ {MENU_P99_MS:g} ms"))
    found += [
        ratio_check(
            "/menu/ anonymous ÷ our /takeout/", rows.get("ours-menu-anonymous"), takeout, None
        ),
        ratio_check(
            "our /menu/ signed in ÷ peers' default /menu/ signed in",
            menu,
            rows.get("peers-menu"),
            None,
        ),
    ]
    if "front-takeout" in rows:
        found += [
            ratio_check(
                "deploy/nginx /takeout/ ÷ nginx /takeout/",
                rows["front-takeout"],
                rows.get("nginx-takeout"),
                DEPLOY_NGINX_VS_NGINX,
            ),
            ratio_check(
                "/menu/ signed in, on PostgreSQL ÷ on SQLite",
                rows.get("ours-pg-menu"),
                menu,
                None,
            ),
        ]
    if len(timings) == 2:
        few_dishes, many_dishes = sorted(timings)
        few, many = timings[few_dishes], timings[many_dishes]
        growth = many.app_ms / few.app_ms
        found += [
            Check(
                f"queries on /menu/ signed in, {few_dishes} → {many_dishes} dishes",
                f"{few.queries} → {many.queries}",
                "equal",
                few.queries == many.queries,
            ),
            Check(
                f"app time on /menu/ signed in, {many_dishes} ÷ {few_dishes} dishes",
                f"{growth:.2f}",
                f"≤ {APP_TIME_GROWTH:g}",
                growth <= APP_TIME_GROWTH,
            ),
        ]
        if "ours-menu-many" in rows:
            found.append(
                ratio_check(
                    f"/menu/ signed in, requests/s at {many_dishes} ÷ {few_dishes} dishes",
                    rows["ours-menu-many"],
                    menu,
                    None,
                )
            )
    return found


def cpu_model(cpuinfo: str) -> str:
    """The processor's name from /proc/cpuinfo (x86 says `model name`, some ARM `Model`)."""
    for line in cpuinfo.splitlines():
        name, _, value = line.partition(":")
        if name.strip() in {"model name", "Model", "Hardware"} and value.strip():
            return value.strip()
    return platform.machine() or "unknown processor"


def machine(*, wrk: str, nginx: str) -> dict[str, str]:
    """What the figures were measured on, for anyone comparing them with their own."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = cpu_model(cpuinfo.read())
    except OSError:
        model = platform.machine()
    return {
        "cpus": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "wrk": wrk,
        "nginx": nginx,
    }


def ms(value: float) -> str:
    """Milliseconds to about three significant figures: 0.09, 8.0, 116."""
    if value < 1:
        return f"{value:.2f}"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def text_table(rows: list[Row]) -> str:
    lines = [
        f"{'target':<36}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'wrk CPU':>9}{'server µs/req':>15}"
    ]
    for row in rows:
        lines.append(
            f"{row.target.label:<36}{row.requests_per_second:>9,.0f}{ms(row.p50_ms):>9}"
            f"{ms(row.p99_ms):>9}{row.wrk_share:>9.0%}{row.server_us_per_request:>15,.0f}"
        )
        if row.note:
            lines.append(f"{'':<4}{row.note}")
    lines += LEGEND
    return "\n".join(lines)


def text_checks(found: list[Check]) -> str:
    width = max(len(check.name) for check in found) + 2
    lines = [
        f"{check.name:<{width}}{check.value or 'n/a':>12}   {check.target or '':<19}{check.verdict}"
        for check in found
    ]
    return "\n".join(line.rstrip() for line in lines)


def markdown(rows: list[Row], found: list[Check], header: str) -> str:
    """The tables as the README shows them."""
    lines = [
        header,
        "",
        "| Target | Requests/s | p50 | p99 | wrk CPU | Server CPU per request |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        mark = " (FAILED)" if row.failures else " (see below)" if row.note else ""
        lines.append(
            f"| {row.target.label}{mark} | {row.requests_per_second:,.0f} | {ms(row.p50_ms)} ms"
            f" | {ms(row.p99_ms)} ms | {row.wrk_share:.0%} | {row.server_us_per_request:,.0f} µs |"
        )
    lines += ["", " ".join(LEGEND)]
    noted = [f"- {row.target.label}: {row.note}" for row in rows if row.note]
    lines += ["", *noted] if noted else []
    lines += [
        "",
        "| Ratio | Measured | Target | |",
        "| --- | ---: | --- | --- |",
    ]
    for check in found:
        lines.append(
            f"| {check.name} | {check.value or 'n/a'} | {check.target or ''} | {check.verdict} |"
        )
    return "\n".join(lines) + "\n"


def as_json(
    rows: list[Row], found: list[Check], timings: dict[int, ServerTiming], about: dict
) -> dict:
    return {
        **about,
        "rows": [
            {
                **asdict(row.target),
                "requests_per_second": row.requests_per_second,
                "p50_ms": row.p50_ms,
                "p99_ms": row.p99_ms,
                "wrk_cpu_share_max": row.wrk_share,
                "server_us_per_request": row.server_us_per_request,
                "failures": row.failures,
                "runs": [
                    {
                        **asdict(run.wrk),
                        "wall_seconds": run.wall_seconds,
                        "wrk_cpu_seconds": run.wrk_cpu_seconds,
                        "server_cpu_seconds": run.server_cpu_seconds,
                    }
                    for run in row.runs
                ],
            }
            for row in rows
        ],
        "server_timing": {str(dishes): asdict(timing) for dishes, timing in timings.items()},
        "checks": [{**asdict(check), "verdict": check.verdict} for check in found],
    }

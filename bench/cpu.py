"""CPU time of a process, or of a server with all its workers, read from /proc (Linux).

The bench compares it with the wall-clock time of a run: wrk near one full core
means the load generator, not the server, set the pace.
"""

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcStat:
    ppid: int
    # utime + stime: the process's own CPU time, in clock ticks.
    ticks: int
    # cutime + cstime: its children that ended and were waited for. A worker
    # gunicorn replaced during a run (one that crashed, or with
    # GUNICORN_MAX_REQUESTS set) has its time here, in the master's line.
    children_ticks: int


def parse_proc_stat(text: str) -> ProcStat:
    """The fields of /proc/<pid>/stat the bench needs (proc(5) numbers them from 1)."""
    # The command name, in parentheses, may itself hold spaces and parentheses.
    after_name = text[text.rindex(")") + 2 :].split()
    # after_name[0] is field 3 (state): field n is after_name[n - 3].
    return ProcStat(
        ppid=int(after_name[1]),
        ticks=int(after_name[11]) + int(after_name[12]),
        children_ticks=int(after_name[13]) + int(after_name[14]),
    )


def read_stat(pid: int) -> ProcStat | None:
    """The process's stat, or None when it ended in the meantime."""
    try:
        return parse_proc_stat((PROC / str(pid) / "stat").read_text())
    except (FileNotFoundError, ProcessLookupError):
        return None


def own_cpu_seconds(pid: int) -> float:
    """CPU time of `pid` alone; a process that has exited but was not yet waited for
    (a zombie) still reports its final figure."""
    stat = read_stat(pid)
    if stat is None:
        raise ProcessLookupError(f"no process {pid}")
    return stat.ticks / TICKS_PER_SECOND


def tree_ticks(stats: dict[int, ProcStat], root: int) -> int:
    """CPU ticks of `root` and its descendants, those alive and those ended.

    An ended child that was waited for is counted once, in its parent's
    children_ticks; a living one in its own line.
    """
    children: dict[int, list[int]] = {}
    for pid, stat in stats.items():
        children.setdefault(stat.ppid, []).append(pid)
    total, pending, seen = 0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen or pid not in stats:
            continue
        seen.add(pid)
        total += stats[pid].ticks + stats[pid].children_ticks
        pending.extend(children.get(pid, []))
    return total


def all_stats() -> dict[int, ProcStat]:
    stats = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := read_stat(int(entry.name))):
            stats[int(entry.name)] = stat
    return stats


def tree_cpu_seconds(root: int) -> float:
    """CPU time so far of a server: its master process and every worker it started."""
    return tree_ticks(all_stats(), root) / TICKS_PER_SECOND


def descendants(root: int) -> list[int]:
    """The processes `root` started, and theirs, living now."""
    stats = all_stats()
    found, pending = [], [root]
    while pending:
        parent = pending.pop()
        for pid, stat in stats.items():
            if stat.ppid == parent and pid not in found:
                found.append(pid)
                pending.append(pid)
    return found

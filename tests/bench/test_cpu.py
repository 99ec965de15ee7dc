"""CPU time from /proc: a server's, with its workers living and ended, counted once."""

from bench.cpu import ProcStat, parse_proc_stat, tree_ticks

# A real /proc/<pid>/stat line, its command name changed to the worst case: one
# with a space and parentheses of its own.
STAT = (
    "725 (web (1) x) R 716 716 25038 0 -1 4194304 103 0 0 0 120 34 7 9 20 0 1 0 245862"
    " 3133440 390 18446744073709551615 94141666328576 94141666348457 140724047698928 0 0 0 0"
    " 0 0 0 0 0 17 1 0 0 0 0 0"
)


def test_the_fields_are_found_after_a_command_name_holding_spaces_and_parentheses() -> None:
    assert parse_proc_stat(STAT) == ProcStat(ppid=716, ticks=120 + 34, children_ticks=7 + 9)


def test_a_servers_time_counts_its_workers_alive_and_ended_but_not_strangers() -> None:
    stats = {
        # The master: its own time, and a replaced worker's, waited for.
        100: ProcStat(ppid=1, ticks=5, children_ticks=40),
        101: ProcStat(ppid=100, ticks=30, children_ticks=0),
        102: ProcStat(ppid=100, ticks=20, children_ticks=0),
        # A process the worker started.
        103: ProcStat(ppid=101, ticks=2, children_ticks=0),
        200: ProcStat(ppid=1, ticks=999, children_ticks=999),
    }

    assert tree_ticks(stats, 100) == 5 + 40 + 30 + 20 + 2


def test_a_server_that_has_gone_counts_nothing() -> None:
    assert tree_ticks({200: ProcStat(ppid=1, ticks=9, children_ticks=0)}, 100) == 0

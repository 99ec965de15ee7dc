"""The exercise commands, which the Makefile's targets call:

python -m exercises list | start NN | check [NN] [--json FILE] | hint | reset
python -m exercises prove [NN …] | new TITLE      (for teachers)
"""

import argparse
import os
import sys

from exercises import commands
from exercises.catalogue import UnknownExercise
from exercises.workspace import WorkspaceError


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m exercises",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the exercises and where you are with each")
    start = sub.add_parser("start", help="start an exercise: its starting state, then its checks")
    start.add_argument("exercise")
    check = sub.add_parser("check", help="grade the exercise in progress (exit 0 when all pass)")
    check.add_argument("exercise", nargs="?")
    check.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    hint = sub.add_parser("hint", help="the next hint for the exercise in progress")
    hint.add_argument("exercise", nargs="?")
    sub.add_parser("reset", help="back to the starting state, your attempt kept")
    prove = sub.add_parser(
        "prove", help="for teachers: each exercise fails at its start, passes solved"
    )
    prove.add_argument("exercise", nargs="*")
    new = sub.add_parser("new", help="for teachers: scaffold the next exercise's folder")
    new.add_argument("title")
    return top


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "list":
            return commands.exercises_list()
        if args.command == "start":
            return commands.exercise_start(args.exercise)
        if args.command == "check":
            return commands.exercise_check(args.exercise, json_file=args.json)
        if args.command == "hint":
            return commands.exercise_hint(args.exercise)
        if args.command == "reset":
            return commands.exercise_reset()
        if args.command == "prove":
            from exercises.proof import prove_command

            return prove_command(args.exercise)
        from exercises.scaffold import scaffold_command

        return scaffold_command(args.title)
    except (WorkspaceError, UnknownExercise) as error:
        return commands.fail_plainly(error)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        # The output went to a pipe that closed early (`make check | head`): not an error
        # worth a traceback. Python must not try to flush stdout again on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)

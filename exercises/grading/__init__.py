"""What a checks.py file needs: the `check` decorator and ways to say what went wrong.

A check is a function whose docstring is the one sentence the student reads.
It passes by returning; it fails by raising `Failed` (through `fail` or the
`expect_*` helpers) with what was expected, what came back and a hint.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


class Failed(Exception):
    """A check's verdict: the site did not do what the check expected."""

    def __init__(self, expected: str, got: str, hint: str | None = None) -> None:
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got
        self.hint = hint


@dataclass(eq=False)
class Check:
    function: Callable[[], None]
    hint: str
    needs: tuple["Check", ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return self.function.__name__

    @property
    def sentence(self) -> str:
        doc = self.function.__doc__ or self.name.replace("_", " ")
        return " ".join(doc.split())


def check(*, hint: str, needs: "Check | Iterable[Check]" = ()) -> Callable[[Callable], Check]:
    """Make a function a check. `needs`: checks that must pass first, or this one is skipped."""
    needed = (needs,) if isinstance(needs, Check) else tuple(needs)

    def register(function: Callable[[], None]) -> Check:
        return Check(function=function, hint=hint, needs=needed)

    return register


def fail(*, expected: str, got: str, hint: str | None = None) -> None:
    raise Failed(expected=expected, got=got, hint=hint)


def expect_in(part: str, whole: str, *, where: str, hint: str | None = None) -> None:
    """`part` appears in `whole` (a page, a header), described as `where` when it does not."""
    if part not in whole:
        fail(expected=f"{part!r} in {where}", got=shorten(whole), hint=hint)


def expect_not_in(part: str, whole: str, *, where: str, hint: str | None = None) -> None:
    if part in whole:
        fail(expected=f"no {part!r} in {where}", got=shorten(whole), hint=hint)


def shorten(text: str, limit: int = 160) -> str:
    """Text on one line and at most `limit` characters, for an "expected / got" line."""
    flat = " ".join(str(text).split())
    if not flat:
        return "nothing (empty)"
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

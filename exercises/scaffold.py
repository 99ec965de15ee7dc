"""For teachers: `python -m exercises new "Title"` makes the next exercise's folder."""

from pathlib import Path

from django.utils.text import slugify

from exercises.catalogue import HERE, all_exercises

README = """# Exercise {number}: {title}

**Concept:** the one idea of the two reference texts this exercise teaches.
**See it on:** the page of the site that shows it, e.g. `/menu/`.
**Files to edit:** `menu/views.py`

## What to do

What the student changes, and what a visitor will notice when it works.

## Why it matters

How this connects static and dynamic serving.

## See it

How to watch the change in the browser's developer tools and with `curl -i`.

## Check it

    make check

## Hints

1. The first nudge: where to look.
2. The second: which part of Django does it.
3. The last: close to the answer.
"""

CHECKS = '''"""Exercise {number}: {title}."""

from exercises.grading import check, expect_in
from exercises.grading.site import browser, expect_status, text


@check(hint="Which URL pattern should answer? Look in config/urls.py.")
def page_answers():
    """The page answers with 200."""
    response = browser().get("/")
    expect_status(response, 200, what="GET /")


@check(needs=page_answers, hint="What should the visitor read there?")
def page_says_it():
    """The page says what it should."""
    expect_in("Takeout", text(browser().get("/")), where="the page")
'''


def scaffold(title: str, root: Path = HERE) -> Path:
    numbers = [int(exercise.number) for exercise in all_exercises(root)]
    number = f"{max(numbers, default=0) + 1:02}"
    folder = root / f"{number}-{slugify(title)}"
    folder.mkdir()
    (folder / "README.md").write_text(README.format(number=number, title=title))
    (folder / "checks.py").write_text(CHECKS.format(number=number, title=title))
    return folder


def scaffold_command(title: str) -> int:
    folder = scaffold(title)
    relative = folder.relative_to(HERE.parent)
    print(
        f"Made {relative}/ with a README.md and a checks.py to fill in.\n"
        "Then make its starting state and, if the site does not ship the answer, its\n"
        'solution.patch, as exercises/TEACHING.md shows under "Making the patches".\n'
        f"Prove it works both ways: .venv/bin/python -m exercises prove {folder.name[:2]}"
    )
    return 0

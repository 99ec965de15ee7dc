"""The /coursework/ page and exercises/README.md list every exercise the commands know."""

import html

import pytest
from django.conf import settings

from exercises.catalogue import Exercise, all_exercises

PAGE = settings.PAGES_SOURCE_DIR / "coursework" / "index.html"
LIST = settings.BASE_DIR / "exercises" / "README.md"
every_exercise = pytest.mark.parametrize(
    "exercise", all_exercises(), ids=lambda exercise: exercise.folder.name
)


def readable(markup: str) -> str:
    return html.unescape(markup).replace("\u2019", "'")


@every_exercise
def test_coursework_page_lists_the_exercise_with_its_number_and_title(exercise: Exercise) -> None:
    assert f"{exercise.number} · {exercise.title}." in readable(PAGE.read_text())


@every_exercise
def test_exercise_list_links_the_exercise_readme(exercise: Exercise) -> None:
    row = f"| {exercise.number} | [{exercise.title}]({exercise.folder.name}/README.md) |"

    assert row in LIST.read_text()


@pytest.mark.parametrize("page", ["index.html", "about/index.html"])
def test_home_and_about_link_the_coursework(page: str) -> None:
    assert 'href="/coursework/"' in (settings.PAGES_SOURCE_DIR / page).read_text().split("<main")[1]

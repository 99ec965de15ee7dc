"""docker-entrypoint.sh: what it runs before the CMD, told apart with a stand-in python."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ENTRYPOINT = Path(settings.BASE_DIR) / "docker-entrypoint.sh"


def entrypoint_runs(tmp_path: Path, **env: str) -> list[str]:
    """The python commands the entrypoint ran, then "CMD" once it handed over."""
    said = tmp_path / "said.txt"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text(f'#!/bin/sh\necho "python $*" >> {said}\n')
    (fake / "python").chmod(0o755)
    subprocess.run(
        ["sh", str(ENTRYPOINT), "sh", "-c", f"echo CMD >> {said}"],
        env={"PATH": f"{fake}:{os.environ['PATH']}", **env},
        check=True,
    )
    return said.read_text().splitlines()


def test_the_container_migrates_on_start_then_runs_its_command(tmp_path: Path) -> None:
    assert entrypoint_runs(tmp_path) == ["python manage.py migrate --noinput", "CMD"]


def test_an_instance_of_a_shared_database_leaves_the_migrations_to_the_setup(
    tmp_path: Path,
) -> None:
    assert entrypoint_runs(tmp_path, MIGRATE_ON_START="0") == ["CMD"]


@pytest.mark.parametrize(
    ("env", "seeded"),
    [
        ({"LOAD_DEMO_DISHES": "1"}, "python manage.py seed_demo --dishes-only"),
        ({"LOAD_DEMO_ACCOUNTS": "1"}, "python manage.py seed_demo"),
    ],
)
def test_the_demo_menu_and_accounts_come_only_when_asked_for(
    tmp_path: Path, env: dict[str, str], seeded: str
) -> None:
    assert entrypoint_runs(tmp_path, **env) == ["python manage.py migrate --noinput", seeded, "CMD"]

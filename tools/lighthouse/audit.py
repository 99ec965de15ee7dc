"""Lighthouse's four scores for the pages people open first, from a real run.

    make lighthouse

Serves a throwaway, seeded copy of the site with gunicorn as `make run` does
(on a spare port), runs Lighthouse (from npm, in tools/lighthouse/) in
headless Chromium on each page with its default settings (a mid-range phone
on a throttled network, simulated), prints the scores and whatever kept one
below 100, and writes each page's full report to build/lighthouse/. Exits 1
if any score is below 100. Like a benchmark it is never part of `make test`:
a performance score depends on how busy the machine is.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
REPORTS = PROJECT / "build" / "lighthouse"
PAGES = ("/", "/menu/", "/compare/", "/accounts/login/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
ATTEMPTS = 3


def chromium() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not found:
        raise SystemExit("Chromium is needed: on Debian or Ubuntu, sudo apt-get install chromium")
    return found


def audit(url: str, report: Path, chrome_flags: list[str]) -> dict:
    """Lighthouse's JSON report for `url`, also kept in `report` (with an HTML copy).

    Lighthouse sometimes loses the page load's trace on a busy machine
    (NO_NAVSTART) and says to run it again: so it does, up to ATTEMPTS times.
    """
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(['--headless=new', *chrome_flags])}",
        "--output=json",
        "--output=html",
        f"--output-path={report}",
    ]
    for attempt in range(1, ATTEMPTS + 1):
        run = subprocess.run(  # noqa: S603
            command,
            env={**os.environ, "CHROME_PATH": chromium()},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            return json.loads(report.with_suffix(".report.json").read_text())
        said = (run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"Lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS}): {said}")
    raise SystemExit(f"Lighthouse could not audit {url}.")


def shortfalls(result: dict) -> list[str]:
    """The audits that cost points: scored, weighted and not passed."""
    return [
        f"{category['title']}: {result['audits'][ref['id']]['title']}"
        for category in result["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (result["audits"][ref["id"]]["score"] or 0) < 1
        and result["audits"][ref["id"]]["scoreDisplayMode"] in {"binary", "numeric"}
    ]


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse`, which installs it.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from tests.browser.conftest import CHROMIUM_ARGS
    from tests.server import gunicorn_serving, migrated_env

    REPORTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as data:
        env = migrated_env(Path(data), seed=())
        with gunicorn_serving(env, Path(data) / "gunicorn.log") as url:
            for path in PAGES:
                name = path.strip("/").replace("/", "-") or "home"
                result = audit(url + path, REPORTS / name, CHROMIUM_ARGS)
                scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
                rows.append((path, scores, shortfalls(result)))

    print(f"{'page':<18}" + "".join(f"{category:>16}" for category in CATEGORIES))
    for path, scores, _ in rows:
        print(f"{path:<18}" + "".join(f"{score:>16}" for score in scores))
    for path, _, missed in rows:
        for audit_title in missed:
            print(f"  {path}: {audit_title}")
    print(f"Full reports: {REPORTS.relative_to(PROJECT)}/*.report.html")
    return 0 if all(score == 100 for _, scores, _ in rows for score in scores) else 1


if __name__ == "__main__":
    sys.exit(main())

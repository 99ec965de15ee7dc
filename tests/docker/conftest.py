import os

import pytest

from tests.docker import engine

TAG = "localhost/takeout-and-table:test"


def unless_missing(why: str | None) -> None:
    """Skip, saying `why` (what is missing and how to get it), if there is a why; fail in CI."""
    if why:
        if os.environ.get("CI"):
            pytest.fail(why + " (CI must run the container tests, not skip them)")
        pytest.skip(why)


def ensure_images(request: pytest.FixtureRequest, *names: str) -> None:
    """Make sure the images are here, and say where each came from as the tests run
    (not only on failure)."""
    said = [engine.ensure_image(name) for name in names]
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("".join(f"\ncontainer tests: {line}" for line in said))


@pytest.fixture(scope="session")
def image(request: pytest.FixtureRequest) -> str:
    """The site's image, built from the Dockerfile as it is."""
    unless_missing(engine.missing())
    ensure_images(request, engine.base_image(engine.DOCKERFILE.read_text()))
    engine.build(TAG)
    return TAG

"""In Chromium: /how-it-works/, a file, learns from the server which process
answers, and offers the 500 it can cause."""

import re

from playwright.sync_api import Page, expect

ANSWERED = re.compile(
    r"Asked just now, the server answered from process (\d+) \(thread [^)]+\) "
    r"on the host [^,]+, a worker whose parent process is (\d+)\."
)


def test_the_page_names_the_worker_process_that_answered_its_script(
    site_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(site_url + "/how-it-works/")

    said = page.locator(".live-process-said")
    expect(said).to_have_text(ANSWERED)
    worker, arbiter = map(int, ANSWERED.fullmatch(said.inner_text()).groups())
    server = page.request.get(site_url + "/api/server/").json()
    assert arbiter == server["parent_pid"]
    assert worker != arbiter
    page.get_by_role("button", name="Ask again").click()
    expect(said).to_have_text(re.compile(f"a worker whose parent process is {arbiter}"))
    assert page_errors == []


def test_the_500_button_gets_the_page_that_tells_server_from_client_errors(
    site_url: str, page: Page
) -> None:
    page.goto(site_url + "/how-it-works/")

    with page.expect_response(re.compile(r"/request/fail/")) as answer:
        page.get_by_role(
            "button", name="500 Internal Server Error from a view that fails on purpose"
        ).click()

    assert answer.value.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text("500: the kitchen dropped this order")
    expect(page.get_by_role("heading", level=2)).to_have_text("A server error, not a client error")

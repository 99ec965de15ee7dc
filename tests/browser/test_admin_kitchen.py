"""The chef, on a desktop, runs the day from the admin's dish list without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OpenPage
from tests.browser.test_dynamic_journeys import log_in


@pytest.mark.parametrize("width", [1280, 1440])
def test_every_rows_available_and_special_boxes_are_on_screen(
    seeded_url: str, open_page: OpenPage, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 900})
    log_in(page, seeded_url, "chef", "chef-runs-the-kitchen")
    page.goto(seeded_url + "/admin/menu/dish/")

    boxes = page.locator(
        "#result_list input[name$='-available'], #result_list input[name$='-special']"
    )

    expect(boxes).to_have_count(26)
    # The list sits in a box that scrolls sideways when the table is too wide
    # for it: a box past that box's right edge is hidden until one scrolls.
    shown_up_to = page.locator(".results").evaluate(
        "results => Math.min(results.getBoundingClientRect().right, window.innerWidth)"
    )
    rights = boxes.evaluate_all("boxes => boxes.map(box => box.getBoundingClientRect().right)")
    assert max(rights) <= shown_up_to


def test_ticking_a_special_in_the_list_and_saving_puts_it_on_the_live_menu(
    seeded_url: str, open_page: OpenPage
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900})
    log_in(page, seeded_url, "chef", "chef-runs-the-kitchen")
    page.goto(seeded_url + "/admin/menu/dish/")

    page.get_by_label("Margherita pizza: Today's special").check()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("Margherita pizza")
    expect(page.get_by_label("Margherita pizza: Today's special")).to_be_checked()
    page.goto(seeded_url + "/menu/")
    specials = page.get_by_role("heading", name="Today's specials").locator(
        "xpath=following-sibling::*[1]"
    )
    expect(specials).to_contain_text("Margherita pizza")

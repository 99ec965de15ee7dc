"""E-mail you can see: the chef makes maya's favourite the special, and she reads the notice."""

from playwright.sync_api import Page, expect

from tests.browser.test_dynamic_journeys import log_in

NOTICE = "Today's special at Takeout & Table: Wild mushroom risotto"


def test_chef_ticks_mayas_favourite_as_the_special_and_the_notice_is_on_her_mail_page(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(seeded_url + "/admin/")
    page.get_by_label("Username").fill("chef")
    page.get_by_label("Password").fill("chef-runs-the-kitchen")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Dishes").first.click()
    risotto = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Wild mushroom risotto", exact=True)
    )
    risotto.locator("input[name$='-special']").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Told 1 member by e-mail that Wild mushroom risotto is today's special: "
        "it is on their Your mail page."
    )
    page.get_by_role("button", name="Log out").click()

    page.goto(seeded_url + "/accounts/login/")
    demo = page.get_by_role("table").filter(has_text="maya-likes-it-hot")
    expect(demo).to_contain_text("vegetarian who likes spice")
    log_in(page, seeded_url, "maya", "maya-likes-it-hot")
    page.get_by_role("link", name="Your mail").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your mail")
    notice = page.locator(".mail").filter(has=page.get_by_role("heading", name=NOTICE))
    expect(notice).to_contain_text(
        "Wild mushroom risotto, one of your favourites, is today's special"
    )
    expect(notice.locator("time")).to_be_visible()
    assert page_errors == []

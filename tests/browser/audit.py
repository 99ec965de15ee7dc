"""What a visitor would notice on a page, as lists of problems: an empty list is a pass.

`layout_problems` measures the page as Chromium laid it out; `axe_violations`
runs axe-core, the accessibility engine behind Lighthouse and the browsers'
developer tools, on the page as it stands (after its scripts ran).
"""

import os
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# Each check is run by the page itself, so it sees the layout the visitor sees.
# `desktop` forbids sideways scrolling inside the page too: a wide screen has
# room for every table, so a column behind a scrollbar is a layout bug there.
LAYOUT = """({desktop}) => {
  const problems = [];
  const root = document.documentElement;
  const describe = (element) => {
    const text = (element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    const name = element.tagName.toLowerCase() + (element.className && typeof element.className
      === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    return text ? `${name} "${text}"` : name;
  };
  if (root.scrollWidth > root.clientWidth) {
    const edge = root.clientWidth + 0.5;
    const sticking = [...document.body.querySelectorAll("*")].filter(
      (element) => element.getBoundingClientRect().right > edge &&
        ![...element.children].some((child) => child.getBoundingClientRect().right > edge));
    problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window; ` +
      `sticking out: ${sticking.slice(0, 3).map(describe).join(", ")}`);
  }
  if (desktop) {
    for (const element of document.body.querySelectorAll("*")) {
      const overflow = getComputedStyle(element).overflowX;
      if ((overflow === "auto" || overflow === "scroll") &&
          element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${describe(element)} scrolls sideways: ${element.scrollWidth} px ` +
          `of content in ${element.clientWidth} px`);
      }
    }
  }
  const header = document.querySelector(".site-header .header-bar");
  const main = document.querySelector("main");
  if (header && main) {
    const [h, m] = [header.getBoundingClientRect(), main.getBoundingClientRect()];
    if (Math.abs(h.left - m.left) > 1 || Math.abs(h.right - m.right) > 1) {
      problems.push(`the content (${Math.round(m.left)} to ${Math.round(m.right)} px) is not ` +
        `lined up under the header (${Math.round(h.left)} to ${Math.round(h.right)} px)`);
    }
  }
  const footer = document.querySelector(".site-footer");
  if (footer) {
    const bottom = footer.getBoundingClientRect().bottom + window.scrollY;
    if (bottom < window.innerHeight - 1) {
      problems.push(`the footer ends ${Math.round(window.innerHeight - bottom)} px above ` +
        "the bottom of the window");
    }
  }
  return problems;
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}, on ` +
    violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ") +
    (violation.nodes.length > 3 ? ` and ${violation.nodes.length - 3} more` : ""));
}"""


def layout_problems(page: Page, *, desktop: bool) -> list[str]:
    return page.evaluate(LAYOUT, {"desktop": desktop})


@cache
def axe_source() -> str:
    if not AXE.exists():
        message = (
            "axe-core is not installed: install Node.js and npm "
            "(on Debian or Ubuntu, `sudo apt-get install npm`), then `make test` installs it"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the accessibility tests, not skip them)")
        pytest.skip(message)
    return AXE.read_text()


def axe_violations(page: Page) -> list[str]:
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy
    # refuses inline scripts, and the page is audited under its real policy.
    page.evaluate(axe_source() + ";0")
    return page.evaluate(AXE_RUN)

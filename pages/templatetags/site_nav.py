from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.safestring import SafeString

from config.fragments import Fragments
from pages.catalogue import PAGES

register = template.Library()

# The navigation differs only by the page it marks as current: it is rendered
# once per address and kept (config/fragments.py), a quarter of a millisecond
# off every dynamic page.
NAV = Fragments("includes/nav.html", kept=256)


def nav_context(current_path: str | None) -> dict[str, object]:
    sides = [
        {"badge": "Takeout", "links": [(page.path, page.title) for page in PAGES if page.in_nav]},
        {
            "badge": "Table",
            "links": [
                (reverse("menu:list"), "Live menu"),
                (reverse("accounts:dashboard"), "Your table"),
                (reverse("inspector:request"), "Your request"),
            ],
        },
    ]
    return {"sides": sides, "current_path": current_path}


@register.simple_tag(takes_context=True)
def site_nav(context: Context) -> SafeString:
    """The main navigation in two groups, each under the badge its pages wear: the
    static pages (Takeout), then the dynamic side's doors (Table).

    The static files carry the same markup by hand; a test keeps them equal.
    """
    request = context.get("request")
    path = request.path if request else None
    return NAV.html(path, lambda: nav_context(path))

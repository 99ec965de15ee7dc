from django import template
from django.template.context import Context
from django.urls import reverse

from pages.catalogue import PAGES

register = template.Library()


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context: Context) -> dict[str, object]:
    """The main navigation in two groups, each under the badge its pages wear: the
    static pages (Takeout), then the dynamic side's doors (Table).

    The static files carry the same markup by hand; a test keeps them equal.
    """
    request = context.get("request")
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
    return {"sides": sides, "current_path": request.path if request else None}

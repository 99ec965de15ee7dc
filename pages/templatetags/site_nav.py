from django import template
from django.template.context import Context

from pages.catalogue import PAGES

register = template.Library()


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context: Context) -> dict[str, object]:
    """The main navigation, the same markup the static pages carry by hand."""
    request = context.get("request")
    return {"pages": PAGES, "current_path": request.path if request else None}

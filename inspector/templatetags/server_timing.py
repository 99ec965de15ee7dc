from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from inspector.how_made import MARKER as HOW_MADE_MARKER
from inspector.timing import MARKER

register = template.Library()


@register.simple_tag
def server_timing() -> SafeString:
    """Where the footer says how long the page took; filled in by ServerTimingMiddleware."""
    return mark_safe(MARKER)  # noqa: S308  (a fixed comment, no visitor input)


@register.simple_tag
def how_made() -> SafeString:
    """Where the footer has the "How this page was made" panel, when settings.SHOW_HOW_MADE
    is on; filled in by ServerTimingMiddleware."""
    if not settings.SHOW_HOW_MADE:
        return mark_safe("")
    return mark_safe(HOW_MADE_MARKER)  # noqa: S308  (a fixed comment, no visitor input)
